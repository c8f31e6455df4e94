#include <nlohmann/json.hpp>

#include "app/documents/billing_service.hpp"
#include "app/documents/billing_support.hpp"
#include "app/documents/document_pdf.hpp"
#include "app/email/email_service.hpp"
#include "app/organization/organization_service.hpp"
#include "domain/einvoice.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/pdf/facturx.hpp"
#include "store/auth_repository.hpp"
#include "store/document_files_repository.hpp"
#include "store/migrations.hpp"
#include "store/online_payments_repository.hpp"

namespace planify::app {

namespace {

using domain::FormatIsoUtc;
using domain::InvoiceStatus;

constexpr const char* kPaymentNumberFormat = "PAY-{YYYY}-{NNNN}";

Unexpected NoInvoice() { return Fail(ErrorCode::kNotFound, "Facture introuvable."); }
Unexpected NoPayment() { return Fail(ErrorCode::kNotFound, "Paiement introuvable."); }

InvoiceStatus StatusOf(const store::InvoiceRecord& i) {
  return domain::ParseInvoiceStatus(i.status).value_or(InvoiceStatus::kDraft);
}

std::chrono::year_month_day AddDays(std::chrono::year_month_day day, int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{day} + std::chrono::days{days}};
}

std::string InvoiceAuditJson(const store::InvoiceRecord& i) {
  return nlohmann::json{{"number", i.number},
                        {"kind", i.kind},
                        {"status", i.status},
                        {"total_gross_cents", i.gross_cents},
                        {"prepaid_cents", i.prepaid_cents},
                        {"paid_cents", i.paid_cents},
                        {"credited_cents", i.credited_cents}}
      .dump();
}

// The money moved: the invoice takes the status its amounts give it.
void Settle(store::InvoiceRecord& invoice, std::chrono::year_month_day today,
            const std::string& now) {
  auto status = domain::SettledStatus(invoice.Money());
  invoice.status = std::string(domain::InvoiceStatusName(status));
  if (status == InvoiceStatus::kPaid && invoice.paid_on.empty()) {
    invoice.paid_on = domain::FormatIsoDate(today);
  }
  if (status != InvoiceStatus::kPaid) invoice.paid_on.clear();
  if (status == InvoiceStatus::kCancelled && invoice.cancelled_at.empty()) {
    invoice.cancelled_at = now;
  }
}

// A deposit invoice's amounts still to deduct (its gross less what was credited on it), split
// like its own breakdown.
store::DepositLink LinkFor(const store::InvoiceRecord& deposit) {
  store::DepositLink link;
  link.deposit_invoice_id = deposit.id;
  link.number = deposit.number;
  link.issue_date = deposit.issue_date;
  link.gross_cents = deposit.gross_cents - deposit.credited_cents;
  link.net_cents =
      deposit.gross_cents == 0
          ? 0
          : domain::DivideRounded(deposit.net_cents * link.gross_cents, deposit.gross_cents);
  link.vat_cents = link.gross_cents - link.net_cents;
  return link;
}

std::optional<std::chrono::year_month_day> ServiceDay(const store::DocumentRecord& d,
                                                      const domain::OrganizationSettings& s) {
  auto start = domain::ParseIsoUtc(d.service_starts_at);
  if (!start) return std::nullopt;
  return billing::Today(s, *start);
}

domain::OperationNature NatureOf(const std::string& category) {
  if (category == "goods") return domain::OperationNature::kGoods;
  if (category == "mixed") return domain::OperationNature::kMixed;
  return domain::OperationNature::kServices;
}

}  // namespace

namespace billing {

Result<long long> CreateFromQuote(store::Lease& lease, OrganizationId org, long long quote_id,
                                  InvoiceFromQuote kind, const domain::DepositRequest& deposit,
                                  std::optional<long long> created_by, const std::string& stamp) {
  store::BillingRepository repo(lease);
  auto quote = repo.FindQuote(org, quote_id, true);
  if (!quote) return Fail(ErrorCode::kNotFound, "Devis introuvable.");
  if (quote->status != "accepted") {
    return Fail(ErrorCode::kConflict, "Le devis doit être accepté avant d'être facturé.");
  }
  if (repo.HasStandardInvoice(org, quote_id)) {
    return Fail(ErrorCode::kConflict, "Ce devis a déjà sa facture finale.");
  }
  auto settings = billing::LoadSettings(lease, org, nullptr);
  store::InvoiceRecord invoice;
  static_cast<store::DocumentRecord&>(invoice) = *quote;
  invoice.id = 0;
  invoice.number.clear();
  invoice.status = "draft";
  invoice.created_by = created_by;
  invoice.quote_id = quote_id;
  invoice.payment_terms_days = settings.payment_terms_days;
  invoice.content.terms.clear();
  if (quote->client_id) {
    if (auto client = billing::LoadClient(lease, org, *quote->client_id)) {
      invoice.client = client->client;
      invoice.client_email = client->email;
    }
  }
  const std::string quote_ref =
      "devis " + quote->number + " du " +
      domain::FormatFrenchDate(
          domain::ParseIsoDate(quote->issue_date).value_or(std::chrono::year_month_day{}));

  if (kind == InvoiceFromQuote::kDeposit) {
    long long amount = deposit.cents != 0 ? deposit.cents
                       : deposit.bp != 0
                           ? domain::DivideRounded(quote->gross_cents * deposit.bp, 10000)
                           : quote->deposit_cents;
    int bp = deposit.cents != 0 ? 0 : deposit.bp != 0 ? deposit.bp : quote->deposit_bp;
    if (deposit.bp < 0 || deposit.bp > 10000 || deposit.cents < 0) {
      return Fail(ErrorCode::kValidation, "Acompte invalide.",
                  {{"deposit_bp", "Un pourcentage de 0 à 100 % ou un montant positif."}});
    }
    if (amount <= 0) {
      return Fail(ErrorCode::kValidation, "Ce devis ne prévoit pas d'acompte.",
                  {{"deposit_cents", "Indiquez le montant ou le pourcentage de l'acompte."}});
    }
    const long long already = repo.DepositsInvoiced(org, quote_id);
    if (already + amount > quote->gross_cents) {
      return Fail(
          ErrorCode::kValidation, "Les acomptes dépasseraient le total du devis.",
          {{"deposit_cents", "Au plus " + domain::FormatEuros(quote->gross_cents - already) +
                                 " (déjà facturé : " + domain::FormatEuros(already) + ")."}});
    }
    std::string label = bp != 0 ? "Acompte de " + std::to_string(bp / 100) +
                                      (bp % 100 != 0 ? "," + std::to_string(bp % 100) : "") +
                                      " % sur le " + quote_ref
                                : "Acompte sur le " + quote_ref;
    invoice.kind = "deposit";
    invoice.deposit_bp = bp;
    invoice.content.title = "Acompte — " + quote->content.title;
    invoice.content.discount = {};
    invoice.content.lines =
        domain::LinesForShares(domain::SplitGrossOverRates(quote->vat, amount), label);
  } else {
    store::DocumentFilter drafts;
    drafts.quote_id = quote_id;
    drafts.kind = "deposit";
    drafts.statuses = {"draft"};
    drafts.limit = 1;
    if (repo.ListInvoices(org, drafts).total > 0) {
      return Fail(ErrorCode::kConflict,
                  "Une facture d'acompte de ce devis est encore en brouillon : émettez-la ou "
                  "supprimez-la d'abord.");
    }
    invoice.kind = "standard";
  }
  auto priced = domain::PriceDocument(
      invoice.content, {},
      domain::ParseVatTreatment(invoice.vat_regime).value_or(domain::VatTreatment::kStandard));
  if (!priced) return Fail(priced.error());
  invoice.content = std::move(priced->content);
  invoice.net_cents = priced->totals.net_cents;
  invoice.vat_cents = priced->totals.vat_cents;
  invoice.gross_cents = priced->totals.gross_cents;
  invoice.vat = priced->totals.vat;

  std::vector<store::DepositLink> links;
  if (invoice.kind == "standard") {
    for (const auto& d : repo.OpenDeposits(org, quote_id)) {
      auto link = LinkFor(d);
      if (link.gross_cents <= 0) continue;
      invoice.prepaid_cents += link.gross_cents;
      links.push_back(link);
    }
    if (invoice.prepaid_cents > invoice.gross_cents) {
      return Fail(ErrorCode::kConflict, "Les acomptes dépassent le total de la facture.");
    }
  }
  long long id = repo.InsertInvoice(org, invoice, stamp);
  for (const auto& link : links) repo.LinkDeposit(org, id, link, stamp);
  return id;
}

Result<void> IssueDraft(store::Lease& lease, OrganizationId org, const Cipher& cipher,
                        store::InvoiceRecord& invoice, domain::Timestamp now) {
  const std::string stamp = FormatIsoUtc(now);
  if (StatusOf(invoice) != InvoiceStatus::kDraft) {
    return Fail(ErrorCode::kConflict, "Cette facture est déjà émise.");
  }
  store::BillingRepository repo(lease);
  auto settings = billing::LoadSettings(lease, org, &cipher);
  const auto today = billing::Today(settings, now);
  // The client as it is today: an address corrected since the draft is the one printed.
  if (invoice.client_id) {
    if (auto client = billing::LoadClient(lease, org, *invoice.client_id)) {
      invoice.client = client->client;
      if (!client->email.empty()) invoice.client_email = client->email;
    }
  }
  domain::DocumentFacts facts;
  facts.kind = invoice.kind == "deposit" ? domain::DocumentKind::kDepositInvoice
                                         : domain::DocumentKind::kInvoice;
  facts.issue_date = today;
  auto service_day = ServiceDay(invoice, settings);
  if (service_day && *service_day != today) facts.service_date = service_day;
  facts.due_date = AddDays(today, invoice.payment_terms_days);
  facts.nature = NatureOf(invoice.content.operation_category);
  for (const auto& d : invoice.deposits) facts.deducted_deposits.push_back(d.number);
  // Checked before the number is taken: a refused invoice uses no number.
  auto legal = domain::BuildLegalBlock(settings, invoice.client, facts);
  if (!legal) return Fail(legal.error());
  if (settings.einvoicing_required) {
    // The e-invoice must be complete; the number it will get is checked by its format.
    domain::EInvoiceDocument e;
    e.facts = facts;
    e.facts.number = domain::FormatDocumentNumber(settings.invoice_number_format,
                                                  static_cast<int>(today.year()), 1);
    e.seller = settings;
    e.buyer = invoice.client;
    e.buyer_email = invoice.client_email;
    e.treatment =
        domain::ParseVatTreatment(invoice.vat_regime).value_or(domain::VatTreatment::kStandard);
    if (auto missing = domain::CheckEInvoice(e); !missing.empty()) {
      return Fail(missing.ToError(
          "La facture électronique est incomplète : complétez ce qui manque avant d'émettre."));
    }
  }
  invoice.number =
      billing::NextNumber(lease, org, "invoice", settings.invoice_number_format, today, stamp);
  facts.number = invoice.number;
  legal = domain::BuildLegalBlock(settings, invoice.client, facts);
  invoice.issue_date = domain::FormatIsoDate(today);
  invoice.issued_at = stamp;
  invoice.due_date = domain::FormatIsoDate(*facts.due_date);
  invoice.seller_snapshot = billing::SellerJson(settings);
  invoice.legal_mentions = billing::LegalJson(*legal);
  // Money received on the quote before any invoice existed (an online deposit whose invoice
  // could not be issued at once, a legacy deposit) is this invoice's from now on.
  if (invoice.quote_id) {
    for (auto& held : repo.HeldPayments(org, *invoice.quote_id)) {
      const long long due = std::max<long long>(0, invoice.Money().Remaining());
      held.invoice_id = invoice.id;
      held.overpaid_cents = std::max<long long>(0, held.amount_cents - held.refunded_cents - due);
      invoice.paid_cents += held.amount_cents - held.refunded_cents;
      repo.SavePayment(org, held, stamp);
    }
  }
  Settle(invoice, today, stamp);
  repo.SaveInvoice(org, invoice, stamp);
  return {};
}

std::string InvoiceLink(store::InvoiceRecord& invoice, const Cipher& cipher,
                        const std::string& public_url) {
  std::string token = cipher.Open(invoice.public_token_sealed).value_or("");
  if (!IsPublicToken(token) || HashToken(token) != invoice.public_token_hash) {
    token = integrations::RandomHex(32);
    invoice.public_token_hash = HashToken(token);
    invoice.public_token_sealed = cipher.Seal(token);
  }
  return public_url + "/p/facture/" + token;
}

void SettleInvoice(store::InvoiceRecord& invoice, std::chrono::year_month_day today,
                   const std::string& now) {
  Settle(invoice, today, now);
}

}  // namespace billing

Result<store::InvoiceRecord> InvoicesService::Create(const Principal& actor,
                                                     const RequestMeta& meta, InvoiceInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::InvoiceRecord> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto settings = billing::LoadSettings(lease, org, nullptr);
    domain::FieldErrors errors;
    store::InvoiceRecord invoice;
    invoice.status = "draft";
    invoice.created_by = actor.user.value;
    invoice.payment_terms_days = input.payment_terms_days.value_or(settings.payment_terms_days);
    if (invoice.payment_terms_days < 0 || invoice.payment_terms_days > 60) {
      errors.Add("payment_terms_days", "Entre 0 et 60 jours.");
    }
    auto totals =
        billing::FillDocument(lease, org, settings, std::move(input), {}, invoice, errors);
    if (!totals || !errors.empty()) return Fail(errors.ToError());
    store::BillingRepository repo(lease);
    long long id = repo.InsertInvoice(org, invoice, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "invoices.created", "invoice", std::to_string(id),
          InvoiceAuditJson(invoice), stamp);
    auto row = repo.FindInvoice(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::InvoiceRecord> InvoicesService::FromQuote(const Principal& actor,
                                                        const RequestMeta& meta, long long quote_id,
                                                        InvoiceFromQuote kind,
                                                        domain::DepositRequest deposit) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::InvoiceRecord> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    auto id =
        billing::CreateFromQuote(lease, org, quote_id, kind, deposit, actor.user.value, stamp);
    if (!id) return Fail(id.error());
    store::BillingRepository repo(lease);
    auto row = repo.FindInvoice(org, *id);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta,
          row->kind == "deposit" ? "invoices.deposit_created" : "invoices.final_created", "invoice",
          std::to_string(*id), InvoiceAuditJson(*row), stamp);
    tx.Commit();
    return *row;
  });
}

Result<store::InvoiceRecord> InvoicesService::Update(const Principal& actor,
                                                     const RequestMeta& meta, long long id,
                                                     InvoiceInput input) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::InvoiceRecord> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto invoice = repo.FindInvoice(org, id, true);
    if (!invoice) return NoInvoice();
    if (auto ok = domain::CheckInvoiceEditable(StatusOf(*invoice)); !ok) return Fail(ok.error());
    auto settings = billing::LoadSettings(lease, org, nullptr);
    domain::FieldErrors errors;
    if (input.payment_terms_days) {
      if (*input.payment_terms_days < 0 || *input.payment_terms_days > 60) {
        errors.Add("payment_terms_days", "Entre 0 et 60 jours.");
      }
      invoice->payment_terms_days = *input.payment_terms_days;
    }
    auto totals =
        billing::FillDocument(lease, org, settings, std::move(input), {}, *invoice, errors);
    if (totals && invoice->prepaid_cents > invoice->gross_cents) {
      errors.Add("lines", "Le total ne peut pas être inférieur aux acomptes déduits (" +
                              domain::FormatEuros(invoice->prepaid_cents) + ").");
    }
    if (!totals || !errors.empty()) return Fail(errors.ToError());
    repo.SaveInvoice(org, *invoice, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "invoices.updated", "invoice", std::to_string(id),
          InvoiceAuditJson(*invoice), stamp);
    auto row = repo.FindInvoice(org, id);
    tx.Commit();
    return *row;
  });
}

Result<void> InvoicesService::DeleteDraft(const Principal& actor, const RequestMeta& meta,
                                          long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto invoice = repo.FindInvoice(org, id, true);
    if (!invoice) return NoInvoice();
    if (auto ok = domain::CheckInvoiceEditable(StatusOf(*invoice)); !ok) return Fail(ok.error());
    if (!repo.DeleteDraftInvoice(org, id)) return NoInvoice();
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "invoices.draft_deleted", "invoice", std::to_string(id),
          InvoiceAuditJson(*invoice), stamp);
    tx.Commit();
    return {};
  });
}

Result<store::InvoiceRecord> InvoicesService::Issue(const Principal& actor, const RequestMeta& meta,
                                                    long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::InvoiceRecord> {
    const auto org = *actor.organization;
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto invoice = repo.FindInvoice(org, id, true);
    if (!invoice) return NoInvoice();
    if (auto issued = billing::IssueDraft(lease, org, cipher_, *invoice, now); !issued) {
      return Fail(issued.error());
    }
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "invoices.issued", "invoice", std::to_string(id),
          InvoiceAuditJson(*invoice), stamp);
    auto row = repo.FindInvoice(org, id);
    tx.Commit();
    return *row;
  });
}

Result<SendResult> InvoicesService::Send(const Principal& actor, const RequestMeta& meta,
                                         long long id, const std::string& to_address) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<SendResult> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto invoice = repo.FindInvoice(org, id, true);
    if (!invoice) return NoInvoice();
    auto status = StatusOf(*invoice);
    if (status == InvoiceStatus::kDraft) {
      return Fail(ErrorCode::kConflict, "Émettez la facture avant de l'envoyer.");
    }
    if (status == InvoiceStatus::kCancelled) {
      return Fail(ErrorCode::kConflict, "Cette facture est annulée.");
    }
    std::string to = domain::ToLowerAscii(domain::Trim(to_address));
    if (to.empty()) to = invoice->client_email;
    if (to.empty() || !domain::IsPlausibleEmail(to)) {
      return Fail(ErrorCode::kValidation, "Adresse e-mail du destinataire manquante ou invalide.",
                  {{"to", "Indiquez l'adresse e-mail du destinataire."}});
    }
    auto seller = nlohmann::json::parse(invoice->seller_snapshot, nullptr, false);
    std::string iban = seller.is_object() ? seller.value("iban", "") : "";
    std::string payment_text =
        iban.empty()
            ? "Merci de votre règlement."
            : "Règlement par virement sur l'IBAN " + iban +
                  (seller.value("bic", "").empty() ? ""
                                                   : " (BIC " + seller.value("bic", "") + ")") +
                  ", en rappelant la référence " + invoice->number + ".";
    billing::PdfContext context{billing::LoadSettings(lease, org, &cipher_),
                                billing::LogoPng(lease, org), stamp};
    auto pdf = billing::StoredPdf(
        lease, org, "invoices", id, "issued", billing::PdfFilename("facture", invoice->number, id),
        [&] { return billing::InvoicePdf(*invoice, context); }, stamp,
        [&](std::string bytes) {
          return billing::WithFacturX(std::move(bytes), billing::InvoiceEInvoice(*invoice, context),
                                      stamp);
        });
    if (!pdf) return Fail(pdf.error());
    auto due = domain::ParseIsoDate(invoice->due_date);
    // The client's page (PDF, payments, "Payer en ligne" when the organisation takes card
    // payments): the same link in every e-mail of this invoice.
    const std::string link = billing::InvoiceLink(*invoice, cipher_, public_url_);
    auto account = store::OnlinePaymentsRepository(lease).FindAccount(org);
    const bool online = account && account->enabled && !account->webhook_secret_sealed.empty() &&
                        invoice->Money().Remaining() > 0 && invoice->disputed_at.empty();
    if (!online) payment_text += " Votre facture en ligne : " + link;
    nlohmann::json data = {{"client_name", invoice->client.name},
                           {"invoice_number", invoice->number},
                           {"total_ttc", domain::FormatEuros(invoice->gross_cents)},
                           {"amount_due", domain::FormatEuros(invoice->Money().Remaining())},
                           {"due_date", due ? domain::FormatFrenchDate(*due) : ""},
                           {"payment_text", payment_text}};
    if (online) data["pay_url"] = link;
    auto email = QueueTemplatedEmail(lease, org, online ? "invoice.sent" : "invoice.issued", "fr",
                                     OrganizationBranding(lease, org, public_url_), data, to,
                                     invoice->client.name, stamp,
                                     {{pdf->filename, "application/pdf", pdf->content}});
    if (!email) return Fail(std::move(email).error());
    billing::TagEmail(lease, *email, "invoice", id);
    invoice->send_requested_at = stamp;
    repo.SaveInvoice(org, *invoice, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "invoices.sent", "invoice", std::to_string(id),
          nlohmann::json{{"number", invoice->number}, {"to", to}, {"email_id", *email}}.dump(),
          stamp);
    tx.Commit();
    return SendResult{*email, link};
  });
}

Result<InvoiceView> InvoicesService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<InvoiceView> {
    const auto org = *actor.organization;
    store::BillingRepository repo(lease);
    auto invoice = repo.FindInvoice(org, id);
    if (!invoice) return NoInvoice();
    InvoiceView view;
    view.credit_notes = repo.CreditNotesOf(org, id);
    view.payments = repo.PaymentsOf(org, id);
    auto settings = billing::LoadSettings(lease, org, nullptr);
    view.overdue = domain::IsOverdue(StatusOf(*invoice), domain::ParseIsoDate(invoice->due_date),
                                     billing::Today(settings, clock_.Now()));
    view.invoice = std::move(*invoice);
    return view;
  });
}

Result<PdfFile> InvoicesService::Pdf(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PdfFile> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    if (auto stored = billing::FindStoredPdf(lease, org, "invoices", id)) return std::move(*stored);
    auto invoice = store::BillingRepository(lease).FindInvoice(org, id);
    if (!invoice) return NoInvoice();
    billing::PdfContext context{billing::LoadSettings(lease, org, &cipher_),
                                billing::LogoPng(lease, org), stamp};
    if (invoice->status == "draft") {
      auto bytes = integrations::RenderPdf(billing::InvoicePdf(*invoice, context));
      if (!bytes) return Fail(bytes.error());
      return PdfFile{billing::PdfFilename("facture", "", id), *bytes, store::Sha256Hex(*bytes)};
    }
    store::WriteTransaction tx(lease);
    auto pdf = billing::StoredPdf(
        lease, org, "invoices", id, "issued", billing::PdfFilename("facture", invoice->number, id),
        [&] { return billing::InvoicePdf(*invoice, context); }, stamp,
        [&](std::string bytes) {
          return billing::WithFacturX(std::move(bytes), billing::InvoiceEInvoice(*invoice, context),
                                      stamp);
        });
    if (!pdf) return Fail(pdf.error());
    tx.Commit();
    return std::move(*pdf);
  });
}

Result<PdfFile> InvoicesService::PublicPdf(const std::string& token) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PdfFile> {
    if (!IsPublicToken(token)) return NoInvoice();
    auto found = store::BillingRepository(lease).FindInvoiceByToken(HashToken(token));
    if (!found || found->second.status == "draft") return NoInvoice();
    const auto org = found->first;
    const auto& invoice = found->second;
    if (auto stored = billing::FindStoredPdf(lease, org, "invoices", invoice.id)) {
      return std::move(*stored);
    }
    const std::string stamp = FormatIsoUtc(clock_.Now());
    billing::PdfContext context{billing::LoadSettings(lease, org, &cipher_),
                                billing::LogoPng(lease, org), stamp};
    store::WriteTransaction tx(lease);
    auto pdf = billing::StoredPdf(
        lease, org, "invoices", invoice.id, "issued",
        billing::PdfFilename("facture", invoice.number, invoice.id),
        [&] { return billing::InvoicePdf(invoice, context); }, stamp,
        [&](std::string bytes) {
          return billing::WithFacturX(std::move(bytes), billing::InvoiceEInvoice(invoice, context),
                                      stamp);
        });
    if (!pdf) return Fail(pdf.error());
    tx.Commit();
    return std::move(*pdf);
  });
}

Result<PdfFile> InvoicesService::CreditNotePdf(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PdfFile> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    if (auto stored = billing::FindStoredPdf(lease, org, "credit_notes", id)) {
      return std::move(*stored);
    }
    auto note = store::BillingRepository(lease).FindCreditNote(org, id);
    if (!note) return Fail(ErrorCode::kNotFound, "Avoir introuvable.");
    billing::PdfContext context{billing::LoadSettings(lease, org, nullptr),
                                billing::LogoPng(lease, org), stamp};
    auto corrected = store::BillingRepository(lease).FindInvoice(org, note->invoice_id);
    store::WriteTransaction tx(lease);
    auto pdf = billing::StoredPdf(
        lease, org, "credit_notes", id, "issued", note->number + ".pdf",
        [&] { return billing::CreditNotePdf(*note, context); }, stamp,
        [&](std::string bytes) {
          return billing::WithFacturX(
              std::move(bytes),
              billing::CreditNoteEInvoice(*note, corrected ? &*corrected : nullptr, context),
              stamp);
        });
    if (!pdf) return Fail(pdf.error());
    tx.Commit();
    return std::move(*pdf);
  });
}

namespace {

// The embedded XML of a stored Factur-X, or CONFLICT saying why the document has none.
Result<PdfFile> XmlOf(const Result<PdfFile>& pdf, const std::string& number,
                      const domain::EInvoiceDocument& document) {
  if (!pdf) return Fail(pdf.error());
  auto xml = integrations::ExtractFacturX(pdf->content);
  if (xml) return PdfFile{number + ".xml", *xml, store::Sha256Hex(*xml), "application/xml"};
  auto missing = domain::CheckEInvoice(document);
  return Fail(ErrorCode::kConflict,
              "Ce document n'est pas une facture électronique : il lui manque des informations.",
              missing.fields());
}

}  // namespace

Result<PdfFile> InvoicesService::InvoiceXml(const Principal& actor, long long id) {
  auto found = store::WithLease(db_, [&](store::Lease& lease) -> Result<domain::EInvoiceDocument> {
    const auto org = *actor.organization;
    auto invoice = store::BillingRepository(lease).FindInvoice(org, id);
    if (!invoice) return NoInvoice();
    if (invoice->status == "draft") {
      return Fail(ErrorCode::kConflict, "Émettez la facture : un brouillon n'a pas de Factur-X.");
    }
    billing::PdfContext context{billing::LoadSettings(lease, org, &cipher_), "", ""};
    return billing::InvoiceEInvoice(*invoice, context);
  });
  if (!found) return Fail(found.error());
  return XmlOf(Pdf(actor, id), found->facts.number, *found);
}

Result<PdfFile> InvoicesService::CreditNoteXml(const Principal& actor, long long id) {
  auto found = store::WithLease(db_, [&](store::Lease& lease) -> Result<domain::EInvoiceDocument> {
    const auto org = *actor.organization;
    store::BillingRepository repo(lease);
    auto note = repo.FindCreditNote(org, id);
    if (!note) return Fail(ErrorCode::kNotFound, "Avoir introuvable.");
    auto corrected = repo.FindInvoice(org, note->invoice_id);
    billing::PdfContext context{billing::LoadSettings(lease, org, nullptr), "", ""};
    return billing::CreditNoteEInvoice(*note, corrected ? &*corrected : nullptr, context);
  });
  if (!found) return Fail(found.error());
  return XmlOf(CreditNotePdf(actor, id), found->facts.number, *found);
}

Result<store::DocumentPage<store::InvoiceRecord>> InvoicesService::List(
    const Principal& actor, store::DocumentFilter filter, bool overdue_only) {
  filter.query = domain::FoldForSearch(filter.query);
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<store::DocumentPage<store::InvoiceRecord>> {
        const auto org = *actor.organization;
        if (overdue_only) {
          auto settings = billing::LoadSettings(lease, org, nullptr);
          filter.overdue_before = domain::FormatIsoDate(billing::Today(settings, clock_.Now()));
        }
        return store::BillingRepository(lease).ListInvoices(org, filter);
      });
}

Result<store::CreditNoteRecord> InvoicesService::Credit(const Principal& actor,
                                                        const RequestMeta& meta,
                                                        long long invoice_id,
                                                        std::optional<long long> amount_cents,
                                                        std::string reason) {
  domain::FieldErrors errors;
  domain::CleanText(errors, "reason", reason, 500);
  if (reason.empty()) errors.Add("reason", "Indiquez le motif de l'avoir.");
  if (!errors.empty()) return Fail(errors.ToError());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CreditNoteRecord> {
    const auto org = *actor.organization;
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto invoice = repo.FindInvoice(org, invoice_id, true);
    if (!invoice) return NoInvoice();
    auto money = invoice->Money();
    const long long amount = amount_cents.value_or(money.Due());
    if (auto ok = domain::CheckCredit(StatusOf(*invoice), money, amount); !ok) {
      return Fail(ok.error());
    }
    auto settings = billing::LoadSettings(lease, org, &cipher_);
    const auto today = billing::Today(settings, now);
    store::CreditNoteRecord note;
    note.invoice_id = invoice_id;
    note.client_id = invoice->client_id;
    note.client = invoice->client;
    note.vat_regime = invoice->vat_regime;
    note.reason = reason;
    note.full_credit = amount == money.Due() && invoice->credited_cents == 0;
    // One line per VAT rate of the invoice; a VAT rounding may make the shares' gross pass the
    // amount by a cent, so nets come down until it fits.
    auto shares = domain::SplitGrossOverRates(invoice->vat, amount);
    const auto treatment =
        domain::ParseVatTreatment(invoice->vat_regime).value_or(domain::VatTreatment::kStandard);
    std::optional<domain::PricedContent> priced;
    for (int attempt = 0; attempt < 4 && !shares.empty(); ++attempt) {
      domain::DocumentContent content;
      content.title = "Avoir";
      content.lines = domain::LinesForShares(
          shares, "Avoir sur la facture " + invoice->number + " — " + reason);
      auto result = domain::PriceDocument(std::move(content), {}, treatment);
      if (!result) return Fail(result.error());
      if (result->totals.gross_cents <= money.Due()) {
        priced = std::move(*result);
        break;
      }
      --shares.front().net_cents;
    }
    if (!priced) return Fail(ErrorCode::kValidation, "Montant de l'avoir invalide.");
    note.lines = priced->content.lines;
    note.net_cents = priced->totals.net_cents;
    note.vat_cents = priced->totals.vat_cents;
    note.gross_cents = priced->totals.gross_cents;
    note.vat = priced->totals.vat;
    note.issue_date = domain::FormatIsoDate(today);
    note.issued_at = stamp;
    note.created_by = actor.user.value;
    note.seller_snapshot = billing::SellerJson(settings);
    domain::DocumentFacts facts;
    facts.kind = domain::DocumentKind::kCreditNote;
    facts.issue_date = today;
    facts.corrected_invoice_number = invoice->number;
    facts.corrected_invoice_date = domain::ParseIsoDate(invoice->issue_date);
    facts.nature = NatureOf(invoice->content.operation_category);
    auto legal = domain::BuildLegalBlock(settings, invoice->client, facts);
    if (!legal) return Fail(legal.error());
    note.number = billing::NextNumber(lease, org, "credit_note", settings.credit_note_number_format,
                                      today, stamp);
    facts.number = note.number;
    legal = domain::BuildLegalBlock(settings, invoice->client, facts);
    note.legal_mentions = billing::LegalJson(*legal);
    invoice->credited_cents += note.gross_cents;
    note.settlement = invoice->paid_cents > invoice->Money().Due() ? "refund" : "deduct";
    long long id = repo.InsertCreditNote(org, note, stamp);
    Settle(*invoice, today, stamp);
    repo.SaveInvoice(org, *invoice, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "invoices.credited", "invoice", std::to_string(invoice_id),
          nlohmann::json{{"credit_note", note.number},
                         {"gross_cents", note.gross_cents},
                         {"reason", reason},
                         {"invoice_status", invoice->status}}
              .dump(),
          stamp);
    auto row = repo.FindCreditNote(org, id);
    tx.Commit();
    return *row;
  });
}

Result<store::CreditNoteRecord> InvoicesService::GetCreditNote(const Principal& actor,
                                                               long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::CreditNoteRecord> {
    auto note = store::BillingRepository(lease).FindCreditNote(*actor.organization, id);
    if (!note) return Fail(ErrorCode::kNotFound, "Avoir introuvable.");
    return *note;
  });
}

Result<store::PaymentRecord> InvoicesService::RecordPayment(const Principal& actor,
                                                            const RequestMeta& meta,
                                                            long long invoice_id,
                                                            domain::ManualPayment payment) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PaymentRecord> {
    const auto org = *actor.organization;
    const auto now = clock_.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto invoice = repo.FindInvoice(org, invoice_id, true);
    if (!invoice) return NoInvoice();
    auto settings = billing::LoadSettings(lease, org, nullptr);
    const auto today = billing::Today(settings, now);
    auto valid = domain::CheckPayment(std::move(payment), StatusOf(*invoice), invoice->Money(),
                                      repo.PendingPayments(org, invoice_id), today);
    if (!valid) return Fail(valid.error());
    const bool pending = billing::PaymentValidationRequired(lease, org);
    store::PaymentRecord record;
    record.number = billing::NextNumber(lease, org, "payment", kPaymentNumberFormat, today, stamp);
    record.invoice_id = invoice_id;
    record.method = std::string(domain::PaymentMethodName(valid->method));
    record.status = pending ? "pending" : "succeeded";
    record.amount_cents = valid->amount_cents;
    record.reference = valid->reference;
    record.proof_text = valid->proof_text;
    record.received_on = domain::FormatIsoDate(valid->received_on);
    record.recorded_by = actor.user.value;
    record.recorded_ip = meta.ip;
    if (!pending) {
      record.succeeded_at = stamp;
      invoice->paid_cents += record.amount_cents;
      Settle(*invoice, today, stamp);
      repo.SaveInvoice(org, *invoice, stamp);
    }
    long long id = repo.InsertPayment(org, record, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, pending ? "payments.recorded" : "payments.received", "invoice",
          std::to_string(invoice_id),
          nlohmann::json{{"payment", record.number},
                         {"amount_cents", record.amount_cents},
                         {"method", record.method},
                         {"status", record.status}}
              .dump(),
          stamp);
    auto row = repo.FindPayment(org, id);
    tx.Commit();
    return *row;
  });
}

namespace {

template <typename Change>
Result<store::PaymentRecord> DecidePayment(store::Database& db, const Clock& clock,
                                           const Principal& actor, const RequestMeta& meta,
                                           long long payment_id, const char* audit_action,
                                           Change change) {
  return store::WithLease(db, [&](store::Lease& lease) -> Result<store::PaymentRecord> {
    const auto org = *actor.organization;
    const auto now = clock.Now();
    const std::string stamp = FormatIsoUtc(now);
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    auto payment = repo.FindPayment(org, payment_id, true);
    if (!payment) return NoPayment();
    if (payment->status != "pending") {
      return Fail(ErrorCode::kConflict, "Ce paiement a déjà été traité.");
    }
    auto invoice = repo.FindInvoice(org, payment->invoice_id, true);
    if (!invoice) return NoPayment();
    auto settings = billing::LoadSettings(lease, org, nullptr);
    if (auto ok = change(*payment, *invoice, billing::Today(settings, now), stamp); !ok) {
      return Fail(ok.error());
    }
    repo.SavePayment(org, *payment, stamp);
    repo.SaveInvoice(org, *invoice, stamp);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, audit_action, "invoice", std::to_string(invoice->id),
          nlohmann::json{{"payment", payment->number},
                         {"amount_cents", payment->amount_cents},
                         {"invoice_status", invoice->status}}
              .dump(),
          stamp);
    auto row = repo.FindPayment(org, payment_id);
    tx.Commit();
    return *row;
  });
}

}  // namespace

Result<store::PaymentRecord> InvoicesService::ValidatePayment(const Principal& actor,
                                                              const RequestMeta& meta,
                                                              long long payment_id) {
  return DecidePayment(
      db_, clock_, actor, meta, payment_id, "payments.validated",
      [&](store::PaymentRecord& p, store::InvoiceRecord& invoice, std::chrono::year_month_day today,
          const std::string& now) -> Result<void> {
        auto status = StatusOf(invoice);
        if (status != InvoiceStatus::kIssued && status != InvoiceStatus::kPartiallyPaid) {
          return Fail(ErrorCode::kConflict, "Cette facture n'attend plus de paiement.");
        }
        if (p.amount_cents > invoice.Money().Remaining()) {
          return Fail(ErrorCode::kConflict, "Le paiement dépasse le reste à payer (" +
                                                domain::FormatEuros(invoice.Money().Remaining()) +
                                                ").");
        }
        p.status = "succeeded";
        p.succeeded_at = now;
        p.validated_by = actor.user.value;
        p.validated_at = now;
        invoice.paid_cents += p.amount_cents;
        Settle(invoice, today, now);
        return {};
      });
}

Result<store::PaymentRecord> InvoicesService::RejectPayment(const Principal& actor,
                                                            const RequestMeta& meta,
                                                            long long payment_id,
                                                            std::string reason) {
  domain::FieldErrors errors;
  domain::CleanText(errors, "reason", reason, 500);
  if (!errors.empty()) return Fail(errors.ToError());
  return DecidePayment(db_, clock_, actor, meta, payment_id, "payments.rejected",
                       [&](store::PaymentRecord& p, store::InvoiceRecord&,
                           std::chrono::year_month_day, const std::string& now) -> Result<void> {
                         p.status = "rejected";
                         p.failure_reason =
                             reason.empty() ? "Rejeté par un administrateur" : reason;
                         p.rejected_by = actor.user.value;
                         p.rejected_at = now;
                         return {};
                       });
}

Result<store::PaymentRecord> InvoicesService::AttachProof(const Principal& actor,
                                                          const RequestMeta& meta,
                                                          long long payment_id,
                                                          std::string filename,
                                                          const std::string& content) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::PaymentRecord> {
    const auto org = *actor.organization;
    const std::string stamp = FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    store::BillingRepository repo(lease);
    if (!repo.FindPayment(org, payment_id, true)) return NoPayment();
    domain::FieldErrors errors;
    domain::CleanText(errors, "filename", filename, 200);
    auto type = domain::SniffProofType(content);
    if (!type) errors.Add("file", "Justificatif PDF, PNG ou JPEG attendu.");
    if (content.size() > domain::kMaxProofBytes) errors.Add("file", "8 Mo au plus.");
    if (!errors.empty()) return Fail(errors.ToError());
    if (filename.empty()) {
      filename = std::string("justificatif") + (*type == "application/pdf" ? ".pdf"
                                                : *type == "image/png"     ? ".png"
                                                                           : ".jpg");
    }
    store::DocumentFilesRepository(lease).SetPaymentProof(org, payment_id, filename, *type, content,
                                                          stamp);
    auto row = repo.FindPayment(org, payment_id);
    store::AuthRepository audit(lease);
    Audit(
        audit, actor, meta, "payments.proof_attached", "invoice", std::to_string(row->invoice_id),
        nlohmann::json{
            {"payment", row->number}, {"filename", filename}, {"sha256", store::Sha256Hex(content)}}
            .dump(),
        stamp);
    tx.Commit();
    return *row;
  });
}

Result<PdfFile> InvoicesService::Proof(const Principal& actor, long long payment_id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PdfFile> {
    auto proof =
        store::DocumentFilesRepository(lease).PaymentProofOf(*actor.organization, payment_id);
    if (!proof) return Fail(ErrorCode::kNotFound, "Justificatif introuvable.");
    return PdfFile{proof->filename, std::move(proof->content), proof->sha256, proof->content_type};
  });
}

Result<store::DocumentPage<store::PaymentRecord>> InvoicesService::ListPayments(
    const Principal& actor, const store::PaymentFilter& filter) {
  return store::WithLease(
      db_, [&](store::Lease& lease) -> Result<store::DocumentPage<store::PaymentRecord>> {
        return store::BillingRepository(lease).ListPayments(*actor.organization, filter);
      });
}

}  // namespace planify::app
