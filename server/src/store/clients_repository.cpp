#include "store/clients_repository.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

namespace planify::store {

namespace {

constexpr const char* kColumns =
    "id, kind, name, siren, siret, vat_number, billing_line1, billing_line2, billing_postal_code, "
    "billing_city, billing_country, service_line1, service_line2, service_postal_code, "
    "service_city, service_country, CAST(tags AS TEXT), notes, "
    "CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END, CAST(created_at AS TEXT), "
    "CAST(updated_at AS TEXT), reminders_paused, einvoice_address";

ClientRow ReadClient(const soci::row& row) {
  ClientRow r;
  auto& c = r.client;
  std::size_t i = 0;
  r.id = GetInt64(row, i++);
  c.kind = row.get<std::string>(i++) == "company" ? domain::ClientKind::kCompany
                                                  : domain::ClientKind::kIndividual;
  c.name = row.get<std::string>(i++);
  c.siren = row.get<std::string>(i++);
  c.siret = row.get<std::string>(i++);
  c.vat_number = row.get<std::string>(i++);
  for (auto* a : {&c.billing, &c.service}) {
    a->line1 = row.get<std::string>(i++);
    a->line2 = row.get<std::string>(i++);
    a->postal_code = row.get<std::string>(i++);
    a->city = row.get<std::string>(i++);
    a->country = row.get<std::string>(i++);
  }
  auto tags = nlohmann::json::parse(row.get<std::string>(i++), nullptr, false);
  if (tags.is_array()) {
    for (const auto& t : tags) {
      if (t.is_string()) c.tags.push_back(t.get<std::string>());
    }
  }
  c.notes = row.get<std::string>(i++);
  r.archived = GetInt64(row, i++) != 0;
  r.created_at = RowTimestamp(row, i++);
  r.updated_at = RowTimestamp(row, i++);
  r.reminders_paused = GetInt64(row, i++) != 0;
  c.einvoice_address = RowText(row, i);
  return r;
}

std::string KindName(domain::ClientKind kind) {
  return kind == domain::ClientKind::kCompany ? "company" : "individual";
}

std::vector<domain::ClientContact> LoadContacts(Lease& lease, long long org, long long client,
                                                bool primary_only) {
  soci::rowset<soci::row> rows =
      (lease->prepare << std::string("SELECT name, role, email, phone, is_primary FROM "
                                     "client_contacts WHERE organization_id = :org AND "
                                     "client_id = :client") +
                             (primary_only ? " AND is_primary = 1" : "") + " ORDER BY position",
       soci::use(org, "org"), soci::use(client, "client"));
  std::vector<domain::ClientContact> out;
  for (const auto& row : rows) {
    out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                   row.get<std::string>(3), GetInt64(row, 4) != 0});
  }
  return out;
}

}  // namespace

void ClientsRepository::ReplaceContacts(OrganizationId organization, long long client,
                                        const std::vector<domain::ClientContact>& contacts,
                                        const std::string& now) {
  long long org = organization.value;
  *lease_ << "DELETE FROM client_contacts WHERE organization_id = :org AND client_id = :client",
      soci::use(org, "org"), soci::use(client, "client");
  for (std::size_t i = 0; i < contacts.size(); ++i) {
    const auto& c = contacts[i];
    long long position = static_cast<long long>(i);
    int primary = c.primary ? 1 : 0;
    *lease_ << "INSERT INTO client_contacts (organization_id, client_id, position, name, role, "
               "email, phone, is_primary, created_at) VALUES (:org, :client, :pos, :name, :role, "
               ":email, :phone, :primary, :now)",
        soci::use(org, "org"), soci::use(client, "client"), soci::use(position, "pos"),
        soci::use(c.name, "name"), soci::use(c.role, "role"), soci::use(c.email, "email"),
        soci::use(c.phone, "phone"), soci::use(primary, "primary"), soci::use(now, "now");
  }
}

long long ClientsRepository::Insert(OrganizationId organization, const domain::ClientInput& c,
                                    const std::string& now) {
  long long org = organization.value;
  std::string kind = KindName(c.kind);
  std::string tags = nlohmann::json(c.tags).dump();
  std::string search = domain::ClientSearchText(c);
  long long id = 0;
  *lease_ << "INSERT INTO clients (organization_id, kind, name, siren, siret, vat_number, "
             "billing_line1, billing_line2, billing_postal_code, billing_city, billing_country, "
             "service_line1, service_line2, service_postal_code, service_city, service_country, "
             "tags, notes, einvoice_address, search_text, created_at, updated_at) VALUES (:org, "
             ":kind, :name, :siren, :siret, :vat, :b1, :b2, :bpc, :bcity, :bcountry, :s1, :s2, "
             ":spc, :scity, :scountry, :tags, :notes, :eaddress, :search, :now, :now2) "
             "RETURNING id",
      soci::use(org, "org"), soci::use(kind, "kind"), soci::use(c.name, "name"),
      soci::use(c.siren, "siren"), soci::use(c.siret, "siret"), soci::use(c.vat_number, "vat"),
      soci::use(c.billing.line1, "b1"), soci::use(c.billing.line2, "b2"),
      soci::use(c.billing.postal_code, "bpc"), soci::use(c.billing.city, "bcity"),
      soci::use(c.billing.country, "bcountry"), soci::use(c.service.line1, "s1"),
      soci::use(c.service.line2, "s2"), soci::use(c.service.postal_code, "spc"),
      soci::use(c.service.city, "scity"), soci::use(c.service.country, "scountry"),
      soci::use(tags, "tags"), soci::use(c.notes, "notes"),
      soci::use(c.einvoice_address, "eaddress"), soci::use(search, "search"), soci::use(now, "now"),
      soci::use(now, "now2"), soci::into(id);
  ReplaceContacts(organization, id, c.contacts, now);
  return id;
}

bool ClientsRepository::Update(OrganizationId organization, long long id,
                               const domain::ClientInput& c, const std::string& now) {
  long long org = organization.value;
  std::string kind = KindName(c.kind);
  std::string tags = nlohmann::json(c.tags).dump();
  std::string search = domain::ClientSearchText(c);
  soci::statement st =
      (lease_->prepare
           << "UPDATE clients SET kind = :kind, name = :name, siren = :siren, siret = :siret, "
              "vat_number = :vat, billing_line1 = :b1, billing_line2 = :b2, "
              "billing_postal_code = :bpc, billing_city = :bcity, billing_country = :bcountry, "
              "service_line1 = :s1, service_line2 = :s2, service_postal_code = :spc, "
              "service_city = :scity, service_country = :scountry, tags = :tags, notes = :notes, "
              "einvoice_address = :eaddress, search_text = :search, updated_at = :now "
              "WHERE id = :id AND organization_id = :org",
       soci::use(kind, "kind"), soci::use(c.name, "name"), soci::use(c.siren, "siren"),
       soci::use(c.siret, "siret"), soci::use(c.vat_number, "vat"),
       soci::use(c.billing.line1, "b1"), soci::use(c.billing.line2, "b2"),
       soci::use(c.billing.postal_code, "bpc"), soci::use(c.billing.city, "bcity"),
       soci::use(c.billing.country, "bcountry"), soci::use(c.service.line1, "s1"),
       soci::use(c.service.line2, "s2"), soci::use(c.service.postal_code, "spc"),
       soci::use(c.service.city, "scity"), soci::use(c.service.country, "scountry"),
       soci::use(tags, "tags"), soci::use(c.notes, "notes"),
       soci::use(c.einvoice_address, "eaddress"), soci::use(search, "search"),
       soci::use(now, "now"), soci::use(id, "id"), soci::use(org, "org"));
  st.execute(true);
  if (st.get_affected_rows() == 0) return false;
  ReplaceContacts(organization, id, c.contacts, now);
  return true;
}

std::optional<ClientRow> ClientsRepository::Find(OrganizationId organization, long long id) {
  long long org = organization.value;
  std::optional<ClientRow> out;
  {
    soci::rowset<soci::row> rows =
        (lease_->prepare << std::string("SELECT ") + kColumns +
                                " FROM clients WHERE id = :id AND organization_id = :org",
         soci::use(id, "id"), soci::use(org, "org"));
    for (const auto& row : rows) out = ReadClient(row);
  }
  if (out) out->client.contacts = LoadContacts(lease_, org, id, false);
  return out;
}

ClientPage ClientsRepository::List(OrganizationId organization, const std::string& query,
                                   bool include_archived, long long limit, long long offset) {
  long long org = organization.value;
  // Every word of the query must appear: up to 5 words, each a bound LIKE pattern (the folded
  // query holds only [a-z0-9 ], so no LIKE wildcard can come from the user).
  std::vector<std::string> patterns;
  std::istringstream words(query);
  std::string word;
  while (words >> word && patterns.size() < 5) patterns.push_back("%" + word + "%");
  while (patterns.size() < 5) patterns.emplace_back("%");
  std::string where =
      " FROM clients WHERE organization_id = :org AND search_text LIKE :w0 AND search_text LIKE "
      ":w1 AND search_text LIKE :w2 AND search_text LIKE :w3 AND search_text LIKE :w4";
  if (!include_archived) where += " AND archived_at IS NULL";
  ClientPage page;
  *lease_ << "SELECT count(*)" + where, soci::use(org, "org"), soci::use(patterns[0], "w0"),
      soci::use(patterns[1], "w1"), soci::use(patterns[2], "w2"), soci::use(patterns[3], "w3"),
      soci::use(patterns[4], "w4"), soci::into(page.total);
  {
    soci::rowset<soci::row> rows =
        (lease_->prepare << std::string("SELECT ") + kColumns + where +
                                " ORDER BY name, id LIMIT :lim OFFSET :off",
         soci::use(org, "org"), soci::use(patterns[0], "w0"), soci::use(patterns[1], "w1"),
         soci::use(patterns[2], "w2"), soci::use(patterns[3], "w3"), soci::use(patterns[4], "w4"),
         soci::use(limit, "lim"), soci::use(offset, "off"));
    for (const auto& row : rows) page.items.push_back(ReadClient(row));
  }
  for (auto& item : page.items) item.client.contacts = LoadContacts(lease_, org, item.id, true);
  return page;
}

std::vector<DuplicateClient> ClientsRepository::FindDuplicates(OrganizationId organization,
                                                               const domain::ClientInput& client,
                                                               long long exclude_id) {
  long long org = organization.value;
  std::vector<DuplicateClient> out;
  auto add = [&](soci::rowset<soci::row>& rows, const char* reason) {
    for (const auto& row : rows) {
      long long id = GetInt64(row, 0);
      bool seen = false;
      for (const auto& d : out) seen = seen || d.id == id;
      if (!seen) out.push_back({id, row.get<std::string>(1), reason});
    }
  };
  for (const auto& contact : client.contacts) {
    if (!contact.email.empty()) {
      soci::rowset<soci::row> rows =
          (lease_->prepare << "SELECT DISTINCT c.id, c.name FROM clients c JOIN client_contacts k "
                              "ON k.client_id = c.id WHERE c.organization_id = :org AND "
                              "k.organization_id = :org2 AND k.email = :email AND c.id <> :ex "
                              "AND c.archived_at IS NULL",
           soci::use(org, "org"), soci::use(org, "org2"), soci::use(contact.email, "email"),
           soci::use(exclude_id, "ex"));
      add(rows, "email");
    }
    if (!contact.phone.empty()) {
      soci::rowset<soci::row> rows =
          (lease_->prepare << "SELECT DISTINCT c.id, c.name FROM clients c JOIN client_contacts k "
                              "ON k.client_id = c.id WHERE c.organization_id = :org AND "
                              "k.organization_id = :org2 AND k.phone = :phone AND c.id <> :ex "
                              "AND c.archived_at IS NULL",
           soci::use(org, "org"), soci::use(org, "org2"), soci::use(contact.phone, "phone"),
           soci::use(exclude_id, "ex"));
      add(rows, "phone");
    }
  }
  if (!client.siren.empty()) {
    soci::rowset<soci::row> rows =
        (lease_->prepare << "SELECT id, name FROM clients WHERE organization_id = :org AND "
                            "siren = :siren AND id <> :ex AND archived_at IS NULL",
         soci::use(org, "org"), soci::use(client.siren, "siren"), soci::use(exclude_id, "ex"));
    add(rows, "siren");
  }
  return out;
}

bool ClientsRepository::SetArchived(OrganizationId organization, long long id, bool archived,
                                    const std::string& now) {
  long long org = organization.value;
  std::string stamp = now;
  soci::indicator ind = archived ? soci::i_ok : soci::i_null;
  soci::statement st =
      (lease_->prepare << "UPDATE clients SET archived_at = :archived, updated_at = :now WHERE "
                          "id = :id AND organization_id = :org",
       soci::use(stamp, ind, "archived"), soci::use(now, "now"), soci::use(id, "id"),
       soci::use(org, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

}  // namespace planify::store
