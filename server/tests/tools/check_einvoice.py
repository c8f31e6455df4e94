#!/usr/bin/env python3
"""An independent reader of Planify's e-invoices (CII, Factur-X profile EN 16931).

Usage: check_einvoice.py XSD FILE.xml  ->  prints JSON {"xsd": [...], "rules": [{"rule", "message"}]}

1. The XML is validated against the official Factur-X 1.07.3 EN 16931 XSD (libxml2, via lxml).
2. The EN 16931 business rules and the French reform rules (FNFE BR-FR) that apply to the
   documents Planify issues are checked here, one function per rule, from the XML alone —
   written apart from the C++ writer, so a mistake in one is not repeated in the other.
   The list is in docs/e-invoicing.md.
"""
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
TX = "rsm:SupplyChainTradeTransaction/"
AGREEMENT = TX + "ram:ApplicableHeaderTradeAgreement/"
SETTLEMENT = TX + "ram:ApplicableHeaderTradeSettlement/"
SUMMATION = SETTLEMENT + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
SELLER = AGREEMENT + "ram:SellerTradeParty/"
BUYER = AGREEMENT + "ram:BuyerTradeParty/"
TYPE_CODES = {"380", "389", "393", "501", "386", "500", "384", "471", "472", "473", "261",
              "262", "381", "396", "502", "503"}
FRAMEWORKS = {p + n for p in "BSM" for n in "12345678"}


class Checker:
    def __init__(self, root):
        self.root = root
        self.failures = []

    def all(self, path, node=None):
        return (node if node is not None else self.root).xpath(path, namespaces=NS)

    def text(self, path, node=None):
        found = self.all(path, node)
        return found[0].text.strip() if found and found[0].text is not None else None

    def amount(self, path, node=None):
        t = self.text(path, node)
        return Decimal(t) if t is not None else None

    def fail(self, rule, message):
        self.failures.append({"rule": rule, "message": message})

    def require(self, rule, path, what):
        if not self.text(path):
            self.fail(rule, what + " is missing")


def lines(c):
    return c.all(TX + "ram:IncludedSupplyChainTradeLineItem")


def line_category(c, line):
    return (c.text("ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode", line),
            c.amount("ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent", line))


def allowances(c, charge):
    flag = "true" if charge else "false"
    return [a for a in c.all(SETTLEMENT + "ram:SpecifiedTradeAllowanceCharge")
            if c.text("ram:ChargeIndicator/udt:Indicator", a) == flag]


def breakdowns(c):
    return c.all(SETTLEMENT + "ram:ApplicableTradeTax")


def check(c):
    # Mandatory business terms (BR-01 … BR-16).
    c.require("BR-01", "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", "BT-24 specification identifier")
    c.require("BR-02", "rsm:ExchangedDocument/ram:ID", "BT-1 invoice number")
    c.require("BR-03", "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString", "BT-2 issue date")
    c.require("BR-04", "rsm:ExchangedDocument/ram:TypeCode", "BT-3 type code")
    c.require("BR-05", SETTLEMENT + "ram:InvoiceCurrencyCode", "BT-5 currency")
    c.require("BR-06", SELLER + "ram:Name", "BT-27 seller name")
    c.require("BR-07", BUYER + "ram:Name", "BT-44 buyer name")
    if not c.all(SELLER + "ram:PostalTradeAddress"):
        c.fail("BR-08", "BG-5 seller postal address is missing")
    c.require("BR-09", SELLER + "ram:PostalTradeAddress/ram:CountryID", "BT-40 seller country")
    if not c.all(BUYER + "ram:PostalTradeAddress"):
        c.fail("BR-10", "BG-8 buyer postal address is missing")
    c.require("BR-11", BUYER + "ram:PostalTradeAddress/ram:CountryID", "BT-55 buyer country")
    c.require("BR-12", SUMMATION + "ram:LineTotalAmount", "BT-106")
    c.require("BR-13", SUMMATION + "ram:TaxBasisTotalAmount", "BT-109")
    c.require("BR-14", SUMMATION + "ram:GrandTotalAmount", "BT-112")
    c.require("BR-15", SUMMATION + "ram:DuePayableAmount", "BT-115")
    if not lines(c):
        c.fail("BR-16", "no invoice line")

    # Lines (BR-21 … BR-27).
    for line in lines(c):
        n = c.text("ram:AssociatedDocumentLineDocument/ram:LineID", line) or "?"
        if not c.text("ram:AssociatedDocumentLineDocument/ram:LineID", line):
            c.fail("BR-21", "a line has no identifier")
        q = c.all("ram:SpecifiedLineTradeDelivery/ram:BilledQuantity", line)
        if not q or not q[0].text:
            c.fail("BR-22", f"line {n}: no quantity")
        elif not q[0].get("unitCode"):
            c.fail("BR-23", f"line {n}: no unit code")
        if c.amount("ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount", line) is None:
            c.fail("BR-24", f"line {n}: no net amount")
        if not c.text("ram:SpecifiedTradeProduct/ram:Name", line):
            c.fail("BR-25", f"line {n}: no item name")
        price = c.amount("ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount", line)
        if price is None:
            c.fail("BR-26", f"line {n}: no net price")
        elif price < 0:
            c.fail("BR-27", f"line {n}: negative net price {price}")
        cat, rate = line_category(c, line)
        if not cat:
            c.fail("BR-CO-04", f"line {n}: no VAT category")
        # The line net equals quantity × price minus its allowances plus its charges.
        if q and q[0].text and price is not None:
            net = c.amount("ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount", line)
            minus = sum((c.amount("ram:ActualAmount", a) for a in c.all("ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge", line) if c.text("ram:ChargeIndicator/udt:Indicator", a) == "false"), Decimal(0))
            plus = sum((c.amount("ram:ActualAmount", a) for a in c.all("ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge", line) if c.text("ram:ChargeIndicator/udt:Indicator", a) == "true"), Decimal(0))
            expected = (Decimal(q[0].text) * price).quantize(Decimal("0.01"), ROUND_HALF_UP) - minus + plus
            if net is not None and abs(expected - net) > Decimal("0.01"):
                c.fail("BR-LINE-NET", f"line {n}: {q[0].text} × {price} − {minus} + {plus} ≠ {net}")

    # Totals (BR-CO-10 … BR-CO-18, BR-CO-25).
    line_total = sum((c.amount("ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount", l) or Decimal(0) for l in lines(c)), Decimal(0))
    bt106 = c.amount(SUMMATION + "ram:LineTotalAmount")
    if bt106 is not None and bt106 != line_total:
        c.fail("BR-CO-10", f"BT-106 {bt106} ≠ Σ line nets {line_total}")
    allowance_total = sum((c.amount("ram:ActualAmount", a) for a in allowances(c, False)), Decimal(0))
    charge_total = sum((c.amount("ram:ActualAmount", a) for a in allowances(c, True)), Decimal(0))
    bt107 = c.amount(SUMMATION + "ram:AllowanceTotalAmount") or Decimal(0)
    bt108 = c.amount(SUMMATION + "ram:ChargeTotalAmount") or Decimal(0)
    if bt107 != allowance_total:
        c.fail("BR-CO-11", f"BT-107 {bt107} ≠ Σ allowances {allowance_total}")
    if bt108 != charge_total:
        c.fail("BR-CO-12", f"BT-108 {bt108} ≠ Σ charges {charge_total}")
    bt109 = c.amount(SUMMATION + "ram:TaxBasisTotalAmount")
    if bt106 is not None and bt109 is not None and bt109 != bt106 - bt107 + bt108:
        c.fail("BR-CO-13", f"BT-109 {bt109} ≠ {bt106} − {bt107} + {bt108}")
    taxes = breakdowns(c)
    if not taxes:
        c.fail("BR-CO-18", "no VAT breakdown")
    vat_sum = sum((c.amount("ram:CalculatedAmount", t) or Decimal(0) for t in taxes), Decimal(0))
    bt110 = c.all(SUMMATION + "ram:TaxTotalAmount")
    bt110v = Decimal(bt110[0].text) if bt110 else Decimal(0)
    if bt110 and bt110[0].get("currencyID") != c.text(SETTLEMENT + "ram:InvoiceCurrencyCode"):
        c.fail("BR-CO-14", "BT-110 has no currency or another one")
    if bt110v != vat_sum:
        c.fail("BR-CO-14", f"BT-110 {bt110v} ≠ Σ BT-117 {vat_sum}")
    bt112 = c.amount(SUMMATION + "ram:GrandTotalAmount")
    if bt112 is not None and bt109 is not None and bt112 != bt109 + bt110v:
        c.fail("BR-CO-15", f"BT-112 {bt112} ≠ {bt109} + {bt110v}")
    bt113 = c.amount(SUMMATION + "ram:TotalPrepaidAmount") or Decimal(0)
    bt114 = c.amount(SUMMATION + "ram:RoundingAmount") or Decimal(0)
    bt115 = c.amount(SUMMATION + "ram:DuePayableAmount")
    if bt115 is not None and bt112 is not None and bt115 != bt112 - bt113 + bt114:
        c.fail("BR-CO-16", f"BT-115 {bt115} ≠ {bt112} − {bt113} + {bt114}")
    if bt115 is not None and bt115 > 0:
        if not (c.text(SETTLEMENT + "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString")
                or c.text(SETTLEMENT + "ram:SpecifiedTradePaymentTerms/ram:Description")):
            c.fail("BR-CO-25", "an amount is due but there is neither a due date nor payment terms")
    if not (c.text(SELLER + "ram:GlobalID") or c.text(SELLER + "ram:SpecifiedLegalOrganization/ram:ID")
            or c.text(SELLER + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")):
        c.fail("BR-CO-26", "no seller identifier, legal registration or VAT identifier")

    # Per VAT category (BR-S, BR-E, BR-AE) and BR-CO-17.
    seller_vat = c.text(SELLER + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")
    seller_fc = c.text(SELLER + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']")
    buyer_vat = c.text(BUYER + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")
    for t in taxes:
        cat = c.text("ram:CategoryCode", t)
        rate = c.amount("ram:RateApplicablePercent", t) or Decimal(0)
        base = c.amount("ram:BasisAmount", t)
        vat = c.amount("ram:CalculatedAmount", t)
        if base is None or vat is None:
            c.fail("BR-45/46", f"{cat} {rate}: base or amount missing")
            continue
        if vat != (base * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP):
            c.fail("BR-CO-17", f"{cat} {rate}: {vat} ≠ {base} × {rate} %")
        nets = sum((c.amount("ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount", l)
                    for l in lines(c) if line_category(c, l) == (cat, rate)), Decimal(0))
        minus = sum((c.amount("ram:ActualAmount", a) for a in allowances(c, False)
                     if (c.text("ram:CategoryTradeTax/ram:CategoryCode", a), c.amount("ram:CategoryTradeTax/ram:RateApplicablePercent", a)) == (cat, rate)), Decimal(0))
        plus = sum((c.amount("ram:ActualAmount", a) for a in allowances(c, True)
                    if (c.text("ram:CategoryTradeTax/ram:CategoryCode", a), c.amount("ram:CategoryTradeTax/ram:RateApplicablePercent", a)) == (cat, rate)), Decimal(0))
        if base != nets - minus + plus:
            c.fail(f"BR-{cat}-08", f"{cat} {rate}: base {base} ≠ Σ nets {nets} − {minus} + {plus}")
        if cat == "S":
            if rate <= 0:
                c.fail("BR-S-05", "standard rate of 0")
            if not seller_vat:
                c.fail("BR-S-02", "standard rated without a seller VAT identifier")
        elif cat == "E":
            if vat != 0:
                c.fail("BR-E-09", "exempt with a VAT amount")
            if not (c.text("ram:ExemptionReason", t) or c.text("ram:ExemptionReasonCode", t)):
                c.fail("BR-E-10", "exempt without a reason")
            if not (seller_vat or seller_fc):
                c.fail("BR-E-02", "exempt without seller VAT identifier or tax registration")
        elif cat == "AE":
            if vat != 0:
                c.fail("BR-AE-09", "reverse charge with a VAT amount")
            if not (c.text("ram:ExemptionReason", t) or c.text("ram:ExemptionReasonCode", t)):
                c.fail("BR-AE-10", "reverse charge without a reason")
            if not seller_vat or not buyer_vat:
                c.fail("BR-AE-02", "reverse charge without both VAT identifiers")
        else:
            c.fail("BR-FR-15", f"category {cat} is not one Planify issues")
    categories = {line_category(c, l) for l in lines(c)}
    declared = {(c.text("ram:CategoryCode", t), c.amount("ram:RateApplicablePercent", t) or Decimal(0)) for t in taxes}
    for missing in categories - declared:
        c.fail("BR-CO-18", f"lines in {missing} without a breakdown")

    # Decimals (BR-DEC): amounts with at most 2 decimals.
    for node in c.all("//ram:LineTotalAmount|//ram:ChargeAmount|//ram:ActualAmount|//ram:BasisAmount|//ram:CalculatedAmount|//ram:TaxBasisTotalAmount|//ram:TaxTotalAmount|//ram:GrandTotalAmount|//ram:DuePayableAmount|//ram:TotalPrepaidAmount|//ram:AllowanceTotalAmount"):
        if node.text and "." in node.text and len(node.text.split(".")[1]) > 2:
            c.fail("BR-DEC", f"{etree.QName(node).localname} {node.text}: more than 2 decimals")

    # Period (BR-29).
    start = c.text(SETTLEMENT + "ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString")
    end = c.text(SETTLEMENT + "ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString")
    if start and end and end < start:
        c.fail("BR-29", f"period ends {end} before it starts {start}")

    # French reform (FNFE BR-FR).
    number = c.text("rsm:ExchangedDocument/ram:ID") or ""
    if len(number) > 35:
        c.fail("BR-FR-01", f"number {number} longer than 35 characters")
    if not re.fullmatch(r"[A-Za-z0-9+\-_/]*", number):
        c.fail("BR-FR-02", f"number {number} has characters outside A-Z a-z 0-9 + - _ /")
    type_code = c.text("rsm:ExchangedDocument/ram:TypeCode")
    if type_code not in TYPE_CODES:
        c.fail("BR-FR-04", f"type code {type_code} not accepted")
    framework = c.text("rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID")
    if framework not in FRAMEWORKS:
        c.fail("BR-FR-08", f"billing framework BT-23 {framework!r} missing or unknown")
    if not c.text(SELLER + "ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']"):
        c.fail("BR-FR-10", "seller SIREN (BT-30, scheme 0002) missing")
    elif not re.fullmatch(r"\d{9}", c.text(SELLER + "ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']")):
        c.fail("BR-FR-10", "seller SIREN is not 9 digits")
    notes = {}
    for note in c.all("rsm:ExchangedDocument/ram:IncludedNote"):
        code = c.text("ram:SubjectCode", note)
        if code:
            notes.setdefault(code, []).append(c.text("ram:Content", note))
    for code in ("PMT", "PMD", "AAB"):
        if len(notes.get(code, [])) != 1:
            c.fail("BR-FR-05", f"note {code} present {len(notes.get(code, []))} times, not once")
    bar = (notes.get("BAR") or [None])[0]
    if bar == "B2B" and not c.text(BUYER + "ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']"):
        c.fail("BR-FR-11", "B2B invoice without the buyer's SIREN (BT-47)")
    for who, path, rule in (("seller", SELLER, "BR-FR-12"), ("buyer", BUYER, "BR-FR-13")):
        uri = c.all(path + "ram:URIUniversalCommunication/ram:URIID")
        if not uri or not (uri[0].text or "").strip() or not uri[0].get("schemeID"):
            c.fail(rule, f"{who} electronic address (with its scheme) missing")
    buyer_uri = c.all(BUYER + "ram:URIUniversalCommunication/ram:URIID")
    buyer_siren = c.text(BUYER + "ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']")
    if bar == "B2B" and buyer_uri and buyer_siren and buyer_uri[0].get("schemeID") == "0225" and not (buyer_uri[0].text or "").startswith(buyer_siren):
        c.fail("BR-FR-13", "B2B buyer electronic address does not start with its SIREN")
    if type_code == "381" and not c.text(SETTLEMENT + "ram:InvoiceReferencedDocument/ram:IssuerAssignedID"):
        c.fail("BR-FR-CO-04", "credit note without the invoice it corrects (BT-25)")


def main():
    xsd_path, xml_path = sys.argv[1], sys.argv[2]
    schema = etree.XMLSchema(etree.parse(xsd_path))
    doc = etree.parse(xml_path)
    xsd = [] if schema.validate(doc) else [f"line {e.line}: {e.message}" for e in schema.error_log]
    c = Checker(doc.getroot())
    try:
        check(c)
    except Exception as error:  # a malformed document: report, do not crash
        c.fail("READ", repr(error))
    print(json.dumps({"xsd": xsd, "rules": c.failures}, ensure_ascii=False))


if __name__ == "__main__":
    main()
