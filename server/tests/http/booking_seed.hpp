#pragma once

#include <string>

#include "domain/local_time.hpp"
#include "store/booking_repository.hpp"

namespace planify::testing {

// A visitor's request as the public form would have stored it: a wedding on 12 June 2027.
inline long long SeedBookingRequest(store::Lease& lease, OrganizationId org,
                                    const std::string& name, const std::string& email,
                                    const std::string& now = "2026-11-25T09:00:00.000Z") {
  domain::BookingRequestData data;
  data.event_type = "Mariage";
  data.starts_at = *domain::ParseApiInstant("2027-06-12T17:00:00Z");
  data.ends_at = *domain::ParseApiInstant("2027-06-13T00:00:00Z");
  data.place = "Château de Montplaisir, Lyon";
  data.guests = 120;
  data.name = name;
  data.email = email;
  data.phone = "+33612345678";
  data.locale = "fr";
  return store::BookingRepository(lease).Insert(org, data, {}, true, now).id;
}

}  // namespace planify::testing
