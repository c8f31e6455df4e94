#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/result.hpp"
#include "domain/validation.hpp"
#include "store/database.hpp"

namespace planify::store {

// What an id sent by a caller names. Each kind is a table whose rows belong to one organisation;
// kMember is a user who holds a membership of it.
enum class Owned {
  kClient,
  kVenue,
  kStorageSite,
  kMission,
  kMember,
  kCrewProfile,
  kEquipmentItem,
  kCatalogueItem,
  kPricingRule,
  kQuote,
  kInvoice,
  kCreditNote,
  kPayment,
  kFile,
};

// One id a request carries and the field that carried it ("lines[2].catalogue_item_id").
struct OwnedRef {
  Owned kind = Owned::kClient;
  std::string field;
  long long id = 0;
};

// The one check of the ids a request body or query carries: each must name a row of the
// caller's organisation. A use case collects every reference of the request, then resolves them
// all in one query, inside its transaction and before it writes anything:
//
//   store::OwnedIds refs;
//   refs.Add(store::Owned::kClient, "client_id", input.client_id);
//   if (auto ok = refs.Require(lease, org); !ok) return Fail(ok.error());
//
// An id of another organisation and an id of nothing get the same answer, so the answer tells
// nothing about other organisations. Ids in the path are not references: a use case loads the
// resource itself and answers NOT_FOUND.
class OwnedIds {
 public:
  // Adds a reference; an absent id (nullopt) names nothing and is not checked.
  OwnedIds& Add(Owned kind, std::string field, std::optional<long long> id);

  [[nodiscard]] bool empty() const { return refs_.empty(); }

  // The references that name no row of `organization`, in the order they were added.
  [[nodiscard]] std::vector<OwnedRef> Unresolved(Lease& lease, OrganizationId organization) const;

  // One field error per unresolved reference ("Client inconnu.") added to `errors`.
  void Check(Lease& lease, OrganizationId organization, domain::FieldErrors& errors) const;

  // VALIDATION naming every unresolved field; success when every reference resolves.
  [[nodiscard]] Result<void> Require(Lease& lease, OrganizationId organization) const;

 private:
  std::vector<OwnedRef> refs_;
};

// The field message for a reference of `kind` that names no row of the organisation.
[[nodiscard]] std::string UnknownReferenceMessage(Owned kind);

}  // namespace planify::store
