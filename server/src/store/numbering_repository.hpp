#pragma once

#include <string>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

// Document numbers without gaps or duplicates. Call inside the write transaction that issues
// the document: the counter row is created on first use, then advanced with a single UPDATE …
// RETURNING, which holds the row lock on PostgreSQL until the transaction ends (SQLite write
// transactions are serial). A rollback rolls the number back with the document.
class NumberingRepository {
 public:
  explicit NumberingRepository(Lease& lease) : lease_(lease) {}

  // The next number (1, 2, …) of `document_type` ("invoice", "quote", "credit_note",
  // "payment", "booking_request") for `year` in the organisation.
  [[nodiscard]] long long Next(OrganizationId organization, const std::string& document_type,
                               int year, const std::string& now);
  // The last number issued (0 when none), for reports and tests.
  [[nodiscard]] long long Last(OrganizationId organization, const std::string& document_type,
                               int year);

 private:
  Lease& lease_;
};

}  // namespace planify::store
