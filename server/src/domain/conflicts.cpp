#include "domain/conflicts.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace planify::domain {

namespace {

bool Overlaps(const TimeRange& a, const TimeRange& b) { return a.start < b.end && b.start < a.end; }

TimeRange Intersection(const TimeRange& a, const TimeRange& b) {
  return {std::max(a.start, b.start), std::min(a.end, b.end)};
}

TimeRange Widen(const TimeRange& r, std::chrono::minutes before, std::chrono::minutes after) {
  return {r.start - before, r.end + after};
}

bool Contains(const std::vector<long long>& ids, long long id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

int QuantityOf(const std::vector<EquipmentLine>& lines, long long item) {
  int total = 0;
  for (const auto& line : lines) {
    if (line.item == item) total += line.quantity;
  }
  return total;
}

// The largest total quantity in use at any instant of `window` by `uses` (each a period and a
// quantity): a sweep over start/end events, ends before starts at equal times.
struct Use {
  TimeRange when;
  int quantity;
  const BookedMission* mission;
};

struct Peak {
  int quantity = 0;
  TimeRange when;
  std::vector<const BookedMission*> missions;
};

Peak PeakUse(const std::vector<Use>& uses, const TimeRange& window) {
  std::vector<std::tuple<Timestamp, int, std::size_t>> events;  // time, +q/-q, use index
  for (std::size_t i = 0; i < uses.size(); ++i) {
    TimeRange clipped = Intersection(uses[i].when, window);
    if (!(clipped.start < clipped.end)) continue;
    events.emplace_back(clipped.start, uses[i].quantity, i);
    events.emplace_back(clipped.end, -uses[i].quantity, i);
  }
  // At equal times, releases (negative) come first: back-to-back uses never add up.
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    return std::get<1>(a) < std::get<1>(b);
  });
  Peak peak;
  int current = 0;
  std::set<std::size_t> active;
  for (std::size_t e = 0; e < events.size(); ++e) {
    const auto& [time, delta, index] = events[e];
    current += delta;
    if (delta > 0) {
      active.insert(index);
    } else {
      active.erase(index);
    }
    if (delta > 0 && current > peak.quantity) {
      peak.quantity = current;
      Timestamp until = e + 1 < events.size() ? std::get<0>(events[e + 1]) : window.end;
      peak.when = {time, until};
      peak.missions.clear();
      for (std::size_t i : active) peak.missions.push_back(uses[i].mission);
    }
  }
  return peak;
}

}  // namespace

bool HoldsResources(MissionStatus status) {
  return status == MissionStatus::kPlanned || status == MissionStatus::kConfirmed ||
         status == MissionStatus::kInProgress;
}

std::vector<Conflict> FindConflicts(const MissionPlan& plan,
                                    const std::vector<BookedMission>& others,
                                    const std::vector<Unavailability>& unavailability,
                                    const std::vector<EquipmentStock>& stock,
                                    const std::vector<Unreturned>& unreturned,
                                    const ConflictPolicy& policy) {
  std::vector<Conflict> out;
  std::vector<const BookedMission*> holding;
  for (const auto& other : others) {
    if (other.id != plan.id && HoldsResources(other.status)) holding.push_back(&other);
  }

  // Crew: another mission (widened by the travel buffer), or a day off.
  for (long long member : plan.crew) {
    for (const auto* other : holding) {
      if (!Contains(other->crew, member)) continue;
      TimeRange busy = Widen(other->when, policy.crew_travel_buffer, policy.crew_travel_buffer);
      if (!Overlaps(plan.when, busy)) continue;
      out.push_back({Conflict::Kind::kCrewBusy, true, member, Intersection(plan.when, busy),
                     other->id, other->title, 0, 0, ""});
    }
    for (const auto& off : unavailability) {
      if (off.user != member || !Overlaps(plan.when, off.when)) continue;
      out.push_back({Conflict::Kind::kCrewUnavailable, true, member,
                     Intersection(plan.when, off.when), std::nullopt, "", 0, 0, off.reason});
    }
  }

  // Equipment: peak concurrent use over the widened window against what can be lent.
  const TimeRange window = Widen(plan.when, policy.equipment_prep, policy.equipment_return);
  std::map<long long, int> wanted;
  for (const auto& line : plan.equipment) wanted[line.item] += line.quantity;
  for (const auto& entry : wanted) {
    const long long item = entry.first;
    const int quantity = entry.second;
    if (quantity <= 0) continue;
    auto item_stock = std::find_if(stock.begin(), stock.end(),
                                   [&](const EquipmentStock& s) { return s.item == item; });
    int lendable =
        item_stock == stock.end() ? 0 : std::max(0, item_stock->owned - item_stock->out_of_service);
    std::vector<Use> uses;
    std::set<long long> counted;
    for (const auto* other : holding) {
      int q = QuantityOf(other->equipment, item);
      if (q <= 0) continue;
      TimeRange held = Widen(other->when, policy.equipment_prep, policy.equipment_return);
      if (!Overlaps(window, held)) continue;
      uses.push_back({held, q, other});
      counted.insert(other->id);
    }
    // Gear still out from an earlier mission is missing whatever the dates, unless that
    // mission already counts in the window.
    int missing = 0;
    for (const auto& out_item : unreturned) {
      // Gear already out with the planned mission itself is part of what it asks for.
      if (out_item.item == item && out_item.mission != plan.id &&
          !counted.contains(out_item.mission))
        missing += out_item.quantity;
    }
    Peak peak = PeakUse(uses, window);
    int free = std::max(0, lendable - missing - peak.quantity);
    if (quantity <= free) continue;
    Conflict c{Conflict::Kind::kEquipmentShortage,
               true,
               item,
               peak.quantity > 0 ? peak.when : window,
               std::nullopt,
               "",
               quantity,
               free,
               ""};
    if (!peak.missions.empty()) {
      c.other = peak.missions.front()->id;
      c.other_title = peak.missions.front()->title;
    }
    out.push_back(c);
  }

  // Venue: a warning (two events can share a large venue).
  if (plan.venue) {
    for (const auto* other : holding) {
      if (other->venue != plan.venue || !Overlaps(plan.when, other->when)) continue;
      out.push_back({Conflict::Kind::kVenueDoubleBooked, false, *plan.venue,
                     Intersection(plan.when, other->when), other->id, other->title, 0, 0, ""});
    }
  }

  std::sort(out.begin(), out.end(), [](const Conflict& a, const Conflict& b) {
    return std::tie(a.kind, a.resource, a.when.start, a.other) <
           std::tie(b.kind, b.resource, b.when.start, b.other);
  });
  return out;
}

std::vector<ItemAvailability> Availability(const TimeRange& period,
                                           const std::vector<BookedMission>& missions,
                                           const std::vector<EquipmentStock>& stock,
                                           const std::vector<Unreturned>& unreturned,
                                           const ConflictPolicy& policy) {
  // Each item's bookings within the period, gathered in one pass over the missions.
  std::map<long long, std::vector<Use>> uses;
  std::map<long long, std::set<long long>> counted;
  for (const auto& mission : missions) {
    if (!HoldsResources(mission.status)) continue;
    TimeRange held = Widen(mission.when, policy.equipment_prep, policy.equipment_return);
    if (!Overlaps(period, held)) continue;
    for (const auto& line : mission.equipment) {
      if (line.quantity <= 0) continue;
      uses[line.item].push_back({held, line.quantity, &mission});
      counted[line.item].insert(mission.id);
    }
  }
  std::vector<ItemAvailability> out;
  out.reserve(stock.size());
  for (const auto& s : stock) {
    ItemAvailability a;
    a.item = s.item;
    a.owned = s.owned;
    a.out_of_service = std::min(s.owned, std::max(0, s.out_of_service));
    const auto& item_counted = counted[s.item];
    for (const auto& out_item : unreturned) {
      if (out_item.item == s.item && !item_counted.contains(out_item.mission)) {
        a.still_out += out_item.quantity;
      }
    }
    Peak peak = PeakUse(uses[s.item], period);
    a.booked_peak = peak.quantity;
    a.peak_when = peak.quantity > 0 ? peak.when : period;
    a.available = std::max(0, a.owned - a.out_of_service - a.still_out - a.booked_peak);
    out.push_back(a);
  }
  return out;
}

bool HasBlockingConflict(const std::vector<Conflict>& conflicts) {
  return std::any_of(conflicts.begin(), conflicts.end(),
                     [](const Conflict& c) { return c.blocking; });
}

}  // namespace planify::domain
