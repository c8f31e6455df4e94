#include "domain/kits.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "domain/scan_codes.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr int kMaxQuantity = 10000;
constexpr std::size_t kMaxComponents = 100;

std::string Units(int n) { return std::to_string(n) + (n > 1 ? " unités" : " unité"); }

int Holding(const std::vector<SiteStock>& by_site, std::optional<long long> site) {
  for (const auto& s : by_site) {
    if (s.site == site) return s.quantity;
  }
  return 0;
}

}  // namespace

Result<KitInput> ValidateKit(KitInput k) {
  FieldErrors errors;
  RequireText(errors, "name", k.name, 200);
  k.name = Trim(k.name);
  CleanText(errors, "notes", k.notes, 2000);
  if (!k.barcode.empty()) {
    if (auto barcode = NormalizeBarcode(k.barcode)) {
      k.barcode = *barcode;
    } else {
      errors.Add("barcode", "Code-barres de 1 à 100 caractères, sans espace.");
    }
  }
  if (k.storage_site && *k.storage_site <= 0) errors.Add("storage_site_id", "Dépôt inconnu.");
  if (k.items.empty()) {
    errors.Add("items", "Un kit contient au moins un matériel.");
  } else if (k.items.size() > kMaxComponents) {
    errors.Add("items", "Un kit contient 100 matériels au plus.");
  }
  std::set<long long> seen;
  for (std::size_t i = 0; i < k.items.size() && i < kMaxComponents; ++i) {
    const auto& c = k.items[i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (c.item <= 0) {
      errors.Add(at + ".item_id", "Matériel inconnu.");
    } else if (!seen.insert(c.item).second) {
      errors.Add(at + ".item_id", "Ce matériel est déjà dans le kit.");
    }
    if (c.quantity < 1 || c.quantity > kMaxQuantity) {
      errors.Add(at + ".quantity", "Quantité de 1 à 10 000.");
    }
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return k;
}

std::vector<ExpandedLine> ExpandKits(const std::vector<BatchLine>& lines,
                                     const std::map<long long, std::vector<KitComponent>>& kits) {
  std::vector<ExpandedLine> out;
  auto add = [&](long long item, std::optional<long long> kit, long long quantity,
                 std::size_t line) {
    for (auto& e : out) {
      if (e.item == item && e.kit == kit) {
        e.quantity = static_cast<int>(
            std::min<long long>(e.quantity + quantity, std::numeric_limits<int>::max()));
        return;
      }
    }
    out.push_back({item, kit,
                   static_cast<int>(std::min<long long>(quantity, std::numeric_limits<int>::max())),
                   line});
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (!l.kit) {
      add(l.item, std::nullopt, l.quantity, i);
      continue;
    }
    auto kit = kits.find(*l.kit);
    if (kit == kits.end()) continue;
    for (const auto& c : kit->second) {
      add(c.item, l.kit, static_cast<long long>(c.quantity) * l.quantity, i);
    }
  }
  return out;
}

int KitsAvailable(const std::vector<KitComponent>& components,
                  const std::map<long long, int>& on_shelf) {
  if (components.empty()) return 0;
  int best = std::numeric_limits<int>::max();
  for (const auto& c : components) {
    auto it = on_shelf.find(c.item);
    const int shelf = it == on_shelf.end() ? 0 : std::max(0, it->second);
    best = std::min(best, c.quantity > 0 ? shelf / c.quantity : 0);
  }
  return best;
}

std::vector<SiteStock> StockBySite(int owned, std::optional<long long> home,
                                   const std::vector<SiteStock>& away) {
  int elsewhere = 0;
  std::vector<SiteStock> out{{home, 0}};
  for (const auto& s : away) {
    if (s.site == home || s.quantity <= 0) continue;
    elsewhere += s.quantity;
    out.push_back(s);
  }
  out.front().quantity = std::max(0, owned - elsewhere);
  return out;
}

Result<void> CheckTransfer(const std::vector<SiteStock>& by_site, std::optional<long long> from,
                           std::optional<long long> to, int quantity, int on_shelf) {
  FieldErrors errors;
  if (from == to) errors.Add("to_site_id", "Choisissez un autre dépôt que celui de départ.");
  if (quantity < 1 || quantity > kMaxQuantity) errors.Add("quantity", "Quantité de 1 à 10 000.");
  if (!errors.empty()) return Fail(errors.ToError());
  const int held = Holding(by_site, from);
  if (quantity > held) {
    return Fail(ErrorCode::kConflict, held == 0
                                          ? "Ce dépôt n'a aucune unité de ce matériel."
                                          : "Ce dépôt n'a que " + Units(held) + " de ce matériel.");
  }
  if (quantity > on_shelf) {
    return Fail(ErrorCode::kConflict,
                on_shelf == 0 ? "Aucune unité n'est en rayon : tout est sorti ou en maintenance."
                              : "Seulement " + Units(on_shelf) +
                                    " en rayon : le reste est sorti ou en maintenance.");
  }
  return {};
}

std::vector<SiteStock> FitAway(int owned, std::vector<SiteStock> away) {
  int elsewhere = 0;
  for (const auto& s : away) elsewhere += std::max(0, s.quantity);
  int excess = elsewhere - std::max(0, owned);
  for (auto it = away.rbegin(); it != away.rend() && excess > 0; ++it) {
    const int cut = std::min(excess, it->quantity);
    it->quantity -= cut;
    excess -= cut;
  }
  std::erase_if(away, [](const SiteStock& s) { return s.quantity <= 0; });
  return away;
}

std::optional<std::chrono::year_month_day> CheckDueOn(const CheckPlan& plan) {
  if (plan.next_due_on) return plan.next_due_on;
  if (!plan.interval_days || *plan.interval_days <= 0) return std::nullopt;
  const auto from = plan.last_check_on.value_or(plan.created_on);
  return std::chrono::year_month_day{std::chrono::sys_days{from} +
                                     std::chrono::days{*plan.interval_days}};
}

}  // namespace planify::domain
