#include "store/business_events_repository.hpp"

#include <nlohmann/json.hpp>

#include "domain/analytics.hpp"
#include "store/sql_params.hpp"
#include "store/webhooks_repository.hpp"

namespace planify::store {

namespace {

// Records one event and queues its webhook deliveries (docs/webhooks.md).
void Insert(Lease& lease, long long org, std::string_view name, const AuditEntry& entry,
            const std::string& subject_type, const std::string& subject_id,
            const std::string& properties, const std::string& now) {
  SqlParams params;
  params.Int("org", org);
  params.Text("name", std::string(name));
  params.IntOrNull("actor",
                   entry.actor ? std::optional<long long>(entry.actor->value) : std::nullopt);
  params.Text("stype", subject_type);
  params.Text("sid", subject_id);
  params.Text("props", properties);
  params.Text("now", now);
  long long id = 0;
  params.Execute(lease,
                 "INSERT INTO business_events (organization_id, name, actor_user_id, "
                 "subject_type, subject_id, properties, occurred_at) VALUES (:org, :name, "
                 ":actor, :stype, :sid, :props, :now) RETURNING id",
                 &id);
  nlohmann::json payload{{"id", "evt_" + std::to_string(id)},
                         {"type", std::string(name)},
                         {"created_at", now},
                         {"organization_id", org},
                         {"data",
                          {{"subject_type", subject_type},
                           {"subject_id", subject_id},
                           {"properties", nlohmann::json::parse(properties, nullptr, false)}}}};
  QueueWebhookDeliveries(lease, OrganizationId{org}, std::string(name), payload.dump(), now);
}

std::vector<BusinessEvent> Read(Lease& lease, const std::string& where, SqlParams& params) {
  std::vector<BusinessEvent> out;
  params.ForEachRow(lease,
                    "SELECT id, organization_id, name, actor_user_id, subject_type, subject_id, "
                    "properties, CAST(occurred_at AS TEXT), forward_uuid FROM business_events "
                    "WHERE " +
                        where,
                    [&](const soci::row& row) {
                      BusinessEvent e;
                      e.id = GetInt64(row, 0);
                      e.organization = GetInt64(row, 1);
                      e.name = RowText(row, 2);
                      if (row.get_indicator(3) != soci::i_null) e.actor = GetInt64(row, 3);
                      e.subject_type = RowText(row, 4);
                      e.subject_id = RowText(row, 5);
                      e.properties_json = RowText(row, 6);
                      e.occurred_at = RowTimestamp(row, 7);
                      e.forward_uuid = RowText(row, 8);
                      out.push_back(std::move(e));
                    });
  return out;
}

}  // namespace

void RecordBusinessEvents(Lease& lease, const AuditEntry& entry, const std::string& now) {
  if (!entry.organization) return;
  auto details = nlohmann::json::parse(entry.details_json, nullptr, false);
  if (!details.is_object()) details = nlohmann::json::object();
  std::string to;
  if (details.contains("to") && details["to"].is_string()) to = details["to"].get<std::string>();
  const std::string_view name = domain::BusinessEventName(entry.action, to);
  if (name.empty()) return;
  nlohmann::json properties = nlohmann::json::object();
  for (const auto& [key, value] : details.items()) {
    if (domain::IsForwardableProperty(key) && (value.is_number_integer() || value.is_string())) {
      properties[key] = value;
    }
  }
  const long long org = entry.organization->value;
  Insert(lease, org, name, entry, entry.entity_type, entry.entity_id, properties.dump(), now);
  // The payment that settles its invoice: the invoice is paid.
  if (name == "payment_received" && entry.entity_type == "invoice") {
    long long invoice = 0;
    for (char c : entry.entity_id) {
      if (c < '0' || c > '9' || invoice > 100'000'000'000'000) return;
      invoice = invoice * 10 + (c - '0');
    }
    std::string status;
    SqlParams params;
    params.Int("org", org);
    params.Int("id", invoice);
    params.ForEachRow(lease,
                      "SELECT status FROM invoices WHERE organization_id = :org AND id = :id",
                      [&](const soci::row& row) { status = RowText(row, 0); });
    if (status == "paid") {
      Insert(lease, org, "invoice_paid", entry, "invoice", entry.entity_id, "{}", now);
    }
  }
}

std::vector<BusinessEvent> BusinessEventsRepository::Pending(int limit) {
  SqlParams params;
  params.Int("limit", limit);
  return Read(lease_, "forwarded_at IS NULL ORDER BY id LIMIT :limit", params);
}

std::string BusinessEventsRepository::EnsureUuid(long long id, const std::string& uuid) {
  SqlParams set;
  set.Int("id", id);
  set.Text("uuid", uuid);
  set.Execute(lease_,
              "UPDATE business_events SET forward_uuid = :uuid WHERE id = :id AND forward_uuid "
              "IS NULL");
  std::string kept;
  SqlParams get;
  get.Int("id", id);
  get.ForEachRow(lease_, "SELECT forward_uuid FROM business_events WHERE id = :id",
                 [&](const soci::row& row) { kept = RowText(row, 0); });
  return kept;
}

void BusinessEventsRepository::MarkForwarded(long long id, const std::string& now) {
  SqlParams params;
  params.Int("id", id);
  params.Text("now", now);
  params.Execute(lease_, "UPDATE business_events SET forwarded_at = :now WHERE id = :id");
}

std::vector<BusinessEvent> BusinessEventsRepository::OfOrganization(long long organization) {
  SqlParams params;
  params.Int("org", organization);
  return Read(lease_, "organization_id = :org ORDER BY id", params);
}

}  // namespace planify::store
