// Ownership: every id a write route accepts names something of the caller's organisation.
// Organisation B sending organisation A's ids gets 404 for an id in the path and 422 naming the
// field for an id in the body (the same as for an id of nothing), and nothing is written in
// either organisation. The table walks the router: a write route without a row fails
// EveryWriteRouteIsListed, so a new route has to say which ids it takes.
#include <gtest/gtest.h>

#include <set>

#include "http/auth_fixture.hpp"
#include "http/booking_seed.hpp"
#include "store/api_tokens_repository.hpp"
#include "store/auth_repository.hpp"
#include "store/billing_repository.hpp"
#include "store/calendar_connections_repository.hpp"
#include "store/calendar_feeds_repository.hpp"
#include "store/catalogue_repository.hpp"
#include "store/categories_repository.hpp"
#include "store/client_space_repository.hpp"
#include "store/clients_repository.hpp"
#include "store/crew_profiles_repository.hpp"
#include "store/jobs_repository.hpp"
#include "store/kits_repository.hpp"
#include "store/legacy_uploads_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/notifications_repository.hpp"
#include "store/planning_repository.hpp"
#include "store/units_repository.hpp"
#include "store/webhooks_repository.hpp"

namespace planify::testing {
namespace {

using nlohmann::json;

constexpr long long kMissing = 987654321;  // names no row in any organisation
constexpr const char* kSeeded = "2026-11-25T09:00:00.000Z";

// One organisation with one resource of every kind a request can name.
struct Org {
  OrganizationId id;
  long long owner = 0;
  long long dj = 0;
  long long client = 0;
  long long venue = 0;
  long long site = 0;
  long long site2 = 0;     // a second depot, empty
  long long kit = 0;       // one `item`
  long long unit = 0;      // the one unit of an item tracked by unit
  long long category = 0;  // empty
  long long item = 0;      // equipment
  long long item2 = 0;
  long long mission = 0;
  long long maintenance = 0;  // an open check of `item`
  long long article = 0;      // catalogue item
  long long rule = 0;         // pricing rule
  long long quote = 0;        // draft
  long long invoice = 0;      // draft
  long long payment = 0;      // pending
  long long unavailability = 0;
  long long profile = 0;   // a crew profile without an account
  long long profile2 = 0;  // another one, linked by the probes
  long long upload = 0;    // a legacy database uploaded and checked
  long long invitation = 0;
  long long token = 0;
  long long feed = 0;  // the owner's organisation calendar feed
  long long gcal = 0;  // the owner's Google Calendar connection
  long long webhook = 0;
  long long notification = 0;
  long long delivery = 0;    // a delivery of `webhook`
  long long job = 0;         // dead
  long long booking = 0;     // a new booking request
  long long space_link = 0;  // a client-space link of `client`
};

// An id carried in the body: `base` is a valid body of organisation B, and the id goes at
// `field` ("lines[1].catalogue_item_id").
struct Probe {
  std::string field;
  json base;
  long long foreign = 0;  // organisation A's
  long long own = 0;      // organisation B's, of the same kind
};

// One write route. `foreign_path` names organisation A's resource (404); the probes go to
// `path`, which names organisation B's own; a route with neither says why in `no_ids`.
struct WriteCase {
  std::string method;
  std::string pattern;
  std::string path;
  std::string foreign_path;
  json foreign_body;
  std::vector<Probe> probes;
  std::string no_ids;
  // POST /auth/organization switches to one of the caller's memberships: another organisation
  // is not found (404), like a path id, and AuthorizationMatrix pins that answer.
  int refused_with = 422;
};

// "lines[1].catalogue_item_id" -> "/lines/1/catalogue_item_id"
json::json_pointer PointerOf(const std::string& field) {
  std::string out = "/";
  for (char c : field) {
    if (c == '[' || c == '.') {
      out += '/';
    } else if (c != ']') {
      out += c;
    }
  }
  return json::json_pointer(out);
}

json With(json body, const std::string& field, long long id) {
  body[PointerOf(field)] = id;
  return body;
}

class Ownership : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    Seed(a_, "Sono A", "a");
    Seed(b_, "Sono B", "b");
    SignIn("owner@a.fr");  // organisation A's session, for DELETE /me/sessions/:id
    auto lease = db_->Acquire();
    long long owner = a_.owner;
    **lease << "SELECT max(id) FROM sessions WHERE user_id = :u", soci::use(owner),
        soci::into(session_a_);
  }

  void Seed(Org& o, const std::string& name, const std::string& l) {
    o.id = SeedOrganization(name);
    o.owner = SeedMember(o.id, "owner@" + l + ".fr", "owner").value;
    o.dj = SeedMember(o.id, "dj@" + l + ".fr", "dj").value;
    auto lease = db_->Acquire();
    domain::ClientInput client;
    client.name = "Mariage " + l;
    o.client = store::ClientsRepository(*lease).Insert(o.id, client, kSeeded);
    domain::PlaceInput place;
    place.name = "Château " + l;
    o.venue =
        store::PlacesRepository(*lease, store::PlaceKind::kVenue).Insert(o.id, place, kSeeded);
    place.name = "Dépôt " + l;
    o.site = store::PlacesRepository(*lease, store::PlaceKind::kStorageSite)
                 .Insert(o.id, place, kSeeded);
    domain::EquipmentInput item;
    item.name = "Enceinte " + l;
    item.quantity_owned = 4;
    item.storage_site = o.site;
    store::EquipmentRepository equipment(*lease);
    o.item = equipment.Insert(o.id, item, kSeeded);
    item.name = "Console " + l;
    o.item2 = equipment.Insert(o.id, item, kSeeded);
    domain::MissionInput mission;
    mission.title = "Mariage " + l;
    mission.client = o.client;
    mission.venue = o.venue;
    mission.starts_at = *domain::ParseIsoUtc("2027-06-12T16:00:00.000Z");
    mission.ends_at = *domain::ParseIsoUtc("2027-06-13T00:00:00.000Z");
    mission.crew = {{o.owner, "dj", "", true}};
    mission.equipment = {{o.item, 1}};
    o.mission = store::MissionsRepository(*lease).Insert(o.id, mission, UserId{o.owner}, kSeeded);
    o.maintenance = store::LogisticsRepository(*lease).OpenMaintenance(
        o.id, {o.item, "check", 1, "", "", "", std::nullopt, std::nullopt, kSeeded});
    place.name = "Annexe " + l;
    o.site2 = store::PlacesRepository(*lease, store::PlaceKind::kStorageSite)
                  .Insert(o.id, place, kSeeded);
    domain::KitInput kit;
    kit.name = "Flight case " + l;
    kit.items = {{o.item, 1}};
    o.kit = store::KitsRepository(*lease).Insert(o.id, kit, kSeeded);
    domain::EquipmentInput lyre;
    lyre.name = "Lyre " + l;
    lyre.tracking = domain::Tracking::kUnit;
    const long long lyre_id = equipment.Insert(o.id, lyre, kSeeded);
    o.unit = store::UnitsRepository(*lease).Insert(o.id, lyre_id, {"SN-" + l, "", ""},
                                                   domain::UnitStatus::kAvailable, std::nullopt,
                                                   o.site, kSeeded);
    o.category = store::CategoriesRepository(*lease).Insert(o.id, "Vidéo " + l, 0, kSeeded);
    store::CatalogueRepository catalogue(*lease);
    domain::CatalogueItemInput article;
    article.name = "Location enceinte " + l;
    article.equipment_item = o.item;
    o.article = catalogue.InsertItem(o.id, article, kSeeded);
    domain::PricingRule rule;
    rule.name = "Mariage " + l;
    rule.hourly_rate_cents = 10000;
    o.rule = catalogue.InsertRule(o.id, rule, kSeeded);
    store::BillingRepository billing(*lease);
    store::QuoteRecord quote;
    quote.status = "draft";
    quote.client_id = o.client;
    quote.content.title = "Devis " + l;
    quote.client.name = client.name;
    o.quote = billing.InsertQuote(o.id, quote, kSeeded);
    store::InvoiceRecord invoice;
    invoice.status = "draft";
    invoice.client_id = o.client;
    invoice.content.title = "Facture " + l;
    invoice.client.name = client.name;
    o.invoice = billing.InsertInvoice(o.id, invoice, kSeeded);
    store::PaymentRecord payment;
    payment.number = "PAY-" + l;
    payment.invoice_id = o.invoice;
    payment.method = "cash";
    payment.status = "pending";
    payment.amount_cents = 1000;
    payment.received_on = "2026-11-25";
    o.payment = billing.InsertPayment(o.id, payment, kSeeded);
    domain::UnavailabilityInput off;
    off.user = o.dj;
    off.starts_at = *domain::ParseIsoUtc("2027-08-01T00:00:00.000Z");
    off.ends_at = *domain::ParseIsoUtc("2027-08-15T00:00:00.000Z");
    o.unavailability =
        store::PlanningRepository(*lease).InsertUnavailability(o.id, off, UserId{o.dj}, kSeeded);
    domain::CrewProfileInput freelancer;
    freelancer.display_name = "Lina " + l;
    o.profile = store::CrewProfilesRepository(*lease).Insert(o.id, freelancer, kSeeded);
    freelancer.display_name = "Max " + l;
    o.profile2 = store::CrewProfilesRepository(*lease).Insert(o.id, freelancer, kSeeded);
    store::LegacyUploadRow upload;
    upload.filename = "dj_prestations.db";
    upload.size_bytes = 4096;
    upload.sha256 = std::string(64, l == "a" ? 'a' : 'b');
    upload.status = "checked";
    upload.created_at = kSeeded;
    o.upload = store::LegacyUploadsRepository(*lease).Insert(o.id, upload);
    o.invitation = store::AuthRepository(*lease).InsertInvitation(
        o.id, "invitee@" + l + ".fr", "dj", std::string(64, l == "a" ? 'a' : 'b'), UserId{o.owner},
        kSeeded, "2026-12-25T09:00:00.000Z");
    o.token = store::ApiTokensRepository(*lease).Insert(
        o.id, UserId{o.owner}, "Zapier", "plf_" + std::string(8, l == "a" ? 'a' : 'b'),
        std::string(64, l == "a" ? 'c' : 'd'), "members.read", kSeeded, "");
    o.feed = store::CalendarFeedsRepository(*lease).Insert(
        o.id, UserId{o.owner}, "organization", "", 0, "feed-hash-" + l, "sealed", kSeeded);
    o.gcal = store::CalendarConnectionsRepository(*lease).Insert(
        o.id, UserId{o.owner}, "organization", l + "@gmail.example", "primary", "sealed", kSeeded);
    {
      store::WebhooksRepository hooks(*lease);
      store::WebhookEndpoint hook;
      hook.url = "https://hooks.example.fr/" + l;
      hook.events = {"invoice_paid"};
      hook.secret_sealed = "sealed";
      o.webhook = hooks.Insert(o.id, hook, std::nullopt, kSeeded);
      o.delivery = hooks.InsertDelivery(o.id, o.webhook, "ping", "{}", std::nullopt, kSeeded);
    }
    o.booking = SeedBookingRequest(*lease, o.id, "Camille " + l, "camille@" + l + ".fr");
    {
      store::NotificationEvent event;
      event.organization = o.id;
      event.kind = domain::NotificationKind::kMissionAssigned;
      event.subject_type = "mission";
      event.subject_id = std::to_string(o.mission);
      event.users = {o.owner};
      EXPECT_EQ(store::Notify(*lease, event, kSeeded), 1);
      **lease << "SELECT max(id) FROM notifications", soci::into(o.notification);
    }
    {
      store::ClientSpaceLinkRow link;
      link.client_id = o.client;
      link.created_at = kSeeded;
      link.expires_at = "2027-01-25T09:00:00.000Z";
      o.space_link = store::ClientSpaceRepository(*lease).InsertLink(o.id, link, "hash-" + l);
    }
    store::NewJob job;
    job.organization = o.id;
    job.type = "email.send";
    o.job = *store::JobsRepository(*lease).Enqueue(job, kSeeded);
    **lease << "UPDATE jobs SET status = 'dead' WHERE id = :id", soci::use(o.job);
  }

  // Bodies of organisation B that every probe starts from.
  json DocumentBody(const std::string& title) const {
    return {{"title", title},
            {"client_id", b_.client},
            {"mission_id", b_.mission},
            {"lines",
             {{{"description", "Animation DJ"},
               {"unit", "hour"},
               {"quantity_milli", 6000},
               {"unit_price_cents", 10000}},
              {{"kind", "rental"},
               {"description", "Location enceinte"},
               {"unit", "unit"},
               {"quantity_milli", 1000},
               {"unit_price_cents", 5000},
               {"catalogue_item_id", b_.article},
               {"equipment_item_id", b_.item}}}}};
  }

  std::vector<Probe> DocumentProbes(const std::string& title) const {
    const json base = DocumentBody(title);
    return {{"client_id", base, a_.client, b_.client},
            {"mission_id", base, a_.mission, b_.mission},
            {"lines[1].catalogue_item_id", base, a_.article, b_.article},
            {"lines[1].equipment_item_id", base, a_.item, b_.item}};
  }

  // A draft (it holds nothing, so the plans never clash) with B's client, venue, crew and gear.
  json MissionBody() const {
    return {{"title", "Soirée"},
            {"status", "draft"},
            {"starts_at", "2027-09-04T18:00:00Z"},
            {"ends_at", "2027-09-05T02:00:00Z"},
            {"client_id", b_.client},
            {"venue_id", b_.venue},
            {"crew",
             {{{"user_id", b_.owner}, {"position", "dj"}, {"lead", true}},
              {{"user_id", b_.dj}, {"position", "technician"}},
              {{"profile_id", b_.profile}, {"position", "assistant"}}}},
            {"equipment", {{{"item_id", b_.item}, {"quantity", 1}}, {{"item_id", b_.item2}}}}};
  }

  std::vector<Probe> PlanProbes(json base) const {
    return {{"client_id", base, a_.client, b_.client},
            {"venue_id", base, a_.venue, b_.venue},
            {"crew[1].user_id", base, a_.dj, b_.dj},
            {"crew[2].profile_id", base, a_.profile, b_.profile},
            {"equipment[1].item_id", base, a_.item2, b_.item2}};
  }

  std::vector<Probe> CheckProbes() const {
    json base = MissionBody();
    base.erase("title");
    base.erase("status");
    base.erase("client_id");
    base["mission_id"] = b_.mission;
    auto probes = PlanProbes(base);
    probes.erase(probes.begin());  // no client in a check
    probes.push_back({"mission_id", base, a_.mission, b_.mission});
    return probes;
  }

  // Every write route of the router, with every id it accepts.
  std::vector<WriteCase> Cases() const {
    const std::string quote_a = "/api/v1/quotes/" + std::to_string(a_.quote);
    const std::string invoice_a = "/api/v1/invoices/" + std::to_string(a_.invoice);
    const std::string payment_a = "/api/v1/payments/" + std::to_string(a_.payment);
    const std::string mission_a = "/api/v1/missions/" + std::to_string(a_.mission);
    const std::string article_a = "/api/v1/catalogue/" + std::to_string(a_.article);
    const std::string rule_a = "/api/v1/pricing-rules/" + std::to_string(a_.rule);
    const std::string rule_b = "/api/v1/pricing-rules/" + std::to_string(b_.rule);
    const std::string venue_a = "/api/v1/venues/" + std::to_string(a_.venue);
    const std::string profile_a = "/api/v1/crew-profiles/" + std::to_string(a_.profile);
    const std::string site_a = "/api/v1/storage-sites/" + std::to_string(a_.site);
    const std::string client_a = "/api/v1/clients/" + std::to_string(a_.client);
    const json article = {{"name", "Location console"},
                          {"kind", "rental"},
                          {"unit", "unit"},
                          {"unit_price_cents", 5000},
                          {"equipment_item_id", b_.item}};
    const json gear = {{"name", "Projecteur"}, {"quantity_owned", 2}, {"storage_site_id", b_.site}};
    const json off = {{"user_id", b_.dj},
                      {"starts_at", "2027-10-01T00:00:00Z"},
                      {"ends_at", "2027-10-02T00:00:00Z"}};
    const json from_mission = {{"mission_id", b_.mission}, {"pricing_rule_id", b_.rule}};
    const json price = {{"mission_id", b_.mission}};
    const json payment = {
        {"method", "cash"}, {"amount_cents", 1000}, {"received_on", "2026-11-25"}};
    const json times = {{"starts_at", "2027-09-04T18:00:00Z"}, {"ends_at", "2027-09-05T02:00:00Z"}};
    const json empty = json::object();
    const json gear_out = {{"items", {{{"item_id", b_.item}, {"quantity", 1}}}}};
    const json gear_unit = {{"items", {{{"unit_id", b_.unit}}}}};
    const json kit_body = {{"name", "Flight case"},
                           {"items", {{{"item_id", b_.item}, {"quantity", 1}}}}};
    // Each probe moves one unit of item2 (4 owned, home b.site) to the annexe.
    const json transfer = {{"from_site_id", b_.site}, {"to_site_id", b_.site2}, {"quantity", 1}};
    const json named = {{"name", "Salle des fêtes"}};
    const std::string own_account = "the caller's own account: no organisation's id";
    const std::string public_token = "public link: its token is the credential, no id";
    const std::string no_body_ids = "its body carries no id";

    std::vector<WriteCase> cases = {
        // Quotes
        {"POST", "/api/v1/quotes", "/api/v1/quotes", "", {}, DocumentProbes("Devis"), ""},
        {"POST",
         "/api/v1/quotes/from-mission",
         "/api/v1/quotes/from-mission",
         "",
         {},
         {{"mission_id", from_mission, a_.mission, b_.mission},
          {"pricing_rule_id", from_mission, a_.rule, b_.rule}},
         ""},
        {"PUT", "/api/v1/quotes/:id", "/api/v1/quotes/" + std::to_string(b_.quote), quote_a,
         DocumentBody("Devis"), DocumentProbes("Devis"), ""},
        {"POST", "/api/v1/quotes/:id/duplicate", "", quote_a + "/duplicate", {}, {}, ""},
        {"POST", "/api/v1/quotes/:id/send", "", quote_a + "/send", empty, {}, ""},
        {"POST", "/api/v1/quotes/:id/accept", "", quote_a + "/accept", {}, {}, ""},
        {"POST",
         "/api/v1/quotes/:id/decline",
         "",
         quote_a + "/decline",
         {{"reason", "Non"}},
         {},
         ""},
        {"POST", "/api/v1/quotes/:id/cancel", "", quote_a + "/cancel", {}, {}, ""},
        {"POST", "/api/v1/quotes/:id/revoke-link", "", quote_a + "/revoke-link", {}, {}, ""},
        {"POST",
         "/api/v1/quotes/:id/invoices",
         "",
         quote_a + "/invoices",
         {{"kind", "final"}},
         {},
         ""},
        {"POST", "/api/v1/public/quotes/:token/decline", "", "", {}, {}, public_token},
        {"POST", "/api/v1/public/quotes/:token/sign", "", "", {}, {}, public_token},
        {"POST",
         "/api/v1/documents/totals",
         "",
         "",
         {},
         {},
         "computes totals only: its lines' ids are neither read nor stored (the route calls no "
         "use case), and nothing is written"},
        // Invoices and payments
        {"POST", "/api/v1/invoices", "/api/v1/invoices", "", {}, DocumentProbes("Facture"), ""},
        {"PUT", "/api/v1/invoices/:id", "/api/v1/invoices/" + std::to_string(b_.invoice), invoice_a,
         DocumentBody("Facture"), DocumentProbes("Facture"), ""},
        {"DELETE", "/api/v1/invoices/:id", "", invoice_a, {}, {}, ""},
        {"POST", "/api/v1/invoices/:id/issue", "", invoice_a + "/issue", {}, {}, ""},
        {"POST", "/api/v1/invoices/:id/send", "", invoice_a + "/send", empty, {}, ""},
        {"POST",
         "/api/v1/invoices/:id/credit-notes",
         "",
         invoice_a + "/credit-notes",
         {{"reason", "Erreur"}},
         {},
         ""},
        {"POST", "/api/v1/invoices/:id/payments", "", invoice_a + "/payments", payment, {}, ""},
        {"POST", "/api/v1/payments/:id/validate", "", payment_a + "/validate", {}, {}, ""},
        {"PUT", "/api/v1/payments/:id/proof", "", payment_a + "/proof", {}, {}, ""},
        {"POST",
         "/api/v1/payments/:id/reject",
         "",
         payment_a + "/reject",
         {{"reason", "Non"}},
         {},
         ""},
        {"POST", "/api/v1/payments/:id/refunds", "", payment_a + "/refunds", empty, {}, ""},
        {"PUT", "/api/v1/payment-settings", "", "", {}, {}, "the caller's organisation, no id"},
        {"PUT", "/api/v1/reminder-settings", "", "", {}, {}, "the caller's organisation, no id"},
        {"PUT", "/api/v1/accounting/settings", "", "", {}, {}, "the caller's organisation, no id"},
        {"POST",
         "/api/v1/exports",
         "/api/v1/exports",
         "",
         {},
         {{"client_id", {{"entity", "invoices"}, {"format", "csv"}}, a_.client, b_.client}},
         ""},
        {"PUT",
         "/api/v1/invoices/:id/reminders",
         "",
         invoice_a + "/reminders",
         {{"paused", true}},
         {},
         ""},
        {"PUT",
         "/api/v1/clients/:id/reminders",
         "",
         client_a + "/reminders",
         {{"paused", true}},
         {},
         ""},
        {"POST",
         "/api/v1/payment-settings/test",
         "",
         "",
         {},
         {},
         "the caller's organisation, no id"},
        {"DELETE", "/api/v1/payment-settings", "", "", {}, {}, "the caller's organisation, no id"},
        {"POST", "/api/v1/public/invoices/:token/checkout", "", "", {}, {}, public_token},
        {"POST", "/api/v1/public/quotes/:token/checkout", "", "", {}, {}, public_token},
        // Catalogue and pricing rules
        {"POST",
         "/api/v1/catalogue",
         "/api/v1/catalogue",
         "",
         {},
         {{"equipment_item_id", article, a_.item, b_.item}},
         ""},
        {"PUT",
         "/api/v1/catalogue/:id",
         "/api/v1/catalogue/" + std::to_string(b_.article),
         article_a,
         article,
         {{"equipment_item_id", article, a_.item, b_.item}},
         ""},
        {"POST", "/api/v1/catalogue/:id/archive", "", article_a + "/archive", {}, {}, ""},
        {"POST", "/api/v1/catalogue/:id/restore", "", article_a + "/restore", {}, {}, ""},
        {"POST", "/api/v1/pricing-rules", "", "", {}, {}, no_body_ids},
        {"PUT", "/api/v1/pricing-rules/:id", "", rule_a, {{"name", "Mariage"}}, {}, ""},
        {"POST", "/api/v1/pricing-rules/:id/archive", "", rule_a + "/archive", {}, {}, ""},
        {"POST", "/api/v1/pricing-rules/:id/restore", "", rule_a + "/restore", {}, {}, ""},
        {"POST",
         "/api/v1/pricing-rules/:id/price",
         rule_b + "/price",
         rule_a + "/price",
         price,
         {{"mission_id", price, a_.mission, b_.mission}},
         ""},
        // Venues, storage sites, equipment, unavailability, planning settings
        {"POST", "/api/v1/venues", "", "", {}, {}, no_body_ids},
        {"PUT", "/api/v1/venues/:id", "", venue_a, named, {}, ""},
        {"POST", "/api/v1/venues/:id/archive", "", venue_a + "/archive", {}, {}, ""},
        {"POST", "/api/v1/venues/:id/restore", "", venue_a + "/restore", {}, {}, ""},
        {"POST", "/api/v1/storage-sites", "", "", {}, {}, no_body_ids},
        {"PUT", "/api/v1/storage-sites/:id", "", site_a, named, {}, ""},
        {"POST", "/api/v1/storage-sites/:id/archive", "", site_a + "/archive", {}, {}, ""},
        {"POST", "/api/v1/storage-sites/:id/restore", "", site_a + "/restore", {}, {}, ""},
        {"POST",
         "/api/v1/equipment",
         "/api/v1/equipment",
         "",
         {},
         {{"storage_site_id", gear, a_.site, b_.site}},
         ""},
        {"PUT",
         "/api/v1/equipment/:id",
         "/api/v1/equipment/" + std::to_string(b_.item2),
         "/api/v1/equipment/" + std::to_string(a_.item2),
         gear,
         {{"storage_site_id", gear, a_.site, b_.site}},
         ""},
        {"POST",
         "/api/v1/unavailability",
         "/api/v1/unavailability",
         "",
         {},
         {{"user_id", off, a_.dj, b_.dj}},
         ""},
        {"DELETE",
         "/api/v1/unavailability/:id",
         "",
         "/api/v1/unavailability/" + std::to_string(a_.unavailability),
         {},
         {},
         ""},
        {"PUT", "/api/v1/planning/settings", "", "", {}, {}, no_body_ids},
        // Missions
        {"POST", "/api/v1/missions", "/api/v1/missions", "", {}, PlanProbes(MissionBody()), ""},
        {"POST", "/api/v1/missions/check", "/api/v1/missions/check", "", {}, CheckProbes(), ""},
        {"PUT", "/api/v1/missions/:id", "/api/v1/missions/" + std::to_string(b_.mission), mission_a,
         MissionBody(), PlanProbes(MissionBody()), ""},
        {"POST", "/api/v1/missions/:id/reschedule", "", mission_a + "/reschedule", times, {}, ""},
        {"POST",
         "/api/v1/missions/:id/status",
         "",
         mission_a + "/status",
         {{"status", "confirmed"}},
         {},
         ""},
        {"POST",
         "/api/v1/missions/:id/gear/check-out",
         "/api/v1/missions/" + std::to_string(b_.mission) + "/gear/check-out",
         mission_a + "/gear/check-out",
         gear_out,
         {{"items[0].item_id", gear_out, a_.item, b_.item},
          {"items[0].unit_id", gear_unit, a_.unit, b_.unit}},
         ""},
        {"POST",
         "/api/v1/missions/:id/gear/return",
         "/api/v1/missions/" + std::to_string(b_.mission) + "/gear/return",
         mission_a + "/gear/return",
         gear_out,
         {{"items[0].item_id", gear_out, a_.item, b_.item}},
         ""},
        {"POST",
         "/api/v1/equipment/:id/maintenance",
         "",
         "/api/v1/equipment/" + std::to_string(a_.item) + "/maintenance",
         {{"kind", "check"}},
         {},
         ""},
        {"POST",
         "/api/v1/maintenance/:id/close",
         "",
         "/api/v1/maintenance/" + std::to_string(a_.maintenance) + "/close",
         {{"status", "done"}},
         {},
         ""},
        {"PUT", "/api/v1/mission-fields", "", "", {}, {}, no_body_ids},
        // Categories
        {"POST", "/api/v1/equipment-categories", "", "", {}, {}, "a name and a position only"},
        {"PATCH",
         "/api/v1/equipment-categories/:id",
         "",
         "/api/v1/equipment-categories/" + std::to_string(a_.category),
         {{"name", "Vidéo"}},
         {},
         ""},
        {"DELETE",
         "/api/v1/equipment-categories/:id",
         "",
         "/api/v1/equipment-categories/" + std::to_string(a_.category),
         {},
         {},
         ""},
        // Kits, depots
        {"POST",
         "/api/v1/equipment/kits",
         "/api/v1/equipment/kits",
         "",
         {},
         {{"items[0].item_id", kit_body, a_.item, b_.item},
          {"storage_site_id", kit_body, a_.site, b_.site}},
         ""},
        {"PATCH",
         "/api/v1/equipment/kits/:id",
         "/api/v1/equipment/kits/" + std::to_string(b_.kit),
         "/api/v1/equipment/kits/" + std::to_string(a_.kit),
         kit_body,
         {{"items[0].item_id", kit_body, a_.item, b_.item},
          {"storage_site_id", kit_body, a_.site, b_.site}},
         ""},
        {"POST",
         "/api/v1/equipment/kits/:id/archive",
         "",
         "/api/v1/equipment/kits/" + std::to_string(a_.kit) + "/archive",
         {},
         {},
         ""},
        {"POST",
         "/api/v1/equipment/kits/:id/restore",
         "",
         "/api/v1/equipment/kits/" + std::to_string(a_.kit) + "/restore",
         {},
         {},
         ""},
        {"POST",
         "/api/v1/equipment/:id/loss",
         "",
         "/api/v1/equipment/" + std::to_string(a_.item) + "/loss",
         {{"quantity", 1}},
         {},
         ""},
        {"POST",
         "/api/v1/equipment/:id/found",
         "",
         "/api/v1/equipment/" + std::to_string(a_.item) + "/found",
         {{"quantity", 1}},
         {},
         ""},
        {"PUT",
         "/api/v1/equipment/:id/photo",
         "",
         "/api/v1/equipment/" + std::to_string(a_.item) + "/photo",
         {},
         {},
         ""},
        {"DELETE",
         "/api/v1/equipment/:id/photo",
         "",
         "/api/v1/equipment/" + std::to_string(a_.item) + "/photo",
         {},
         {},
         ""},
        {"PUT",
         "/api/v1/maintenance/:id/photo",
         "",
         "/api/v1/maintenance/" + std::to_string(a_.maintenance) + "/photo",
         {},
         {},
         ""},
        {"DELETE",
         "/api/v1/maintenance/:id/photo",
         "",
         "/api/v1/maintenance/" + std::to_string(a_.maintenance) + "/photo",
         {},
         {},
         ""},
        {"POST",
         "/api/v1/equipment/:id/units",
         "",
         "/api/v1/equipment/" + std::to_string(a_.item) + "/units",
         {{"serial_number", "SN-X"}},
         {},
         ""},
        {"PATCH",
         "/api/v1/equipment/units/:id",
         "",
         "/api/v1/equipment/units/" + std::to_string(a_.unit),
         {{"serial_number", "SN-X"}},
         {},
         ""},
        {"POST",
         "/api/v1/equipment/units/:id/back-in-service",
         "",
         "/api/v1/equipment/units/" + std::to_string(a_.unit) + "/back-in-service",
         {},
         {},
         ""},
        {"POST",
         "/api/v1/equipment/units/:id/retire",
         "",
         "/api/v1/equipment/units/" + std::to_string(a_.unit) + "/retire",
         {},
         {},
         ""},
        {"POST",
         "/api/v1/equipment/:id/transfer",
         "/api/v1/equipment/" + std::to_string(b_.item2) + "/transfer",
         "/api/v1/equipment/" + std::to_string(a_.item) + "/transfer",
         transfer,
         {{"to_site_id", transfer, a_.site2, b_.site2}},
         ""},
        {"POST",
         "/api/v1/storage-sites/:id/display",
         "",
         "/api/v1/storage-sites/" + std::to_string(a_.site) + "/display",
         {},
         {},
         ""},
        {"DELETE",
         "/api/v1/storage-sites/:id/display",
         "",
         "/api/v1/storage-sites/" + std::to_string(a_.site) + "/display",
         {},
         {},
         ""},
        // Clients
        {"POST",
         "/api/v1/clients",
         "",
         "",
         {},
         {},
         "its contacts carry no ids (a save replaces them)"},
        {"PUT", "/api/v1/clients/:id", "", client_a, {{"name", "Dupont"}}, {}, ""},
        {"POST", "/api/v1/clients/:id/archive", "", client_a + "/archive", {}, {}, ""},
        {"POST",
         "/api/v1/clients/:id/space/links",
         "",
         client_a + "/space/links",
         {{"send", false}},
         {},
         ""},
        {"DELETE",
         "/api/v1/clients/:id/space/links/:link_id",
         "/api/v1/clients/" + std::to_string(b_.client) + "/space/links/" +
             std::to_string(a_.space_link),
         client_a + "/space/links/" + std::to_string(a_.space_link),
         {},
         {},
         ""},
        {"POST",
         "/api/v1/clients/:id/erase",
         "",
         client_a + "/erase",
         {{"confirm_name", "Mariage Dupont"}},
         {},
         ""},
        {"POST", "/api/v1/clients/:id/restore", "", client_a + "/restore", {}, {}, ""},
        // Members, invitations, tokens, jobs, organisation
        {"PATCH",
         "/api/v1/members/:user_id",
         "",
         "/api/v1/members/" + std::to_string(a_.dj),
         {{"role", "technician"}},
         {},
         ""},
        {"DELETE",
         "/api/v1/members/:user_id",
         "",
         "/api/v1/members/" + std::to_string(a_.dj),
         {},
         {},
         ""},
        {"POST", "/api/v1/invitations", "", "", {}, {}, no_body_ids},
        {"POST", "/api/v1/crew-profiles", "", "", {}, {}, no_body_ids},
        {"POST", "/api/v1/admin/legacy-imports", "", "", {}, {}, "its body is a file"},
        {"POST",
         "/api/v1/admin/legacy-imports/:id/import",
         "",
         "/api/v1/admin/legacy-imports/" + std::to_string(a_.upload) + "/import",
         {},
         {},
         ""},
        {"DELETE",
         "/api/v1/admin/legacy-imports/:id",
         "",
         "/api/v1/admin/legacy-imports/" + std::to_string(a_.upload),
         {},
         {},
         ""},
        {"PUT", "/api/v1/crew-profiles/:id", "", profile_a, {{"display_name", "Lina"}}, {}, ""},
        {"POST", "/api/v1/crew-profiles/:id/archive", "", profile_a + "/archive", {}, {}, ""},
        {"POST", "/api/v1/crew-profiles/:id/restore", "", profile_a + "/restore", {}, {}, ""},
        {"POST",
         "/api/v1/crew-profiles/:id/erase",
         "",
         profile_a + "/erase",
         {{"confirm_name", "Lina a"}},
         {},
         ""},
        {"POST",
         "/api/v1/crew-profiles/:id/link",
         "/api/v1/crew-profiles/" + std::to_string(b_.profile2) + "/link",
         profile_a + "/link",
         {{"user_id", b_.dj}},
         {{"user_id", {{"user_id", b_.dj}}, a_.dj, b_.dj}},
         ""},
        {"DELETE",
         "/api/v1/invitations/:id",
         "",
         "/api/v1/invitations/" + std::to_string(a_.invitation),
         {},
         {},
         ""},
        {"POST", "/api/v1/invitations/lookup", "", "", {}, {}, public_token},
        {"POST", "/api/v1/invitations/accept", "", "", {}, {}, public_token},
        {"POST", "/api/v1/invitations/accept-signed-in", "", "", {}, {}, public_token},
        {"POST",
         "/api/v1/admin/jobs/:id/retry",
         "",
         "/api/v1/admin/jobs/" + std::to_string(a_.job) + "/retry",
         {},
         {},
         ""},
        {"POST", "/api/v1/admin/backups", "", "", {}, {}, no_body_ids},
        {"POST", "/api/v1/api-tokens", "", "", {}, {}, no_body_ids},
        {"POST",
         "/api/v1/calendar-feeds",
         "/api/v1/calendar-feeds",
         "",
         {},
         {{"crew_user_id", {{"scope", "organization"}}, a_.dj, b_.dj}},
         ""},
        {"POST",
         "/api/v1/calendar-feeds/:id/rotate",
         "",
         "/api/v1/calendar-feeds/" + std::to_string(a_.feed) + "/rotate",
         {},
         {},
         ""},
        {"DELETE",
         "/api/v1/calendar-feeds/:id",
         "",
         "/api/v1/calendar-feeds/" + std::to_string(a_.feed),
         {},
         {},
         ""},
        {"POST", "/api/v1/google-calendar/connect", "", "", {}, {}, no_body_ids},
        {"POST", "/api/v1/webhooks", "", "", {}, {}, no_body_ids},
        {"PUT", "/api/v1/notifications/preferences", "", "", {}, {}, no_body_ids},
        {"POST", "/api/v1/notifications/read-all", "", "", {}, {}, no_body_ids},
        {"POST",
         "/api/v1/notifications/:id/read",
         "",
         "/api/v1/notifications/" + std::to_string(a_.notification) + "/read",
         {},
         {},
         ""},
        {"POST", "/api/v1/push/subscriptions", "", "", {}, {}, no_body_ids},
        {"POST",
         "/api/v1/push/unsubscribe",
         "",
         "",
         {},
         {},
         "the caller's own device by its endpoint; another member's answers 404 "
         "(Notifications.OnlyABrowserPushServiceMayBeSubscribed)"},
        {"PUT",
         "/api/v1/booking-settings",
         "/api/v1/booking-settings",
         "",
         {},
         {{"service_ids[0]", {{"service_ids", {0}}}, a_.article, b_.article}},
         ""},
        {"PUT",
         "/api/v1/booking-requests/:id/status",
         "",
         "/api/v1/booking-requests/" + std::to_string(a_.booking) + "/status",
         {{"status", "spam"}},
         {},
         ""},
        {"POST",
         "/api/v1/booking-requests/:id/reply",
         "",
         "/api/v1/booking-requests/" + std::to_string(a_.booking) + "/reply",
         {{"message", "Bonjour"}},
         {},
         ""},
        {"POST",
         "/api/v1/booking-requests/:id/propose",
         "/api/v1/booking-requests/" + std::to_string(b_.booking) + "/propose",
         "/api/v1/booking-requests/" + std::to_string(a_.booking) + "/propose",
         {{"user_id", b_.dj}},
         {{"user_id", json::object(), a_.dj, b_.dj}},
         ""},
        {"POST",
         "/api/v1/booking-requests/:id/accept",
         "/api/v1/booking-requests/" + std::to_string(b_.booking) + "/accept",
         "/api/v1/booking-requests/" + std::to_string(a_.booking) + "/accept",
         json::object(),
         {{"client_id", json::object(), a_.client, b_.client},
          {"pricing_rule_id", json::object(), a_.rule, b_.rule}},
         ""},
        {"POST",
         "/api/v1/booking-requests/:id/decline",
         "",
         "/api/v1/booking-requests/" + std::to_string(a_.booking) + "/decline",
         {{"reason", "Complet"}},
         {},
         ""},
        {"POST",
         "/api/v1/booking-proposals/:id/answer",
         "",
         "/api/v1/booking-proposals/" + std::to_string(a_.booking) + "/answer",
         {{"answer", "accept"}},
         {},
         ""},
        {"POST", "/api/v1/public/ratings/:token", "", "", {}, {}, public_token},
        {"POST",
         "/api/v1/public/client-space/:token/documents",
         "",
         "",
         {},
         {},
         "public: the token names one client, and a document id of anybody else is 404 "
         "(ClientSpaceHttp)"},
        {"POST", "/api/v1/public/client-space/:token/messages", "", "", {}, {}, public_token},
        {"POST",
         "/api/v1/public/booking/:slug/client-space",
         "",
         "",
         {},
         {},
         "public page: the slug names the organisation; no id is taken"},
        {"POST",
         "/api/v1/public/booking/:slug/requests",
         "",
         "",
         {},
         {},
         "public page: the slug names the organisation, and the services' ids must be on its "
         "page's offer (422 on services, BookingHttp)"},
        {"PATCH",
         "/api/v1/webhooks/:id",
         "",
         "/api/v1/webhooks/" + std::to_string(a_.webhook),
         {{"active", false}},
         {},
         ""},
        {"DELETE",
         "/api/v1/webhooks/:id",
         "",
         "/api/v1/webhooks/" + std::to_string(a_.webhook),
         {},
         {},
         ""},
        {"POST",
         "/api/v1/webhooks/:id/rotate-secret",
         "",
         "/api/v1/webhooks/" + std::to_string(a_.webhook) + "/rotate-secret",
         {},
         {},
         ""},
        {"POST",
         "/api/v1/webhooks/:id/ping",
         "",
         "/api/v1/webhooks/" + std::to_string(a_.webhook) + "/ping",
         {},
         {},
         ""},
        {"POST",
         "/api/v1/webhooks/:id/deliveries/:delivery/replay",
         "",
         "/api/v1/webhooks/" + std::to_string(a_.webhook) + "/deliveries/" +
             std::to_string(a_.delivery) + "/replay",
         {},
         {},
         ""},
        {"POST",
         "/api/v1/google-calendar/:id/sync",
         "",
         "/api/v1/google-calendar/" + std::to_string(a_.gcal) + "/sync",
         {},
         {},
         ""},
        {"DELETE",
         "/api/v1/google-calendar/:id",
         "",
         "/api/v1/google-calendar/" + std::to_string(a_.gcal),
         {},
         {},
         ""},
        {"DELETE",
         "/api/v1/api-tokens/:id",
         "",
         "/api/v1/api-tokens/" + std::to_string(a_.token),
         {},
         {},
         ""},
        {"PATCH", "/api/v1/organization", "", "", {}, {}, "the caller's organisation, no id"},
        {"PUT", "/api/v1/organization/logo", "", "", {}, {}, "the caller's organisation, no id"},
        {"DELETE", "/api/v1/organization/logo", "", "", {}, {}, "the caller's organisation, no id"},
        // Set-up, sign-in, the caller's account, webhooks
        {"POST", "/api/v1/setup", "", "", {}, {}, "first run only, before any organisation"},
        {"POST", "/api/v1/webhooks/resend", "", "", {}, {}, "signed provider event, no id"},
        {"POST",
         "/api/v1/webhooks/stripe/:token",
         "",
         "",
         {},
         {},
         "signed provider event: the address's token names the organisation, and an event about "
         "another organisation's document is recorded, not applied (PaymentsHttp)"},
        {"POST", "/api/v1/auth/sign-in", "", "", {}, {}, own_account},
        {"POST", "/api/v1/auth/sign-out", "", "", {}, {}, own_account},
        {"POST", "/api/v1/auth/magic-link", "", "", {}, {}, public_token},
        {"POST", "/api/v1/auth/magic-link/consume", "", "", {}, {}, public_token},
        {"POST", "/api/v1/auth/password-reset", "", "", {}, {}, public_token},
        {"POST", "/api/v1/auth/password-reset/complete", "", "", {}, {}, public_token},
        {"PATCH", "/api/v1/me", "", "", {}, {}, own_account},
        {"POST", "/api/v1/me/password", "", "", {}, {}, own_account},
        {"DELETE",
         "/api/v1/me/sessions/:id",
         "",
         "/api/v1/me/sessions/" + std::to_string(session_a_),
         {},
         {},
         ""},
        {"POST", "/api/v1/me/sessions/revoke-others", "", "", {}, {}, own_account},
        {"PUT", "/api/v1/me/avatar", "", "", {}, {}, own_account},
        {"DELETE", "/api/v1/me/avatar", "", "", {}, {}, own_account},
    };
    WriteCase switch_org{"POST",
                         "/api/v1/auth/organization",
                         "/api/v1/auth/organization",
                         "",
                         {},
                         {{"organization_id", json::object(), a_.id.value, b_.id.value}},
                         ""};
    switch_org.refused_with = 404;
    cases.push_back(std::move(switch_org));
    return cases;
  }

  // Every table's row count, highest id and latest update: any write shows.
  std::map<std::string, std::string> Fingerprint() {
    std::map<std::string, std::string> out;
    auto lease = db_->Acquire();
    std::vector<std::string> tables(200);
    **lease << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        soci::into(tables);
    for (const auto& table : tables) {
      std::set<std::string> columns;
      soci::rowset<soci::row> info = ((*lease)->prepare << "PRAGMA table_info(" + table + ")");
      for (const auto& row : info) columns.insert(row.get<std::string>(1));
      std::string sql = "SELECT CAST(count(*) AS TEXT)";
      if (columns.contains("id")) sql += " || ':' || CAST(COALESCE(max(id), 0) AS TEXT)";
      if (columns.contains("updated_at")) sql += " || ':' || COALESCE(max(updated_at), '')";
      std::string value;
      **lease << sql + " FROM " + table, soci::into(value);
      out[table] = value;
    }
    return out;
  }

  static bool Names(const json& error, const std::string& field) {
    for (const auto& f : error["error"]["fields"]) {
      if (f["field"] == field) return true;
    }
    return false;
  }

  Org a_;
  Org b_;
  long long session_a_ = 0;
};

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

TEST_F(Ownership, EveryWriteRouteIsListed) {
  std::set<std::pair<std::string, std::string>> listed;
  for (const auto& c : Cases()) {
    EXPECT_TRUE(listed.insert({c.method, c.pattern}).second) << c.pattern << " listed twice";
    // A public link's token or a public page's slug is not a row id.
    const bool path_id = c.pattern.find("/:") != std::string::npos &&
                         c.pattern.find("/:token") == std::string::npos &&
                         c.pattern.find("/:slug") == std::string::npos;
    EXPECT_TRUE(!path_id || !c.foreign_path.empty())
        << c.method << " " << c.pattern << ": probe its path id with organisation A's resource";
    EXPECT_TRUE(!c.foreign_path.empty() || !c.probes.empty() || !c.no_ids.empty())
        << c.method << " " << c.pattern << ": list the ids it accepts, or say why there are none";
  }
  std::size_t writes = 0;
  for (const auto& route : server_->router().Routes()) {
    if (!IsWrite(route.method)) continue;
    ++writes;
    EXPECT_TRUE(listed.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern
        << " is not in Ownership::Cases(): list every id it accepts (path and body)";
  }
  EXPECT_EQ(listed.size(), writes) << "stale rows in Ownership::Cases()";
}

TEST_F(Ownership, AnotherOrganisationsIdsAreRefusedAndNothingIsWritten) {
  auto b = SignIn("owner@b.fr");
  int path_ids = 0;
  int body_ids = 0;
  for (const auto& c : Cases()) {
    if (!c.foreign_path.empty()) {
      auto before = Fingerprint();
      auto res = Send(c.method, c.foreign_path, &b, c.foreign_body);
      EXPECT_EQ(res->status, 404) << c.method << " " << c.foreign_path << ": " << res->body;
      EXPECT_EQ(Fingerprint(), before) << c.method << " " << c.foreign_path << " wrote something";
      ++path_ids;
    }
    for (const auto& p : c.probes) {
      for (long long id : {p.foreign, kMissing}) {
        const std::string where = c.method + " " + c.path + " with " + p.field + " = " +
                                  std::to_string(id) + (id == kMissing ? " (no such row)" : "");
        auto before = Fingerprint();
        auto res = Send(c.method, c.path, &b, With(p.base, p.field, id));
        EXPECT_EQ(res->status, c.refused_with) << where << ": " << res->body;
        if (c.refused_with == 422) {
          auto body = Json(res);
          EXPECT_EQ(body["error"]["code"], "VALIDATION") << where;
          EXPECT_TRUE(Names(body, p.field)) << where << ": " << res->body;
        }
        EXPECT_EQ(Fingerprint(), before) << where << " wrote something";
      }
      ++body_ids;
    }
  }
  EXPECT_GE(path_ids, 40);
  EXPECT_GE(body_ids, 25);
}

// The probes' bodies are valid with organisation B's own ids: the refusals above come from the
// foreign id alone.
TEST_F(Ownership, TheSameBodiesWithTheCallersOwnIdsAreAccepted) {
  auto b = SignIn("owner@b.fr");
  for (const auto& c : Cases()) {
    for (const auto& p : c.probes) {
      auto res = Send(c.method, c.path, &b, With(p.base, p.field, p.own));
      EXPECT_GE(res->status, 200) << c.method << " " << c.path << " " << p.field;
      EXPECT_LT(res->status, 300) << c.method << " " << c.path << " " << p.field << ": "
                                  << res->body;
    }
  }
}

// The reported bug: a line pointing at another organisation's catalogue item was created (201),
// one pointing at nothing answered 503 with the driver's FOREIGN KEY text.
TEST_F(Ownership, QuoteLinesNamingForeignOrMissingItemsAre422BeforeAnyWrite) {
  auto b = SignIn("owner@b.fr");
  const long long quotes = Count("quotes");
  const long long lines = Count("quote_lines");
  json body = DocumentBody("Devis");
  body["lines"][0]["catalogue_item_id"] = a_.article;
  body["lines"][1]["equipment_item_id"] = kMissing;
  auto res = Send("POST", "/api/v1/quotes", &b, body);
  ASSERT_EQ(res->status, 422) << res->body;
  auto error = Json(res);
  EXPECT_TRUE(Names(error, "lines[0].catalogue_item_id")) << res->body;
  EXPECT_TRUE(Names(error, "lines[1].equipment_item_id")) << res->body;
  EXPECT_EQ(error["error"]["fields"].size(), 2u) << res->body;
  EXPECT_EQ(res->body.find("FOREIGN KEY"), std::string::npos);
  EXPECT_EQ(Count("quotes"), quotes);
  EXPECT_EQ(Count("quote_lines"), lines);
}

}  // namespace
}  // namespace planify::testing
