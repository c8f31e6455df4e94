#include "domain/missions.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "domain/crew_profiles.hpp"
#include "domain/local_time.hpp"
#include "domain/validation.hpp"

namespace planify::domain {

namespace {

constexpr std::array<std::pair<MissionStatus, std::string_view>, 6> kNames = {{
    {MissionStatus::kDraft, "draft"},
    {MissionStatus::kPlanned, "planned"},
    {MissionStatus::kConfirmed, "confirmed"},
    {MissionStatus::kInProgress, "in_progress"},
    {MissionStatus::kCompleted, "completed"},
    {MissionStatus::kCanceled, "canceled"},
}};

}  // namespace

std::string_view MissionStatusName(MissionStatus status) {
  for (const auto& [s, name] : kNames) {
    if (s == status) return name;
  }
  return "draft";
}

std::optional<MissionStatus> ParseMissionStatus(std::string_view name) {
  for (const auto& [s, n] : kNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

bool CanTransition(MissionStatus from, MissionStatus to) {
  using S = MissionStatus;
  if (from == S::kCompleted || from == S::kCanceled) return false;
  if (to == S::kCanceled) return true;
  switch (from) {
    case S::kDraft:
      return to == S::kPlanned;
    case S::kPlanned:
      return to == S::kConfirmed || to == S::kDraft;
    case S::kConfirmed:
      return to == S::kInProgress;
    case S::kInProgress:
      return to == S::kCompleted;
    default:
      return false;
  }
}

namespace {

bool IsKnownPosition(std::string_view position) {
  return std::find(std::begin(kCrewPositions), std::end(kCrewPositions), position) !=
         std::end(kCrewPositions);
}

bool IsDecimal(std::string_view text) {
  // -12, 3.5, 0,75 (French comma accepted and stored as a dot by the caller)
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  bool digits = false;
  bool separator = false;
  for (; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      digits = true;
    } else if ((text[i] == '.' || text[i] == ',') && !separator) {
      separator = true;
    } else {
      return false;
    }
  }
  return digits && text.size() <= 30;
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10) return false;
  auto t = ParseIsoUtc(std::string(text) + "T00:00:00.000Z");
  return t.has_value();
}

constexpr std::array<std::string_view, 5> kFieldTypes = {"text", "textarea", "number", "select",
                                                         "date"};

}  // namespace

Result<MissionInput> ValidateMission(MissionInput m,
                                     const std::vector<CustomFieldDefinition>& definitions) {
  FieldErrors errors;
  RequireText(errors, "title", m.title, 200);
  m.title = Trim(m.title);
  CleanText(errors, "address", m.address, 500);
  CleanText(errors, "event_type", m.event_type, 60);
  CleanText(errors, "description", m.description, 5000);
  CleanText(errors, "notes", m.notes, 5000);
  if (m.status != MissionStatus::kDraft && m.status != MissionStatus::kPlanned &&
      m.status != MissionStatus::kConfirmed) {
    errors.Add("status", "Une mission commence en brouillon, planifiée ou confirmée.");
  }
  if (m.guest_count && (*m.guest_count < 0 || *m.guest_count > 100000)) {
    errors.Add("guest_count", "Nombre d'invités de 0 à 100 000.");
  }
  if (m.ends_at <= m.starts_at) {
    errors.Add("ends_at", "La fin doit être après le début.");
  } else if (m.ends_at - m.starts_at > kMaxMissionLength) {
    errors.Add("ends_at", "Une mission dure 31 jours au plus : découpez-la.");
  }
  if (m.crew.size() > 50) errors.Add("crew", "50 personnes au plus par mission.");
  std::set<long long> people;
  int leads = 0;
  for (std::size_t i = 0; i < m.crew.size(); ++i) {
    auto& c = m.crew[i];
    std::string at = "crew[" + std::to_string(i) + "]";
    // A member (user id > 0) or a crew profile (domain/crew_profiles.hpp: −profile id).
    const std::string field = at + (IsProfileCrewId(c.user) ? ".profile_id" : ".user_id");
    if (c.user == 0) errors.Add(at + ".user_id", "Personne inconnue.");
    if (!people.insert(c.user).second) {
      errors.Add(field, "Cette personne est déjà dans l'équipe de la mission.");
    }
    if (c.position.empty()) c.position = "dj";
    if (!IsKnownPosition(c.position)) {
      errors.Add(at + ".position", "Poste inconnu (dj, technician, assistant, driver, other).");
    }
    CleanText(errors, at + ".label", c.label, 60);
    if (c.lead) ++leads;
  }
  if (leads > 1) errors.Add("crew", "Une seule personne principale par mission.");
  if (m.equipment.size() > 200) errors.Add("equipment", "200 lignes de matériel au plus.");
  std::set<long long> items;
  for (std::size_t i = 0; i < m.equipment.size(); ++i) {
    const auto& line = m.equipment[i];
    std::string at = "equipment[" + std::to_string(i) + "]";
    if (line.item <= 0) errors.Add(at + ".item_id", "Matériel inconnu.");
    if (!items.insert(line.item).second) {
      errors.Add(at + ".item_id", "Ce matériel a déjà une ligne : modifiez sa quantité.");
    }
    if (line.quantity < 1 || line.quantity > 100000) {
      errors.Add(at + ".quantity", "Quantité de 1 à 100 000.");
    }
  }
  std::map<std::string, std::string> clean;
  for (auto& [key, raw] : m.custom_fields) {
    const CustomFieldDefinition* def = nullptr;
    for (const auto& d : definitions) {
      if (d.key == key) def = &d;
    }
    std::string at = "custom_fields." + key;
    if (def == nullptr) {
      errors.Add(at, "Champ personnalisé inconnu.");
      continue;
    }
    std::string value = Trim(raw);
    if (value.empty()) continue;
    if (def->type == "number") {
      if (!IsDecimal(value)) {
        errors.Add(at, "Nombre attendu.");
        continue;
      }
      std::replace(value.begin(), value.end(), ',', '.');
    } else if (def->type == "date" && !IsIsoDate(value)) {
      errors.Add(at, "Date AAAA-MM-JJ attendue.");
      continue;
    } else if (def->type == "select" &&
               std::find(def->options.begin(), def->options.end(), value) == def->options.end()) {
      errors.Add(at, "Choisissez une des valeurs proposées.");
      continue;
    } else {
      CleanText(errors, at, value, def->type == "textarea" ? 5000 : 500);
    }
    clean[key] = value;
  }
  for (const auto& d : definitions) {
    if (d.required && !clean.contains(d.key)) {
      errors.Add("custom_fields." + d.key, "« " + d.label + " » est obligatoire.");
    }
  }
  m.custom_fields = std::move(clean);
  if (!errors.empty()) return Fail(errors.ToError());
  return m;
}

Result<std::vector<CustomFieldDefinition>> ValidateFieldDefinitions(
    std::vector<CustomFieldDefinition> definitions) {
  FieldErrors errors;
  if (definitions.size() > 30) errors.Add("fields", "30 champs personnalisés au plus.");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < definitions.size(); ++i) {
    auto& d = definitions[i];
    std::string at = "fields[" + std::to_string(i) + "]";
    d.key = Trim(d.key);
    bool key_ok = !d.key.empty() && d.key.size() <= 40;
    for (char c : d.key) {
      key_ok = key_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    }
    if (!key_ok) errors.Add(at + ".key", "Clé de 1 à 40 caractères : a-z, 0-9 et _.");
    if (!keys.insert(d.key).second) errors.Add(at + ".key", "Cette clé est déjà utilisée.");
    RequireText(errors, at + ".label", d.label, 100);
    d.label = Trim(d.label);
    if (std::find(kFieldTypes.begin(), kFieldTypes.end(), d.type) == kFieldTypes.end()) {
      errors.Add(at + ".type", "Type inconnu (text, textarea, number, select, date).");
    }
    if (d.type == "select") {
      if (d.options.empty() || d.options.size() > 50) {
        errors.Add(at + ".options", "De 1 à 50 choix.");
      }
      std::set<std::string> seen;
      for (auto& o : d.options) {
        o = Trim(o);
        auto chars = Utf8Length(o);
        if (o.empty() || !chars || *chars > 100 || !seen.insert(o).second) {
          errors.Add(at + ".options", "Choix vides, trop longs ou en double.");
          break;
        }
      }
    } else {
      d.options.clear();
    }
  }
  if (!errors.empty()) return Fail(errors.ToError());
  return definitions;
}

std::string_view ConflictKindName(Conflict::Kind kind) {
  switch (kind) {
    case Conflict::Kind::kCrewBusy:
      return "crew_busy";
    case Conflict::Kind::kCrewUnavailable:
      return "crew_unavailable";
    case Conflict::Kind::kEquipmentShortage:
      return "equipment_shortage";
    case Conflict::Kind::kVenueDoubleBooked:
      return "venue_booked";
  }
  return "crew_busy";
}

std::string DescribeConflict(const Conflict& c, const ConflictNames& names, std::string_view zone) {
  auto name = [](const std::map<long long, std::string>& from, long long id, const char* fallback) {
    auto it = from.find(id);
    return it == from.end() ? std::string(fallback) + " n° " + std::to_string(id) : it->second;
  };
  std::string when = FormatLocalRange(c.when.start, c.when.end, zone);
  std::string other = c.other ? "« " + c.other_title + " »" : std::string();
  switch (c.kind) {
    case Conflict::Kind::kCrewBusy:
      return name(names.users, c.resource, "La personne") + " est déjà sur " + other + " " + when +
             ".";
    case Conflict::Kind::kCrewUnavailable:
      return name(names.users, c.resource, "La personne") + " est indisponible " + when +
             (c.detail.empty() ? "" : " (" + c.detail + ")") + ".";
    case Conflict::Kind::kEquipmentShortage:
      return name(names.items, c.resource, "Matériel") + " : " + std::to_string(c.requested) +
             " demandé" + (c.requested > 1 ? "s" : "") + ", " + std::to_string(c.available) +
             " disponible" + (c.available > 1 ? "s" : "") + " " + when +
             (c.other ? " (déjà sur " + other + ")" : "") + ".";
    case Conflict::Kind::kVenueDoubleBooked:
      return name(names.venues, c.resource, "Le lieu") + " accueille déjà " + other + " " + when +
             ".";
  }
  return {};
}

std::string MissionSearchText(const MissionInput& m) {
  return FoldForSearch(m.title + " " + m.event_type + " " + m.address);
}

}  // namespace planify::domain
