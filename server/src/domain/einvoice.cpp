#include "domain/einvoice.hpp"

#include <algorithm>
#include <cstdlib>

namespace planify::domain {

namespace {

constexpr std::string_view kGuideline = "urn:cen.eu:en16931:2017";
constexpr std::string_view kDirectoryScheme = "0225";  // French e-invoicing directory (SIREN)
constexpr std::string_view kEmailScheme = "EM";
constexpr std::string_view kSirenScheme = "0002";
constexpr std::string_view kSiretScheme = "0009";

bool IsBusiness(const ClientInput& buyer) { return buyer.kind == ClientKind::kCompany; }

std::string Country(const std::string& country) { return country.empty() ? "FR" : country; }

// The type code of the document (UNTDID 1001).
std::string_view TypeCode(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kDepositInvoice:
      return "386";
    case DocumentKind::kCreditNote:
      return "381";
    default:
      return "380";
  }
}

std::string Digits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

std::string Compact(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

std::string Date102(std::chrono::year_month_day day) {
  std::string iso = FormatIsoDate(day);  // YYYY-MM-DD
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}

std::string Quantity(long long milli) {
  const bool negative = milli < 0;
  const long long v = std::llabs(milli);
  std::string out = (negative ? "-" : "") + std::to_string(v / 1000) + ".";
  std::string frac = std::to_string(v % 1000 + 1000).substr(1);
  return out + frac;
}

std::string Percent(int bp) {
  std::string out = std::to_string(bp / 100) + ".";
  return out + std::to_string(bp % 100 + 100).substr(1);
}

// The VAT category of the document's rates (UNCL 5305): S standard, E exempt (the franchise, or
// a 0 % line under the standard regime), AE reverse charge.
struct Category {
  std::string code;
  int rate_bp = 0;
  std::string exemption_code;
  std::string exemption_reason;
};

Category CategoryFor(VatTreatment treatment, int rate_bp) {
  switch (treatment) {
    case VatTreatment::kFranchise:
      return {"E", 0, "VATEX-FR-FRANCHISE", "TVA non applicable, art. 293 B du CGI"};
    case VatTreatment::kReverseCharge:
      return {"AE", 0, "VATEX-EU-AE", "Autoliquidation"};
    case VatTreatment::kStandard:
      break;
  }
  if (rate_bp == 0) return {"E", 0, "", "Opération exonérée de TVA"};
  return {"S", rate_bp, "", ""};
}

std::string SellerAddress(const EInvoiceDocument& d) {
  if (!d.seller_electronic_address.empty()) return d.seller_electronic_address;
  if (!d.seller.einvoice_address.empty()) return d.seller.einvoice_address;
  return Digits(d.seller.siren);
}

// The buyer's electronic address and its scheme.
std::pair<std::string, std::string_view> BuyerAddress(const EInvoiceDocument& d) {
  const std::string& chosen =
      d.buyer_electronic_address.empty() ? d.buyer.einvoice_address : d.buyer_electronic_address;
  if (!chosen.empty()) {
    const bool email = chosen.find('@') != std::string::npos;
    return {chosen, email ? kEmailScheme : kDirectoryScheme};
  }
  if (!Digits(d.buyer.siren).empty()) return {Digits(d.buyer.siren), kDirectoryScheme};
  std::string email = d.buyer_email;
  if (email.empty()) {
    for (const auto& c : d.buyer.contacts) {
      if (!c.email.empty() && (email.empty() || c.primary)) email = c.email;
    }
  }
  return {email, kEmailScheme};
}

class Xml {
 public:
  void Open(std::string_view name, std::string_view attributes = {}) {
    Indent();
    out_ += "<" + std::string(name);
    if (!attributes.empty()) out_ += " " + std::string(attributes);
    out_ += ">\n";
    ++depth_;
  }
  void Close(std::string_view name) {
    --depth_;
    Indent();
    out_ += "</" + std::string(name) + ">\n";
  }
  void Leaf(std::string_view name, std::string_view text, std::string_view attributes = {}) {
    Indent();
    out_ += "<" + std::string(name);
    if (!attributes.empty()) out_ += " " + std::string(attributes);
    out_ += ">" + EscapeXml(text) + "</" + std::string(name) + ">\n";
  }
  // `qualified`: the qdt date of a referenced document, else the udt one.
  void Date(std::string_view name, std::chrono::year_month_day day, bool qualified = false) {
    Open(name);
    Leaf(qualified ? "qdt:DateTimeString" : "udt:DateTimeString", Date102(day), "format=\"102\"");
    Close(name);
  }
  std::string Take() { return std::move(out_); }

 private:
  void Indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }
  std::string out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  int depth_ = 0;
};

std::string Attr(std::string_view name, std::string_view value) {
  return std::string(name) + "=\"" + EscapeXml(value) + "\"";
}

void WriteAddress(Xml& x, const std::string& line1, const std::string& line2,
                  const std::string& postal_code, const std::string& city,
                  const std::string& country) {
  x.Open("ram:PostalTradeAddress");
  if (!postal_code.empty()) x.Leaf("ram:PostcodeCode", postal_code);
  if (!line1.empty()) x.Leaf("ram:LineOne", line1);
  if (!line2.empty()) x.Leaf("ram:LineTwo", line2);
  if (!city.empty()) x.Leaf("ram:CityName", city);
  x.Leaf("ram:CountryID", Country(country));
  x.Close("ram:PostalTradeAddress");
}

void WriteTax(Xml& x, const Category& c, std::optional<long long> vat_cents,
              std::optional<long long> base_cents) {
  x.Open("ram:ApplicableTradeTax");
  if (vat_cents) x.Leaf("ram:CalculatedAmount", DecimalAmount(*vat_cents));
  x.Leaf("ram:TypeCode", "VAT");
  if (base_cents && !c.exemption_reason.empty()) x.Leaf("ram:ExemptionReason", c.exemption_reason);
  if (base_cents) x.Leaf("ram:BasisAmount", DecimalAmount(*base_cents));
  x.Leaf("ram:CategoryCode", c.code);
  if (base_cents && !c.exemption_code.empty()) {
    x.Leaf("ram:ExemptionReasonCode", c.exemption_code);
  }
  x.Leaf("ram:RateApplicablePercent", Percent(c.rate_bp));
  x.Close("ram:ApplicableTradeTax");
}

// Same tax element under a line or an allowance: category and rate only.
void WriteCategoryTax(Xml& x, std::string_view element, const Category& c) {
  x.Open(element);
  x.Leaf("ram:TypeCode", "VAT");
  x.Leaf("ram:CategoryCode", c.code);
  x.Leaf("ram:RateApplicablePercent", Percent(c.rate_bp));
  x.Close(element);
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // Control characters other than tab and line breaks are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
          out.push_back(c);
        }
    }
  }
  return out;
}

std::string DecimalAmount(long long cents) {
  const bool negative = cents < 0;
  const long long v = std::llabs(cents);
  return (negative ? "-" : "") + std::to_string(v / 100) + "." +
         std::to_string(v % 100 + 100).substr(1);
}

std::string_view UnitCode(std::string_view unit) {
  if (unit == "hour") return "HUR";
  if (unit == "day") return "DAY";
  if (unit == "km") return "KMT";
  if (unit == "flat") return "LS";
  return "C62";
}

std::string BillingFramework(const EInvoiceDocument& d) {
  const char prefix = d.facts.nature == OperationNature::kGoods   ? 'B'
                      : d.facts.nature == OperationNature::kMixed ? 'M'
                                                                  : 'S';
  const bool after_deposit = d.facts.kind == DocumentKind::kInvoice && d.prepaid_cents > 0;
  return std::string(1, prefix) + (after_deposit ? "4" : "1");
}

FieldErrors CheckEInvoice(const EInvoiceDocument& d) {
  FieldErrors errors;
  const auto& s = d.seller;
  if (Digits(s.siren).size() != 9) {
    errors.Add("organization.siren",
               "Le SIREN de l'entreprise est obligatoire sur une facture électronique.");
  }
  if (s.address_line1.empty() || s.postal_code.empty() || s.city.empty()) {
    errors.Add("organization.address",
               "L'adresse complète de l'entreprise (rue, code postal, ville) est obligatoire.");
  }
  if (d.treatment != VatTreatment::kFranchise && s.vat_number.empty()) {
    errors.Add("organization.vat_number", "Le numéro de TVA intracommunautaire est obligatoire.");
  }
  if (SellerAddress(d).empty()) {
    errors.Add("organization.einvoice_address",
               "L'adresse de facturation électronique de l'entreprise est obligatoire.");
  }
  const auto& b = d.buyer;
  const std::string country = Country(b.billing.country);
  if (b.billing.line1.empty() || b.billing.city.empty() ||
      (country == "FR" && b.billing.postal_code.empty())) {
    errors.Add("client.billing_address",
               "L'adresse de facturation complète du client (rue, code postal, ville) est "
               "obligatoire.");
  }
  if (IsBusiness(b) && country == "FR" && Digits(b.siren).size() != 9) {
    errors.Add("client.siren",
               "Le SIREN du client est obligatoire sur une facture électronique entre "
               "entreprises.");
  }
  if (d.treatment == VatTreatment::kReverseCharge && b.vat_number.empty()) {
    errors.Add("client.vat_number",
               "Le numéro de TVA du client est obligatoire en autoliquidation.");
  }
  if (BuyerAddress(d).first.empty()) {
    errors.Add("client.einvoice_address",
               "Le client n'a ni SIREN ni adresse e-mail : indiquez son adresse de facturation "
               "électronique.");
  }
  const std::string& n = d.facts.number;
  const bool charset = std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '-' || c == '_' || c == '/';
  });
  if (n.empty() || n.size() > 35 || !charset) {
    errors.Add("number",
               "Le numéro d'une facture électronique compte au plus 35 caractères parmi A–Z, "
               "a–z, 0–9, + - _ / : changez le format de numérotation.");
  }
  if (d.facts.kind == DocumentKind::kCreditNote && d.facts.corrected_invoice_number.empty()) {
    errors.Add("invoice_id", "Un avoir électronique cite la facture qu'il corrige.");
  }
  return errors;
}

std::string WriteCii(const EInvoiceDocument& d) {
  Xml x;
  x.Open("rsm:CrossIndustryInvoice",
         "xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\" "
         "xmlns:qdt=\"urn:un:unece:uncefact:data:standard:QualifiedDataType:100\" "
         "xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
         "ReusableAggregateBusinessInformationEntity:100\" "
         "xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\"");

  // BT-23 (cadre de facturation) and BT-24 (the EN 16931 specification).
  x.Open("rsm:ExchangedDocumentContext");
  x.Open("ram:BusinessProcessSpecifiedDocumentContextParameter");
  x.Leaf("ram:ID", BillingFramework(d));
  x.Close("ram:BusinessProcessSpecifiedDocumentContextParameter");
  x.Open("ram:GuidelineSpecifiedDocumentContextParameter");
  x.Leaf("ram:ID", kGuideline);
  x.Close("ram:GuidelineSpecifiedDocumentContextParameter");
  x.Close("rsm:ExchangedDocumentContext");

  const auto& s = d.seller;
  const auto& b = d.buyer;
  const bool business = IsBusiness(b);
  const std::string buyer_country = Country(b.billing.country);

  x.Open("rsm:ExchangedDocument");
  x.Leaf("ram:ID", d.facts.number);
  x.Leaf("ram:TypeCode", TypeCode(d.facts.kind));
  x.Date("ram:IssueDateTime", d.facts.issue_date);
  auto note = [&](const std::string& text, std::string_view subject) {
    x.Open("ram:IncludedNote");
    x.Leaf("ram:Content", text);
    if (!subject.empty()) x.Leaf("ram:SubjectCode", subject);
    x.Close("ram:IncludedNote");
  };
  if (!d.title.empty()) note(d.title, "");
  // The French reform's notes: the kind of buyer, then penalties, the 40 € indemnity and
  // the discount terms, each exactly once.
  note(!business ? "B2C" : buyer_country == "FR" ? "B2B" : "B2BINT", "BAR");
  note("Pénalités de retard : " + Percent(s.late_penalty_rate_bp) +
           " % par an, exigibles dès le lendemain de l'échéance.",
       "PMD");
  note(business ? "Indemnité forfaitaire pour frais de recouvrement : 40 €."
                : "Indemnité forfaitaire pour frais de recouvrement de 40 € due par les seuls "
                  "clients professionnels.",
       "PMT");
  note(s.early_payment_discount.empty()
           ? "Pas d'escompte pour paiement anticipé."
           : "Escompte pour paiement anticipé : " + s.early_payment_discount + ".",
       "AAB");
  x.Close("rsm:ExchangedDocument");

  x.Open("rsm:SupplyChainTradeTransaction");
  int line_no = 0;
  for (const auto& l : d.lines) {
    if (l.kind == LineKind::kText) continue;
    ++line_no;
    const Category c = CategoryFor(d.treatment, l.vat_rate_bp);
    // BR-27: a price is never negative; a discount line is a negative quantity.
    const bool negative = l.unit_price_cents < 0;
    const long long quantity = negative ? -l.quantity_milli : l.quantity_milli;
    const long long price = negative ? -l.unit_price_cents : l.unit_price_cents;
    const long long gross = DivideRounded(quantity * price, 1000);
    const long long allowance = gross - l.net_cents;  // the line's own discount

    x.Open("ram:IncludedSupplyChainTradeLineItem");
    x.Open("ram:AssociatedDocumentLineDocument");
    x.Leaf("ram:LineID", std::to_string(line_no));
    x.Close("ram:AssociatedDocumentLineDocument");
    x.Open("ram:SpecifiedTradeProduct");
    // BT-153: the first line of the description names the item; the rest describes it.
    const auto eol = l.description.find('\n');
    x.Leaf("ram:Name", l.description.substr(0, eol));
    if (eol != std::string::npos) x.Leaf("ram:Description", l.description.substr(eol + 1));
    x.Close("ram:SpecifiedTradeProduct");
    x.Open("ram:SpecifiedLineTradeAgreement");
    x.Open("ram:NetPriceProductTradePrice");
    x.Leaf("ram:ChargeAmount", DecimalAmount(price));
    x.Close("ram:NetPriceProductTradePrice");
    x.Close("ram:SpecifiedLineTradeAgreement");
    x.Open("ram:SpecifiedLineTradeDelivery");
    x.Leaf("ram:BilledQuantity", Quantity(quantity), Attr("unitCode", UnitCode(l.unit)));
    x.Close("ram:SpecifiedLineTradeDelivery");
    x.Open("ram:SpecifiedLineTradeSettlement");
    WriteCategoryTax(x, "ram:ApplicableTradeTax", c);
    if (allowance != 0) {
      x.Open("ram:SpecifiedTradeAllowanceCharge");
      x.Open("ram:ChargeIndicator");
      x.Leaf("udt:Indicator", allowance > 0 ? "false" : "true");
      x.Close("ram:ChargeIndicator");
      if (l.discount_bp != 0) x.Leaf("ram:CalculationPercent", Percent(l.discount_bp));
      if (l.discount_bp != 0) x.Leaf("ram:BasisAmount", DecimalAmount(gross));
      x.Leaf("ram:ActualAmount", DecimalAmount(std::llabs(allowance)));
      x.Leaf("ram:Reason", allowance > 0 ? "Remise" : "Arrondi");
      x.Close("ram:SpecifiedTradeAllowanceCharge");
    }
    x.Open("ram:SpecifiedTradeSettlementLineMonetarySummation");
    x.Leaf("ram:LineTotalAmount", DecimalAmount(l.net_cents));
    x.Close("ram:SpecifiedTradeSettlementLineMonetarySummation");
    x.Close("ram:SpecifiedLineTradeSettlement");
    x.Close("ram:IncludedSupplyChainTradeLineItem");
  }

  // Seller and buyer.
  x.Open("ram:ApplicableHeaderTradeAgreement");
  x.Open("ram:SellerTradeParty");
  if (!Digits(s.siret).empty())
    x.Leaf("ram:GlobalID", Digits(s.siret), Attr("schemeID", kSiretScheme));
  x.Leaf("ram:Name", s.legal_name.empty() ? s.name : s.legal_name);
  x.Open("ram:SpecifiedLegalOrganization");
  if (!Digits(s.siren).empty()) x.Leaf("ram:ID", Digits(s.siren), Attr("schemeID", kSirenScheme));
  if (!s.legal_name.empty() && s.legal_name != s.name) x.Leaf("ram:TradingBusinessName", s.name);
  x.Close("ram:SpecifiedLegalOrganization");
  if (!s.email.empty() || !s.phone.empty()) {
    x.Open("ram:DefinedTradeContact");
    if (!s.phone.empty()) {
      x.Open("ram:TelephoneUniversalCommunication");
      x.Leaf("ram:CompleteNumber", s.phone);
      x.Close("ram:TelephoneUniversalCommunication");
    }
    if (!s.email.empty()) {
      x.Open("ram:EmailURIUniversalCommunication");
      x.Leaf("ram:URIID", s.email);
      x.Close("ram:EmailURIUniversalCommunication");
    }
    x.Close("ram:DefinedTradeContact");
  }
  WriteAddress(x, s.address_line1, s.address_line2, s.postal_code, s.city, s.country);
  if (const std::string address = SellerAddress(d); !address.empty()) {
    x.Open("ram:URIUniversalCommunication");
    const bool email = address.find('@') != std::string::npos;
    x.Leaf("ram:URIID", address, Attr("schemeID", email ? kEmailScheme : kDirectoryScheme));
    x.Close("ram:URIUniversalCommunication");
  }
  if (!s.vat_number.empty()) {
    x.Open("ram:SpecifiedTaxRegistration");
    x.Leaf("ram:ID", Compact(s.vat_number), Attr("schemeID", "VA"));
    x.Close("ram:SpecifiedTaxRegistration");
  } else if (!Digits(s.siret.empty() ? s.siren : s.siret).empty()) {
    // Under the franchise there is no VAT number: the tax registration (BT-32) stands in
    // (BR-E-02).
    x.Open("ram:SpecifiedTaxRegistration");
    x.Leaf("ram:ID", Digits(s.siret.empty() ? s.siren : s.siret), Attr("schemeID", "FC"));
    x.Close("ram:SpecifiedTaxRegistration");
  }
  x.Close("ram:SellerTradeParty");

  x.Open("ram:BuyerTradeParty");
  x.Leaf("ram:Name", b.name);
  if (!Digits(b.siren).empty()) {
    x.Open("ram:SpecifiedLegalOrganization");
    x.Leaf("ram:ID", Digits(b.siren), Attr("schemeID", kSirenScheme));
    x.Close("ram:SpecifiedLegalOrganization");
  }
  WriteAddress(x, b.billing.line1, b.billing.line2, b.billing.postal_code, b.billing.city,
               b.billing.country);
  if (const auto [address, scheme] = BuyerAddress(d); !address.empty()) {
    x.Open("ram:URIUniversalCommunication");
    x.Leaf("ram:URIID", address, Attr("schemeID", scheme));
    x.Close("ram:URIUniversalCommunication");
  }
  if (!b.vat_number.empty()) {
    x.Open("ram:SpecifiedTaxRegistration");
    x.Leaf("ram:ID", Compact(b.vat_number), Attr("schemeID", "VA"));
    x.Close("ram:SpecifiedTaxRegistration");
  }
  x.Close("ram:BuyerTradeParty");
  if (!d.purchase_order_ref.empty()) {
    x.Open("ram:BuyerOrderReferencedDocument");
    x.Leaf("ram:IssuerAssignedID", d.purchase_order_ref);
    x.Close("ram:BuyerOrderReferencedDocument");
  }
  x.Close("ram:ApplicableHeaderTradeAgreement");

  // When the services were performed.
  x.Open("ram:ApplicableHeaderTradeDelivery");
  if (const auto day = d.facts.service_date ? d.facts.service_date : d.service_end; day) {
    x.Open("ram:ActualDeliverySupplyChainEvent");
    x.Date("ram:OccurrenceDateTime", *day);
    x.Close("ram:ActualDeliverySupplyChainEvent");
  }
  x.Close("ram:ApplicableHeaderTradeDelivery");

  x.Open("ram:ApplicableHeaderTradeSettlement");
  x.Leaf("ram:InvoiceCurrencyCode", "EUR");
  const std::string iban = Compact(s.iban);
  if (!iban.empty()) {
    x.Open("ram:SpecifiedTradeSettlementPaymentMeans");
    x.Leaf("ram:TypeCode", "58");  // SEPA credit transfer
    x.Leaf("ram:Information", "Virement SEPA");
    x.Open("ram:PayeePartyCreditorFinancialAccount");
    x.Leaf("ram:IBANID", iban);
    x.Close("ram:PayeePartyCreditorFinancialAccount");
    if (!s.bic.empty()) {
      x.Open("ram:PayeeSpecifiedCreditorFinancialInstitution");
      x.Leaf("ram:BICID", Compact(s.bic));
      x.Close("ram:PayeeSpecifiedCreditorFinancialInstitution");
    }
    x.Close("ram:SpecifiedTradeSettlementPaymentMeans");
  }
  for (const auto& v : d.vat) {
    const Category c = CategoryFor(d.treatment, v.rate_bp);
    WriteTax(x, c, v.vat_cents, v.base_cents);
  }
  if (d.service_start || d.service_end) {
    x.Open("ram:BillingSpecifiedPeriod");
    if (d.service_start) x.Date("ram:StartDateTime", *d.service_start);
    if (d.service_end) x.Date("ram:EndDateTime", *d.service_end);
    x.Close("ram:BillingSpecifiedPeriod");
  }
  // The document discount, one allowance per rate (its share, as the totals spread it).
  for (const auto& v : d.vat) {
    if (v.discount_cents == 0) continue;
    x.Open("ram:SpecifiedTradeAllowanceCharge");
    x.Open("ram:ChargeIndicator");
    x.Leaf("udt:Indicator", "false");
    x.Close("ram:ChargeIndicator");
    x.Leaf("ram:ActualAmount", DecimalAmount(v.discount_cents));
    x.Leaf("ram:Reason", "Remise");
    WriteCategoryTax(x, "ram:CategoryTradeTax", CategoryFor(d.treatment, v.rate_bp));
    x.Close("ram:SpecifiedTradeAllowanceCharge");
  }
  const long long due = d.gross_cents - d.prepaid_cents;
  if (d.facts.due_date || !d.payment_terms.empty()) {
    x.Open("ram:SpecifiedTradePaymentTerms");
    if (!d.payment_terms.empty()) x.Leaf("ram:Description", d.payment_terms);
    if (d.facts.due_date) x.Date("ram:DueDateDateTime", *d.facts.due_date);
    x.Close("ram:SpecifiedTradePaymentTerms");
  }
  x.Open("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
  x.Leaf("ram:LineTotalAmount", DecimalAmount(d.lines_net_cents));
  if (d.discount_cents != 0) x.Leaf("ram:AllowanceTotalAmount", DecimalAmount(d.discount_cents));
  x.Leaf("ram:TaxBasisTotalAmount", DecimalAmount(d.net_cents));
  x.Leaf("ram:TaxTotalAmount", DecimalAmount(d.vat_cents), "currencyID=\"EUR\"");
  x.Leaf("ram:GrandTotalAmount", DecimalAmount(d.gross_cents));
  if (d.prepaid_cents != 0) x.Leaf("ram:TotalPrepaidAmount", DecimalAmount(d.prepaid_cents));
  x.Leaf("ram:DuePayableAmount", DecimalAmount(due));
  x.Close("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
  // BT-25/26: the invoice a credit note corrects; the deposit invoices a final one deducts.
  if (d.facts.kind == DocumentKind::kCreditNote && !d.facts.corrected_invoice_number.empty()) {
    x.Open("ram:InvoiceReferencedDocument");
    x.Leaf("ram:IssuerAssignedID", d.facts.corrected_invoice_number);
    if (d.facts.corrected_invoice_date) {
      x.Date("ram:FormattedIssueDateTime", *d.facts.corrected_invoice_date, true);
    }
    x.Close("ram:InvoiceReferencedDocument");
  }
  for (const auto& deposit : d.deposits) {
    x.Open("ram:InvoiceReferencedDocument");
    x.Leaf("ram:IssuerAssignedID", deposit.number);
    if (deposit.issue_date) x.Date("ram:FormattedIssueDateTime", *deposit.issue_date, true);
    x.Close("ram:InvoiceReferencedDocument");
  }
  x.Close("ram:ApplicableHeaderTradeSettlement");
  x.Close("rsm:SupplyChainTradeTransaction");
  x.Close("rsm:CrossIndustryInvoice");
  return x.Take();
}

}  // namespace planify::domain
