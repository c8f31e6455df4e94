#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// A file that goes with a client's data: a stored document PDF, a signature image, a proof.
struct PersonalDataFile {
  std::string path;  // inside the archive: documents/…, signatures/…, payment-proofs/…
  std::string content;
  std::string created_at;
};

// Everything stored about one client (RGPD art. 15 and 20): its rows table by table, as
// JSON objects keyed by column (secrets, search keys and stored bytes left out), and the files.
struct PersonalDataExport {
  nlohmann::json tables = nlohmann::json::object();
  std::vector<PersonalDataFile> files;
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

  // The client's row, its contacts, missions, quotes, invoices and credit notes with their
  // lines, payments and refunds, signatures, reminders and the e-mails written to its
  // addresses; with the stored PDFs, signature images and payment proofs. Every column is
  // there (a new one comes along without a change here) except the organisation id, search
  // keys, token hashes, idempotency keys, payment links and stored bytes (given as files).
  [[nodiscard]] PersonalDataExport ExportClient(OrganizationId organization, long long id);

 private:
  // The addresses the client was written to, lowercased: its contacts' and its documents'.
  [[nodiscard]] std::vector<std::string> ClientAddresses(long long org, long long id);
  Lease& lease_;
};

}  // namespace planify::store
