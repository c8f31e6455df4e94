#include "domain/documents.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr long long kMaxQuantityMilli = 1'000'000'000;      // a million units
constexpr long long kMaxUnitPriceCents = 1'000'000'000;     // 10 million euros
constexpr long long kMaxLineAmountCents = 100'000'000'000;  // a billion euros
constexpr std::size_t kMaxLines = 500;

// 128-bit products for the discount split (discount × base reaches 2.5e27 at the bounds).
__extension__ typedef __int128 Int128;  // NOLINT(modernize-use-using)

// Fits: |quantity| ≤ 1e9 and |price| ≤ 1e9 make a product ≤ 1e18 < 9.2e18. Line amounts are
// then capped at 1e11 cents, so sums of 500 lines times a rate in basis points stay below 2^63.
long long LineAmount(const DocumentLine& line) {
  return DivideRounded(line.quantity_milli * line.unit_price_cents, 1000);
}

}  // namespace

long long DivideRounded(long long numerator, long long denominator) {
  long long magnitude = numerator < 0 ? -numerator : numerator;
  long long q = magnitude / denominator;
  long long r = magnitude % denominator;
  if (r * 2 >= denominator) ++q;
  return numerator < 0 ? -q : q;
}

Result<DocumentTotals> ComputeTotals(const std::vector<DocumentLine>& lines,
                                     const DocumentDiscount& discount,
                                     const DepositRequest& deposit) {
  FieldErrors errors;
  if (lines.size() > kMaxLines) errors.Add("lines", "500 lignes au plus.");
  DocumentTotals t;
  std::map<int, long long, std::greater<>> by_rate;  // rate → Σ line nets
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    const std::string at = "lines[" + std::to_string(i) + "].";
    if (line.text) {
      t.line_nets.push_back(0);
      continue;
    }
    bool ok = true;
    if (line.quantity_milli < 0 || line.quantity_milli > kMaxQuantityMilli) {
      errors.Add(at + "quantity_milli", "Quantité de 0 à 1 000 000.");
      ok = false;
    }
    if (line.unit_price_cents < -kMaxUnitPriceCents || line.unit_price_cents > kMaxUnitPriceCents) {
      errors.Add(at + "unit_price_cents", "Prix unitaire hors limites (10 000 000,00 € au plus).");
      ok = false;
    }
    if (line.vat_rate_bp < 0 || line.vat_rate_bp > 10000) {
      errors.Add(at + "vat_rate_bp", "Taux de TVA de 0 à 100 %.");
      ok = false;
    }
    if (line.discount_bp < 0 || line.discount_bp > 10000) {
      errors.Add(at + "discount_bp", "Remise de 0 à 100 %.");
      ok = false;
    }
    if (line.discount_cents < 0) {
      errors.Add(at + "discount_cents", "Remise positive attendue.");
      ok = false;
    }
    if (line.discount_bp != 0 && line.discount_cents != 0) {
      errors.Add(at + "discount_cents", "Une remise en pourcentage ou en montant, pas les deux.");
      ok = false;
    }
    if (!ok) {
      t.line_nets.push_back(0);
      continue;
    }
    long long amount = LineAmount(line);
    if (amount > kMaxLineAmountCents || amount < -kMaxLineAmountCents) {
      errors.Add(at + "quantity_milli", "Montant de ligne hors limites (1 000 000 000 € au plus).");
      t.line_nets.push_back(0);
      continue;
    }
    long long off = line.discount_cents != 0 ? line.discount_cents
                                             : DivideRounded(amount * line.discount_bp, 10000);
    if (amount >= 0 && off > amount) {
      errors.Add(at + "discount_cents", "La remise dépasse le montant de la ligne.");
      off = 0;
    } else if (amount < 0 && off != 0) {
      errors.Add(at + "discount_cents", "Une ligne de remise ne se remise pas.");
      off = 0;
    }
    long long net = amount - off;
    t.line_nets.push_back(net);
    t.lines_net_cents += net;
    by_rate[line.vat_rate_bp] += net;
  }
  for (const auto& [rate, base] : by_rate) {
    if (base < 0) {
      errors.Add("lines", "Le total à " + std::to_string(rate / 100) + "," +
                              std::to_string(rate % 100 / 10) + " % est négatif.");
    }
  }
  if (discount.bp < 0 || discount.bp > 10000) errors.Add("discount_bp", "Remise de 0 à 100 %.");
  if (discount.cents < 0) errors.Add("discount_cents", "Remise positive attendue.");
  if (discount.bp != 0 && discount.cents != 0) {
    errors.Add("discount_cents", "Une remise en pourcentage ou en montant, pas les deux.");
  }
  if (!errors.empty()) return Fail(errors.ToError());

  t.discount_cents =
      discount.cents != 0 ? discount.cents : DivideRounded(t.lines_net_cents * discount.bp, 10000);
  if (t.discount_cents > t.lines_net_cents) {
    errors.Add("discount_cents", "La remise dépasse le total des lignes.");
    return Fail(errors.ToError());
  }

  // Spread the document discount over the rates in proportion to their bases: each rate gets
  // the floor of its share, the cents left go to the largest remainders (higher rate first on
  // a tie), so the shares add up to the discount exactly.
  struct Share {
    int rate;
    long long base;
    long long part;
    long long remainder;
  };
  std::vector<Share> shares;
  shares.reserve(by_rate.size());
  for (const auto& [rate, base] : by_rate) shares.push_back({rate, base, 0, 0});
  if (t.discount_cents > 0 && t.lines_net_cents > 0) {
    long long given = 0;
    for (auto& s : shares) {
      // discount ≤ lines net ≤ 5e11 and base ≤ 5e11: the product may pass 2^63, so split it.
      Int128 product = static_cast<Int128>(t.discount_cents) * s.base;
      s.part = static_cast<long long>(product / t.lines_net_cents);
      s.remainder = static_cast<long long>(product % t.lines_net_cents);
      given += s.part;
    }
    std::vector<Share*> order;
    order.reserve(shares.size());
    for (auto& s : shares) order.push_back(&s);
    std::stable_sort(order.begin(), order.end(),
                     [](const Share* a, const Share* b) { return a->remainder > b->remainder; });
    for (std::size_t i = 0; given < t.discount_cents && i < order.size(); ++i, ++given) {
      ++order[i]->part;
    }
  }
  for (const auto& s : shares) {
    VatBreakdown v;
    v.rate_bp = s.rate;
    v.discount_cents = s.part;
    v.base_cents = s.base - s.part;
    v.vat_cents = DivideRounded(v.base_cents * s.rate, 10000);
    t.net_cents += v.base_cents;
    t.vat_cents += v.vat_cents;
    t.vat.push_back(v);
  }
  t.gross_cents = t.net_cents + t.vat_cents;

  if (deposit.bp < 0 || deposit.bp > 10000) errors.Add("deposit_bp", "Acompte de 0 à 100 %.");
  if (deposit.cents < 0 || deposit.cents > t.gross_cents) {
    errors.Add("deposit_cents", "L'acompte va de 0 au total TTC.");
  }
  if (deposit.bp != 0 && deposit.cents != 0) {
    errors.Add("deposit_cents", "Un acompte en pourcentage ou en montant, pas les deux.");
  }
  if (!errors.empty()) return Fail(errors.ToError());
  t.deposit_cents =
      deposit.cents != 0 ? deposit.cents : DivideRounded(t.gross_cents * deposit.bp, 10000);
  return t;
}

}  // namespace planify::domain
