#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/clients.hpp"
#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct ClientRow {
  long long id = 0;
  domain::ClientInput client;
  bool archived = false;
  bool reminders_paused = false;  // no payment reminder or quote follow-up (docs/reminders.md)
  std::string created_at;
  std::string updated_at;
};

struct ClientPage {
  std::vector<ClientRow> items;  // with their primary contact only
  long long total = 0;
};

struct DuplicateClient {
  long long id = 0;
  std::string name;
  std::string reason;  // "email", "phone" or "siren"
};

// Clients and their contacts, always within one organisation. Runs on the caller's lease and
// transaction.
class ClientsRepository {
 public:
  explicit ClientsRepository(Lease& lease) : lease_(lease) {}

  [[nodiscard]] long long Insert(OrganizationId organization, const domain::ClientInput& client,
                                 const std::string& now);
  // False when no such client in this organisation.
  bool Update(OrganizationId organization, long long id, const domain::ClientInput& client,
              const std::string& now);
  [[nodiscard]] std::optional<ClientRow> Find(OrganizationId organization, long long id);
  // Newest first by name; `query` is already folded (domain::FoldForSearch); every word must
  // appear.
  [[nodiscard]] ClientPage List(OrganizationId organization, const std::string& query,
                                bool include_archived, long long limit, long long offset);
  // Other clients sharing an e-mail, a phone or the SIREN.
  [[nodiscard]] std::vector<DuplicateClient> FindDuplicates(OrganizationId organization,
                                                            const domain::ClientInput& client,
                                                            long long exclude_id);
  bool SetArchived(OrganizationId organization, long long id, bool archived,
                   const std::string& now);

 private:
  void ReplaceContacts(OrganizationId organization, long long client,
                       const std::vector<domain::ClientContact>& contacts, const std::string& now);
  Lease& lease_;
};

}  // namespace planify::store
