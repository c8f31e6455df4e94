#include "http/routes/planning_json.hpp"

#include "domain/crew_profiles.hpp"
#include "domain/scan_codes.hpp"
#include "store/photos_repository.hpp"

namespace planify::http {

namespace {

void WriteRef(JsonWriter& out, std::string_view key, const std::optional<long long>& id,
              const std::string& name) {
  out.Key(key);
  if (!id) return out.Null();
  out.BeginObject();
  out.Field("id", *id);
  out.Field("name", name);
  out.EndObject();
}

const std::string& NameOf(const std::map<long long, std::string>& names, long long id) {
  static const std::string kNone;
  auto found = names.find(id);
  return found == names.end() ? kNone : found->second;
}

}  // namespace

void WriteAddress(JsonWriter& out, const domain::Address& a) {
  out.BeginObject();
  out.Field("line1", a.line1);
  out.Field("line2", a.line2);
  out.Field("postal_code", a.postal_code);
  out.Field("city", a.city);
  out.Field("country", a.country);
  out.EndObject();
}

void WritePlace(JsonWriter& out, const store::PlaceRow& row) {
  out.BeginObject();
  out.Field("id", row.id);
  out.Field("name", row.place.name);
  out.Key("address");
  WriteAddress(out, row.place.address);
  out.Field("notes", row.place.notes);
  out.Field("archived", row.archived);
  out.Field("created_at", row.created_at);
  out.Field("updated_at", row.updated_at);
  out.EndObject();
}

void WriteEquipment(JsonWriter& out, const store::EquipmentRow& row) {
  const auto& e = row.item;
  out.BeginObject();
  out.Field("id", row.id);
  out.Field("name", e.name);
  out.Field("category", e.category);
  WriteRef(out, "storage_site", e.storage_site, row.storage_site_name);
  out.Field("quantity_owned", e.quantity_owned);
  out.Field("quantity_out_of_service", e.quantity_out_of_service);
  out.Field("status", domain::EquipmentStatusName(e.status));
  out.Field("rental_price_cents", e.rental_price_cents);
  out.Field("notes", e.notes);
  out.TextOrNull("barcode", e.barcode);
  out.Field("short_code", domain::ItemShortCode(row.id));
  auto optional = [&out](std::string_view key, std::optional<long long> value) {
    out.Key(key);
    if (value) {
      out.Int(*value);
    } else {
      out.Null();
    }
  };
  optional("maintenance_interval_days", e.maintenance_interval_days);
  out.Field("brand", e.brand);
  out.Field("model", e.model);
  optional("vat_rate_bp", e.vat_rate_bp);
  optional("replacement_value_cents", e.replacement_value_cents);
  optional("weight_grams", e.weight_grams);
  out.Field("tracking", domain::TrackingName(e.tracking));
  out.TextOrNull("photo_url", store::ItemPhotoUrl(row.id, row.photo_sha));
  out.Field("created_at", row.created_at);
  out.Field("updated_at", row.updated_at);
  out.EndObject();
}

void WriteCategory(JsonWriter& out, const store::CategoryRow& row) {
  out.BeginObject();
  out.Field("id", row.id);
  out.Field("name", row.name);
  out.Field("position", row.position);
  out.Field("items", row.items);
  out.EndObject();
}

void WriteUnavailability(JsonWriter& out, const store::UnavailabilityRow& row) {
  out.BeginObject();
  out.Field("id", row.id);
  out.Key("user");
  out.BeginObject();
  out.Field("id", row.period.user);
  out.Field("name", row.user_name);
  out.EndObject();
  out.InstantField("starts_at", row.period.starts_at);
  out.InstantField("ends_at", row.period.ends_at);
  out.Field("reason", row.period.reason);
  out.Field("source", row.source);
  out.Field("created_at", row.created_at);
  out.EndObject();
}

void WriteCrewIds(JsonWriter& out, long long crew) {
  const bool profile = domain::IsProfileCrewId(crew);
  out.Key("user_id");
  if (profile) {
    out.Null();
  } else {
    out.Int(crew);
  }
  out.Key("profile_id");
  if (profile) {
    out.Int(domain::ProfileOfCrewId(crew));
  } else {
    out.Null();
  }
}

void WriteConflict(JsonWriter& out, const app::ConflictItem& item) {
  const auto& c = item.conflict;
  out.BeginObject();
  out.Field("kind", domain::ConflictKindName(c.kind));
  out.Field("blocking", c.blocking);
  const bool crew = c.kind == domain::Conflict::Kind::kCrewBusy ||
                    c.kind == domain::Conflict::Kind::kCrewUnavailable;
  const bool profile = crew && domain::IsProfileCrewId(c.resource);
  // The user, crew profile, item or venue id; resource_kind says which.
  out.Field("resource", profile ? domain::ProfileOfCrewId(c.resource) : c.resource);
  out.Field("resource_kind", profile                                                ? "profile"
                             : crew                                                 ? "member"
                             : c.kind == domain::Conflict::Kind::kEquipmentShortage ? "item"
                                                                                    : "venue");
  out.Key("mission");
  if (c.other) {
    out.BeginObject();
    out.Field("id", *c.other);
    out.Field("title", c.other_title);
    out.EndObject();
  } else {
    out.Null();
  }
  out.InstantField("starts_at", c.when.start);
  out.InstantField("ends_at", c.when.end);
  out.Field("requested", c.requested);
  out.Field("available", c.available);
  out.Field("message", item.message);
  out.EndObject();
}

void WriteMission(JsonWriter& out, const store::MissionRow& row, bool internal,
                  const std::vector<app::ConflictItem>* conflicts) {
  const auto& m = row.mission;
  out.BeginObject();
  out.Field("id", row.id);
  out.Field("title", m.title);
  out.Field("status", domain::MissionStatusName(m.status));
  WriteRef(out, "client", m.client, row.client_name);
  WriteRef(out, "venue", m.venue, row.venue_name);
  out.Field("address", m.address);
  out.Field("event_type", m.event_type);
  out.Key("guest_count");
  if (m.guest_count) {
    out.Int(*m.guest_count);
  } else {
    out.Null();
  }
  out.InstantField("starts_at", m.starts_at);
  out.InstantField("ends_at", m.ends_at);
  out.Field("description", m.description);
  out.Key("custom_fields");
  out.BeginObject();
  for (const auto& [key, value] : m.custom_fields) out.Field(key, value);
  out.EndObject();
  out.Key("crew");
  out.BeginArray();
  for (const auto& c : m.crew) {
    out.BeginObject();
    WriteCrewIds(out, c.user);
    out.Field("name", NameOf(row.crew_names, c.user));
    out.Field("position", c.position);
    out.Field("label", c.label);
    out.Field("lead", c.lead);
    out.EndObject();
  }
  out.EndArray();
  out.Key("equipment");
  out.BeginArray();
  for (const auto& line : m.equipment) {
    out.BeginObject();
    out.Field("item_id", line.item);
    out.Field("name", NameOf(row.item_names, line.item));
    out.Field("quantity", line.quantity);
    out.EndObject();
  }
  out.EndArray();
  out.Field("cancellation_reason", row.cancellation_reason);
  out.Field("sequence", row.sequence);
  out.Field("created_at", row.created_at);
  out.Field("updated_at", row.updated_at);
  if (internal) out.Field("notes", m.notes);
  if (conflicts != nullptr) out.ArrayField("conflicts", *conflicts, WriteConflict);
  out.EndObject();
}

void WriteCalendarMission(JsonWriter& out, const store::CalendarMission& mission) {
  out.BeginObject();
  out.Field("id", mission.id);
  out.Field("title", mission.title);
  out.Field("status", mission.status);
  WriteRef(out, "client", mission.client, mission.client_name);
  WriteRef(out, "venue", mission.venue, mission.venue_name);
  out.Field("starts_at", mission.starts_at);
  out.Field("ends_at", mission.ends_at);
  out.Key("crew");
  out.BeginArray();
  for (const auto& c : mission.crew) {
    out.BeginObject();
    WriteCrewIds(out, c.user);
    out.Field("name", c.name);
    out.Field("position", c.position);
    out.Field("lead", c.lead);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
}

void WriteOut(JsonWriter& w, const store::OutRow& r) {
  w.BeginObject();
  w.Field("mission_id", r.mission);
  w.Field("mission_title", r.mission_title);
  w.Field("mission_status", r.mission_status);
  w.Field("mission_ends_at", r.mission_ends_at);
  w.Field("item_id", r.item);
  w.Field("item_name", r.item_name);
  w.Field("quantity", r.quantity);
  w.Field("out_since", r.since);
  w.TextOrNull("held_by", r.lead_name);
  w.EndObject();
}

void WriteMaintenance(JsonWriter& out, const store::MaintenanceRow& r) {
  out.BeginObject();
  out.Field("id", r.id);
  out.Field("item_id", r.item);
  out.Field("item_name", r.item_name);
  out.Field("kind", r.kind);
  out.Field("status", r.status);
  out.Field("quantity", r.quantity);
  out.Field("description", r.description);
  out.Field("vendor_name", r.vendor_name);
  out.Field("cost_cents", r.cost_cents);
  out.Field("opened_at", r.opened_at);
  out.TextOrNull("closed_at", r.closed_at);
  out.TextOrNull("next_due_on", r.next_due_on);
  out.Field("mission_id", r.mission);
  out.Field("unit_id", r.unit);
  out.TextOrNull("unit_serial", r.unit ? r.unit_serial : "");
  out.TextOrNull("photo_url", store::RecordPhotoUrl(r.id, r.photo_sha));
  out.TextOrNull("expected_back_on", r.expected_back_on);
  out.EndObject();
}

void WriteMovement(JsonWriter& out, const store::MovementRow& m) {
  out.BeginObject();
  out.Field("id", m.id);
  out.Field("item_id", m.item);
  out.Field("item_name", m.item_name);
  out.Field("mission_id", m.mission);
  out.TextOrNull("mission_title", m.mission.has_value() ? m.mission_title : "");
  out.Field("kind", m.kind);
  out.Field("quantity", m.quantity);
  out.TextOrNull("condition", m.condition);
  out.Field("occurred_at", m.occurred_at);
  out.Field("user_id", m.user);
  out.TextOrNull("user_name", m.user_name);
  out.Field("notes", m.notes);
  out.Field("kit_id", m.kit);
  out.TextOrNull("kit_name", m.kit ? m.kit_name : "");
  out.Field("from_site_id", m.from_site);
  out.TextOrNull("from_site_name", m.from_site ? m.from_site_name : "");
  out.Field("to_site_id", m.to_site);
  out.TextOrNull("to_site_name", m.to_site ? m.to_site_name : "");
  out.Field("unit_id", m.unit);
  out.TextOrNull("unit_serial", m.unit ? m.unit_serial : "");
  out.EndObject();
}

void WriteUnit(JsonWriter& out, const store::UnitRow& u) {
  out.BeginObject();
  out.Field("id", u.id);
  out.Field("item_id", u.item);
  out.Field("item_name", u.item_name);
  out.Field("serial_number", u.serial_number);
  out.TextOrNull("barcode", u.barcode);
  out.Field("short_code", domain::UnitShortCode(u.id));
  out.Field("condition", u.condition);
  out.Field("status", domain::UnitStatusName(u.status));
  WriteRef(out, "storage_site", u.storage_site, u.storage_site_name);
  WriteRef(out, "mission", u.mission, u.mission_title);
  out.Field("notes", u.notes);
  out.Field("created_at", u.created_at);
  out.Field("updated_at", u.updated_at);
  out.EndObject();
}

}  // namespace planify::http
