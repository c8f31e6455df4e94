#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/ids.hpp"
#include "store/database.hpp"

// The client space's links and messages (issue 19, docs/booking.md "Client space").
namespace planify::store {

struct ClientSpaceLinkRow {
  long long id = 0;
  long long organization = 0;
  long long client_id = 0;
  std::string email;
  std::optional<long long> created_by;
  std::string created_by_name;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;      // "" = not revoked
  std::string last_opened_at;  // "" = never opened
  long long open_count = 0;
};

struct ClientSpaceMessageRow {
  long long id = 0;
  long long client_id = 0;
  std::optional<long long> link_id;
  std::string body;
  std::string created_at;
};

class ClientSpaceRepository {
 public:
  explicit ClientSpaceRepository(Lease& lease) : lease_(lease) {}

  long long InsertLink(OrganizationId org, const ClientSpaceLinkRow& row,
                       const std::string& token_hash);
  // The link a token (hashed) opens, in any organisation.
  [[nodiscard]] std::optional<ClientSpaceLinkRow> ByTokenHash(const std::string& token_hash);
  [[nodiscard]] std::vector<ClientSpaceLinkRow> Links(OrganizationId org, long long client,
                                                      int limit);
  // False when the link is not this client's or was revoked already.
  bool Revoke(OrganizationId org, long long client, long long link, const std::string& now);
  // Every link of the client that still works stops working (personal-data erasure).
  void RevokeAll(OrganizationId org, long long client, const std::string& now);
  void MarkOpened(long long link, const std::string& now);
  // The clients (not archived) one of whose contacts has this address (lower-cased), at most
  // `limit`.
  [[nodiscard]] std::vector<long long> ClientsWithEmail(OrganizationId org,
                                                        const std::string& email, int limit);
  // A member's login address ("" when the user is not a member of `org`).
  [[nodiscard]] std::string MemberEmail(OrganizationId org, long long user);

  long long InsertMessage(OrganizationId org, const ClientSpaceMessageRow& row,
                          const std::string& ip, const std::string& user_agent,
                          const std::string& now);
  [[nodiscard]] std::vector<ClientSpaceMessageRow> Messages(OrganizationId org, long long client,
                                                            int limit);

 private:
  Lease& lease_;
};

}  // namespace planify::store
