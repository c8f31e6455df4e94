// Quotes and invoices through a real server on SQLite and on PostgreSQL: the whole flow, and
// the must-show of gap-free numbering through the whole stack (200 concurrent "issue invoice"
// requests get 200 distinct, consecutive numbers).
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

#include "http/auth_fixture.hpp"
#include "store/billing_repository.hpp"
#include "store/clients_repository.hpp"
#include "store/organizations_repository.hpp"

namespace planify::testing {
namespace {

class DocumentsContract : public AuthFixture, public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    AuthFixture::SetUp();
  }

  // The unfiltered lists' whole-set totals (maintained as delta rows, migration 0017) equal a
  // recount of the documents to the cent, before and after the nightly fold; the fold leaves
  // one row per kind.
  void ExpectTotalsMatchRecount(OrganizationId org, const BrowserSession& session) {
    long long id = org.value;
    long long count = 0;
    long long gross = 0;
    long long remaining = 0;
    long long quotes = 0;
    long long quotes_gross = 0;
    {
      auto lease = db_->Acquire();
      **lease << "SELECT count(*), CAST(COALESCE(sum(total_gross_cents), 0) AS BIGINT), "
                 "CAST(COALESCE(sum(CASE WHEN status IN ('issued', 'partially_paid') THEN "
                 "total_gross_cents - prepaid_cents - amount_credited_cents - amount_paid_cents "
                 "ELSE 0 END), 0) AS BIGINT) FROM invoices WHERE organization_id = :org",
          soci::use(id, "org"), soci::into(count), soci::into(gross), soci::into(remaining);
      **lease << "SELECT count(*), CAST(COALESCE(sum(total_gross_cents), 0) AS BIGINT) FROM "
                 "quotes WHERE organization_id = :org",
          soci::use(id, "org"), soci::into(quotes), soci::into(quotes_gross);
    }
    for (int pass = 0; pass < 2; ++pass) {
      SCOPED_TRACE(pass == 0 ? "deltas as written" : "after the fold");
      auto invoices = Json(Send("GET", "/api/v1/invoices", &session));
      EXPECT_EQ(invoices["total"], count);
      EXPECT_EQ(invoices["total_gross_cents"], gross);
      EXPECT_EQ(invoices["remaining_cents"], remaining);
      auto listed = Json(Send("GET", "/api/v1/quotes", &session));
      EXPECT_EQ(listed["total"], quotes);
      EXPECT_EQ(listed["total_gross_cents"], quotes_gross);
      if (pass == 0) {
        auto lease = db_->Acquire();
        store::WriteTransaction tx(*lease);
        EXPECT_GT(store::FoldDocumentTotals(*lease), 0);
        tx.Commit();
        long long rows = 0;
        **lease << "SELECT count(*) FROM document_total_deltas WHERE organization_id = :org",
            soci::use(id, "org"), soci::into(rows);
        EXPECT_EQ(rows, quotes > 0 ? 2 : 1);
      }
    }
  }
};

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kSqlite ? "SQLite" : "PostgreSQL";
}

TEST_P(DocumentsContract, TwoHundredConcurrentIssueRequestsGetTwoHundredConsecutiveNumbers) {
  constexpr int kInvoices = 200;
  auto org = SeedOrganization("Sono Pro");
  SeedMember(org, "manager@sono.fr", "manager");
  std::vector<long long> ids;
  {
    auto lease = db_->Acquire();
    const std::string now = "2026-11-25T09:00:00.000Z";
    domain::OrganizationSettings s;
    s.name = "Sono Pro";
    s.legal_form = "SAS";
    s.share_capital_cents = 1'000'000;
    s.siren = "732829320";
    s.vat_number = "FR44732829320";
    s.address_line1 = "1 rue du Parc";
    s.postal_code = "37000";
    s.city = "Tours";
    store::OrganizationsRepository(*lease).SaveSettings(org, s, "", "", now);
    domain::ClientInput client;
    client.name = "Mairie de Tours";
    client.billing.line1 = "1 place Jean Jaurès";
    client.billing.postal_code = "37000";
    client.billing.city = "Tours";
    long long client_id = store::ClientsRepository(*lease).Insert(org, client, now);
    store::BillingRepository repo(*lease);
    for (int i = 0; i < kInvoices; ++i) {
      store::InvoiceRecord invoice;
      invoice.status = "draft";
      invoice.client_id = client_id;
      invoice.client = client;
      invoice.content.title = "Soirée " + std::to_string(i);
      domain::BillingLine line;
      line.description = "Animation";
      line.unit_price_cents = 50000;
      line.net_cents = 50000;
      invoice.content.lines = {line};
      invoice.net_cents = 50000;
      invoice.vat_cents = 10000;
      invoice.gross_cents = 60000;
      invoice.vat = {{2000, 50000, 0, 10000}};
      ids.push_back(repo.InsertInvoice(org, invoice, now));
    }
  }
  auto session = SignIn("manager@sono.fr");

  std::mutex mutex;
  std::vector<std::string> numbers;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  threads.reserve(kInvoices);
  for (long long id : ids) {
    threads.emplace_back([&, id] {
      auto res = Send("POST", "/api/v1/invoices/" + std::to_string(id) + "/issue", &session);
      std::lock_guard lock(mutex);
      if (!res || res->status != 200) {
        failures.push_back(res ? std::to_string(res->status) + " " + res->body : "no response");
        return;
      }
      numbers.push_back(Json(res)["number"].get<std::string>());
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kInvoices));
  std::sort(numbers.begin(), numbers.end());
  for (int i = 0; i < kInvoices; ++i) {
    char expected[32];
    std::snprintf(expected, sizeof expected, "FAC-2026-%04d", i + 1);
    EXPECT_EQ(numbers[static_cast<std::size_t>(i)], expected);
  }
  // The database agrees: 200 issued invoices, each number once.
  auto lease = db_->Acquire();
  long long issued = 0;
  long long distinct = 0;
  **lease << "SELECT count(*), count(DISTINCT number) FROM invoices WHERE status = 'issued'",
      soci::into(issued), soci::into(distinct);
  EXPECT_EQ(issued, kInvoices);
  EXPECT_EQ(distinct, kInvoices);
  // 200 drafts inserted, 200 issued concurrently: the list's totals follow to the cent.
  ExpectTotalsMatchRecount(org, session);
}

TEST_P(DocumentsContract, QuoteDepositFinalCreditAndPaymentOnBothDatabases) {
  auto org = SeedOrganization("Sono Pro");
  SeedMember(org, "manager@sono.fr", "manager");
  long long client_id = 0;
  {
    auto lease = db_->Acquire();
    domain::OrganizationSettings s;
    s.name = "Sono Pro";
    s.legal_form = "EI";
    s.siren = "732829320";
    s.vat_number = "FR44732829320";
    s.address_line1 = "1 rue du Parc";
    s.postal_code = "37000";
    s.city = "Tours";
    store::OrganizationsRepository(*lease).SaveSettings(org, s, "", "", "2026-11-25T09:00:00Z");
    domain::ClientInput client;
    client.name = "Mairie de Tours";
    client.billing.line1 = "1 place Jean Jaurès";
    client.billing.postal_code = "37000";
    client.billing.city = "Tours";
    client.contacts = {{"Accueil", "", "mairie@tours.fr", "", true}};
    client_id = store::ClientsRepository(*lease).Insert(org, client, "2026-11-25T09:00:00Z");
  }
  auto session = SignIn("manager@sono.fr");
  nlohmann::json body = {{"client_id", client_id},
                         {"title", "Fête de la musique"},
                         {"deposit_kind", "acompte"},
                         {"deposit_bp", 3000},
                         {"valid_until", "2026-12-31"},
                         {"service_starts_at", "2027-06-21T18:00:00+02:00"},
                         {"service_ends_at", "2027-06-21T23:30:00+02:00"},
                         {"lines",
                          {{{"description", "Sonorisation"},
                            {"quantity_milli", 1000},
                            {"unit_price_cents", 100000},
                            {"vat_rate_bp", 2000}},
                           {{"kind", "product"},
                            {"description", "Programme imprimé"},
                            {"quantity_milli", 100000},
                            {"unit_price_cents", 200},
                            {"vat_rate_bp", 550}}}}};
  auto quote = Send("POST", "/api/v1/quotes", &session, body);
  ASSERT_EQ(quote->status, 201) << quote->body;
  auto q = Json(quote);
  EXPECT_EQ(q["total_gross_cents"], 120000 + 21100);
  EXPECT_EQ(q["valid_until"], "2026-12-31");
  EXPECT_EQ(q["service_starts_at"], "2027-06-21T16:00:00.000Z");
  const std::string path = "/api/v1/quotes/" + q["id"].dump();
  auto sent = Send("POST", path + "/send", &session);
  ASSERT_EQ(sent->status, 202) << sent->body;
  {
    auto lease = db_->Acquire();
    store::BillingRepository(*lease).OnEmailSent(Json(sent)["email_id"], "2026-11-25T14:00:01Z");
  }
  EXPECT_EQ(Json(Send("GET", path, &session))["status"], "sent");
  EXPECT_EQ(Json(Send("GET", "/api/v1/quotes?status=sent&q=musique", &session))["total"], 1);
  ASSERT_EQ(Send("POST", path + "/accept", &session)->status, 200);
  auto deposit = Json(Send("POST", path + "/invoices", &session, {{"kind", "deposit"}}));
  ASSERT_EQ(deposit["lines"].size(), 2u) << "one line per VAT rate: " << deposit.dump();
  EXPECT_EQ(deposit["total_gross_cents"], 42330);
  auto di = Send("POST", "/api/v1/invoices/" + deposit["id"].dump() + "/issue", &session);
  ASSERT_EQ(di->status, 200) << di->body;
  EXPECT_EQ(Json(di)["due_date"], "2026-12-25");
  auto final_invoice = Json(Send("POST", path + "/invoices", &session, {{"kind", "final"}}));
  EXPECT_EQ(final_invoice["prepaid_cents"], 42330);
  const std::string invoice = "/api/v1/invoices/" + final_invoice["id"].dump();
  ASSERT_EQ(Send("POST", invoice + "/issue", &session)->status, 200);
  auto credit = Send("POST", invoice + "/credit-notes", &session,
                     {{"amount_cents", 1000}, {"reason", "Retard"}});
  ASSERT_EQ(credit->status, 201) << credit->body;
  auto pay = Send("POST", invoice + "/payments", &session,
                  {{"method", "bank_transfer"},
                   {"amount_cents", 141100 - 42330 - 1000},
                   {"reference", "VIR"},
                   {"received_on", "2026-11-24"}});
  ASSERT_EQ(pay->status, 201) << pay->body;
  const std::string proof = "/api/v1/payments/" + Json(pay)["id"].dump() + "/proof";
  auto attached = Client().Put(
      proof + "?filename=virement.pdf",
      {{"Origin", Origin()}, {"Cookie", session.CookieHeader()}, {"X-CSRF-Token", session.csrf}},
      "%PDF-1.4 avis de virement", "application/pdf");
  ASSERT_EQ(attached->status, 200) << attached->body;
  EXPECT_EQ(Send("GET", proof, &session)->body, "%PDF-1.4 avis de virement");
  auto view = Json(Send("GET", invoice, &session));
  EXPECT_EQ(view["status"], "paid");
  EXPECT_EQ(view["deposits"][0]["gross_cents"], 42330);
  EXPECT_EQ(view["credit_notes"][0]["number"], "AV-2026-0001");
  EXPECT_EQ(view["payments"][0]["received_on"], "2026-11-24");
  auto overdue = Json(Send("GET", "/api/v1/invoices?overdue=true", &session));
  EXPECT_EQ(overdue["total"], 0);
  auto all = Json(Send("GET", "/api/v1/invoices?from=2026-11-01&to=2026-11-30", &session));
  EXPECT_EQ(all["total"], 2);
  EXPECT_EQ(all["remaining_cents"], 42330);
  // A deposit, a final invoice, a credit note and a payment later: still exact.
  ExpectTotalsMatchRecount(org, session);
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentsContract,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
