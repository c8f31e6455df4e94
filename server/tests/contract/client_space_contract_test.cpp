// The client space on SQLite and PostgreSQL (docs/booking.md "Client space"): a link opens the
// client's quotes, invoices and upcoming events (timestamps read back alike on both), counts
// its openings, takes a message, is revoked (410), and a client's erasure ends every link and
// drops the messages.
#include <gtest/gtest.h>

#include "domain/local_time.hpp"
#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class ClientSpace : public PaymentsFixture, public ::testing::WithParamInterface<store::Dialect> {
 protected:
  void SetUp() override {
    auto url = BackendUrl(GetParam() == store::Dialect::kPostgres, dir_);
    if (!url) GTEST_SKIP() << "PLANIFY_TEST_POSTGRES_URL unset";
    database_url_ = *url;
    PaymentsFixture::SetUp();
    business_ = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  }

  Seeded business_;
};

TEST_P(ClientSpace, ALinkOpensTheClientsPapersUntilRevokedOrErased) {
  auto [quote, quote_token] = SentQuote(business_, 150000);
  auto [invoice, invoice_token] = IssuedInvoice(business_, 50000);
  (void)invoice_token;
  auto mission = Send("POST", "/api/v1/missions", &business_.owner,
                      {{"title", "Mariage Durand"},
                       {"status", "confirmed"},
                       {"client_id", business_.client_id},
                       {"address", "Château de Montplaisir"},
                       {"starts_at", "2026-12-12T19:00:00+01:00"},
                       {"ends_at", "2026-12-13T02:00:00+01:00"}});
  ASSERT_EQ(mission->status, 201) << mission->body;
  for (bool lead : {true, false}) {  // the second save updates the first
    auto saved = Send("PUT", "/api/v1/booking-settings", &business_.owner,
                      {{"space_show_lead", lead}, {"space_show_venue", false}});
    ASSERT_EQ(saved->status, 200) << saved->body;
    EXPECT_EQ(Json(saved)["space_show_lead"], lead);
  }

  const std::string space = "/api/v1/clients/" + std::to_string(business_.client_id) + "/space";
  auto issued = Send("POST", space + "/links", &business_.owner, {{"days", 10}});
  ASSERT_EQ(issued->status, 201) << issued->body;
  EXPECT_EQ(Json(issued)["link"]["expires_at"], "2026-12-05T14:00:00.000Z");
  const std::string url = Json(issued)["url"];
  const std::string token = url.substr(url.rfind('/') + 1);

  auto page = Send("GET", "/api/v1/public/client-space/" + token, nullptr);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(Json(page)["quotes"][0]["id"], quote);
  EXPECT_EQ(Json(page)["invoices"][0]["id"], invoice);
  ASSERT_EQ(Json(page)["events"].size(), 1u);
  EXPECT_EQ(Json(page)["events"][0]["starts_at"], "2026-12-12T18:00:00.000Z");
  EXPECT_TRUE(Json(page)["events"][0]["venue"].is_null());
  EXPECT_EQ(Json(page)["expires_at"], "2026-12-05T14:00:00.000Z");
  auto opened = Send("POST", "/api/v1/public/client-space/" + token + "/documents", nullptr,
                     {{"kind", "quote"}, {"id", quote}});
  ASSERT_EQ(opened->status, 200) << opened->body;
  EXPECT_EQ(std::string(Json(opened)["url"]), "http://planify.test/p/devis/" + quote_token);
  auto wrote = Send("POST", "/api/v1/public/client-space/" + token + "/messages", nullptr,
                    {{"message", "Pouvez-vous venir à 17 h ?"}});
  ASSERT_EQ(wrote->status, 201) << wrote->body;

  auto office = Json(Send("GET", space, &business_.owner));
  EXPECT_EQ(office["links"][0]["open_count"], 1);
  EXPECT_EQ(office["links"][0]["last_opened_at"], "2026-11-25T14:00:00.000Z");
  EXPECT_EQ(office["messages"][0]["body"], "Pouvez-vous venir à 17 h ?");

  auto second = Send("POST", space + "/links", &business_.owner, {{"send", false}});
  ASSERT_EQ(second->status, 201) << second->body;
  const std::string second_url = Json(second)["url"];
  const std::string second_token = second_url.substr(second_url.rfind('/') + 1);
  auto revoked =
      Send("DELETE", space + "/links/" + std::to_string(office["links"][0]["id"].get<long long>()),
           &business_.owner);
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_EQ(Send("GET", "/api/v1/public/client-space/" + token, nullptr)->status, 410);
  EXPECT_EQ(Send("GET", "/api/v1/public/client-space/" + second_token, nullptr)->status, 200);

  auto erased = Send("POST", "/api/v1/clients/" + std::to_string(business_.client_id) + "/erase",
                     &business_.owner, {{"confirm_name", "Mariage Durand"}});
  ASSERT_EQ(erased->status, 200) << erased->body;
  EXPECT_EQ(Send("GET", "/api/v1/public/client-space/" + second_token, nullptr)->status, 410);
  auto after = Json(Send("GET", space, &business_.owner));
  EXPECT_TRUE(after["messages"].empty());
  for (const auto& link : after["links"]) {
    EXPECT_EQ(link["state"], "revoked");
    EXPECT_EQ(link["email"], "efface@invalid");
  }
}

std::string BackendName(const ::testing::TestParamInfo<store::Dialect>& param) {
  return param.param == store::Dialect::kPostgres ? "PostgreSQL" : "SQLite";
}

INSTANTIATE_TEST_SUITE_P(Backends, ClientSpace,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace planify::testing
