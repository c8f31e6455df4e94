// The Google Calendar client against a local fake Google over real HTTP
// (tests/support/fake_google.hpp): the OAuth code exchange and refresh, events created under
// our id, replaced, deleted and made again, a revoked grant, free/busy, an unreachable Google.
#include "integrations/google/google_calendar.hpp"

#include <gtest/gtest.h>

#include "domain/icalendar.hpp"
#include "domain/local_time.hpp"
#include "support/fake_google.hpp"

namespace planify::integrations {
namespace {

using testing::FakeGoogle;

class GoogleCalendar : public ::testing::Test {
 protected:
  GoogleCalendarOptions Options() const {
    GoogleCalendarOptions o;
    o.client_id = FakeGoogle::kClientId;
    o.client_secret = FakeGoogle::kClientSecret;
    o.token_url = google_.base_url() + "/token";
    o.revoke_url = google_.base_url() + "/revoke";
    o.api_base = google_.base_url();
    return o;
  }
  static domain::Timestamp At(const char* text) { return *domain::ParseApiInstant(text); }

  app::ProviderEvent Concert(const std::string& id) const {
    app::ProviderEvent e;
    e.id = id;
    e.summary = "Concert au parc";
    e.description = "Équipe : Léa (technicien)";
    e.location = "Parc de la Tête d'Or, Lyon";
    e.starts_at = At("2027-03-28T20:00:00+02:00");
    e.ends_at = At("2027-03-28T23:00:00+02:00");
    e.source_url = "https://planify.example.fr/missions/42";
    return e;
  }

  FakeGoogle google_;
};

TEST_F(GoogleCalendar, EventsAreCreatedOnceReplacedAndDeleted) {
  GoogleCalendarClient client(Options());
  auto tokens = client.ExchangeCode(google_.IssueCode("lea@gmail.com", "calendar.events"),
                                    "verifier", "https://planify.example.fr/callback");
  ASSERT_TRUE(tokens) << tokens.error().message;
  EXPECT_FALSE(tokens->refresh_token.empty());
  auto fresh = client.Refresh(tokens->refresh_token);
  ASSERT_TRUE(fresh) << fresh.error().message;
  EXPECT_EQ(fresh->expires_in, std::chrono::seconds(3599));

  const std::string id = domain::ExternalEventId(7, 42, 0);
  EXPECT_EQ(id,
            "0a1b"
            "0000000000000007"
            "000000000000002a"
            "0000000000000000");
  EXPECT_NE(domain::ExternalEventId(7, 42, 1), id);
  auto made = client.Upsert(fresh->access_token, "primary", Concert(id));
  ASSERT_TRUE(made) << made.error().message;
  auto again = client.Upsert(fresh->access_token, "primary", Concert(id));
  ASSERT_TRUE(again);
  auto events = google_.events("primary");
  ASSERT_EQ(events.size(), 1U) << "the same call twice leaves one event";
  const auto& body = events.at(id).body;
  EXPECT_EQ(body["start"]["dateTime"], "2027-03-28T18:00:00.000Z");
  EXPECT_EQ(body["start"]["timeZone"], "Europe/Paris");
  EXPECT_EQ(body["summary"], "Concert au parc");
  EXPECT_EQ(body["source"]["url"], "https://planify.example.fr/missions/42");

  // Moved an hour later: the same event, a new etag.
  auto moved = Concert(id);
  moved.starts_at = At("2027-03-28T21:00:00+02:00");
  auto replaced = client.Upsert(fresh->access_token, "primary", moved);
  ASSERT_TRUE(replaced);
  EXPECT_NE(*replaced, *made);
  EXPECT_EQ(google_.events("primary").at(id).body["start"]["dateTime"], "2027-03-28T19:00:00.000Z");

  ASSERT_TRUE(client.Delete(fresh->access_token, "primary", id));
  EXPECT_TRUE(google_.events("primary").at(id).deleted);
  EXPECT_TRUE(client.Delete(fresh->access_token, "primary", id)) << "already gone is fine";
  // Its id is burned at Google: CONFLICT, and the next generation makes it again.
  auto burned = client.Upsert(fresh->access_token, "primary", Concert(id));
  ASSERT_FALSE(burned);
  EXPECT_EQ(burned.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(
      client.Upsert(fresh->access_token, "primary", Concert(domain::ExternalEventId(7, 42, 1))));
  EXPECT_FALSE(google_.events("primary").at(domain::ExternalEventId(7, 42, 1)).deleted);
}

TEST_F(GoogleCalendar, ARevokedGrantIsUnauthenticatedAndGoogleDownIsUnavailable) {
  GoogleCalendarClient client(Options());
  auto tokens = client.ExchangeCode(google_.IssueCode("lea@gmail.com", "calendar.events"),
                                    "verifier", "https://planify.example.fr/callback");
  ASSERT_TRUE(tokens);
  EXPECT_FALSE(client.ExchangeCode("code-unknown", "verifier", "https://x/cb"));

  // Busy time, read back as periods.
  google_.SetBusy("primary",
                  {{{"start", "2027-04-02T08:00:00Z"}, {"end", "2027-04-02T12:00:00Z"}}});
  auto busy = client.FreeBusy(tokens->access_token, "primary", At("2027-04-01T00:00:00Z"),
                              At("2027-10-01T00:00:00Z"));
  ASSERT_TRUE(busy) << busy.error().message;
  ASSERT_EQ(busy->size(), 1U);
  EXPECT_EQ(domain::FormatIsoUtc((*busy)[0].starts_at), "2027-04-02T08:00:00.000Z");

  // The member removed Planify in their Google account.
  google_.RevokeGrantOf("lea@gmail.com");
  auto refused = client.Refresh(tokens->refresh_token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  auto denied =
      client.Upsert(tokens->access_token, "primary", Concert(domain::ExternalEventId(1, 1, 0)));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kUnauthenticated);

  // Disconnect: the token goes to Google's revocation endpoint.
  EXPECT_TRUE(client.Revoke(tokens->refresh_token));
  EXPECT_EQ(google_.revoked_tokens(), std::vector<std::string>{tokens->refresh_token});

  // Nobody listening: retry later.
  GoogleCalendarOptions down = Options();
  down.token_url = "http://127.0.0.1:9/token";
  auto unreachable = GoogleCalendarClient(down).Refresh(tokens->refresh_token);
  ASSERT_FALSE(unreachable);
  EXPECT_EQ(unreachable.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace planify::integrations
