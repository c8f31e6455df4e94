#include "app/clients/clients_service.hpp"

#include <nlohmann/json.hpp>

#include "domain/validation.hpp"
#include "store/auth_repository.hpp"

namespace planify::app {

namespace {

Unexpected NoClient() { return Fail(ErrorCode::kNotFound, "Client introuvable."); }

Unexpected Duplicates(const std::vector<store::DuplicateClient>& found) {
  std::vector<FieldError> fields;
  std::string names;
  for (const auto& d : found) {
    names += (names.empty() ? "" : ", ") + d.name;
    std::string what = d.reason == "email"   ? "la même adresse e-mail"
                       : d.reason == "phone" ? "le même téléphone"
                                             : "le même SIREN";
    fields.push_back({d.reason == "siren" ? "siren" : "contacts",
                      "« " + d.name + " » (n° " + std::to_string(d.id) + ") a " + what + "."});
  }
  return Fail(ErrorCode::kConflict,
              "Ce client ressemble à un client existant : " + names +
                  ". Vérifiez, ou confirmez la création.",
              std::move(fields));
}

}  // namespace

Result<store::ClientRow> ClientsService::Create(const Principal& actor, domain::ClientInput input,
                                                bool allow_duplicate) {
  auto valid = domain::ValidateClient(std::move(input));
  if (!valid) return Fail(std::move(valid).error());
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ClientRow> {
    store::ClientsRepository clients(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    if (!allow_duplicate) {
      auto found = clients.FindDuplicates(*actor.organization, *valid, 0);
      if (!found.empty()) return Duplicates(found);
    }
    long long id = clients.Insert(*actor.organization, *valid, now);
    auto row = clients.Find(*actor.organization, id);
    tx.Commit();
    return *row;
  });
}

Result<store::ClientRow> ClientsService::Update(const Principal& actor, long long id,
                                                domain::ClientInput input, bool allow_duplicate) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ClientRow> {
    store::ClientsRepository clients(lease);
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    store::WriteTransaction tx(lease);
    // Existence first: another organisation's id is 404 whatever the body says.
    if (!clients.Find(*actor.organization, id)) return NoClient();
    auto valid = domain::ValidateClient(std::move(input));
    if (!valid) return Fail(std::move(valid).error());
    if (!allow_duplicate) {
      auto found = clients.FindDuplicates(*actor.organization, *valid, id);
      if (!found.empty()) return Duplicates(found);
    }
    clients.Update(*actor.organization, id, *valid, now);
    auto row = clients.Find(*actor.organization, id);
    tx.Commit();
    return *row;
  });
}

Result<store::ClientRow> ClientsService::Get(const Principal& actor, long long id) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ClientRow> {
    auto row = store::ClientsRepository(lease).Find(*actor.organization, id);
    if (!row) return NoClient();
    return *row;
  });
}

Result<store::ClientPage> ClientsService::List(const Principal& actor, const std::string& query,
                                               bool include_archived, long long limit,
                                               long long offset) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ClientPage> {
    return store::ClientsRepository(lease).List(*actor.organization, domain::FoldForSearch(query),
                                                include_archived, limit, offset);
  });
}

Result<void> ClientsService::SetArchived(const Principal& actor, long long id, bool archived) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<void> {
    store::WriteTransaction tx(lease);
    if (!store::ClientsRepository(lease).SetArchived(*actor.organization, id, archived,
                                                     domain::FormatIsoUtc(clock_.Now()))) {
      return NoClient();
    }
    tx.Commit();
    return {};
  });
}

Result<store::ErasureReport> ClientsService::Erase(const Principal& actor, long long id,
                                                   const std::string& confirm_name,
                                                   const RequestMeta& meta) {
  const std::string erased_name = "Client effacé n° " + std::to_string(id);
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<store::ErasureReport> {
    store::WriteTransaction tx(lease);
    auto row = store::ClientsRepository(lease).Find(*actor.organization, id);
    if (!row) return NoClient();
    if (row->client.name == erased_name) {
      return Fail(ErrorCode::kConflict, "Ce client a déjà été effacé.");
    }
    if (confirm_name != row->client.name) {
      return Fail(ErrorCode::kValidation, "La requête contient des champs invalides.",
                  {{"confirm_name", "Tapez le nom exact du client pour confirmer."}});
    }
    const std::string now = domain::FormatIsoUtc(clock_.Now());
    auto report =
        store::PersonalDataRepository(lease).EraseClient(*actor.organization, id, erased_name, now);
    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "clients.erased", "client", std::to_string(id),
          nlohmann::json{{"contacts_deleted", report.contacts_deleted},
                         {"missions_cleared", report.missions_cleared},
                         {"drafts_cleared", report.drafts_cleared},
                         {"emails_cleared", report.emails_cleared},
                         {"kept_documents", report.kept_documents}}
              .dump(),
          now);
    tx.Commit();
    return report;
  });
}

}  // namespace planify::app
