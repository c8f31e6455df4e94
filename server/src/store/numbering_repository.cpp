#include "store/numbering_repository.hpp"

namespace planify::store {

long long NumberingRepository::Next(OrganizationId organization, const std::string& document_type,
                                    int year, const std::string& now) {
  long long org = organization.value;
  *lease_ << "INSERT INTO document_sequences (organization_id, document_type, year, last_number, "
             "created_at, updated_at) VALUES (:org, :type, :year, 0, :now, :now2) ON CONFLICT "
             "(organization_id, document_type, year) DO NOTHING",
      soci::use(org, "org"), soci::use(document_type, "type"), soci::use(year, "year"),
      soci::use(now, "now"), soci::use(now, "now2");
  long long number = 0;
  *lease_ << "UPDATE document_sequences SET last_number = last_number + 1, updated_at = :now "
             "WHERE organization_id = :org AND document_type = :type AND year = :year "
             "RETURNING last_number",
      soci::use(now, "now"), soci::use(org, "org"), soci::use(document_type, "type"),
      soci::use(year, "year"), soci::into(number);
  return number;
}

long long NumberingRepository::Last(OrganizationId organization, const std::string& document_type,
                                    int year) {
  long long org = organization.value;
  long long number = 0;
  soci::indicator ind = soci::i_null;
  *lease_ << "SELECT max(last_number) FROM document_sequences WHERE organization_id = :org AND "
             "document_type = :type AND year = :year",
      soci::use(org, "org"), soci::use(document_type, "type"), soci::use(year, "year"),
      soci::into(number, ind);
  return ind == soci::i_null ? 0 : number;
}

}  // namespace planify::store
