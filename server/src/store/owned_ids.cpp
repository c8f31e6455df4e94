#include "store/owned_ids.hpp"

#include <map>
#include <set>
#include <utility>

namespace planify::store {

namespace {

struct Source {
  const char* table;
  const char* id_column;  // the column the reference names
};

Source SourceOf(Owned kind) {
  switch (kind) {
    case Owned::kClient:
      return {"clients", "id"};
    case Owned::kVenue:
      return {"venues", "id"};
    case Owned::kStorageSite:
      return {"storage_sites", "id"};
    case Owned::kMission:
      return {"missions", "id"};
    case Owned::kMember:
      return {"memberships", "user_id"};
    case Owned::kCrewProfile:
      return {"crew_profiles", "id"};
    case Owned::kEquipmentItem:
      return {"equipment_items", "id"};
    case Owned::kCatalogueItem:
      return {"catalogue_items", "id"};
    case Owned::kPricingRule:
      return {"pricing_rules", "id"};
    case Owned::kQuote:
      return {"quotes", "id"};
    case Owned::kInvoice:
      return {"invoices", "id"};
    case Owned::kCreditNote:
      return {"credit_notes", "id"};
    case Owned::kPayment:
      return {"payments", "id"};
    case Owned::kFile:
      return {"files", "id"};
  }
  return {"clients", "id"};
}

}  // namespace

std::string UnknownReferenceMessage(Owned kind) {
  switch (kind) {
    case Owned::kClient:
      return "Client inconnu.";
    case Owned::kVenue:
      return "Lieu inconnu.";
    case Owned::kStorageSite:
      return "Local inconnu.";
    case Owned::kMission:
      return "Mission inconnue.";
    case Owned::kMember:
      return "Cette personne n'est pas membre de l'organisation.";
    case Owned::kCrewProfile:
      return "Profil d'équipe inconnu.";
    case Owned::kEquipmentItem:
      return "Matériel inconnu.";
    case Owned::kCatalogueItem:
      return "Article inconnu.";
    case Owned::kPricingRule:
      return "Grille tarifaire inconnue.";
    case Owned::kQuote:
      return "Devis inconnu.";
    case Owned::kInvoice:
      return "Facture inconnue.";
    case Owned::kCreditNote:
      return "Avoir inconnu.";
    case Owned::kPayment:
      return "Paiement inconnu.";
    case Owned::kFile:
      return "Fichier inconnu.";
  }
  return "Référence inconnue.";
}

OwnedIds& OwnedIds::Add(Owned kind, std::string field, std::optional<long long> id) {
  if (id) refs_.push_back({kind, std::move(field), *id});
  return *this;
}

std::vector<OwnedRef> OwnedIds::Unresolved(Lease& lease, OrganizationId organization) const {
  // The distinct candidate ids of each kind; ids below 1 never name a row.
  std::map<Owned, std::set<long long>> wanted;
  for (const auto& ref : refs_) {
    if (ref.id > 0) wanted[ref.kind].insert(ref.id);
  }
  std::set<std::pair<Owned, long long>> found;
  if (!wanted.empty()) {
    // One query for the whole request. The ids are integers formatted here, so inlining them
    // is safe; the organisation is bound once, through the CTE.
    std::string sql = "WITH o AS (SELECT CAST(:org AS BIGINT) AS org) ";
    bool first = true;
    for (const auto& [kind, ids] : wanted) {
      const Source source = SourceOf(kind);
      std::string list;
      for (long long id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
      if (!first) sql += " UNION ALL ";
      first = false;
      sql += "SELECT " + std::to_string(static_cast<int>(kind)) + " AS kind, t." +
             source.id_column + " AS id FROM " + source.table +
             " t JOIN o ON t.organization_id = o.org WHERE t." + source.id_column + " IN (" + list +
             ")";
    }
    long long org = organization.value;
    soci::rowset<soci::row> rows = (lease->prepare << sql, soci::use(org, "org"));
    for (const auto& row : rows) {
      found.insert({static_cast<Owned>(GetInt64(row, 0)), GetInt64(row, 1)});
    }
  }
  std::vector<OwnedRef> out;
  for (const auto& ref : refs_) {
    if (!found.contains({ref.kind, ref.id})) out.push_back(ref);
  }
  return out;
}

void OwnedIds::Check(Lease& lease, OrganizationId organization, domain::FieldErrors& errors) const {
  for (const auto& ref : Unresolved(lease, organization)) {
    errors.Add(ref.field, UnknownReferenceMessage(ref.kind));
  }
}

Result<void> OwnedIds::Require(Lease& lease, OrganizationId organization) const {
  domain::FieldErrors errors;
  Check(lease, organization, errors);
  if (!errors.empty()) return Fail(errors.ToError());
  return {};
}

}  // namespace planify::store
