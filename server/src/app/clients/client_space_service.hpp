#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "app/documents/billing_service.hpp"
#include "app/ports.hpp"
#include "store/client_space_repository.hpp"

// The client space (issue 19, docs/booking.md "Client space"): a page a client opens through a
// magic link, without a password, listing their quotes (to sign), invoices (to download and
// pay), upcoming events with what the organisation chooses to share, and a way to write to the
// office. A link shows one client of one organisation, nothing else; it expires and can be
// revoked from the client's page in the office.
namespace planify::app {

// A link as the office sees it (never its token, which only the e-mail and the creation
// answer carry). `state`: active, expired or revoked.
struct ClientSpaceLink {
  store::ClientSpaceLinkRow row;
  std::string state;
};

struct ClientSpaceOffice {
  std::vector<ClientSpaceLink> links;
  std::vector<store::ClientSpaceMessageRow> messages;
};

struct IssueSpaceLink {
  std::string email;  // "" = the client's primary contact
  int days = 30;      // 1–90
  bool send = true;   // e-mail it to `email`
};

struct IssuedSpaceLink {
  ClientSpaceLink link;
  std::string url;  // shown once
  bool emailed = false;
};

struct SpaceQuote {
  long long id = 0;
  std::string number;
  std::string title;
  std::string status;
  long long gross_cents = 0;
  std::string issue_date;
  std::string valid_until;
  bool can_open = false;  // its signing page is reachable
};

struct SpaceInvoice {
  long long id = 0;
  std::string number;
  std::string title;
  std::string kind;
  std::string status;
  long long gross_cents = 0;
  long long remaining_cents = 0;
  std::string issue_date;
  std::string due_date;
};

// An upcoming event; the optional parts are empty when the organisation does not share them.
struct SpaceEvent {
  std::string title;  // the event type, else the mission's title
  std::string status;
  std::string date;  // YYYY-MM-DD, local
  std::string starts_at;
  std::string ends_at;
  std::string venue;
  std::string lead_name;
  std::string lead_email;
};

struct ClientSpacePage {
  std::string organization_name;
  std::string logo_url;
  std::string brand_color;
  std::string organization_email;
  std::string organization_phone;
  std::string client_name;
  std::string expires_at;
  std::string time_zone;
  std::vector<SpaceQuote> quotes;
  std::vector<SpaceInvoice> invoices;
  std::vector<SpaceEvent> events;
  std::vector<store::ClientSpaceMessageRow> messages;
};

class ClientSpaceService {
 public:
  ClientSpaceService(store::Database& db, const Clock& clock, const Cipher& cipher,
                     std::string public_url)
      : db_(db), clock_(clock), cipher_(cipher), public_url_(std::move(public_url)) {}

  // ---- The office (clients.read to look, clients.manage to issue and revoke).
  [[nodiscard]] Result<ClientSpaceOffice> Office(const Principal& actor, long long client_id);
  // VALIDATION on `email` (none known or malformed when sending) and `days`.
  [[nodiscard]] Result<IssuedSpaceLink> Issue(const Principal& actor, const RequestMeta& meta,
                                              long long client_id, IssueSpaceLink input);
  // NOT_FOUND for another client's link; CONFLICT when it was revoked already.
  [[nodiscard]] Result<ClientSpaceLink> Revoke(const Principal& actor, const RequestMeta& meta,
                                               long long client_id, long long link_id);

  // ---- The client (no session: the token names the client).
  // NOT_FOUND for an unknown token, GONE once expired or revoked; RATE_LIMITED beyond 60
  // openings per IP per minute.
  [[nodiscard]] Result<ClientSpacePage> Open(const std::string& token, const RequestMeta& meta);
  // The public page of one of the client's documents (`kind` quote or invoice): the quote's
  // signing page while it is open online, the invoice's page (PDF, online payment). NOT_FOUND
  // for a document of anybody else; CONFLICT when a quote is no longer open online.
  [[nodiscard]] Result<std::string> DocumentUrl(const std::string& token, const std::string& kind,
                                                long long id, const RequestMeta& meta);
  // One of the client's quotes as a PDF: the signed one (with its certificate page) once
  // accepted, else the one sent — also after the quote's own page has ended. NOT_FOUND for a
  // quote of anybody else, a draft or a cancelled one.
  [[nodiscard]] Result<PdfFile> QuotePdf(const std::string& token, long long id,
                                         const RequestMeta& meta);
  // A message to the office (1–5,000 characters), e-mailed to the organisation's address.
  // RATE_LIMITED beyond 5 per IP per 10 minutes or 20 per link per day.
  [[nodiscard]] Result<store::ClientSpaceMessageRow> Message(const std::string& token,
                                                             const std::string& body,
                                                             const RequestMeta& meta);
  // "Send me my link": a client who lost or outlived their link types their e-mail on the
  // organisation's page; every client of that organisation with this contact address gets a
  // fresh link by e-mail. The answer never says whether the address is known. RATE_LIMITED
  // beyond 5 per IP per 10 minutes or 3 per address per day.
  [[nodiscard]] Result<void> RequestLink(const std::string& slug, const std::string& email,
                                         const RequestMeta& meta);

 private:
  store::Database& db_;
  const Clock& clock_;
  const Cipher& cipher_;
  std::string public_url_;
};

}  // namespace planify::app
