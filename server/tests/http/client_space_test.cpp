// The client space (docs/booking.md "Client space") over real HTTP: the office e-mails a magic
// link; the client sees their own quotes, invoices and upcoming events and nothing of anybody
// else; a document of another client or organisation is 404; links expire (410) and are
// revoked (410); messages reach the office; a lost link can be asked for again without telling
// whether an address belongs to a client.
#include <gtest/gtest.h>

#include "domain/local_time.hpp"
#include "http/payments_fixture.hpp"
#include "store/clients_repository.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

class ClientSpaceHttp : public PaymentsFixture {
 protected:
  void SetUp() override {
    PaymentsFixture::SetUp();
    business_ = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
    zoe_ = SeedMember(business_.org, "zoe.platine@sono-lumiere.fr", "dj").value;
  }

  std::string ClientPath(const Seeded& s, long long client) {
    (void)s;
    return "/api/v1/clients/" + std::to_string(client) + "/space";
  }

  // A link e-mailed to the client's primary contact: the token taken from the e-mail.
  std::string IssueLink(const Seeded& s, long long client, json body = json::object()) {
    auto issued = Send("POST", ClientPath(s, client) + "/links", &s.owner, body);
    EXPECT_EQ(issued->status, 201) << issued->body;
    const std::string url = Json(issued)["url"];
    return url.substr(url.rfind('/') + 1);
  }

  std::string TokenFromEmail(const std::string& to) {
    auto lease = db_->Acquire();
    std::string text;
    **lease << "SELECT text_body FROM emails WHERE template = 'client.space' AND to_address = "
               ":to ORDER BY id DESC LIMIT 1",
        soci::use(to), soci::into(text);
    const auto at = text.find("/espace-client/");
    if (at == std::string::npos) return "";
    return text.substr(at + 15, 64);
  }

  long long Emails(const std::string& template_name) {
    auto lease = db_->Acquire();
    long long n = 0;
    **lease << "SELECT count(*) FROM emails WHERE template = :t", soci::use(template_name),
        soci::into(n);
    return n;
  }

  long long Mission(const Seeded& s, long long client, const std::string& title,
                    const std::string& starts, const std::string& ends,
                    std::optional<long long> lead = std::nullopt) {
    json body = {{"title", title},
                 {"status", "confirmed"},
                 {"client_id", client},
                 {"event_type", "Mariage"},
                 {"address", "Château de Montplaisir, Lyon"},
                 {"starts_at", starts},
                 {"ends_at", ends}};
    if (lead) body["crew"] = {{{"user_id", *lead}, {"position", "dj"}, {"lead", true}}};
    auto created = Send("POST", "/api/v1/missions", &s.owner, body);
    EXPECT_EQ(created->status, 201) << created->body;
    return Json(created)["id"];
  }

  long long OtherClient(const Seeded& s, const std::string& name, const std::string& email) {
    auto lease = db_->Acquire();
    domain::ClientInput client;
    client.name = name;
    client.contacts = {{name, "", email, "", true}};
    return store::ClientsRepository(*lease).Insert(s.org, client, "2026-11-25T09:00:00Z");
  }

  httplib::Result Open(const std::string& token, const std::string& ip = "203.0.113.9") {
    return Send("GET", "/api/v1/public/client-space/" + token, nullptr, nullptr,
                {{"X-Forwarded-For", ip}});
  }

  httplib::Result Document(const std::string& token, const std::string& kind, long long id) {
    return Send("POST", "/api/v1/public/client-space/" + token + "/documents", nullptr,
                {{"kind", kind}, {"id", id}});
  }

  Seeded business_;
  long long zoe_ = 0;
};

TEST_F(ClientSpaceHttp, TheClientSeesTheirOwnDocumentsAndEventsAndNothingElse) {
  auto [quote, quote_token] = SentQuote(business_, 150000);
  auto draft = Send("POST", "/api/v1/quotes", &business_.owner,
                    {{"client_id", business_.client_id},
                     {"title", "Brouillon secret"},
                     {"lines",
                      {{{"description", "Option"},
                        {"quantity_milli", 1000},
                        {"unit_price_cents", 1000},
                        {"vat_rate_bp", 2000}}}}});
  ASSERT_EQ(draft->status, 201) << draft->body;
  auto [invoice, invoice_token] = IssuedInvoice(business_, 50000, "Acompte mariage");
  Mission(business_, business_.client_id, "Mariage Durand — soirée", "2026-12-12T19:00:00+01:00",
          "2026-12-13T02:00:00+01:00", zoe_);
  Mission(business_, business_.client_id, "Répétition passée", "2026-11-20T19:00:00+01:00",
          "2026-11-20T22:00:00+01:00");
  // Another client of the same organisation, and another organisation, with their own papers.
  const long long martin = OtherClient(business_, "Famille Martin", "paul@martin.fr");
  Mission(business_, martin, "Anniversaire Martin", "2026-12-19T19:00:00+01:00",
          "2026-12-20T01:00:00+01:00");
  Seeded rival = SeedBusiness("Festiv Sound", "boss@festiv.fr");
  auto [rival_quote, rival_token] = SentQuote(rival, 99000);
  (void)rival_token;

  auto issued = Send("POST", ClientPath(business_, business_.client_id) + "/links",
                     &business_.owner, json::object());
  ASSERT_EQ(issued->status, 201) << issued->body;
  EXPECT_TRUE(Json(issued)["emailed"].get<bool>());
  EXPECT_EQ(Json(issued)["link"]["state"], "active");
  EXPECT_EQ(Json(issued)["link"]["email"], "claire@durand.fr");
  EXPECT_EQ(Json(issued)["link"]["expires_at"], "2026-12-25T14:00:00.000Z");
  const std::string token = TokenFromEmail("claire@durand.fr");
  ASSERT_EQ(token.size(), 64u);
  EXPECT_EQ(std::string(Json(issued)["url"]), "http://planify.test/espace-client/" + token);
  {
    auto lease = db_->Acquire();
    std::string text;
    **lease << "SELECT text_body FROM emails WHERE template = 'client.space'", soci::into(text);
    EXPECT_NE(text.find("valable jusqu'au 25/12/2026"), std::string::npos) << text;
  }

  auto page = Open(token);
  ASSERT_EQ(page->status, 200) << page->body;
  const json p = Json(page);
  EXPECT_EQ(p["client_name"], "Mariage Durand");
  EXPECT_EQ(p["organization_name"], "Sono Lumière");
  ASSERT_EQ(p["quotes"].size(), 1u);  // the draft stays in the office
  EXPECT_EQ(p["quotes"][0]["id"], quote);
  EXPECT_EQ(p["quotes"][0]["status"], "sent");
  EXPECT_EQ(p["quotes"][0]["gross_cents"], 180000);
  EXPECT_TRUE(p["quotes"][0]["can_open"].get<bool>());
  ASSERT_EQ(p["invoices"].size(), 1u);
  EXPECT_EQ(p["invoices"][0]["id"], invoice);
  EXPECT_EQ(p["invoices"][0]["remaining_cents"], 60000);
  ASSERT_EQ(p["events"].size(), 1u);  // the past one is not "upcoming"
  EXPECT_EQ(p["events"][0]["title"], "Mariage");
  EXPECT_EQ(p["events"][0]["date"], "2026-12-12");
  EXPECT_EQ(p["events"][0]["starts_at"], "2026-12-12T18:00:00.000Z");
  EXPECT_EQ(p["events"][0]["venue"], "Château de Montplaisir, Lyon");
  EXPECT_TRUE(p["events"][0]["lead_name"].is_null());  // not shared by default
  for (const char* leak :
       {"Martin", "martin.fr", "Festiv", "Brouillon", "zoe.platine", "Répétition"}) {
    EXPECT_EQ(page->body.find(leak), std::string::npos) << leak;
  }

  // Opening a document: the quote's signing page, the invoice's page (which then works).
  auto quote_url = Document(token, "quote", quote);
  ASSERT_EQ(quote_url->status, 200) << quote_url->body;
  EXPECT_EQ(std::string(Json(quote_url)["url"]), "http://planify.test/p/devis/" + quote_token);
  auto invoice_url = Document(token, "invoice", invoice);
  ASSERT_EQ(invoice_url->status, 200) << invoice_url->body;
  const std::string invoice_link = Json(invoice_url)["url"];
  ASSERT_EQ(invoice_link.rfind("http://planify.test/p/facture/", 0), 0u) << invoice_link;
  EXPECT_EQ(Send("GET", "/api/v1/public/invoices/" + invoice_link.substr(30), nullptr)->status,
            200);
  // Another client's, another organisation's, a draft, a wrong kind: 404 / 422, no link.
  EXPECT_EQ(Document(token, "quote", rival_quote)->status, 404);
  EXPECT_EQ(Document(token, "quote", Json(draft)["id"])->status, 404);
  EXPECT_EQ(Document(token, "invoice", invoice + 100)->status, 404);
  EXPECT_EQ(Document(token, "mission", quote)->status, 422);

  // The organisation shares the lead's contact: name and e-mail appear.
  auto settings =
      Send("PUT", "/api/v1/booking-settings", &business_.owner,
           {{"enabled", false}, {"space_show_lead", true}, {"space_show_times", false}});
  ASSERT_EQ(settings->status, 200) << settings->body;
  const json shared = Json(Open(token));
  EXPECT_EQ(shared["events"][0]["lead_email"], "zoe.platine@sono-lumiere.fr");
  EXPECT_TRUE(shared["events"][0]["starts_at"].is_null());
  EXPECT_EQ(shared["events"][0]["date"], "2026-12-12");

  // The office sees the link was opened.
  auto office = Send("GET", ClientPath(business_, business_.client_id), &business_.owner);
  ASSERT_EQ(office->status, 200) << office->body;
  EXPECT_EQ(Json(office)["links"][0]["open_count"], 2);
  EXPECT_EQ(office->body.find(token), std::string::npos);  // the token is never shown again
}

TEST_F(ClientSpaceHttp, LinksExpireAndCanBeRevoked) {
  EXPECT_EQ(Open(std::string(64, 'a'))->status, 404);
  EXPECT_EQ(Open("court")->status, 404);
  const std::string token = IssueLink(business_, business_.client_id, {{"days", 3}});
  ASSERT_EQ(Open(token)->status, 200);
  clock_.Set(*domain::ParseApiInstant("2026-11-28T14:00:00Z"));
  auto expired = Open(token);
  EXPECT_EQ(expired->status, 410) << expired->body;
  EXPECT_EQ(Json(expired)["error"]["code"], "GONE");
  EXPECT_EQ(Document(token, "quote", 1)->status, 410);

  const std::string second = IssueLink(business_, business_.client_id);
  ASSERT_EQ(Open(second)->status, 200);
  auto list = Json(Send("GET", ClientPath(business_, business_.client_id), &business_.owner));
  ASSERT_EQ(list["links"].size(), 2u);
  EXPECT_EQ(list["links"][0]["state"], "active");
  EXPECT_EQ(list["links"][1]["state"], "expired");
  const long long link_id = list["links"][0]["id"];
  const std::string revoke_path =
      ClientPath(business_, business_.client_id) + "/links/" + std::to_string(link_id);
  // Not through another client's path, nor by another organisation.
  const long long martin = OtherClient(business_, "Famille Martin", "paul@martin.fr");
  EXPECT_EQ(Send("DELETE", ClientPath(business_, martin) + "/links/" + std::to_string(link_id),
                 &business_.owner)
                ->status,
            404);
  Seeded rival = SeedBusiness("Festiv Sound", "boss@festiv.fr");
  EXPECT_EQ(Send("DELETE", revoke_path, &rival.owner)->status, 404);
  EXPECT_EQ(Send("GET", ClientPath(business_, business_.client_id), &rival.owner)->status, 404);
  EXPECT_EQ(Open(second)->status, 200);

  auto revoked = Send("DELETE", revoke_path, &business_.owner);
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_EQ(Json(revoked)["state"], "revoked");
  EXPECT_EQ(Open(second)->status, 410);
  EXPECT_EQ(Send("DELETE", revoke_path, &business_.owner)->status, 409);

  // Bad input when issuing: nothing created.
  auto bad = Send("POST", ClientPath(business_, business_.client_id) + "/links", &business_.owner,
                  {{"days", 400}, {"email", "pas-une-adresse"}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_NE(bad->body.find("\"days\""), std::string::npos);
  EXPECT_NE(bad->body.find("\"email\""), std::string::npos);
  EXPECT_EQ(Json(Send("GET", ClientPath(business_, business_.client_id), &business_.owner))["links"]
                .size(),
            2u);
  // A DJ may not issue links (clients.manage).
  auto dj = SignIn("zoe.platine@sono-lumiere.fr");
  EXPECT_EQ(Send("POST", ClientPath(business_, business_.client_id) + "/links", &dj)->status, 403);
}

TEST_F(ClientSpaceHttp, AQuoteWhoseOwnLinkEndedIsListedButNotOpened) {
  auto [quote, quote_token] = SentQuote(business_, 150000);  // valid until 31 Dec 2026
  (void)quote_token;
  // The quote's page lives 90 days past its validity; a space link issued after that.
  clock_.Set(*domain::ParseApiInstant("2027-04-02T10:00:00Z"));
  business_.owner = SignIn("greg@sono-lumiere.fr");  // the old session ended meanwhile
  const std::string token = IssueLink(business_, business_.client_id);
  auto page = Json(Open(token));
  ASSERT_EQ(page["quotes"].size(), 1u);
  EXPECT_FALSE(page["quotes"][0]["can_open"].get<bool>());
  auto refused = Document(token, "quote", quote);
  EXPECT_EQ(refused->status, 409) << refused->body;
  // Its PDF still downloads from the space; another client's or a missing quote's does not.
  auto pdf = Send(
      "GET", "/api/v1/public/client-space/" + token + "/quotes/" + std::to_string(quote) + "/pdf",
      nullptr);
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Send("GET",
                 "/api/v1/public/client-space/" + token + "/quotes/" + std::to_string(quote + 100) +
                     "/pdf",
                 nullptr)
                ->status,
            404);
  const long long martin = OtherClient(business_, "Famille Martin", "paul@martin.fr");
  auto martin_link =
      Send("POST", ClientPath(business_, martin) + "/links", &business_.owner, {{"send", false}});
  ASSERT_EQ(martin_link->status, 201) << martin_link->body;
  const std::string martin_url = Json(martin_link)["url"];
  EXPECT_EQ(Send("GET",
                 "/api/v1/public/client-space/" + martin_url.substr(martin_url.rfind('/') + 1) +
                     "/quotes/" + std::to_string(quote) + "/pdf",
                 nullptr)
                ->status,
            404);
}

TEST_F(ClientSpaceHttp, MessagesReachTheOffice) {
  const std::string token = IssueLink(business_, business_.client_id);
  const std::string path = "/api/v1/public/client-space/" + token + "/messages";
  EXPECT_EQ(Send("POST", path, nullptr, {{"message", "   "}})->status, 422);
  EXPECT_EQ(Send("POST", path, nullptr, {{"message", std::string(5001, 'a')}})->status, 422);
  EXPECT_EQ(Emails("client.message.staff"), 0);
  auto sent = Send("POST", path, nullptr,
                   {{"message", "Pouvez-vous arriver à 17 h ? <script>alert(1)</script>"}});
  ASSERT_EQ(sent->status, 201) << sent->body;
  EXPECT_EQ(Emails("client.message.staff"), 1);
  {
    auto lease = db_->Acquire();
    std::string to;
    std::string html;
    **lease << "SELECT to_address, html_body FROM emails WHERE template = 'client.message.staff'",
        soci::into(to), soci::into(html);
    EXPECT_EQ(to, "contact@sono-lumiere.fr");
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  }
  auto office = Json(Send("GET", ClientPath(business_, business_.client_id), &business_.owner));
  ASSERT_EQ(office["messages"].size(), 1u);
  EXPECT_EQ(office["messages"][0]["body"],
            "Pouvez-vous arriver à 17 h ? <script>alert(1)</script>");
  EXPECT_EQ(Json(Open(token))["messages"].size(), 1u);
  // Five posts per address per ten minutes (the refused ones above counted).
  int limited = 0;
  for (int i = 0; i < 4; ++i) {
    if (Send("POST", path, nullptr, {{"message", "Encore"}})->status == 429) ++limited;
  }
  EXPECT_EQ(limited, 2);
}

TEST_F(ClientSpaceHttp, ALostLinkIsSentAgainWithoutTellingWhoIsAClient) {
  const std::string path = "/api/v1/public/booking/sono-lumiere/client-space";
  auto known = Send("POST", path, nullptr, {{"email", " Claire@Durand.fr "}},
                    {{"X-Forwarded-For", "198.51.100.1"}});
  ASSERT_EQ(known->status, 202) << known->body;
  auto unknown = Send("POST", path, nullptr, {{"email", "nobody@example.org"}},
                      {{"X-Forwarded-For", "198.51.100.2"}});
  ASSERT_EQ(unknown->status, 202) << unknown->body;
  EXPECT_EQ(known->body, unknown->body);
  auto nowhere = Send("POST", "/api/v1/public/booking/nobody-here/client-space", nullptr,
                      {{"email", "paul@martin.fr"}}, {{"X-Forwarded-For", "198.51.100.3"}});
  EXPECT_EQ(nowhere->status, 202);
  EXPECT_EQ(nowhere->body, known->body);
  EXPECT_EQ(Emails("client.space"), 1);
  const std::string token = TokenFromEmail("claire@durand.fr");
  ASSERT_EQ(Open(token)->status, 200);
  EXPECT_EQ(Send("POST", path, nullptr, {{"email", "pas une adresse"}})->status, 422);
  // Three per address per day, whatever the IP.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(Send("POST", path, nullptr, {{"email", "claire@durand.fr"}},
                   {{"X-Forwarded-For", "198.51.100." + std::to_string(10 + i)}})
                  ->status,
              202);
  }
  EXPECT_EQ(Send("POST", path, nullptr, {{"email", "claire@durand.fr"}},
                 {{"X-Forwarded-For", "198.51.100.20"}})
                ->status,
            429);
  EXPECT_EQ(Emails("client.space"), 3);
}

}  // namespace
}  // namespace planify::testing
