#include "domain/analytics.hpp"

#include <array>
#include <utility>

namespace planify::domain {

std::string_view BusinessEventName(std::string_view action, std::string_view mission_status_to) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kEvents = {{
      {"quotes.created", "quote_created"},
      {"quotes.sent", "quote_sent"},
      {"quotes.signed", "quote_signed"},
      {"quotes.accepted", "quote_signed"},
      {"quotes.declined", "quote_declined"},
      {"invoices.issued", "invoice_issued"},
      {"invoices.fell_overdue", "invoice_overdue"},
      {"payments.received", "payment_received"},
      {"payments.received_online", "payment_received"},
      {"payments.validated", "payment_received"},
      {"members.invited", "member_invited"},
      {"bookings.received", "booking_request_received"},
      {"bookings.accepted", "booking_request_accepted"},
  }};
  for (const auto& [audited, event] : kEvents) {
    if (audited == action) return event;
  }
  if (action == "members.invitation_accepted") return "member_joined";
  if (action == "missions.status_changed") {
    if (mission_status_to == "confirmed") return "mission_confirmed";
    if (mission_status_to == "completed") return "mission_completed";
  }
  return {};
}

std::span<const std::string_view> BusinessEventNames() {
  static constexpr std::array<std::string_view, 14> kNames = {"booking_request_received",
                                                              "booking_request_accepted",
                                                              "quote_created",
                                                              "quote_sent",
                                                              "quote_signed",
                                                              "quote_declined",
                                                              "invoice_issued",
                                                              "invoice_overdue",
                                                              "invoice_paid",
                                                              "payment_received",
                                                              "mission_confirmed",
                                                              "mission_completed",
                                                              "member_invited",
                                                              "member_joined"};
  return kNames;
}

bool IsForwardableProperty(std::string_view key) {
  static constexpr std::array<std::string_view, 7> kKeys = {"amount_cents", "method", "from",  "to",
                                                            "role",         "kind",   "status"};
  for (auto k : kKeys) {
    if (k == key) return true;
  }
  return false;
}

}  // namespace planify::domain
