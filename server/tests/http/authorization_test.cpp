#include <gtest/gtest.h>

#include <map>
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
#include "store/clients_repository.hpp"
#include "store/crew_profiles_repository.hpp"
#include "store/exports_repository.hpp"
#include "store/jobs_repository.hpp"
#include "store/kits_repository.hpp"
#include "store/legacy_uploads_repository.hpp"
#include "store/logistics_repository.hpp"
#include "store/missions_repository.hpp"
#include "store/planning_repository.hpp"
#include "store/units_repository.hpp"
#include "store/webhooks_repository.hpp"

namespace planify::testing {
namespace {

using domain::Role;

// One row per route. `path` is a concrete, harmless path for the pattern and `body` a harmless
// body: a permitted caller gets a validation error, a 404 or a no-op, never a change that would
// disturb the next rows. For routes taking the id of something in an organisation,
// `cross_org_path` names a resource of organisation A, which a member of organisation B must
// not see (404).
struct RouteCase {
  RouteCase(std::string m, std::string pat, std::string p, nlohmann::json b = nullptr,
            std::string cross = "")
      : method(std::move(m)),
        pattern(std::move(pat)),
        path(std::move(p)),
        body(std::move(b)),
        cross_org_path(std::move(cross)) {}
  std::string method;
  std::string pattern;
  std::string path;
  nlohmann::json body;
  std::string cross_org_path;
};

class AuthorizationMatrix : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    org_a_ = SeedOrganization("Sono A");
    org_b_ = SeedOrganization("Sono B");
    users_[Role::kOwner] = SeedMember(org_a_, "owner@a.fr", "owner");
    users_[Role::kAdmin] = SeedMember(org_a_, "admin@a.fr", "admin");
    users_[Role::kManager] = SeedMember(org_a_, "manager@a.fr", "manager");
    users_[Role::kDj] = SeedMember(org_a_, "dj@a.fr", "dj");
    users_[Role::kTechnician] = SeedMember(org_a_, "tech@a.fr", "technician");
    SeedMember(org_b_, "owner@b.fr", "owner");
    auto lease = db_->Acquire();
    store::AuthRepository repo(*lease);
    long long org_a = org_a_.value;
    **lease << "INSERT INTO emails (organization_id, to_address, to_name, from_name, subject, "
               "html_body, text_body, status, created_at, updated_at) VALUES (:org, "
               "'c@a.fr', '', 'Sono A', 'Devis', '<p>x</p>', 'x', 'queued', "
               "'2026-11-25T09:00:00.000Z', '2026-11-25T09:00:00.000Z')",
        soci::use(org_a);
    **lease << "SELECT max(id) FROM emails", soci::into(email_a_);
    store::JobsRepository jobs(*lease);
    store::NewJob job;
    job.organization = org_a_;
    job.type = "email.send";
    job_a_ = *jobs.Enqueue(job, "2026-11-25T09:00:00.000Z");
    **lease << "UPDATE jobs SET status = 'dead' WHERE id = :id", soci::use(job_a_);
    token_a_ = store::ApiTokensRepository(*lease).Insert(
        org_a_, users_[Role::kOwner], "Zapier", "plf_aaaaaaaa", std::string(64, 'e'),
        "members.read", "2026-11-25T09:00:00.000Z", "");
    domain::ClientInput client;
    client.name = "Mariage Dupont";
    client_a_ = store::ClientsRepository(*lease).Insert(org_a_, client, "2026-11-25T09:00:00.000Z");
    const std::string now = "2026-11-25T09:00:00.000Z";
    domain::PlaceInput place;
    place.name = "Château";
    venue_a_ = store::PlacesRepository(*lease, store::PlaceKind::kVenue).Insert(org_a_, place, now);
    domain::CrewProfileInput freelancer;
    freelancer.display_name = "Lina Freelance";
    profile_a_ = store::CrewProfilesRepository(*lease).Insert(org_a_, freelancer, now);
    store::LegacyUploadRow upload;
    upload.filename = "dj_prestations.db";
    upload.size_bytes = 4096;
    upload.sha256 = std::string(64, 'a');
    upload.status = "checked";
    upload.created_at = now;
    upload_a_ = store::LegacyUploadsRepository(*lease).Insert(org_a_, upload);
    place.name = "Dépôt";
    site_a_ =
        store::PlacesRepository(*lease, store::PlaceKind::kStorageSite).Insert(org_a_, place, now);
    domain::EquipmentInput item;
    item.name = "Enceinte";
    item.quantity_owned = 4;
    item_a_ = store::EquipmentRepository(*lease).Insert(org_a_, item, now);
    domain::MissionInput mission;
    mission.title = "Mariage";
    mission.starts_at = *domain::ParseIsoUtc("2027-06-12T16:00:00.000Z");
    mission.ends_at = *domain::ParseIsoUtc("2027-06-13T00:00:00.000Z");
    mission.crew = {{users_[Role::kOwner].value, "dj", "", true}};
    mission_a_ =
        store::MissionsRepository(*lease).Insert(org_a_, mission, users_[Role::kOwner], now);
    domain::KitInput kit;
    kit.name = "Flight case";
    kit.items = {{item_a_, 2}};
    kit_a_ = store::KitsRepository(*lease).Insert(org_a_, kit, now);
    unit_a_ = store::UnitsRepository(*lease).Insert(org_a_, item_a_, {"SN-1", "", ""},
                                                    domain::UnitStatus::kAvailable, std::nullopt,
                                                    site_a_, now);
    category_a_ = store::CategoriesRepository(*lease).Insert(org_a_, "Vidéo", 0, now);
    maintenance_a_ = store::LogisticsRepository(*lease).OpenMaintenance(
        org_a_, {item_a_, "check", 1, "", "", "", std::nullopt, std::nullopt, now});
    store::ExportRecord made;
    made.entity = "clients";
    made.format = "csv";
    made.status = "queued";
    made.filename = "planify-clients-2026-11-25.csv";
    made.content_type = "text/csv; charset=utf-8";
    made.created_at = now;
    made.expires_at = "2026-12-02T09:00:00.000Z";
    {
      store::ExportsRepository exports(*lease);
      export_a_ = exports.Insert(org_a_, made);
      exports.AddChunk(org_a_, export_a_, 0, "N°\r\n");
      exports.Finish(org_a_, export_a_, 0, 5, "", now);
    }
    domain::UnavailabilityInput off;
    off.user = users_[Role::kDj].value;
    off.starts_at = *domain::ParseIsoUtc("2027-08-01T00:00:00.000Z");
    off.ends_at = *domain::ParseIsoUtc("2027-08-15T00:00:00.000Z");
    unavailability_a_ =
        store::PlanningRepository(*lease).InsertUnavailability(org_a_, off, users_[Role::kDj], now);
    feed_a_ = store::CalendarFeedsRepository(*lease).Insert(org_a_, users_[Role::kDj], "personal",
                                                            "", 0, "feed-hash-a", "sealed", now);
    gcal_a_ = store::CalendarConnectionsRepository(*lease).Insert(
        org_a_, users_[Role::kDj], "personal", "dj@gmail.example", "primary", "sealed", now);
    {
      store::WebhooksRepository hooks(*lease);
      store::WebhookEndpoint hook;
      hook.url = "https://hooks.example.fr/a";
      hook.events = {"invoice_paid"};
      hook.secret_sealed = "sealed";
      webhook_a_ = hooks.Insert(org_a_, hook, std::nullopt, "2026-11-25T09:00:00.000Z");
      delivery_a_ = hooks.InsertDelivery(org_a_, webhook_a_, "ping", "{}", std::nullopt,
                                         "2026-11-25T09:00:00.000Z");
    }
    booking_a_ = SeedBookingRequest(*lease, org_a_, "Camille Durand", "camille@durand.fr");
    domain::CatalogueItemInput article;
    article.name = "Prestation DJ";
    item_line_a_ = store::CatalogueRepository(*lease).InsertItem(org_a_, article, now);
    domain::PricingRule rule;
    rule.name = "Mariage";
    rule_a_ = store::CatalogueRepository(*lease).InsertRule(org_a_, rule, now);
    store::QuoteRecord quote;
    quote.status = "draft";
    quote.content.title = "Devis mariage";
    quote.client.name = "Mariage Dupont";
    quote_a_ = store::BillingRepository(*lease).InsertQuote(org_a_, quote, now);
    store::InvoiceRecord invoice;
    invoice.status = "draft";
    invoice.content.title = "Facture mariage";
    invoice.client.name = "Mariage Dupont";
    invoice_a_ = store::BillingRepository(*lease).InsertInvoice(org_a_, invoice, now);
    invitation_a_ = repo.InsertInvitation(org_a_, "invitee@a.fr", "dj", std::string(64, 'f'),
                                          users_[Role::kOwner], "2026-11-25T09:00:00.000Z",
                                          "2026-12-25T09:00:00.000Z");
  }

  // Every route that exists must be in this table: the test fails on a route missing here.
  std::vector<RouteCase> Cases() const {
    std::string dj = std::to_string(users_.at(Role::kDj).value);
    std::string invitation = std::to_string(invitation_a_);
    std::string email = std::to_string(email_a_);
    std::string job = std::to_string(job_a_);
    std::string token = std::to_string(token_a_);
    std::string client = std::to_string(client_a_);
    std::string venue = std::to_string(venue_a_);
    const std::string profile = "/api/v1/crew-profiles/" + std::to_string(profile_a_);
    const std::string legacy = "/api/v1/admin/legacy-imports/" + std::to_string(upload_a_);
    std::string site = std::to_string(site_a_);
    std::string item = std::to_string(item_a_);
    std::string kit = std::to_string(kit_a_);
    std::string unit = std::to_string(unit_a_);
    std::string category = std::to_string(category_a_);
    std::string mission = std::to_string(mission_a_);
    std::string off = std::to_string(unavailability_a_);
    const std::string feed = "/api/v1/calendar-feeds/" + std::to_string(feed_a_);
    const std::string gcal = "/api/v1/google-calendar/" + std::to_string(gcal_a_);
    const std::string hook = "/api/v1/webhooks/" + std::to_string(webhook_a_);
    const std::string booking = "/api/v1/booking-requests/" + std::to_string(booking_a_);
    const std::string no_booking = "/api/v1/booking-requests/999999";
    const nlohmann::json unnamed = {{"name", ""}};
    const std::string range = "?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z";
    const nlohmann::json no_such_gear = {{"items", {{{"item_id", 999999}, {"quantity", 1}}}}};
    std::string article = std::to_string(item_line_a_);
    std::string rule = std::to_string(rule_a_);
    const std::string quote = "/api/v1/quotes/" + std::to_string(quote_a_);
    const std::string invoice = "/api/v1/invoices/" + std::to_string(invoice_a_);
    const std::string no_quote = "/api/v1/quotes/999999";
    const std::string no_invoice = "/api/v1/invoices/999999";
    const auto empty = nlohmann::json::object();
    return {
        {"GET", "/api/v1/quotes", "/api/v1/quotes"},
        {"POST", "/api/v1/quotes", "/api/v1/quotes", unnamed},
        {"POST", "/api/v1/quotes/from-mission", "/api/v1/quotes/from-mission", empty},
        {"GET", "/api/v1/quotes/:id", quote, nullptr, quote},
        {"PUT", "/api/v1/quotes/:id", quote, unnamed, quote},
        {"GET", "/api/v1/quotes/:id/pdf", quote + "/pdf", nullptr, quote + "/pdf"},
        {"POST", "/api/v1/quotes/:id/duplicate", no_quote + "/duplicate", nullptr,
         quote + "/duplicate"},
        {"POST", "/api/v1/quotes/:id/send", no_quote + "/send", empty, quote + "/send"},
        {"POST", "/api/v1/quotes/:id/accept", quote + "/accept", nullptr, quote + "/accept"},
        {"POST", "/api/v1/quotes/:id/decline", quote + "/decline", empty, quote + "/decline"},
        {"POST", "/api/v1/quotes/:id/cancel", no_quote + "/cancel", nullptr, quote + "/cancel"},
        {"POST", "/api/v1/quotes/:id/revoke-link", quote + "/revoke-link", nullptr,
         quote + "/revoke-link"},
        {"POST", "/api/v1/quotes/:id/invoices", quote + "/invoices", unnamed, quote + "/invoices"},
        {"GET", "/api/v1/public/quotes/:token", "/api/v1/public/quotes/abc"},
        {"POST", "/api/v1/public/quotes/:token/decline", "/api/v1/public/quotes/abc/decline",
         empty},
        {"GET", "/api/v1/public/quotes/:token/pdf", "/api/v1/public/quotes/abc/pdf"},
        {"POST", "/api/v1/public/quotes/:token/sign", "/api/v1/public/quotes/abc/sign", empty},
        {"POST", "/api/v1/documents/totals", "/api/v1/documents/totals", unnamed},
        {"GET", "/api/v1/invoices", "/api/v1/invoices"},
        {"POST", "/api/v1/invoices", "/api/v1/invoices", unnamed},
        {"GET", "/api/v1/invoices/:id", invoice, nullptr, invoice},
        {"PUT", "/api/v1/invoices/:id", invoice, unnamed, invoice},
        {"GET", "/api/v1/invoices/:id/pdf", invoice + "/pdf", nullptr, invoice + "/pdf"},
        {"GET", "/api/v1/invoices/:id/xml", invoice + "/xml", nullptr, invoice + "/xml"},
        {"GET", "/api/v1/credit-notes/:id/pdf", "/api/v1/credit-notes/999999/pdf"},
        {"GET", "/api/v1/credit-notes/:id/xml", "/api/v1/credit-notes/999999/xml"},
        {"DELETE", "/api/v1/invoices/:id", no_invoice, nullptr, invoice},
        {"POST", "/api/v1/invoices/:id/issue", no_invoice + "/issue", nullptr, invoice + "/issue"},
        {"POST", "/api/v1/invoices/:id/send", invoice + "/send", empty, invoice + "/send"},
        {"POST", "/api/v1/invoices/:id/credit-notes", invoice + "/credit-notes", unnamed,
         invoice + "/credit-notes"},
        {"GET", "/api/v1/credit-notes/:id", "/api/v1/credit-notes/999999"},
        {"POST", "/api/v1/invoices/:id/payments", invoice + "/payments", unnamed,
         invoice + "/payments"},
        {"GET", "/api/v1/payments", "/api/v1/payments"},
        {"POST", "/api/v1/payments/:id/validate", "/api/v1/payments/999999/validate"},
        {"PUT", "/api/v1/payments/:id/proof", "/api/v1/payments/999999/proof"},
        {"GET", "/api/v1/payments/:id/proof", "/api/v1/payments/999999/proof"},
        {"POST", "/api/v1/payments/:id/reject", "/api/v1/payments/999999/reject", empty},
        {"GET", "/api/v1/payments/:id/refunds", "/api/v1/payments/999999/refunds"},
        {"POST", "/api/v1/payments/:id/refunds", "/api/v1/payments/999999/refunds", empty},
        {"GET", "/api/v1/payment-settings", "/api/v1/payment-settings"},
        {"PUT",
         "/api/v1/payment-settings",
         "/api/v1/payment-settings",
         {{"secret_key", "pk_test_publishable"}}},
        {"POST", "/api/v1/payment-settings/test", "/api/v1/payment-settings/test"},
        {"DELETE", "/api/v1/payment-settings", "/api/v1/payment-settings"},
        {"GET", "/api/v1/payment-events", "/api/v1/payment-events"},
        {"GET", "/api/v1/accounting/settings", "/api/v1/accounting/settings"},
        {"PUT",
         "/api/v1/accounting/settings",
         "/api/v1/accounting/settings",
         {{"client_account", "x"}}},
        {"GET", "/api/v1/accounting/fec", "/api/v1/accounting/fec"},
        {"GET", "/api/v1/accounting/vat", "/api/v1/accounting/vat"},
        {"GET", "/api/v1/exports/entities", "/api/v1/exports/entities"},
        {"GET", "/api/v1/exports", "/api/v1/exports"},
        {"POST", "/api/v1/exports", "/api/v1/exports", {{"entity", ""}}},
        {"GET", "/api/v1/exports/:id", "/api/v1/exports/999999", nullptr,
         "/api/v1/exports/" + std::to_string(export_a_)},
        {"GET", "/api/v1/exports/:id/download", "/api/v1/exports/999999/download", nullptr,
         "/api/v1/exports/" + std::to_string(export_a_) + "/download"},
        {"GET", "/api/v1/reminder-settings", "/api/v1/reminder-settings"},
        {"PUT", "/api/v1/reminder-settings", "/api/v1/reminder-settings", {{"steps", "x"}}},
        {"GET", "/api/v1/invoices/:id/reminders", invoice + "/reminders", nullptr,
         invoice + "/reminders"},
        {"PUT", "/api/v1/invoices/:id/reminders", no_invoice + "/reminders", empty,
         invoice + "/reminders"},
        {"GET", "/api/v1/quotes/:id/reminders", "/api/v1/quotes/999999/reminders", nullptr,
         "/api/v1/quotes/" + std::to_string(quote_a_) + "/reminders"},
        {"PUT", "/api/v1/clients/:id/reminders", "/api/v1/clients/999999/reminders", empty,
         "/api/v1/clients/" + std::to_string(client_a_) + "/reminders"},
        {"GET", "/api/v1/public/invoices/:token", "/api/v1/public/invoices/abc"},
        {"GET", "/api/v1/public/invoices/:token/pdf", "/api/v1/public/invoices/abc/pdf"},
        {"POST", "/api/v1/public/invoices/:token/checkout", "/api/v1/public/invoices/abc/checkout"},
        {"POST", "/api/v1/public/quotes/:token/checkout", "/api/v1/public/quotes/abc/checkout"},
        {"GET", "/api/v1/public/checkouts/:token", "/api/v1/public/checkouts/abc"},
        {"GET", "/api/v1/catalogue", "/api/v1/catalogue"},
        {"POST", "/api/v1/catalogue", "/api/v1/catalogue", unnamed},
        {"GET", "/api/v1/catalogue/:id", "/api/v1/catalogue/" + article, nullptr,
         "/api/v1/catalogue/" + article},
        {"PUT", "/api/v1/catalogue/:id", "/api/v1/catalogue/" + article, unnamed,
         "/api/v1/catalogue/" + article},
        {"POST", "/api/v1/catalogue/:id/archive", "/api/v1/catalogue/999999/archive", nullptr,
         "/api/v1/catalogue/" + article + "/archive"},
        {"POST", "/api/v1/catalogue/:id/restore", "/api/v1/catalogue/" + article + "/restore",
         nullptr, "/api/v1/catalogue/" + article + "/restore"},
        {"GET", "/api/v1/pricing-rules", "/api/v1/pricing-rules"},
        {"POST", "/api/v1/pricing-rules", "/api/v1/pricing-rules", unnamed},
        {"GET", "/api/v1/pricing-rules/:id", "/api/v1/pricing-rules/" + rule, nullptr,
         "/api/v1/pricing-rules/" + rule},
        {"PUT", "/api/v1/pricing-rules/:id", "/api/v1/pricing-rules/" + rule, unnamed,
         "/api/v1/pricing-rules/" + rule},
        {"POST", "/api/v1/pricing-rules/:id/archive", "/api/v1/pricing-rules/999999/archive",
         nullptr, "/api/v1/pricing-rules/" + rule + "/archive"},
        {"POST", "/api/v1/pricing-rules/:id/restore", "/api/v1/pricing-rules/" + rule + "/restore",
         nullptr, "/api/v1/pricing-rules/" + rule + "/restore"},
        {"POST", "/api/v1/pricing-rules/:id/price", "/api/v1/pricing-rules/" + rule + "/price",
         nlohmann::json::object(), "/api/v1/pricing-rules/" + rule + "/price"},
        {"GET", "/api/v1/venues", "/api/v1/venues"},
        {"POST", "/api/v1/venues", "/api/v1/venues", unnamed},
        {"GET", "/api/v1/venues/:id", "/api/v1/venues/" + venue, nullptr,
         "/api/v1/venues/" + venue},
        {"PUT", "/api/v1/venues/:id", "/api/v1/venues/" + venue, unnamed,
         "/api/v1/venues/" + venue},
        {"POST", "/api/v1/venues/:id/archive", "/api/v1/venues/999999/archive", nullptr,
         "/api/v1/venues/" + venue + "/archive"},
        {"POST", "/api/v1/venues/:id/restore", "/api/v1/venues/" + venue + "/restore", nullptr,
         "/api/v1/venues/" + venue + "/restore"},
        {"GET", "/api/v1/storage-sites", "/api/v1/storage-sites"},
        {"POST", "/api/v1/storage-sites", "/api/v1/storage-sites", unnamed},
        {"GET", "/api/v1/storage-sites/:id", "/api/v1/storage-sites/" + site, nullptr,
         "/api/v1/storage-sites/" + site},
        {"PUT", "/api/v1/storage-sites/:id", "/api/v1/storage-sites/" + site, unnamed,
         "/api/v1/storage-sites/" + site},
        {"POST", "/api/v1/storage-sites/:id/archive", "/api/v1/storage-sites/999999/archive",
         nullptr, "/api/v1/storage-sites/" + site + "/archive"},
        {"POST", "/api/v1/storage-sites/:id/restore", "/api/v1/storage-sites/" + site + "/restore",
         nullptr, "/api/v1/storage-sites/" + site + "/restore"},
        {"GET", "/api/v1/equipment", "/api/v1/equipment"},
        {"GET", "/api/v1/equipment/categories", "/api/v1/equipment/categories"},
        {"POST", "/api/v1/equipment", "/api/v1/equipment", unnamed},
        {"GET", "/api/v1/equipment/:id", "/api/v1/equipment/" + item, nullptr,
         "/api/v1/equipment/" + item},
        {"PUT", "/api/v1/equipment/:id", "/api/v1/equipment/" + item, unnamed,
         "/api/v1/equipment/" + item},
        {"GET", "/api/v1/unavailability", "/api/v1/unavailability" + range},
        {"POST", "/api/v1/unavailability", "/api/v1/unavailability", nlohmann::json::object()},
        {"DELETE", "/api/v1/unavailability/:id", "/api/v1/unavailability/999999", nullptr,
         "/api/v1/unavailability/" + off},
        {"GET", "/api/v1/calendar-feeds", "/api/v1/calendar-feeds"},
        {"POST", "/api/v1/calendar-feeds", "/api/v1/calendar-feeds", {{"scope", "nope"}}},
        {"POST", "/api/v1/calendar-feeds/:id/rotate", "/api/v1/calendar-feeds/999999/rotate",
         nullptr, feed + "/rotate"},
        {"DELETE", "/api/v1/calendar-feeds/:id", "/api/v1/calendar-feeds/999999", nullptr, feed},
        {"GET", "/api/v1/calendar-feeds/:id/qr", "/api/v1/calendar-feeds/999999/qr", nullptr,
         feed + "/qr"},
        {"GET", "/api/v1/public/calendar/:token", "/api/v1/public/calendar/cal_0.ics"},
        {"GET", "/api/v1/dashboard", "/api/v1/dashboard"},
        {"GET", "/api/v1/search", "/api/v1/search?q=durand"},
        {"GET", "/api/v1/notifications", "/api/v1/notifications"},
        {"GET", "/api/v1/notifications/unread-count", "/api/v1/notifications/unread-count"},
        {"POST", "/api/v1/notifications/:id/read", "/api/v1/notifications/999999/read"},
        {"POST", "/api/v1/notifications/read-all", "/api/v1/notifications/read-all"},
        {"GET", "/api/v1/notifications/preferences", "/api/v1/notifications/preferences"},
        {"PUT",
         "/api/v1/notifications/preferences",
         "/api/v1/notifications/preferences",
         {{"preferences", "nope"}}},
        {"GET", "/api/v1/push/key", "/api/v1/push/key"},
        {"POST",
         "/api/v1/push/subscriptions",
         "/api/v1/push/subscriptions",
         {{"endpoint", "nope"}}},
        {"POST",
         "/api/v1/push/unsubscribe",
         "/api/v1/push/unsubscribe",
         {{"endpoint", "https://fcm.googleapis.com/fcm/send/x"}}},
        {"GET", "/api/v1/reports", "/api/v1/reports"},
        {"GET", "/api/v1/webhooks", "/api/v1/webhooks"},
        {"POST", "/api/v1/webhooks", "/api/v1/webhooks", {{"url", "nope"}}},
        {"PATCH", "/api/v1/webhooks/:id", "/api/v1/webhooks/999999", {{"url", "nope"}}, hook},
        {"DELETE", "/api/v1/webhooks/:id", "/api/v1/webhooks/999999", nullptr, hook},
        {"POST", "/api/v1/webhooks/:id/rotate-secret", "/api/v1/webhooks/999999/rotate-secret",
         nullptr, hook + "/rotate-secret"},
        {"POST", "/api/v1/webhooks/:id/ping", "/api/v1/webhooks/999999/ping", nullptr,
         hook + "/ping"},
        {"GET", "/api/v1/webhooks/:id/deliveries", "/api/v1/webhooks/999999/deliveries", nullptr,
         hook + "/deliveries"},
        {"POST", "/api/v1/webhooks/:id/deliveries/:delivery/replay",
         "/api/v1/webhooks/999999/deliveries/999999/replay", nullptr,
         hook + "/deliveries/" + std::to_string(delivery_a_) + "/replay"},
        {"GET", "/api/v1/booking-settings", "/api/v1/booking-settings"},
        {"PUT", "/api/v1/booking-settings", "/api/v1/booking-settings", {{"intro", 5}}},
        {"GET", "/api/v1/booking-requests", "/api/v1/booking-requests"},
        {"GET", "/api/v1/booking-requests/:id", no_booking, nullptr, booking},
        {"PUT",
         "/api/v1/booking-requests/:id/status",
         no_booking + "/status",
         {{"status", "spam"}},
         booking + "/status"},
        {"POST",
         "/api/v1/booking-requests/:id/reply",
         no_booking + "/reply",
         {{"message", ""}},
         booking + "/reply"},
        {"POST", "/api/v1/booking-requests/:id/accept", no_booking + "/accept", empty,
         booking + "/accept"},
        {"POST",
         "/api/v1/booking-requests/:id/decline",
         no_booking + "/decline",
         {{"reason", ""}},
         booking + "/decline"},
        {"POST",
         "/api/v1/booking-requests/:id/propose",
         no_booking + "/propose",
         {{"user_id", 999999}},
         booking + "/propose"},
        {"GET", "/api/v1/booking-proposals", "/api/v1/booking-proposals"},
        {"POST",
         "/api/v1/booking-proposals/:id/answer",
         "/api/v1/booking-proposals/999999/answer",
         {{"answer", "accept"}},
         "/api/v1/booking-proposals/" + std::to_string(booking_a_) + "/answer"},
        {"GET", "/api/v1/public/booking/:slug", "/api/v1/public/booking/nope"},
        {"GET", "/api/v1/public/ratings/:token", "/api/v1/public/ratings/nope"},
        {"POST", "/api/v1/public/ratings/:token", "/api/v1/public/ratings/nope"},
        {"GET", "/api/v1/ratings", "/api/v1/ratings"},
        {"GET", "/api/v1/missions/:id/rating", "/api/v1/missions/999999/rating", nullptr,
         "/api/v1/missions/" + mission + "/rating"},
        {"GET", "/api/v1/public/booking/:slug/availability",
         "/api/v1/public/booking/nope/availability"},
        {"POST", "/api/v1/public/booking/:slug/requests", "/api/v1/public/booking/nope/requests"},
        {"GET", "/api/v1/google-calendar", "/api/v1/google-calendar"},
        {"POST",
         "/api/v1/google-calendar/connect",
         "/api/v1/google-calendar/connect",
         {{"scope", "nope"}}},
        {"GET", "/api/v1/google-calendar/callback", "/api/v1/google-calendar/callback"},
        {"POST", "/api/v1/google-calendar/:id/sync", "/api/v1/google-calendar/999999/sync", nullptr,
         gcal + "/sync"},
        {"DELETE", "/api/v1/google-calendar/:id", "/api/v1/google-calendar/999999", nullptr, gcal},
        {"GET", "/api/v1/missions/:id/calendar-sync",
         "/api/v1/missions/" + mission + "/calendar-sync", nullptr,
         "/api/v1/missions/" + mission + "/calendar-sync"},
        {"GET", "/api/v1/planning/settings", "/api/v1/planning/settings"},
        {"PUT",
         "/api/v1/planning/settings",
         "/api/v1/planning/settings",
         {{"crew_travel_buffer_minutes", -1}}},
        {"GET", "/api/v1/missions", "/api/v1/missions"},
        {"GET", "/api/v1/calendar", "/api/v1/calendar" + range},
        {"POST", "/api/v1/missions", "/api/v1/missions", {{"title", ""}}},
        {"POST", "/api/v1/missions/check", "/api/v1/missions/check", nlohmann::json::object()},
        {"GET", "/api/v1/missions/:id", "/api/v1/missions/" + mission, nullptr,
         "/api/v1/missions/" + mission},
        {"PUT",
         "/api/v1/missions/:id",
         "/api/v1/missions/" + mission,
         {{"title", ""}},
         "/api/v1/missions/" + mission},
        {"POST", "/api/v1/missions/:id/reschedule", "/api/v1/missions/" + mission + "/reschedule",
         nlohmann::json::object(), "/api/v1/missions/" + mission + "/reschedule"},
        {"POST",
         "/api/v1/missions/:id/status",
         "/api/v1/missions/" + mission + "/status",
         {{"status", "flying"}},
         "/api/v1/missions/" + mission + "/status"},
        {"GET", "/api/v1/missions/:id/history", "/api/v1/missions/" + mission + "/history", nullptr,
         "/api/v1/missions/" + mission + "/history"},
        {"GET", "/api/v1/mission-fields", "/api/v1/mission-fields"},
        {"GET", "/api/v1/missions/:id/gear", "/api/v1/missions/" + mission + "/gear", nullptr,
         "/api/v1/missions/" + mission + "/gear"},
        {"POST", "/api/v1/missions/:id/gear/check-out",
         "/api/v1/missions/" + mission + "/gear/check-out", no_such_gear,
         "/api/v1/missions/" + mission + "/gear/check-out"},
        {"POST", "/api/v1/missions/:id/gear/return", "/api/v1/missions/" + mission + "/gear/return",
         no_such_gear, "/api/v1/missions/" + mission + "/gear/return"},
        {"GET", "/api/v1/equipment/:id/movements", "/api/v1/equipment/" + item + "/movements",
         nullptr, "/api/v1/equipment/" + item + "/movements"},
        {"GET", "/api/v1/equipment/late-returns", "/api/v1/equipment/late-returns"},
        {"GET", "/api/v1/equipment/availability", "/api/v1/equipment/availability" + range},
        {"POST",
         "/api/v1/equipment/:id/maintenance",
         "/api/v1/equipment/" + item + "/maintenance",
         {{"kind", "check"}, {"quantity", 0}},
         "/api/v1/equipment/" + item + "/maintenance"},
        {"POST",
         "/api/v1/maintenance/:id/close",
         "/api/v1/maintenance/" + std::to_string(maintenance_a_) + "/close",
         {{"status", "x"}},
         "/api/v1/maintenance/" + std::to_string(maintenance_a_) + "/close"},
        {"GET", "/api/v1/maintenance", "/api/v1/maintenance"},
        {"GET", "/api/v1/equipment/lookup", "/api/v1/equipment/lookup?code=nothing-42"},
        {"GET", "/api/v1/equipment/:id/scan", "/api/v1/equipment/" + item + "/scan", nullptr,
         "/api/v1/equipment/" + item + "/scan"},
        {"GET", "/api/v1/equipment/labels", "/api/v1/equipment/labels?layout=none"},
        {"GET", "/api/v1/equipment-categories", "/api/v1/equipment-categories"},
        {"POST", "/api/v1/equipment-categories", "/api/v1/equipment-categories", unnamed},
        {"PATCH", "/api/v1/equipment-categories/:id", "/api/v1/equipment-categories/" + category,
         unnamed, "/api/v1/equipment-categories/" + category},
        {"DELETE", "/api/v1/equipment-categories/:id", "/api/v1/equipment-categories/999999",
         nullptr, "/api/v1/equipment-categories/" + category},
        {"GET", "/api/v1/equipment/kits", "/api/v1/equipment/kits"},
        {"POST", "/api/v1/equipment/kits", "/api/v1/equipment/kits", unnamed},
        {"GET", "/api/v1/equipment/kits/:id", "/api/v1/equipment/kits/" + kit, nullptr,
         "/api/v1/equipment/kits/" + kit},
        {"PATCH", "/api/v1/equipment/kits/:id", "/api/v1/equipment/kits/" + kit, unnamed,
         "/api/v1/equipment/kits/" + kit},
        {"POST", "/api/v1/equipment/kits/:id/archive", "/api/v1/equipment/kits/999999/archive",
         nullptr, "/api/v1/equipment/kits/" + kit + "/archive"},
        {"POST", "/api/v1/equipment/kits/:id/restore", "/api/v1/equipment/kits/999999/restore",
         nullptr, "/api/v1/equipment/kits/" + kit + "/restore"},
        {"GET", "/api/v1/equipment/:id/missions", "/api/v1/equipment/" + item + "/missions" + range,
         nullptr, "/api/v1/equipment/" + item + "/missions" + range},
        {"GET", "/api/v1/equipment/:id/stock", "/api/v1/equipment/" + item + "/stock", nullptr,
         "/api/v1/equipment/" + item + "/stock"},
        {"POST",
         "/api/v1/equipment/:id/loss",
         "/api/v1/equipment/" + item + "/loss",
         {{"quantity", 0}},
         "/api/v1/equipment/" + item + "/loss"},
        {"POST",
         "/api/v1/equipment/:id/found",
         "/api/v1/equipment/" + item + "/found",
         {{"quantity", 0}},
         "/api/v1/equipment/" + item + "/found"},
        {"GET", "/api/v1/equipment/:id/photo", "/api/v1/equipment/" + item + "/photo", nullptr,
         "/api/v1/equipment/" + item + "/photo"},
        {"PUT", "/api/v1/equipment/:id/photo", "/api/v1/equipment/" + item + "/photo", nullptr,
         "/api/v1/equipment/" + item + "/photo"},
        {"DELETE", "/api/v1/equipment/:id/photo", "/api/v1/equipment/999999/photo", nullptr,
         "/api/v1/equipment/" + item + "/photo"},
        {"GET", "/api/v1/maintenance/:id/photo",
         "/api/v1/maintenance/" + std::to_string(maintenance_a_) + "/photo", nullptr,
         "/api/v1/maintenance/" + std::to_string(maintenance_a_) + "/photo"},
        {"PUT", "/api/v1/maintenance/:id/photo",
         "/api/v1/maintenance/" + std::to_string(maintenance_a_) + "/photo", nullptr,
         "/api/v1/maintenance/" + std::to_string(maintenance_a_) + "/photo"},
        {"DELETE", "/api/v1/maintenance/:id/photo", "/api/v1/maintenance/999999/photo", nullptr,
         "/api/v1/maintenance/" + std::to_string(maintenance_a_) + "/photo"},
        {"GET", "/api/v1/equipment/:id/units", "/api/v1/equipment/" + item + "/units", nullptr,
         "/api/v1/equipment/" + item + "/units"},
        {"POST",
         "/api/v1/equipment/:id/units",
         "/api/v1/equipment/" + item + "/units",
         {{"serial_number", 42}},
         "/api/v1/equipment/" + item + "/units"},
        {"GET", "/api/v1/equipment/units/:id", "/api/v1/equipment/units/" + unit, nullptr,
         "/api/v1/equipment/units/" + unit},
        {"PATCH",
         "/api/v1/equipment/units/:id",
         "/api/v1/equipment/units/" + unit,
         {{"barcode", "a b"}},
         "/api/v1/equipment/units/" + unit},
        {"POST", "/api/v1/equipment/units/:id/back-in-service",
         "/api/v1/equipment/units/999999/back-in-service", nullptr,
         "/api/v1/equipment/units/" + unit + "/back-in-service"},
        {"POST", "/api/v1/equipment/units/:id/retire", "/api/v1/equipment/units/999999/retire",
         nullptr, "/api/v1/equipment/units/" + unit + "/retire"},
        {"POST",
         "/api/v1/equipment/:id/transfer",
         "/api/v1/equipment/" + item + "/transfer",
         {{"quantity", 0}},
         "/api/v1/equipment/" + item + "/transfer"},
        {"GET", "/api/v1/storage-sites/:id/display", "/api/v1/storage-sites/" + site + "/display",
         nullptr, "/api/v1/storage-sites/" + site + "/display"},
        {"POST", "/api/v1/storage-sites/:id/display", "/api/v1/storage-sites/999999/display",
         nullptr, "/api/v1/storage-sites/" + site + "/display"},
        {"DELETE", "/api/v1/storage-sites/:id/display", "/api/v1/storage-sites/999999/display",
         nullptr, "/api/v1/storage-sites/" + site + "/display"},
        {"GET", "/api/v1/display/:token", "/api/v1/display/dsp_nothing"},
        {"GET", "/api/v1/maintenance/due", "/api/v1/maintenance/due"},
        {"GET", "/materiels/scan/selection/:id", "/materiels/scan/selection/1"},
        {"GET", "/materiels/qrcode/scan/:id", "/materiels/qrcode/scan/1"},
        {"GET", "/signer-devis/:token", "/signer-devis/abc"},
        {"GET", "/pay/quote/:id", "/pay/quote/1?token=abc"},
        {"GET", "/pay/invoice/:id", "/pay/invoice/1?token=abc"},
        {"PUT", "/api/v1/mission-fields", "/api/v1/mission-fields", {{"fields", "x"}}},
        {"GET", "/healthz", "/healthz"},
        {"GET", "/readyz", "/readyz"},
        {"GET", "/metrics", "/metrics"},
        {"GET", "/api/v1/setup", "/api/v1/setup"},
        {"GET", "/api/v1/site-config", "/api/v1/site-config"},
        {"POST", "/api/v1/setup", "/api/v1/setup", nlohmann::json::object()},
        {"POST", "/api/v1/webhooks/resend", "/api/v1/webhooks/resend"},
        {"POST", "/api/v1/webhooks/stripe/:token", "/api/v1/webhooks/stripe/abc"},
        {"POST", "/api/v1/auth/sign-in", "/api/v1/auth/sign-in"},
        {"GET", "/api/v1/auth/session", "/api/v1/auth/session"},
        {"POST", "/api/v1/auth/sign-out", "/api/v1/auth/sign-out"},
        {"POST",
         "/api/v1/auth/organization",
         "/api/v1/auth/organization",
         {{"organization_id", "x"}}},
        {"PATCH", "/api/v1/me", "/api/v1/me", {{"locale", "xx"}}},
        {"POST", "/api/v1/me/password", "/api/v1/me/password", {{"new_password", "court"}}},
        {"GET", "/api/v1/me/sessions", "/api/v1/me/sessions"},
        {"DELETE", "/api/v1/me/sessions/:id", "/api/v1/me/sessions/999999"},
        {"POST", "/api/v1/me/sessions/revoke-others", "/api/v1/me/sessions/revoke-others"},
        {"GET", "/api/v1/members", "/api/v1/members"},
        {"PATCH",
         "/api/v1/members/:user_id",
         "/api/v1/members/" + dj,
         {{"role", "pilot"}},
         "/api/v1/members/" + dj},
        {"DELETE", "/api/v1/members/:user_id", "/api/v1/members/999999", nullptr,
         "/api/v1/members/" + dj},
        {"GET", "/api/v1/audit", "/api/v1/audit"},
        {"GET", "/api/v1/admin/legacy-imports", "/api/v1/admin/legacy-imports"},
        {"POST", "/api/v1/admin/legacy-imports", "/api/v1/admin/legacy-imports", empty},
        {"GET", "/api/v1/admin/legacy-imports/:id", legacy, nullptr, legacy},
        {"GET", "/api/v1/admin/legacy-imports/:id/report", legacy + "/report", nullptr,
         legacy + "/report?kind=dry"},
        {"POST", "/api/v1/admin/legacy-imports/:id/import",
         "/api/v1/admin/legacy-imports/999999/import", nullptr, legacy + "/import"},
        {"DELETE", "/api/v1/admin/legacy-imports/:id", "/api/v1/admin/legacy-imports/999999",
         nullptr, legacy},
        {"GET", "/api/v1/crew-profiles", "/api/v1/crew-profiles"},
        {"POST", "/api/v1/crew-profiles", "/api/v1/crew-profiles", {{"display_name", ""}}},
        {"GET", "/api/v1/crew-profiles/:id", profile, nullptr, profile},
        {"PUT", "/api/v1/crew-profiles/:id", profile, {{"display_name", "Lina"}}, profile},
        {"POST", "/api/v1/crew-profiles/:id/archive", "/api/v1/crew-profiles/999999/archive",
         nullptr, profile + "/archive"},
        {"POST", "/api/v1/crew-profiles/:id/restore", profile + "/restore", nullptr,
         profile + "/restore"},
        {"POST",
         "/api/v1/crew-profiles/:id/erase",
         "/api/v1/crew-profiles/999999/erase",
         {{"confirm_name", "x"}},
         profile + "/erase"},
        {"POST",
         "/api/v1/crew-profiles/:id/link",
         "/api/v1/crew-profiles/999999/link",
         {{"user_id", users_.at(Role::kDj).value}},
         profile + "/link"},
        {"POST", "/api/v1/auth/magic-link", "/api/v1/auth/magic-link"},
        {"POST", "/api/v1/auth/magic-link/consume", "/api/v1/auth/magic-link/consume"},
        {"POST", "/api/v1/auth/password-reset", "/api/v1/auth/password-reset"},
        {"POST", "/api/v1/auth/password-reset/complete", "/api/v1/auth/password-reset/complete"},
        {"GET", "/api/v1/invitations", "/api/v1/invitations"},
        {"POST", "/api/v1/invitations", "/api/v1/invitations", {{"email", "x"}, {"role", "dj"}}},
        {"DELETE", "/api/v1/invitations/:id", "/api/v1/invitations/999999", nullptr,
         "/api/v1/invitations/" + invitation},
        {"POST", "/api/v1/invitations/lookup", "/api/v1/invitations/lookup"},
        {"POST", "/api/v1/invitations/accept", "/api/v1/invitations/accept"},
        {"POST",
         "/api/v1/invitations/accept-signed-in",
         "/api/v1/invitations/accept-signed-in",
         {{"token", "not-a-token"}}},
        {"GET", "/api/v1/admin/emails", "/api/v1/admin/emails"},
        {"GET", "/api/v1/admin/emails/:id", "/api/v1/admin/emails/" + email, nullptr,
         "/api/v1/admin/emails/" + email},
        {"GET", "/api/v1/admin/emails/:id/attachments/:index",
         "/api/v1/admin/emails/" + email + "/attachments/0", nullptr,
         "/api/v1/admin/emails/" + email + "/attachments/0"},
        {"GET", "/api/v1/admin/jobs", "/api/v1/admin/jobs"},
        {"GET", "/api/v1/admin/backups", "/api/v1/admin/backups"},
        {"POST", "/api/v1/admin/backups", "/api/v1/admin/backups"},
        {"GET", "/api/v1/admin/backups/:name/download",
         "/api/v1/admin/backups/planify-backup-20261125T090000Z.tar.gz/download"},
        {"POST", "/api/v1/admin/jobs/:id/retry", "/api/v1/admin/jobs/999999/retry", nullptr,
         "/api/v1/admin/jobs/" + job + "/retry"},
        {"GET", "/api/v1/admin/email-templates", "/api/v1/admin/email-templates"},
        {"GET", "/api/v1/admin/email-templates/:name/preview",
         "/api/v1/admin/email-templates/auth.invitation/preview"},
        {"GET", "/api/v1/api-tokens", "/api/v1/api-tokens"},
        {"POST",
         "/api/v1/api-tokens",
         "/api/v1/api-tokens",
         {{"name", ""}, {"scopes", nlohmann::json::array()}}},
        {"DELETE", "/api/v1/api-tokens/:id", "/api/v1/api-tokens/999999", nullptr,
         "/api/v1/api-tokens/" + token},
        {"GET", "/api/v1/organization", "/api/v1/organization"},
        {"GET", "/api/v1/auth/providers", "/api/v1/auth/providers"},
        {"GET", "/api/v1/clients", "/api/v1/clients"},
        {"POST", "/api/v1/clients", "/api/v1/clients", {{"name", ""}}},
        {"GET", "/api/v1/clients/:id", "/api/v1/clients/" + client, nullptr,
         "/api/v1/clients/" + client},
        {"GET", "/api/v1/clients/:id/space", "/api/v1/clients/" + client + "/space", nullptr,
         "/api/v1/clients/" + client + "/space"},
        {"POST",
         "/api/v1/clients/:id/space/links",
         "/api/v1/clients/" + client + "/space/links",
         {{"days", 0}},
         "/api/v1/clients/" + client + "/space/links"},
        {"DELETE", "/api/v1/clients/:id/space/links/:link_id",
         "/api/v1/clients/" + client + "/space/links/999999", nullptr,
         "/api/v1/clients/" + client + "/space/links/999999"},
        {"GET", "/api/v1/public/client-space/:token", "/api/v1/public/client-space/nope"},
        {"POST", "/api/v1/public/client-space/:token/documents",
         "/api/v1/public/client-space/nope/documents"},
        {"GET", "/api/v1/public/client-space/:token/quotes/:id/pdf",
         "/api/v1/public/client-space/nope/quotes/1/pdf"},
        {"POST", "/api/v1/public/client-space/:token/messages",
         "/api/v1/public/client-space/nope/messages"},
        {"POST", "/api/v1/public/booking/:slug/client-space",
         "/api/v1/public/booking/nope/client-space"},
        {"PUT",
         "/api/v1/clients/:id",
         "/api/v1/clients/" + client,
         {{"name", ""}},
         "/api/v1/clients/" + client},
        {"POST", "/api/v1/clients/:id/archive", "/api/v1/clients/999999/archive", nullptr,
         "/api/v1/clients/" + client + "/archive"},
        {"POST",
         "/api/v1/clients/:id/erase",
         "/api/v1/clients/999999/erase",
         {{"confirm_name", "x"}},
         "/api/v1/clients/" + client + "/erase"},
        {"GET", "/api/v1/clients/:id/personal-data", "/api/v1/clients/999999/personal-data",
         nullptr, "/api/v1/clients/" + client + "/personal-data"},
        {"POST", "/api/v1/clients/:id/restore", "/api/v1/clients/" + client + "/restore", nullptr,
         "/api/v1/clients/" + client + "/restore"},
        {"GET", "/api/v1/files/:id/:sha", "/api/v1/files/1/" + std::string(64, 'a')},
        {"PUT", "/api/v1/organization/logo", "/api/v1/organization/logo"},
        {"DELETE", "/api/v1/organization/logo", "/api/v1/organization/logo"},
        {"PUT", "/api/v1/me/avatar", "/api/v1/me/avatar"},
        {"DELETE", "/api/v1/me/avatar", "/api/v1/me/avatar"},
        {"GET", "/api/v1/auth/google/start", "/api/v1/auth/google/start"},
        {"GET", "/api/v1/auth/google/callback", "/api/v1/auth/google/callback"},
        {"PATCH", "/api/v1/organization", "/api/v1/organization", {{"siren", "123"}}},
    };
  }

  OrganizationId org_a_;
  OrganizationId org_b_;
  long long invitation_a_ = 0;
  long long email_a_ = 0;
  long long job_a_ = 0;
  long long token_a_ = 0;
  long long client_a_ = 0;
  long long venue_a_ = 0;
  long long profile_a_ = 0;
  long long upload_a_ = 0;
  long long site_a_ = 0;
  long long item_a_ = 0;
  long long mission_a_ = 0;
  long long maintenance_a_ = 0;
  long long export_a_ = 0;
  long long kit_a_ = 0;
  long long unit_a_ = 0;
  long long category_a_ = 0;
  long long unavailability_a_ = 0;
  long long feed_a_ = 0;
  long long gcal_a_ = 0;
  long long webhook_a_ = 0;
  long long delivery_a_ = 0;
  long long booking_a_ = 0;
  long long item_line_a_ = 0;
  long long rule_a_ = 0;
  long long quote_a_ = 0;
  long long invoice_a_ = 0;
  std::map<Role, UserId> users_;
};

TEST_F(AuthorizationMatrix, EveryRouteIsListed) {
  std::set<std::pair<std::string, std::string>> listed;
  for (const auto& c : Cases()) listed.insert({c.method, c.pattern});
  for (const auto& route : server_->router().Routes()) {
    EXPECT_TRUE(listed.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern
        << " is not in AuthorizationMatrix::Cases(): add it with a harmless probe";
  }
  EXPECT_EQ(listed.size(), server_->router().Routes().size()) << "stale rows in Cases()";
}

TEST_F(AuthorizationMatrix, AnonymousCallersGet401OnEveryProtectedRoute) {
  std::map<std::pair<std::string, std::string>, http::Access> access;
  for (const auto& r : server_->router().Routes()) access[{r.method, r.pattern}] = r.access;
  int checked = 0;
  for (const auto& c : Cases()) {
    if (access.at({c.method, c.pattern}).kind == http::Access::Kind::kPublic) continue;
    auto res = Send(c.method, c.path, nullptr, c.body);
    EXPECT_EQ(res->status, 401) << c.method << " " << c.path << ": " << res->body;
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

TEST_F(AuthorizationMatrix, RolesWithoutThePermissionGet403OthersGetThrough) {
  std::map<Role, BrowserSession> sessions;
  for (const auto& entry : users_) {
    Role role = entry.first;
    static const std::map<Role, std::string> kEmails = {{Role::kOwner, "owner@a.fr"},
                                                        {Role::kAdmin, "admin@a.fr"},
                                                        {Role::kManager, "manager@a.fr"},
                                                        {Role::kDj, "dj@a.fr"},
                                                        {Role::kTechnician, "tech@a.fr"}};
    sessions[role] = SignIn(kEmails.at(role));
  }
  int forbidden = 0;
  const auto cases = Cases();
  for (const auto& route : server_->router().Routes()) {
    if (route.access.kind != http::Access::Kind::kPermission) continue;
    const RouteCase* c = nullptr;
    for (const auto& candidate : cases) {
      if (candidate.method == route.method && candidate.pattern == route.pattern) c = &candidate;
    }
    ASSERT_NE(c, nullptr);
    for (const auto& [role, session] : sessions) {
      auto res = Send(c->method, c->path, &session, c->body);
      std::string where = c->method + " " + c->path + " as " + std::string(RoleName(role));
      if (route.access.Allows(role)) {
        EXPECT_NE(res->status, 403) << where << ": " << res->body;
        EXPECT_NE(res->status, 401) << where;
      } else {
        EXPECT_EQ(res->status, 403) << where << ": " << res->body;
        EXPECT_EQ(Json(res)["error"]["code"], "FORBIDDEN") << where;
        ++forbidden;
      }
    }
  }
  EXPECT_GT(forbidden, 0);
}

TEST_F(AuthorizationMatrix, AnotherOrganisationsResourcesAre404) {
  auto outsider = SignIn("owner@b.fr");
  int checked = 0;
  for (const auto& c : Cases()) {
    if (c.cross_org_path.empty()) continue;
    auto res = Send(c.method, c.cross_org_path, &outsider, c.body);
    EXPECT_EQ(res->status, 404) << c.method << " " << c.cross_org_path << ": " << res->body;
    ++checked;
  }
  EXPECT_GE(checked, 2);
  // Organisation A's member is untouched.
  auto lease = db_->Acquire();
  long long still = 0;
  long long dj = users_.at(Role::kDj).value;
  **lease << "SELECT count(*) FROM memberships WHERE user_id = :u", soci::use(dj),
      soci::into(still);
  EXPECT_EQ(still, 1);
  long long open = 0;
  **lease << "SELECT count(*) FROM invitations WHERE revoked_at IS NULL", soci::into(open);
  EXPECT_EQ(open, 1) << "organisation A's invitation must survive organisation B's DELETE";
  std::string status;
  **lease << "SELECT status FROM jobs WHERE id = :id", soci::use(job_a_), soci::into(status);
  EXPECT_EQ(status, "dead") << "organisation B must not re-run organisation A's job";
  long long live_tokens = 0;
  **lease << "SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL", soci::into(live_tokens);
  EXPECT_EQ(live_tokens, 1) << "organisation B must not revoke organisation A's token";
  long long archived = 0;
  **lease << "SELECT count(*) FROM clients WHERE archived_at IS NOT NULL", soci::into(archived);
  EXPECT_EQ(archived, 0) << "organisation B must not archive organisation A's client";
  EXPECT_EQ(Json(Send("GET", "/api/v1/clients", &outsider))["total"], 0);
  EXPECT_EQ(Count("crew_unavailability"), 1) << "organisation B must not delete A's days off";
  long long open_profiles = 0;
  **lease << "SELECT count(*) FROM crew_profiles WHERE archived_at IS NULL AND user_id IS NULL "
             "AND display_name = 'Lina Freelance'",
      soci::into(open_profiles);
  EXPECT_EQ(open_profiles, 1) << "organisation B must not edit, archive or link A's profile";
  EXPECT_EQ(Json(Send("GET", "/api/v1/crew-profiles", &outsider))["items"].size(), 0u);
  EXPECT_EQ(Json(Send("GET", "/api/v1/catalogue", &outsider))["total"], 0);
  EXPECT_TRUE(Json(Send("GET", "/api/v1/pricing-rules", &outsider))["items"].empty());
  long long archived_lines = 0;
  **lease << "SELECT count(*) FROM catalogue_items WHERE archived_at IS NOT NULL",
      soci::into(archived_lines);
  EXPECT_EQ(archived_lines, 0) << "organisation B must not archive A's catalogue";
  EXPECT_EQ(Json(Send("GET", "/api/v1/missions", &outsider))["total"], 0);
  EXPECT_EQ(Json(Send("GET", "/api/v1/equipment", &outsider))["total"], 0);
  EXPECT_EQ(Json(Send("GET", "/api/v1/venues", &outsider))["total"], 0);
  auto calendar = Json(
      Send("GET", "/api/v1/calendar?from=2027-06-01T00:00:00Z&to=2027-09-01T00:00:00Z", &outsider));
  EXPECT_TRUE(calendar["missions"].empty());
  EXPECT_TRUE(calendar["unavailability"].empty());
  std::string mission_status;
  **lease << "SELECT status FROM missions WHERE id = :id", soci::use(mission_a_),
      soci::into(mission_status);
  EXPECT_EQ(mission_status, "planned");
  EXPECT_EQ(Json(Send("GET", "/api/v1/quotes", &outsider))["total"], 0);
  EXPECT_EQ(Json(Send("GET", "/api/v1/invoices", &outsider))["total"], 0);
  std::string quote_status;
  **lease << "SELECT status FROM quotes WHERE id = :id", soci::use(quote_a_),
      soci::into(quote_status);
  EXPECT_EQ(quote_status, "draft") << "organisation B must not cancel A's quote";
  EXPECT_EQ(Count("invoices"), 1) << "organisation B must not delete A's draft invoice";
  auto org = Json(Send("GET", "/api/v1/organization", &outsider));
  EXPECT_EQ(org["name"], "Sono B");
  auto outbox = Json(Send("GET", "/api/v1/admin/emails", &outsider));
  EXPECT_TRUE(outbox["items"].empty()) << outbox.dump();
  // Lists show only the caller's organisation.
  auto members = Json(Send("GET", "/api/v1/members", &outsider));
  ASSERT_EQ(members["items"].size(), 1u);
  EXPECT_EQ(members["items"][0]["email"], "owner@b.fr");
  SignIn("admin@a.fr");  // audited in organisation A only
  auto audit = Json(Send("GET", "/api/v1/audit", &outsider));
  for (const auto& entry : audit["items"]) {
    EXPECT_NE(entry["actor"]["name"], "admin") << entry.dump();
  }
  // Switching to an organisation one is not a member of: 404.
  auto lease_free =
      Send("POST", "/api/v1/auth/organization", &outsider, {{"organization_id", org_a_.value}});
  EXPECT_EQ(lease_free->status, 404);
}

}  // namespace
}  // namespace planify::testing
