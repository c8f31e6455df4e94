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
  void MarkSent(long long id, const std::string& provider, const std::string& message_id,
                const std::string& now);
  void RecordFailure(long long id, const std::string& error, bool final, const std::string& now);

 private:
  Lease& lease_;
};

// Standard base64 (RFC 4648) for attachment storage and provider APIs.
[[nodiscard]] std::string Base64Encode(const std::string& bytes);
[[nodiscard]] std::optional<std::string> Base64Decode(const std::string& text);

}  // namespace planify::store
