#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace planify::domain {

// Kits, depots and periodic checks (docs/equipment.md, "Kits, depots and checks").

// A kit ("Flight case DJ 1"): a named set of items that goes out and comes back together, with
// its own label.
struct KitComponent {
  long long item = 0;
  int quantity = 1;
};

struct KitInput {
  std::string name;
  std::string barcode;  // "" for none; unique per organisation, items' barcodes included
  std::optional<long long> storage_site;
  std::string notes;
  std::vector<KitComponent> items;
};

// Name (1–200, trimmed), barcode as NormalizeBarcode keeps it, notes up to 2,000 characters,
// 1–100 components each once with a quantity of 1–10,000 (fields "items[i].item_id",
// "items[i].quantity").
[[nodiscard]] Result<KitInput> ValidateKit(KitInput input);

// A line of a batch as sent: an item, or a kit (every component, `quantity` times).
struct BatchLine {
  long long item = 0;            // when kit is empty
  std::optional<long long> kit;  // a kit's line
  int quantity = 0;
};

// A line as moved: one item, from the batch's line `line`, tagged with its kit if any.
struct ExpandedLine {
  long long item = 0;
  std::optional<long long> kit;
  int quantity = 0;
  std::size_t line = 0;
};

// The batch in items: each kit line becomes one line per component (quantity × the kit's
// quantity), in the kit's order; lines naming the same item and the same kit are merged (the
// first line's index kept). A kit missing from `kits` expands to nothing (the caller refuses
// unknown kits first). Quantities are checked by the caller per expanded line.
[[nodiscard]] std::vector<ExpandedLine> ExpandKits(
    const std::vector<BatchLine>& lines,
    const std::map<long long, std::vector<KitComponent>>& kits);

// Whole kits that can go out with `on_shelf` units per item: the scarcest component decides
// (0 for an empty kit or a component with nothing on the shelf).
[[nodiscard]] int KitsAvailable(const std::vector<KitComponent>& components,
                                const std::map<long long, int>& on_shelf);

// Where the units of a stock line live. `away` lists the depots other than the home one
// (equipment_items.storage_site_id, nullopt: "no depot") with their units; the home holds the
// rest of what is owned.
struct SiteStock {
  std::optional<long long> site;
  int quantity = 0;
};

// Home first (even when it holds nothing), then the other depots in `away`'s order; a depot
// holding nothing is left out (the home excepted).
[[nodiscard]] std::vector<SiteStock> StockBySite(int owned, std::optional<long long> home,
                                                 const std::vector<SiteStock>& away);

// Why moving `quantity` units from one depot to another is refused: the same depot or a
// quantity out of 1–10,000 (422, fields "to_site_id", "quantity"), more units than the depot
// holds or than are on the shelf now (409, French message).
[[nodiscard]] Result<void> CheckTransfer(const std::vector<SiteStock>& by_site,
                                         std::optional<long long> from, std::optional<long long> to,
                                         int quantity, int on_shelf);

// The `away` rows after the owned count fell to `owned`: the home gives up its units first,
// then the other depots, the last listed first. Rows left empty are dropped.
[[nodiscard]] std::vector<SiteStock> FitAway(int owned, std::vector<SiteStock> away);

// Periodic checks: when an item is next due. The most recent closed record's "next due" date
// wins; otherwise the last check (or cleaning) plus the item's interval; otherwise the day it
// was created plus the interval; nothing without an interval or a date.
struct CheckPlan {
  std::optional<int> interval_days;
  std::optional<std::chrono::year_month_day> next_due_on;    // from the last closed record
  std::optional<std::chrono::year_month_day> last_check_on;  // last done check or cleaning
  std::chrono::year_month_day created_on{};
};

[[nodiscard]] std::optional<std::chrono::year_month_day> CheckDueOn(const CheckPlan& plan);

}  // namespace planify::domain
