#pragma once

#include <string>
#include <vector>

#include "app/auth/auth_service.hpp"
#include "store/clients_repository.hpp"
#include "store/personal_data_repository.hpp"

namespace planify::app {

struct PersonalDataArchive {
  std::string filename;  // donnees-client-<id>-<YYYY-MM-DD>.zip
  std::string bytes;
};

// CONFLICT naming each client that shares an e-mail, a phone or the SIREN (fields "contacts" or
// "siren"), asking to check or confirm.
[[nodiscard]] Unexpected DuplicateClients(const std::vector<store::DuplicateClient>& found);

// Clients of the caller's organisation. Another organisation's ids are NOT_FOUND.
class ClientsService {
 public:
  ClientsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // CONFLICT (naming the duplicates in its fields) when another client shares an e-mail, a
  // phone or the SIREN, unless `allow_duplicate`.
  [[nodiscard]] Result<store::ClientRow> Create(const Principal& actor, domain::ClientInput input,
                                                bool allow_duplicate);
  [[nodiscard]] Result<store::ClientRow> Update(const Principal& actor, long long id,
                                                domain::ClientInput input, bool allow_duplicate);
  [[nodiscard]] Result<store::ClientRow> Get(const Principal& actor, long long id);
  // `query` as typed: folded here (case and accents ignored).
  [[nodiscard]] Result<store::ClientPage> List(const Principal& actor, const std::string& query,
                                               bool include_archived, long long limit,
                                               long long offset);
  [[nodiscard]] Result<void> SetArchived(const Principal& actor, long long id, bool archived);
  // The right to erasure (RGPD art. 17): anonymises the client everywhere but on its issued
  // documents, which the law keeps 10 years (store::PersonalDataRepository::EraseClient).
  // `confirm_name` must repeat the client's name (VALIDATION on field confirm_name otherwise);
  // CONFLICT when already erased. Audited `clients.erased` with counts, never the values.
  [[nodiscard]] Result<store::ErasureReport> Erase(const Principal& actor, long long id,
                                                   const std::string& confirm_name,
                                                   const RequestMeta& meta);
  // The right of access and to portability (RGPD art. 15 and 20): a .zip with client.json
  // (every row stored about the client, store::PersonalDataRepository::ExportClient), the stored
  // PDFs, signature images and payment proofs, and a LISEZMOI.txt saying what is inside.
  // Audited `clients.personal_data_exported` with counts.
  [[nodiscard]] Result<PersonalDataArchive> ExportPersonalData(const Principal& actor, long long id,
                                                               const RequestMeta& meta);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace planify::app
