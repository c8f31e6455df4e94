// Payment reminders (relances) through a real server: the schedule, what the hourly job sends
// and when (working days, the organisation's send hour, each step once), pauses and history
// (docs/reminders.md).
#include <gtest/gtest.h>

#include "app/reminders/reminders_service.hpp"
#include "http/payments_fixture.hpp"

namespace planify::testing {
namespace {

class RemindersHttp : public PaymentsFixture {
 protected:
  // What the job does, at the fixture's clock.
  int Run() {
    app::RemindersService reminders(*db_, clock_, cipher_, "http://planify.test");
    auto sent = reminders.RunDue();
    EXPECT_TRUE(sent) << sent.error().message;
    return sent ? *sent : -1;
  }
  void At(const char* iso) { clock_.Set(*domain::ParseIsoUtc(iso)); }

  struct Mail {
    std::string template_name;
    std::string to;
    std::string subject;
    std::string text;
  };
  std::vector<Mail> Reminders() {
    std::vector<Mail> out;
    auto lease = db_->Acquire();
    soci::rowset<soci::row> rows =
        ((*lease)->prepare << "SELECT template, to_address, subject, text_body FROM emails WHERE "
                              "template LIKE 'payment.reminder%' ORDER BY id");
    for (const auto& row : rows) {
      out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                     row.get<std::string>(3)});
    }
    return out;
  }
};

TEST_F(RemindersHttp, EachStepGoesOutOnceOnWorkingDaysAfterTheSendHourWithThePaymentLink) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  ConnectStripe(business.owner);
  // Issued on Wednesday 25 November 2026, 12 days: due Monday 7 December.
  auto [invoice_id, token] = IssuedInvoice(business, 50000, "Soirée", 12);
  const std::string invoice = "/api/v1/invoices/" + std::to_string(invoice_id);
  EXPECT_EQ(Json(Send("GET", invoice, &business.owner))["due_date"], "2026-12-07");

  At("2026-12-03T10:00:00.000Z");  // 4 days before
  EXPECT_EQ(Run(), 0);
  At("2026-12-04T07:30:00.000Z");  // 3 days before, but 08:30 in Paris: before 9 h
  EXPECT_EQ(Run(), 0);
  At("2026-12-04T08:05:00.000Z");  // 09:05 in Paris
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(Run(), 0) << "never the same step twice";
  auto mails = Reminders();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].template_name, "payment.reminder.upcoming");
  EXPECT_EQ(mails[0].to, "claire@durand.fr");
  EXPECT_NE(mails[0].text.find("http://planify.test/p/facture/" + token), std::string::npos)
      << "the same link as the invoice's e-mail: " << mails[0].text;
  EXPECT_NE(mails[0].text.find("600,00"), std::string::npos) << mails[0].text;

  // +7 is Monday 14 December; the weekend before sends nothing.
  At("2026-12-12T10:00:00.000Z");
  EXPECT_EQ(Run(), 0);
  At("2026-12-14T10:00:00.000Z");
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(Reminders().back().template_name, "payment.reminder");

  // Paused: nothing at +15 (Tuesday 22 December); resumed: the firm one.
  business.owner = SignIn("greg@sono-lumiere.fr");  // weeks went by: a new session
  auto paused = Send("PUT", invoice + "/reminders", &business.owner, {{"paused", true}});
  ASSERT_EQ(paused->status, 200) << paused->body;
  At("2026-12-22T10:00:00.000Z");
  EXPECT_EQ(Run(), 0);
  ASSERT_EQ(Send("PUT", invoice + "/reminders", &business.owner, {{"paused", false}})->status, 200);
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(Reminders().back().template_name, "payment.reminder.firm");

  // The formal notice (+30 = Wednesday 6 January) names the penalties; the client being an
  // individual, not the 40 € indemnity.
  At("2027-01-06T10:00:00.000Z");
  EXPECT_EQ(Run(), 1);
  auto formal = Reminders().back();
  EXPECT_EQ(formal.template_name, "payment.reminder.formal");
  EXPECT_NE(formal.text.find("pénalités de retard au taux de"), std::string::npos);
  EXPECT_EQ(formal.text.find("40 €"), std::string::npos);

  business.owner = SignIn("greg@sono-lumiere.fr");
  auto history = Json(Send("GET", invoice + "/reminders", &business.owner));
  EXPECT_EQ(history["paused"], false);
  ASSERT_EQ(history["items"].size(), 4u) << history.dump();
  EXPECT_EQ(history["items"][0]["step"], "due-3");
  EXPECT_EQ(history["items"][0]["email_status"], "queued");
  EXPECT_EQ(history["items"][3]["tone"], "formal");
}

TEST_F(RemindersHttp, PaidDisputedOrPausedClientsAreNotChased) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto [paid_id, paid_token] = IssuedInvoice(business, 10000, "Payée", 12);
  auto [open_id, open_token] = IssuedInvoice(business, 20000, "Ouverte", 12);
  auto pay =
      Send("POST", "/api/v1/invoices/" + std::to_string(paid_id) + "/payments", &business.owner,
           {{"method", "bank_transfer"},
            {"amount_cents", 12000},
            {"reference", "VIR"},
            {"received_on", "2026-11-25"}});
  ASSERT_EQ(pay->status, 201) << pay->body;
  auto client_pause =
      Send("PUT", "/api/v1/clients/" + std::to_string(business.client_id) + "/reminders",
           &business.owner, {{"paused", true}});
  ASSERT_EQ(client_pause->status, 200) << client_pause->body;
  At("2026-12-14T10:00:00.000Z");
  EXPECT_EQ(Run(), 0) << "the client's reminders are paused";
  business.owner = SignIn("greg@sono-lumiere.fr");
  ASSERT_EQ(Send("PUT", "/api/v1/clients/" + std::to_string(business.client_id) + "/reminders",
                 &business.owner, {{"paused", false}})
                ->status,
            200);
  EXPECT_EQ(Run(), 1) << "only the unpaid invoice";
  EXPECT_EQ(Reminders().size(), 1u);
  (void)open_id;
  (void)paid_token;
  (void)open_token;
}

TEST_F(RemindersHttp, AnUnsignedQuoteIsFollowedUpThenWarnedBeforeExpiryWithItsOwnLink) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  // Sent on Wednesday 25 November 2026, valid until 31 December; the defaults: a follow-up 7
  // days after, a notice 3 days before the end.
  auto [quote_id, token] = SentQuote(business, 150000);
  auto [signed_id, signed_token] = SignedQuote(business, 90000);
  auto [revoked_id, revoked_token] = SentQuote(business, 40000);
  const std::string quote = "/api/v1/quotes/" + std::to_string(quote_id);
  ASSERT_EQ(
      Send("POST", "/api/v1/quotes/" + std::to_string(revoked_id) + "/revoke-link", &business.owner)
          ->status,
      200);
  app::RemindersService reminders(*db_, clock_, cipher_, "http://planify.test");
  const auto run = [&] {
    auto n = reminders.RunQuotes();
    EXPECT_TRUE(n) << n.error().message;
    return n ? *n : -1;
  };
  const auto mails = [&] {
    std::vector<std::pair<std::string, std::string>> out;
    auto lease = db_->Acquire();
    soci::rowset<soci::row> rows =
        ((*lease)->prepare << "SELECT template, text_body FROM emails WHERE template IN "
                              "('quote.followup', 'quote.expiring') ORDER BY id");
    for (const auto& row : rows) out.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
    return out;
  };
  At("2026-12-01T10:00:00.000Z");  // 6 days after
  EXPECT_EQ(run(), 0);
  At("2026-12-02T07:30:00.000Z");  // the 7th day, 08:30 in Paris: before the send hour
  EXPECT_EQ(run(), 0);
  At("2026-12-02T08:05:00.000Z");
  EXPECT_EQ(run(), 1) << "the unsigned quote only: not the signed one, not the revoked link";
  EXPECT_EQ(run(), 0) << "once";
  auto sent = mails();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].first, "quote.followup");
  EXPECT_NE(sent[0].second.find("http://planify.test/p/devis/" + token), std::string::npos)
      << "the link the client already has: " << sent[0].second;
  EXPECT_NE(sent[0].second.find("31/12/2026"), std::string::npos) << sent[0].second;
  EXPECT_EQ(Send("GET", "/api/v1/public/quotes/" + token, nullptr)->status, 200)
      << "and it still opens";

  At("2026-12-26T10:00:00.000Z");  // a Saturday inside the notice window
  EXPECT_EQ(run(), 0);
  At("2026-12-28T10:00:00.000Z");  // Monday, 3 days before the end
  EXPECT_EQ(run(), 1);
  EXPECT_EQ(run(), 0);
  sent = mails();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].first, "quote.expiring");
  EXPECT_NE(sent[1].second.find("3 jour(s)"), std::string::npos) << sent[1].second;
  At("2026-12-30T10:00:00.000Z");
  EXPECT_EQ(run(), 0) << "nothing more before it expires";

  business.owner = SignIn("greg@sono-lumiere.fr");
  auto history = Json(Send("GET", quote + "/reminders", &business.owner));
  ASSERT_EQ(history["items"].size(), 2u) << history.dump();
  EXPECT_EQ(history["items"][0]["step"], "followup");
  EXPECT_EQ(history["items"][0]["sent_on"], "2026-12-02");
  EXPECT_EQ(history["items"][0]["email_status"], "queued");
  EXPECT_EQ(history["items"][1]["step"], "expiry");
  EXPECT_EQ(Json(Send("GET", "/api/v1/quotes/" + std::to_string(signed_id) + "/reminders",
                      &business.owner))["items"]
                .size(),
            0u);
  (void)signed_token;
  (void)revoked_token;
}

TEST_F(RemindersHttp, QuoteFollowUpsFollowTheSettingsAndTheClientsPause) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto [quote_id, token] = SentQuote(business, 150000);
  app::RemindersService reminders(*db_, clock_, cipher_, "http://planify.test");
  auto saved = Send("PUT", "/api/v1/reminder-settings", &business.owner,
                    {{"steps", {{{"offset_days", 7}, {"tone", "courteous"}}}},
                     {"quote_followup_days", 0},
                     {"quote_expiry_notice_days", 5}});
  ASSERT_EQ(saved->status, 200) << saved->body;
  ASSERT_EQ(Send("PUT", "/api/v1/clients/" + std::to_string(business.client_id) + "/reminders",
                 &business.owner, {{"paused", true}})
                ->status,
            200);
  At("2026-12-02T10:00:00.000Z");
  EXPECT_EQ(*reminders.RunQuotes(), 0) << "follow-ups switched off";
  At("2026-12-28T10:00:00.000Z");
  EXPECT_EQ(*reminders.RunQuotes(), 0) << "the client is paused";
  business.owner = SignIn("greg@sono-lumiere.fr");
  ASSERT_EQ(Send("PUT", "/api/v1/clients/" + std::to_string(business.client_id) + "/reminders",
                 &business.owner, {{"paused", false}})
                ->status,
            200);
  EXPECT_EQ(*reminders.RunQuotes(), 1) << "the notice, 5 days before";
  (void)quote_id;
  (void)token;
}

TEST_F(RemindersHttp, TheCrewIsToldWhenAssignedAndTheDayBeforeOnce) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto dj = SeedMember(business.org, "lea@sono-lumiere.fr", "dj");
  auto created = Send("POST", "/api/v1/missions", &business.owner,
                      {{"title", "Mariage Durand"},
                       {"status", "confirmed"},
                       {"client_id", business.client_id},
                       {"address", "Château de Montplaisir, Lyon"},
                       {"starts_at", "2026-12-12T18:00:00+01:00"},
                       {"ends_at", "2026-12-13T02:00:00+01:00"},
                       {"crew", {{{"user_id", dj.value}, {"position", "dj"}, {"lead", true}}}}});
  ASSERT_EQ(created->status, 201) << created->body;
  const long long mission = Json(created)["id"];
  app::RemindersService reminders(*db_, clock_, cipher_, "http://planify.test");
  auto run = [&] {
    auto n = reminders.RunCrew();
    EXPECT_TRUE(n) << n.error().message;
    return n ? *n : -1;
  };
  EXPECT_EQ(run(), 1);
  EXPECT_EQ(run(), 0) << "told once";
  auto crew_mail = [&](const std::string& template_name) {
    auto lease = db_->Acquire();
    std::string to;
    std::string text;
    long long n = 0;
    **lease << "SELECT count(*) FROM emails WHERE template = :t", soci::use(template_name),
        soci::into(n);
    if (n > 0) {
      **lease << "SELECT to_address, text_body FROM emails WHERE template = :t ORDER BY id DESC "
                 "LIMIT 1",
          soci::use(template_name), soci::into(to), soci::into(text);
    }
    return std::make_tuple(n, to, text);
  };
  auto [assigned, to, text] = crew_mail("mission.assigned");
  EXPECT_EQ(assigned, 1);
  EXPECT_EQ(to, "lea@sono-lumiere.fr");
  EXPECT_NE(text.find("http://planify.test/missions/" + std::to_string(mission)), std::string::npos)
      << text;
  EXPECT_NE(text.find("2026 18:00"), std::string::npos) << "Paris time: " << text;

  At("2026-12-11T16:30:00.000Z");  // 17:30 in Paris, before the 18 h default
  EXPECT_EQ(run(), 0);
  At("2026-12-11T17:05:00.000Z");  // 18:05
  EXPECT_EQ(run(), 1);
  EXPECT_EQ(run(), 0);
  EXPECT_EQ(std::get<0>(crew_mail("mission.reminder")), 1);
  At("2026-12-12T17:05:00.000Z");  // the day itself: nothing more
  EXPECT_EQ(run(), 0);
}

TEST_F(RemindersHttp, TheScheduleIsTheOrganisationsAndIsChecked) {
  auto business = SeedBusiness("Sono Lumière", "greg@sono-lumiere.fr");
  auto defaults = Json(Send("GET", "/api/v1/reminder-settings", &business.owner));
  ASSERT_EQ(defaults["steps"].size(), 4u);
  EXPECT_EQ(defaults["steps"][0]["key"], "due-3");
  EXPECT_EQ(defaults["send_hour"], 9);
  auto bad =
      Send("PUT", "/api/v1/reminder-settings", &business.owner,
           {{"steps",
             {{{"offset_days", 10}, {"tone", "formal"}}, {{"offset_days", 5}, {"tone", "loud"}}}},
            {"send_hour", 3}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Json(bad)["error"]["fields"][0]["field"], "steps[1].tone");
  auto bad_order = Send(
      "PUT", "/api/v1/reminder-settings", &business.owner,
      {{"steps",
        {{{"offset_days", 10}, {"tone", "courteous"}}, {{"offset_days", 5}, {"tone", "formal"}}}},
       {"send_hour", 3}});
  ASSERT_EQ(bad_order->status, 422) << bad_order->body;
  std::set<std::string> fields;
  const auto refused = Json(bad_order);
  for (const auto& f : refused["error"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"steps[1].offset_days", "send_hour"}));
  auto saved = Send("PUT", "/api/v1/reminder-settings", &business.owner,
                    {{"steps", {{{"offset_days", 1}, {"tone", "courteous"}}}},
                     {"send_hour", 14},
                     {"enabled", true}});
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(Json(saved)["steps"].size(), 1u);
  // One step, the day after the due date, from 14 h Paris.
  auto [invoice_id, token] = IssuedInvoice(business, 10000, "Soirée", 12);
  At("2026-12-08T10:00:00.000Z");
  EXPECT_EQ(Run(), 0);
  At("2026-12-08T13:00:00.000Z");
  EXPECT_EQ(Run(), 1);
  (void)invoice_id;
  (void)token;
}

}  // namespace
}  // namespace planify::testing
