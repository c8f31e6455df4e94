#pragma once

#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// What erasing a client changed, for the answer and the audit entry (counts, never values).
struct ErasureReport {
  long long contacts_deleted = 0;
  long long missions_cleared = 0;
  long long drafts_cleared = 0;  // quotes and invoices without a number
  long long emails_cleared = 0;
  std::vector<std::string> kept_documents;  // numbers of issued quotes, invoices, credit notes
};

// A client's personal data (RGPD, docs/personal-data.md). Runs on the caller's transaction.
class PersonalDataRepository {
 public:
  explicit PersonalDataRepository(Lease& lease) : lease_(lease) {}

  // Anonymises client `id` everywhere except the numbered (issued) documents, whose client
  // snapshot the law makes us keep: the client's name becomes `erased_name` (« Client effacé n° id
  // »), its identifiers, addresses, notes and tags are emptied, its contacts deleted; its missions
  // lose their address, description, notes, custom fields and any title naming the client; draft
  // quotes and invoices lose the client's name, e-mail and snapshot; the e-mails sent to its
  // addresses lose recipient, subject, bodies and attachments. The client is archived.
  [[nodiscard]] ErasureReport EraseClient(OrganizationId organization, long long id,
                                          const std::string& erased_name, const std::string& now);

 private:
  Lease& lease_;
};

}  // namespace planify::store
