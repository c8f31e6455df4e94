#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/billing.hpp"
#include "domain/clients.hpp"
#include "domain/time.hpp"

namespace planify::domain {

// The values a legacy database holds, read the way the importer (issue 23,
// ../shared/legacy/legacy-app.md section d) must read them. Pure: no I/O.

// Legacy money is REAL euros never rounded (121.60000000000001, 215.04). The rule: the
// shortest decimal that reads back as the same double (what Python printed and what the user
// typed: 1.005, not 1.00499999999999989…), rounded half away from zero to the cent. NaN,
// infinities and amounts beyond ±10^13 euros have no cents (nullopt).
[[nodiscard]] std::optional<long long> LegacyEurosToCents(double euros);

// The same decimal reading for any scale: `value` × 10^places (0–6), half away from zero
// (percent → basis points with 2, hours → thousandths with 3).
[[nodiscard]] std::optional<long long> LegacyDecimal(double value, int places);

// Legacy date and time text, naive (SQLAlchemy's SQLite formats and CURRENT_TIMESTAMP):
// "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM:SS.ffffff"
// (1 to 6 fraction digits; a "T" instead of the space is read too). The wall clock it names,
// to the millisecond (microseconds cut), or nullopt when the text is none of these or names no
// real date ("2026-02-30").
[[nodiscard]] std::optional<std::chrono::local_time<std::chrono::milliseconds>>
ParseLegacyLocalTime(std::string_view text);

// The instant of a legacy timestamp: `zone` is what the column was written in ("UTC" for the
// utcnow() defaults — creation dates, signatures, payments, movements —, "Europe/Paris" for
// date.today() / datetime.now() writes); any other zone reads as domain::FromLocal does.
[[nodiscard]] std::optional<Timestamp> LegacyInstant(std::string_view text, std::string_view zone);

// A legacy document number that follows PREFIX-YYYY-N… ("FAC-2026-0042" → FAC, 2026, 42):
// the numbering sequences continue after the highest per series and year. Test and seed
// numbers ("AUDIT-FAC-001", "DEV-TEST-001", "FACT-TEST-3") follow no series: nullopt (they are
// imported as they are and move no sequence).
struct LegacyNumber {
  std::string prefix;
  int year = 0;
  long long sequence = 0;
};
[[nodiscard]] std::optional<LegacyNumber> ParseLegacyNumber(std::string_view number);

// A legacy enum value as the code compares it: accents and case dropped, spaces and hyphens as
// "_" ("Confirmée" → "confirmee", "En cours" → "en_cours", " payée " → "payee").
[[nodiscard]] std::string FoldLegacyEnum(std::string_view raw);

// What a legacy status becomes (docs/data-model.md §4, adjusted to the schema's values):
//   mission   planifiee planned · confirmee confirmed · en_cours in_progress ·
//             terminee completed · annulee canceled
//   quote     brouillon draft · envoye sent · accepte accepted · refuse declined ·
//             expire expired · annule cancelled
//   invoice   brouillon draft · envoyee issued · partiellement_payee partially_paid ·
//             payee paid · en_retard issued (overdue is computed) · annulee cancelled
//   payment   en_attente pending · traitement pending · reussi succeeded · rembourse succeeded
//             (its refund is another row) · annule rejected · echoue failed
//   credit    emis issued · annule cancelled
//   booking   en_attente new · en_attente_dj in_discussion · validee in_discussion ·
//             confirmee won · rejetee lost
//   equipment disponible available · reserve available · maintenance maintenance ·
//             hors_service maintenance (unusable until checked) · archive retired
// Values are folded first (FoldLegacyEnum). nullopt: unknown — the importer applies the
// documented default and reports the row.
enum class LegacyEntity { kMission, kQuote, kInvoice, kPayment, kCreditNote, kBooking, kEquipment };
[[nodiscard]] std::optional<std::string_view> LegacyStatus(LegacyEntity entity,
                                                           std::string_view raw);

// A legacy free-text address ("20 Rue de Rivoli, 75004 Paris", "Hôtel de Ville, Paris",
// several lines) as address parts: a French postcode and a city at the end become
// postal_code and city; the rest is line1 (its first line) and line2 (the other lines, joined
// with ", "). Country FR. Nothing is dropped: text that is not a postcode stays in the lines.
[[nodiscard]] Address SplitLegacyAddress(std::string_view text);

// True for the labels of the rows the legacy test suite and audit scripts leave in real
// databases (quirk d.23): "AUDIT-FAC-001", "AUDIT Local A", "TEST SORTIE (aujourd'hui)",
// "DEV-TEST-001", "FACT-TEST-3", "DEV-LOAD-17" — a leading AUDIT or TEST word, or a TEST or
// LOAD part inside a number. Case and accents do not matter.
[[nodiscard]] bool IsLegacyTestLabel(std::string_view label);

// What a legacy quote or invoice was priced from (legacy-app.md b.2), in Planify's units:
// max(0, rate × hours + travel + equipment − discount), the percentage discount winning over
// the amount.
struct LegacyPricing {
  std::string title;              // the service line's description
  long long hourly_cents = 0;     // tarif_horaire
  long long hours_milli = 0;      // duree_heures
  long long travel_cents = 0;     // frais_transport
  long long equipment_cents = 0;  // frais_materiel, as stored (not re-itemised)
  int discount_bp = 0;            // remise_pourcentage
  long long discount_cents = 0;   // remise_montant, used when the percentage is 0
  int vat_rate_bp = 2000;         // every line's rate (one rate per legacy document)
};

// A legacy document's lines as Planify shows them: service (hours × rate, when either is set),
// travel, equipment rental, discount (clamped so the net is never below 0), each with its
// net_cents. The legacy app issued `issued_net_cents` (montant_ht), and the issued amount
// stands: when the lines do not add up to it (a figure edited by hand, a recalculation that
// changed the equipment cost), one more line carries the difference — a fee when the issued
// amount is higher, a discount when lower — so the lines always add up to what was issued.
struct LegacyLines {
  std::vector<BillingLine> lines;
  long long recomputed_net_cents = 0;  // Σ of the rebuilt lines, before the adjustment
  long long adjustment_cents = 0;      // issued − recomputed (0: they agree)
};
[[nodiscard]] LegacyLines RebuildLegacyLines(const LegacyPricing& pricing,
                                             long long issued_net_cents);

}  // namespace planify::domain
