#include "domain/booking.hpp"

#include <gtest/gtest.h>

#include "domain/local_time.hpp"

namespace planify::domain {
namespace {

Timestamp At(const char* iso) { return *ParseApiInstant(iso); }

BookingForm GoodForm() {
  BookingForm f;
  f.event_type = "Mariage";
  f.date = "2027-06-12";
  f.start_time = "19:00";
  f.end_date = "2027-06-13";
  f.end_time = "02:00";
  f.place = "Château de Montplaisir, Lyon";
  f.guests = 120;
  f.services = {7};
  f.budget_cents = 150000;
  f.message = "Bonjour, nous cherchons un DJ.";
  f.name = "Camille Durand";
  f.email = " Camille.Durand@Example.FR ";
  f.phone = "06 12 34 56 78";
  f.consent = true;
  return f;
}

BookingOffer Offer() {
  BookingOffer o;
  o.event_types = {"Mariage", "Anniversaire"};
  o.services = {7, 9};
  return o;
}

const Timestamp kNow = At("2027-01-29T10:00:00Z");

bool HasField(const Error& e, std::string_view field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(BookingForm, AcceptsAGoodRequestInParisTime) {
  auto data = ValidateBookingForm(GoodForm(), Offer(), kNow);
  ASSERT_TRUE(data) << data.error().message;
  EXPECT_EQ(FormatIsoUtc(data->starts_at), "2027-06-12T17:00:00.000Z");  // summer time
  EXPECT_EQ(FormatIsoUtc(data->ends_at), "2027-06-13T00:00:00.000Z");
  EXPECT_EQ(data->email, "camille.durand@example.fr");
  EXPECT_EQ(data->phone, "+33612345678");
  EXPECT_EQ(data->locale, "fr");
  EXPECT_EQ(data->guests, 120);
}

TEST(BookingForm, NamesEveryBadField) {
  BookingForm f;
  f.date = "12/06/2027";
  f.start_time = "25:00";
  f.end_time = "";
  f.message = std::string(5000, 'x');
  f.email = "nope";
  f.phone = "call me";
  f.guests = 0;
  f.services = {8};
  f.budget_cents = -1;
  auto data = ValidateBookingForm(f, Offer(), kNow);
  ASSERT_FALSE(data);
  for (const char* field :
       {"event_type", "date", "start_time", "end_time", "place", "guests", "services",
        "budget_cents", "message", "name", "email", "phone", "consent"}) {
    EXPECT_TRUE(HasField(data.error(), field)) << field;
  }
}

TEST(BookingForm, RefusesThePastAnEndBeforeTheStartAndTooLong) {
  auto past = GoodForm();
  past.date = "2027-01-28";
  past.end_date = "";
  past.end_time = "23:00";
  auto r = ValidateBookingForm(past, Offer(), kNow);
  ASSERT_FALSE(r);
  EXPECT_TRUE(HasField(r.error(), "date"));

  auto backwards = GoodForm();
  backwards.end_date = "2027-06-12";
  backwards.end_time = "18:00";
  r = ValidateBookingForm(backwards, Offer(), kNow);
  ASSERT_FALSE(r);
  EXPECT_TRUE(HasField(r.error(), "end_time"));

  auto long_one = GoodForm();
  long_one.end_date = "2027-06-15";
  r = ValidateBookingForm(long_one, Offer(), kNow);
  ASSERT_FALSE(r);
  EXPECT_TRUE(HasField(r.error(), "end_time"));

  auto far = GoodForm();
  far.date = "2031-06-12";
  far.end_date = "";
  far.end_time = "23:00";
  r = ValidateBookingForm(far, Offer(), kNow);
  ASSERT_FALSE(r);
  EXPECT_TRUE(HasField(r.error(), "date"));
}

TEST(BookingForm, EventTypesAreFreeTextWhenTheOrganisationListsNone) {
  auto f = GoodForm();
  f.event_type = "Soirée d'entreprise";
  EXPECT_FALSE(ValidateBookingForm(f, Offer(), kNow));
  auto open = Offer();
  open.event_types.clear();
  EXPECT_TRUE(ValidateBookingForm(f, open, kNow));
}

TEST(BookingPhone, FrenchAndInternationalForms) {
  EXPECT_EQ(NormalizePhone("06 12 34 56 78"), "+33612345678");
  EXPECT_EQ(NormalizePhone("06.12.34.56.78"), "+33612345678");
  EXPECT_EQ(NormalizePhone("+33 6 12 34 56 78"), "+33612345678");
  EXPECT_EQ(NormalizePhone("+33 (0)6 12 34 56 78"), "+33612345678");
  EXPECT_EQ(NormalizePhone("0033 6 12 34 56 78"), "+33612345678");
  EXPECT_EQ(NormalizePhone("+44 20 7946 0958"), "+442079460958");
  EXPECT_EQ(NormalizePhone("+1 (415) 555-2671"), "+14155552671");
  EXPECT_FALSE(NormalizePhone("612345678"));
  EXPECT_FALSE(NormalizePhone("00 01 23 45 67"));
  EXPECT_FALSE(NormalizePhone("+33 6 12"));
  EXPECT_FALSE(NormalizePhone("06 12 34 56 78 <script>"));
  EXPECT_FALSE(NormalizePhone("+1234567890123456"));
}

TEST(BookingStatus, OfficeMoves) {
  using S = BookingStatus;
  EXPECT_TRUE(CanMoveBooking(S::kNew, S::kInDiscussion));
  EXPECT_TRUE(CanMoveBooking(S::kInDiscussion, S::kLost));
  EXPECT_TRUE(CanMoveBooking(S::kSpam, S::kNew));
  EXPECT_TRUE(CanMoveBooking(S::kQuoted, S::kWon));
  EXPECT_FALSE(CanMoveBooking(S::kNew, S::kQuoted));
  EXPECT_FALSE(CanMoveBooking(S::kWon, S::kLost));
  EXPECT_FALSE(CanMoveBooking(S::kQuoted, S::kSpam));
  EXPECT_TRUE(IsAcceptable(S::kNew));
  EXPECT_FALSE(IsAcceptable(S::kSpam));
  EXPECT_EQ(ParseBookingStatus("in_discussion"), S::kInDiscussion);
  EXPECT_FALSE(ParseBookingStatus("open"));
  EXPECT_EQ(BookingReference(42), "DEM-00042");
}

BookedMission Mission(MissionStatus status, const char* from, const char* to,
                      std::vector<long long> crew) {
  BookedMission m;
  m.id = 1;
  m.title = "Mariage Dupont";
  m.status = status;
  m.when = {At(from), At(to)};
  m.crew = std::move(crew);
  return m;
}

TEST(BookingCapacity, PerformersOnMissionsAwayAndUnstaffedMissions) {
  const TimeRange evening{At("2027-06-12T17:00:00Z"), At("2027-06-13T00:00:00Z")};
  BookingCapacity c;
  c.performers = {1, 2};
  EXPECT_TRUE(LooksFree(evening, c));
  c.missions.push_back(
      Mission(MissionStatus::kConfirmed, "2027-06-12T16:00:00Z", "2027-06-12T23:00:00Z", {1}));
  EXPECT_TRUE(LooksFree(evening, c));  // 2 is free
  c.days_off.push_back({2, {At("2027-06-12T00:00:00Z"), At("2027-06-13T00:00:00Z")}, "congés"});
  EXPECT_FALSE(LooksFree(evening, c));
  c.days_off.clear();
  c.missions.push_back(
      Mission(MissionStatus::kPlanned, "2027-06-12T18:00:00Z", "2027-06-12T22:00:00Z", {}));
  EXPECT_FALSE(LooksFree(evening, c));  // the unstaffed mission takes the last one
  c.missions.back().status = MissionStatus::kDraft;
  EXPECT_TRUE(LooksFree(evening, c));  // a draft holds nothing
}

TEST(BookingCapacity, OnePersonBusinessAndTravelBuffer) {
  const TimeRange evening{At("2027-06-12T17:00:00Z"), At("2027-06-13T00:00:00Z")};
  BookingCapacity c;
  c.missions.push_back(
      Mission(MissionStatus::kConfirmed, "2027-06-12T08:00:00Z", "2027-06-12T16:00:00Z", {}));
  EXPECT_TRUE(LooksFree(evening, c));
  c.travel_buffer = std::chrono::minutes(90);
  EXPECT_FALSE(LooksFree(evening, c));
  c.missions.clear();
  c.days_off.push_back({5, {At("2027-06-12T00:00:00Z"), At("2027-06-14T00:00:00Z")}, ""});
  EXPECT_FALSE(LooksFree(evening, c));
}

}  // namespace
}  // namespace planify::domain
