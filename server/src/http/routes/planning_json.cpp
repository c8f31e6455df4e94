#include "http/routes/planning_json.hpp"

namespace planify::http {

namespace {

nlohmann::json AddressJson(const domain::Address& a) {
  return {{"line1", a.line1},
          {"line2", a.line2},
          {"postal_code", a.postal_code},
          {"city", a.city},
          {"country", a.country}};
}

nlohmann::json Ref(const std::optional<long long>& id, const std::string& name) {
  if (!id) return nullptr;
  return {{"id", *id}, {"name", name}};
}

}  // namespace

nlohmann::json PlaceJson(const store::PlaceRow& row) {
  return {{"id", row.id},
          {"name", row.place.name},
          {"address", AddressJson(row.place.address)},
          {"notes", row.place.notes},
          {"archived", row.archived},
          {"created_at", row.created_at},
          {"updated_at", row.updated_at}};
}

nlohmann::json EquipmentJson(const store::EquipmentRow& row) {
  const auto& e = row.item;
  return {{"id", row.id},
          {"name", e.name},
          {"category", e.category},
          {"storage_site", Ref(e.storage_site, row.storage_site_name)},
          {"quantity_owned", e.quantity_owned},
          {"quantity_out_of_service", e.quantity_out_of_service},
          {"status", domain::EquipmentStatusName(e.status)},
          {"rental_price_cents", e.rental_price_cents},
          {"notes", e.notes},
          {"created_at", row.created_at},
          {"updated_at", row.updated_at}};
}

nlohmann::json UnavailabilityJson(const store::UnavailabilityRow& row) {
  return {{"id", row.id},
          {"user", {{"id", row.period.user}, {"name", row.user_name}}},
          {"starts_at", domain::FormatIsoUtc(row.period.starts_at)},
          {"ends_at", domain::FormatIsoUtc(row.period.ends_at)},
          {"reason", row.period.reason},
          {"created_at", row.created_at}};
}

nlohmann::json ConflictJson(const app::ConflictItem& item) {
  const auto& c = item.conflict;
  return {{"kind", domain::ConflictKindName(c.kind)},
          {"blocking", c.blocking},
          {"resource", c.resource},
          {"mission", c.other ? nlohmann::json{{"id", *c.other}, {"title", c.other_title}}
                              : nlohmann::json(nullptr)},
          {"starts_at", domain::FormatIsoUtc(c.when.start)},
          {"ends_at", domain::FormatIsoUtc(c.when.end)},
          {"requested", c.requested},
          {"available", c.available},
          {"message", item.message}};
}

nlohmann::json MissionJson(const store::MissionRow& row, bool internal) {
  const auto& m = row.mission;
  auto crew = nlohmann::json::array();
  for (const auto& c : m.crew) {
    auto name = row.crew_names.find(c.user);
    crew.push_back({{"user_id", c.user},
                    {"name", name == row.crew_names.end() ? "" : name->second},
                    {"position", c.position},
                    {"label", c.label},
                    {"lead", c.lead}});
  }
  auto equipment = nlohmann::json::array();
  for (const auto& line : m.equipment) {
    auto name = row.item_names.find(line.item);
    equipment.push_back({{"item_id", line.item},
                         {"name", name == row.item_names.end() ? "" : name->second},
                         {"quantity", line.quantity}});
  }
  nlohmann::json out = {
      {"id", row.id},
      {"title", m.title},
      {"status", domain::MissionStatusName(m.status)},
      {"client", Ref(m.client, row.client_name)},
      {"venue", Ref(m.venue, row.venue_name)},
      {"address", m.address},
      {"event_type", m.event_type},
      {"guest_count", m.guest_count ? nlohmann::json(*m.guest_count) : nlohmann::json(nullptr)},
      {"starts_at", domain::FormatIsoUtc(m.starts_at)},
      {"ends_at", domain::FormatIsoUtc(m.ends_at)},
      {"description", m.description},
      {"custom_fields", m.custom_fields},
      {"crew", std::move(crew)},
      {"equipment", std::move(equipment)},
      {"cancellation_reason", row.cancellation_reason},
      {"sequence", row.sequence},
      {"created_at", row.created_at},
      {"updated_at", row.updated_at}};
  if (internal) out["notes"] = m.notes;
  return out;
}

nlohmann::json CalendarMissionJson(const store::MissionRow& row) {
  const auto& m = row.mission;
  auto crew = nlohmann::json::array();
  for (const auto& c : m.crew) {
    auto name = row.crew_names.find(c.user);
    crew.push_back({{"user_id", c.user},
                    {"name", name == row.crew_names.end() ? "" : name->second},
                    {"position", c.position},
                    {"lead", c.lead}});
  }
  return {{"id", row.id},
          {"title", m.title},
          {"status", domain::MissionStatusName(m.status)},
          {"client", Ref(m.client, row.client_name)},
          {"venue", Ref(m.venue, row.venue_name)},
          {"starts_at", domain::FormatIsoUtc(m.starts_at)},
          {"ends_at", domain::FormatIsoUtc(m.ends_at)},
          {"crew", std::move(crew)}};
}

}  // namespace planify::http
