#include "app/clients/clients_service.hpp"

#include <nlohmann/json.hpp>

#include "domain/local_time.hpp"
#include "domain/validation.hpp"
#include "integrations/archive/zip_writer.hpp"
#include "store/auth_repository.hpp"
#include "store/organizations_repository.hpp"

namespace planify::app {

namespace {

Unexpected NoClient() { return Fail(ErrorCode::kNotFound, "Client introuvable."); }

}  // namespace

Unexpected DuplicateClients(const std::vector<store::DuplicateClient>& found) {
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
      if (!found.empty()) return DuplicateClients(found);
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
      if (!found.empty()) return DuplicateClients(found);
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

namespace {

std::string ReadMe(const std::string& organization, const std::string& client,
                   const std::string& exported_at, const nlohmann::json& tables,
                   std::size_t files) {
  auto count = [&](const char* key) { return std::to_string(tables[key].size()); };
  std::string text;
  text += "Données personnelles — " + client + "\n";
  text += "Exportées de Planify par " + organization + " le " + exported_at + ".\n\n";
  text += "client.json : tout ce qui est enregistré sur ce client, table par table (les montants\n";
  text += "sont en centimes d'euro, les dates en UTC) :\n";
  text += "  - fiche client et contacts (" + count("contacts") + ")\n";
  text += "  - prestations (" + count("missions") + ")\n";
  text += "  - demandes de réservation (" + count("booking_requests") + ") et notes données (" +
          count("ratings") + ")\n";
  text += "  - devis (" + count("quotes") + "), factures (" + count("invoices") + "), avoirs (" +
          count("credit_notes") + "), avec leurs lignes\n";
  text += "  - paiements (" + count("payments") + ") et remboursements\n";
  text += "  - signatures électroniques (" + count("signatures") +
          ") : nom, e-mail, adresse IP et navigateur du signataire\n";
  text += "  - relances envoyées et e-mails adressés au client (" + count("emails") + ")\n\n";
  text += "documents/ : les PDF des devis, factures et avoirs tels qu'ils ont été émis ;\n";
  text += "signatures/ : l'image de chaque signature ; payment-proofs/ : les justificatifs.\n";
  text += "Fichiers joints : " + std::to_string(files) + ".\n\n";
  text += "Les factures et avoirs émis sont conservés 10 ans (art. L123-22 du Code de commerce),\n";
  text += "même après une demande d'effacement.\n";
  return text;
}

}  // namespace

Result<PersonalDataArchive> ClientsService::ExportPersonalData(const Principal& actor, long long id,
                                                               const RequestMeta& meta) {
  return store::WithLease(db_, [&](store::Lease& lease) -> Result<PersonalDataArchive> {
    const auto now = clock_.Now();
    const std::string now_text = domain::FormatIsoUtc(now);
    // One transaction: the rows and the files agree, and the audit entry lands with them.
    store::WriteTransaction tx(lease);
    auto row = store::ClientsRepository(lease).Find(*actor.organization, id);
    if (!row) return NoClient();
    auto data = store::PersonalDataRepository(lease).ExportClient(*actor.organization, id);
    auto settings = store::OrganizationsRepository(lease).LoadSettings(*actor.organization);
    const std::string organization = settings ? settings->settings.name : std::string();

    nlohmann::json document = {{"format", "planify-personal-data"},
                               {"version", 1},
                               {"exported_at", now_text},
                               {"organization", organization},
                               {"client_id", id}};
    document["data"] = data.tables;
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& f : data.files) {
      listed.push_back({{"path", f.path}, {"size", f.content.size()}});
    }
    document["files"] = std::move(listed);

    auto zip = integrations::ZipWriter::InMemory();
    const std::string readme =
        ReadMe(organization, row->client.name, domain::FormatLocalDateTime(now, "Europe/Paris"),
               data.tables, data.files.size());
    if (auto r = zip->Add("LISEZMOI.txt", readme, now); !r) return Fail(r.error());
    if (auto r = zip->Add("client.json", document.dump(2), now); !r) return Fail(r.error());
    for (const auto& f : data.files) {
      const auto when = domain::ParseIsoUtc(f.created_at).value_or(now);
      // PDFs and PNGs are compressed already.
      if (auto r = zip->Add(f.path, f.content, when, false); !r) return Fail(r.error());
    }
    if (auto r = zip->Finish(); !r) return Fail(r.error());

    store::AuthRepository audit(lease);
    Audit(audit, actor, meta, "clients.personal_data_exported", "client", std::to_string(id),
          nlohmann::json{{"rows",
                          [&] {
                            std::size_t n = 0;
                            for (const auto& [key, rows] : data.tables.items()) n += rows.size();
                            return n;
                          }()},
                         {"files", data.files.size()}}
              .dump(),
          now_text);
    tx.Commit();
    return PersonalDataArchive{
        "donnees-client-" + std::to_string(id) + "-" +
            domain::FormatIsoUtc(now + domain::UtcOffset("Europe/Paris", now)).substr(0, 10) +
            ".zip",
        zip->Bytes()};
  });
}

}  // namespace planify::app
