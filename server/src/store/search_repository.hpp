#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "domain/search.hpp"
#include "store/database.hpp"

namespace planify::store {

// One object the search box found, with what its line shows.
struct SearchHit {
  domain::SearchKind kind = domain::SearchKind::kClient;
  long long id = 0;
  std::string title;     // a name, a document number (its title while a draft), a mission title
  std::string subtitle;  // who and where: a client's e-mail and city, a mission's client and venue
  std::string status;    // the object's status ("archived" for archived clients and venues)
  std::string date;      // a mission's start (UTC instant), a document's issue date
  std::optional<long long> amount_cents;  // a document's total incl. VAT
  std::string number;                     // a document's number
};

// The full-text indexes of migration 0039 (search_<kind> on SQLite, search_entries on PostgreSQL)
// and the rows a hit shows. Every query names the organisation.
class SearchRepository {
 public:
  explicit SearchRepository(Lease& lease) : lease_(lease) {}

  // Ids of the entries of `kind` holding every word as a prefix, newest first, at most `limit`.
  // `crew_user` > 0 keeps the missions that user is on.
  [[nodiscard]] std::vector<long long> Match(OrganizationId organization, domain::SearchKind kind,
                                             const std::vector<std::string>& words,
                                             long long crew_user, int limit);
  // Quotes or invoices whose total incl. VAT is `cents`, newest first.
  [[nodiscard]] std::vector<long long> DocumentsByAmount(OrganizationId organization,
                                                         domain::SearchKind kind, long long cents,
                                                         int limit);
  // The quote or invoice with this number.
  [[nodiscard]] std::vector<long long> DocumentsByNumber(OrganizationId organization,
                                                         domain::SearchKind kind,
                                                         const std::string& number);
  // Missions starting in [from, to) (UTC instants), earliest first.
  [[nodiscard]] std::vector<long long> MissionsStarting(OrganizationId organization,
                                                        const std::string& from,
                                                        const std::string& to, long long crew_user,
                                                        int limit);
  // The hits of `ids` that belong to the organisation, in the order of `ids`.
  [[nodiscard]] std::vector<SearchHit> Load(OrganizationId organization, domain::SearchKind kind,
                                            const std::vector<long long>& ids);

 private:
  Lease& lease_;
};

}  // namespace planify::store
