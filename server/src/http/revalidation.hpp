#pragma once

#include <string>
#include <string_view>

namespace planify::http {

// Revalidation of lists and calendars (docs/architecture.md, "Revalidation"): a weak ETag
// built from what the response depends on, the organisation's data version, the quarter hour
// (lists show "overdue" from today's date in the organisation's time zone, and every zone
// changes day on a quarter hour), the caller and the request target, and the build.

// W/"<version>.<quarter hour>.<16 hex digits>"; `scope` names the caller and the request target.
[[nodiscard]] std::string WeakEtag(long long version, long long quarter_hour,
                                   std::string_view scope);

// Whether an If-None-Match header value matches `etag`, by weak comparison (RFC 9110 §13.1.2):
// one of the comma-separated entity tags has the same opaque part, W/ or not. "*" matches
// nothing here: it would answer 304 before the request is even validated, and browsers
// revalidate with the tag they were given.
[[nodiscard]] bool NoneMatchHits(std::string_view header, std::string_view etag);

}  // namespace planify::http
