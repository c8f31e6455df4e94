#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/email.hpp"
#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct EmailRow {
  long long id = 0;
  std::optional<OrganizationId> organization;
  domain::EmailDraft draft;
  std::string status;
  std::string provider;
  std::string provider_message_id;
  int attempts = 0;
  std::string last_error;
  std::string created_at;
  std::string sent_at;
};

// The outbox. Runs on the caller's lease and transaction.
class EmailsRepository {
 public:
  explicit EmailsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(std::optional<OrganizationId> organization,
                                 const domain::EmailDraft& draft, const std::string& now);
  // With attachments.
  [[nodiscard]] std::optional<EmailRow> Find(long long id);
  // Newest first, without attachments' content.
  [[nodiscard]] std::vector<EmailRow> List(int limit);
  // One organisation's messages, newest first, older than `before_id` (0: from the newest).
  [[nodiscard]] std::vector<EmailRow> ListForOrganization(OrganizationId organization, int limit,
                                                          long long before_id);
  void MarkSent(long long id, const std::string& provider, const std::string& message_id,
                const std::string& now);
  void RecordFailure(long long id, const std::string& error, bool final, const std::string& now);

  // The e-mail a provider knows as `message_id`, if any.
  [[nodiscard]] std::optional<EmailRow> FindByProviderMessage(const std::string& provider,
                                                              const std::string& message_id);
  // Appends a provider event; false when this event id was already recorded (a replay).
  [[nodiscard]] bool RecordEvent(std::optional<long long> email_id, const std::string& provider,
                                 const std::string& event_id, const std::string& type,
                                 const std::string& payload, const std::string& occurred_at,
                                 const std::string& now);
  void SetStatus(long long id, const std::string& status, const std::string& now);

 private:
  Lease& lease_;
};

// Standard base64 (RFC 4648) for attachment storage and provider APIs.
[[nodiscard]] std::string Base64Encode(const std::string& bytes);
[[nodiscard]] std::optional<std::string> Base64Decode(const std::string& text);

}  // namespace planify::store
