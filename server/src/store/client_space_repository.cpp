#include "store/client_space_repository.hpp"

#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kLinkColumns =
    "l.id, l.organization_id, l.client_id, l.email, l.created_by_user_id, "
    "COALESCE(u.display_name, ''), CAST(l.created_at AS TEXT), CAST(l.expires_at AS TEXT), "
    "CAST(l.revoked_at AS TEXT), CAST(l.last_opened_at AS TEXT), l.open_count";
constexpr const char* kLinkFrom =
    " FROM client_space_links l LEFT JOIN users u ON u.id = l.created_by_user_id";

ClientSpaceLinkRow ReadLink(const soci::row& row) {
  ClientSpaceLinkRow r;
  r.id = GetInt64(row, 0);
  r.organization = GetInt64(row, 1);
  r.client_id = GetInt64(row, 2);
  r.email = RowText(row, 3);
  if (row.get_indicator(4) != soci::i_null) r.created_by = GetInt64(row, 4);
  r.created_by_name = RowText(row, 5);
  r.created_at = RowTimestamp(row, 6);
  r.expires_at = RowTimestamp(row, 7);
  r.revoked_at = RowTimestamp(row, 8);
  r.last_opened_at = RowTimestamp(row, 9);
  r.open_count = GetInt64(row, 10);
  return r;
}

}  // namespace

long long ClientSpaceRepository::InsertLink(OrganizationId org, const ClientSpaceLinkRow& row,
                                            const std::string& token_hash) {
  SqlParams p;
  p.Int("org", org.value);
  p.Int("client", row.client_id);
  p.Text("hash", token_hash);
  p.Text("email", row.email);
  p.IntOrNull("by", row.created_by);
  p.Text("created", row.created_at);
  p.Text("expires", row.expires_at);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO client_space_links (organization_id, client_id, token_hash, email, "
            "created_by_user_id, created_at, expires_at) VALUES (:org, :client, :hash, :email, "
            ":by, :created, :expires) RETURNING id",
            &id);
  return id;
}

std::optional<ClientSpaceLinkRow> ClientSpaceRepository::ByTokenHash(
    const std::string& token_hash) {
  std::optional<ClientSpaceLinkRow> out;
  SqlParams p;
  p.Text("hash", token_hash);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kLinkColumns + kLinkFrom + " WHERE l.token_hash = :hash",
               [&](const soci::row& row) { out = ReadLink(row); });
  return out;
}

std::vector<ClientSpaceLinkRow> ClientSpaceRepository::Links(OrganizationId org, long long client,
                                                             int limit) {
  std::vector<ClientSpaceLinkRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("client", client);
  p.Int("limit", limit);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kLinkColumns + kLinkFrom +
                   " WHERE l.organization_id = :org AND l.client_id = :client ORDER BY l.id DESC "
                   "LIMIT :limit",
               [&](const soci::row& row) { out.push_back(ReadLink(row)); });
  return out;
}

bool ClientSpaceRepository::Revoke(OrganizationId org, long long client, long long link,
                                   const std::string& now) {
  bool open = false;
  {
    SqlParams p;
    p.Int("org", org.value);
    p.Int("client", client);
    p.Int("link", link);
    p.ForEachRow(lease_,
                 "SELECT 1 FROM client_space_links WHERE organization_id = :org AND client_id = "
                 ":client AND id = :link AND revoked_at IS NULL",
                 [&](const soci::row&) { open = true; });
  }
  if (!open) return false;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("link", link);
  p.Text("now", now);
  p.Execute(lease_,
            "UPDATE client_space_links SET revoked_at = :now WHERE organization_id = :org AND id = "
            ":link AND revoked_at IS NULL");
  return true;
}

void ClientSpaceRepository::RevokeAll(OrganizationId org, long long client,
                                      const std::string& now) {
  SqlParams p;
  p.Int("org", org.value);
  p.Int("client", client);
  p.Text("now", now);
  p.Execute(lease_,
            "UPDATE client_space_links SET revoked_at = :now WHERE organization_id = :org AND "
            "client_id = :client AND revoked_at IS NULL");
}

void ClientSpaceRepository::MarkOpened(long long link, const std::string& now) {
  SqlParams p;
  p.Int("link", link);
  p.Text("now", now);
  p.Execute(lease_,
            "UPDATE client_space_links SET last_opened_at = :now, open_count = open_count + 1 "
            "WHERE id = :link");
}

std::vector<long long> ClientSpaceRepository::ClientsWithEmail(OrganizationId org,
                                                               const std::string& email,
                                                               int limit) {
  std::vector<long long> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Text("email", email);
  p.Int("limit", limit);
  p.ForEachRow(lease_,
               "SELECT DISTINCT c.id FROM client_contacts cc JOIN clients c ON c.id = "
               "cc.client_id AND c.organization_id = cc.organization_id WHERE cc.organization_id "
               "= :org AND lower(cc.email) = :email AND c.archived_at IS NULL ORDER BY c.id LIMIT "
               ":limit",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

std::string ClientSpaceRepository::MemberEmail(OrganizationId org, long long user) {
  std::string out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("user", user);
  p.ForEachRow(lease_,
               "SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id WHERE "
               "m.organization_id = :org AND u.id = :user",
               [&](const soci::row& row) { out = RowText(row, 0); });
  return out;
}

long long ClientSpaceRepository::InsertMessage(OrganizationId org, const ClientSpaceMessageRow& row,
                                               const std::string& ip, const std::string& user_agent,
                                               const std::string& now) {
  SqlParams p;
  p.Int("org", org.value);
  p.Int("client", row.client_id);
  p.IntOrNull("link", row.link_id);
  p.Text("body", row.body);
  p.Text("ip", ip);
  p.Text("agent", user_agent);
  p.Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO client_space_messages (organization_id, client_id, link_id, body, ip, "
            "user_agent, created_at) VALUES (:org, :client, :link, :body, :ip, :agent, :now) "
            "RETURNING id",
            &id);
  return id;
}

std::vector<ClientSpaceMessageRow> ClientSpaceRepository::Messages(OrganizationId org,
                                                                   long long client, int limit) {
  std::vector<ClientSpaceMessageRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.Int("client", client);
  p.Int("limit", limit);
  p.ForEachRow(lease_,
               "SELECT id, client_id, link_id, body, CAST(created_at AS TEXT) FROM "
               "client_space_messages WHERE organization_id = :org AND client_id = :client ORDER "
               "BY id DESC LIMIT :limit",
               [&](const soci::row& row) {
                 ClientSpaceMessageRow m;
                 m.id = GetInt64(row, 0);
                 m.client_id = GetInt64(row, 1);
                 if (row.get_indicator(2) != soci::i_null) m.link_id = GetInt64(row, 2);
                 m.body = RowText(row, 3);
                 m.created_at = RowTimestamp(row, 4);
                 out.push_back(std::move(m));
               });
  return out;
}

}  // namespace planify::store
