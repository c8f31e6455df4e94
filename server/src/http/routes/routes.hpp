#pragma once

#include <atomic>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/accounting/accounting_service.hpp"
#include "app/accounts/members.hpp"
#include "app/admin/operations.hpp"
#include "app/auth/api_tokens.hpp"
#include "app/auth/auth_service.hpp"
#include "app/auth/email_links.hpp"
#include "app/booking/booking_service.hpp"
#include "app/booking/ratings_service.hpp"
#include "app/clients/client_space_service.hpp"
#include "app/clients/clients_service.hpp"
#include "app/dashboard/dashboard_service.hpp"
#include "app/documents/billing_service.hpp"
#include "app/documents/catalogue_service.hpp"
#include "app/equipment/inventory_service.hpp"
#include "app/equipment/logistics_service.hpp"
#include "app/exports/exports_service.hpp"
#include "app/files/files_service.hpp"
#include "app/legacy/legacy_uploads_service.hpp"
#include "app/notifications/notifications_service.hpp"
#include "app/organization/organization_service.hpp"
#include "app/payments/online_payments_service.hpp"
#include "app/planning/calendar_connections_service.hpp"
#include "app/planning/calendar_feeds_service.hpp"
#include "app/planning/crew_profiles_service.hpp"
#include "app/planning/missions_service.hpp"
#include "app/planning/resources_service.hpp"
#include "app/reminders/reminders_service.hpp"
#include "app/reports/reports_service.hpp"
#include "app/search/search_service.hpp"
#include "app/webhooks/webhooks_service.hpp"
#include "domain/analytics.hpp"
#include "domain/reports.hpp"

#include "http/json_writer.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "integrations/stripe/stripe_client.hpp"

namespace planify::http {

// The use cases behind the routes, built once per server.
struct UseCases {
  UseCases(const Services& services)  // NOLINT(google-explicit-constructor)
      : auth(*services.db, *services.clock, *services.hasher),
        members(*services.db, *services.clock),
        links(*services.db, *services.clock, *services.hasher, auth, services.public_url),
        operations(*services.db, *services.clock, services.public_url),
        api_tokens(*services.db, *services.clock),
        organization(*services.db, *services.clock, *services.cipher),
        files(*services.db, *services.clock),
        clients(*services.db, *services.clock),
        missions(*services.db, *services.clock),
        crew_profiles(*services.db, *services.clock),
        legacy_uploads(*services.db, *services.clock, *services.cipher),
        resources(*services.db, *services.clock),
        logistics(*services.db, *services.clock, services.public_url),
        inventory(*services.db, *services.clock, services.public_url),
        catalogue(*services.db, *services.clock),
        quotes(*services.db, *services.clock, *services.cipher, services.public_url),
        invoices(*services.db, *services.clock, *services.cipher, services.public_url),
        stripe(services.stripe_api_url),
        payments(*services.db, *services.clock, *services.cipher,
                 services.payment_gateway != nullptr ? *services.payment_gateway : stripe,
                 services.public_url),
        reminders(*services.db, *services.clock, *services.cipher, services.public_url),
        exports(*services.db, *services.clock),
        accounting(*services.db, *services.clock),
        backups(*services.db, *services.clock, services.backups),
        calendar_feeds(*services.db, *services.clock, *services.cipher, services.public_url),
        dashboard(*services.db, *services.clock),
        search(*services.db, *services.clock),
        notifications(*services.db, *services.clock, *services.cipher, services.push),
        reports(*services.db, *services.clock),
        webhooks(*services.db, *services.clock, *services.cipher, services.webhook_policy),
        booking(*services.db, *services.clock, *services.cipher, services.public_url),
        ratings(*services.db, *services.clock, services.public_url),
        client_space(*services.db, *services.clock, *services.cipher, services.public_url),
        calendar_connections(
            *services.db, *services.clock,
            services.calendar_cipher != nullptr ? *services.calendar_cipher : *services.cipher,
            services.state_cipher != nullptr ? *services.state_cipher : *services.cipher,
            services.calendar_provider, services.public_url) {}
  app::AuthService auth;
  app::MembersService members;
  app::EmailLinksService links;
  app::OperationsService operations;
  app::ApiTokensService api_tokens;
  app::OrganizationService organization;
  app::FilesService files;
  app::ClientsService clients;
  app::MissionsService missions;
  app::CrewProfilesService crew_profiles;
  app::LegacyUploadsService legacy_uploads;
  app::ResourcesService resources;
  app::LogisticsService logistics;
  app::InventoryService inventory;
  app::CatalogueService catalogue;
  app::QuotesService quotes;
  app::InvoicesService invoices;
  integrations::StripeGateway stripe;
  app::OnlinePaymentsService payments;
  app::RemindersService reminders;
  app::ExportsService exports;
  app::AccountingService accounting;
  app::BackupsService backups;
  app::CalendarFeedsService calendar_feeds;
  app::DashboardService dashboard;
  app::SearchService search;
  app::NotificationsService notifications;
  app::ReportsService reports;
  app::WebhooksService webhooks;
  app::BookingService booking;
  app::RatingsService ratings;
  app::ClientSpaceService client_space;
  app::CalendarConnectionsService calendar_connections;
};

// /api/v1/quotes, /api/v1/invoices, credit notes, payments, and the public quote page.
void AddDocumentRoutes(Router& router, UseCases& use_cases);
// /healthz, /readyz, /metrics.
void AddSystemRoutes(Router& router, const Services& services, const Metrics& metrics,
                     const std::atomic<bool>& shutting_down);
// /api/v1/setup: first-run creation of the organisation and its owner (signed in at once).
void AddSetupRoutes(Router& router, const Services& services, UseCases& use_cases);
// /api/v1/auth/* and /api/v1/me/*: sign-in, sessions, the caller's own account.
void AddAuthRoutes(Router& router, const Services& services, UseCases& use_cases);
// Magic links, password resets, invitations: flows proven by a link sent by e-mail.
void AddEmailLinkRoutes(Router& router, const Services& services, UseCases& use_cases);
// /api/v1/admin/*: the organisation's outbox, failed jobs, e-mail template previews.
void AddAdminRoutes(Router& router, UseCases& use_cases);
// /api/v1/auth/providers and the Google OpenID Connect flow.
void AddGoogleRoutes(Router& router, const Services& services, UseCases& use_cases);
// /api/v1/clients: clients and their contacts.
void AddClientRoutes(Router& router, UseCases& use_cases);
// /api/v1/missions, /api/v1/calendar, /api/v1/mission-fields: missions and their conflicts.
void AddMissionRoutes(Router& router, UseCases& use_cases);
// /api/v1/calendar-feeds and the public iCalendar feeds (docs/calendar-sync.md).
void AddCalendarFeedRoutes(Router& router, UseCases& use_cases);
// /api/v1/dashboard: the landing page's figures, per role (docs/dashboard.md).
void AddDashboardRoutes(Router& router, const Services& services, UseCases& use_cases);
// /api/v1/search: the search box, every kind the caller may read (docs/search.md).
void AddSearchRoutes(Router& router, UseCases& use_cases);
// /api/v1/notifications and /api/v1/push: the caller's notifications, preferences and devices
// (docs/notifications.md).
void AddNotificationRoutes(Router& router, UseCases& use_cases);
// /api/v1/reports: revenue, quotes, crew, equipment, ageing, the VAT franchise (docs/reports.md).
void AddReportRoutes(Router& router, UseCases& use_cases);
// The public booking page's API and the office's request inbox (docs/booking.md).
void AddBookingRoutes(Router& router, UseCases& use_cases);
// The client space: its public API (a magic link's token) and the office's links and messages
// on a client (docs/booking.md "Client space").
void AddClientSpaceRoutes(Router& router, UseCases& use_cases);
// /api/v1/webhooks: outgoing webhooks, their deliveries and replays (docs/webhooks.md).
void AddOutgoingWebhookRoutes(Router& router, UseCases& use_cases);
// /api/v1/google-calendar: a member's Google Calendar connections (docs/calendar-sync.md).
void AddGoogleCalendarRoutes(Router& router, const Services& services, UseCases& use_cases);
// Venues, storage sites, the equipment catalogue, crew unavailability, planning buffers.
void AddPlanningRoutes(Router& router, UseCases& use_cases);
// Gear out with missions and back, late returns, availability, maintenance (docs/equipment.md).
void AddLogisticsRoutes(Router& router, UseCases& use_cases);
// Kits, stock per depot and transfers, depots' wall displays, periodic checks.
void AddInventoryRoutes(Router& router, UseCases& use_cases);
// /api/v1/catalogue, /api/v1/pricing-rules: priced lines and the pricing grid for quotes.
void AddCatalogueRoutes(Router& router, UseCases& use_cases);
// Logos and profile photos: upload, removal, serving.
void AddFileRoutes(Router& router, UseCases& use_cases);
// /api/v1/api-tokens: integration tokens.
void AddApiTokenRoutes(Router& router, UseCases& use_cases);
// /api/v1/organization: legal identity and settings.
void AddOrganizationRoutes(Router& router, UseCases& use_cases);
// /api/v1/members, /api/v1/crew-profiles, /api/v1/audit: the team (members and crew profiles
// without an account) and the audit log.
void AddMemberRoutes(Router& router, UseCases& use_cases);

// The session description the web app works from (user, organisation, role, permissions).
void WriteSession(JsonWriter& out, const app::Principal& principal,
                  const std::vector<store::MembershipView>& memberships, const app::Images& images);
// Sets the cookies of a new session and answers with WriteSession.
void WriteNewSession(httplib::Response& res, int status, UseCases& use_cases,
                     const app::IssuedSession& session, bool secure);
// /api/v1/webhooks/*: provider callbacks, authenticated by their signatures.
void AddWebhookRoutes(Router& router, const Services& services, UseCases& use_cases);
// Settings → Paiements (Stripe), public invoice pages and checkouts, refunds, events.
void AddPaymentRoutes(Router& router, UseCases& use_cases);
// /api/v1/exports: CSV and Excel exports, made at once or in the background (docs/exports.md).
void AddExportRoutes(Router& router, UseCases& use_cases);
// /api/v1/accounting: Settings → Comptabilité, the FEC, the VAT summary (docs/accounting.md).
void AddAccountingRoutes(Router& router, UseCases& use_cases);

// Shared by the document and payment routes: a payment as the API shows it, a stored file as
// the response, and an action's optional JSON body (empty = {}; `ok` false once the error is
// written).
void WritePaymentJson(JsonWriter& out, const store::PaymentRecord& payment);
void WritePdfResponse(httplib::Response& res, const app::PdfFile& pdf);
[[nodiscard]] nlohmann::json OptionalJsonBody(const httplib::Request& req, httplib::Response& res,
                                              bool& ok);

}  // namespace planify::http
