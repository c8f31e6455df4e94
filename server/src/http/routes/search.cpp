#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

void WriteHit(JsonWriter& out, const store::SearchHit& h, int rank) {
  out.BeginObject();
  out.Field("id", h.id);
  out.Field("title", h.title);
  out.Field("subtitle", h.subtitle);
  out.Field("status", h.status);
  out.TextOrNull("date", h.date);
  out.Key("amount_cents");
  if (h.amount_cents) {
    out.Int(*h.amount_cents);
  } else {
    out.Null();
  }
  out.Field("rank", static_cast<long long>(rank));
  out.EndObject();
}

}  // namespace

void AddSearchRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  // Every member searches; what each finds depends on the role (app::SearchService). A blank
  // query finds nothing (the palette asks as the user types).
  router.Add(
      "GET", "/api/v1/search", Access::Need(Permission::kOrganizationRead).Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        const auto limit = q.Int("limit", 5, 1, app::SearchService::kMaxLimit);
        std::optional<domain::SearchKind> only;
        if (const std::string kind = q.Text("kind"); !kind.empty()) {
          only = domain::ParseSearchKind(kind);
          if (!only) {
            q.AddError("kind", "clients, missions, quotes, invoices, equipment ou venues attendu.");
          }
        }
        if (!q.ok()) return WriteError(res, q.ToError());
        auto found =
            use_cases.search.Search(*ctx.principal, q.Text("q"), only, static_cast<int>(limit));
        if (!found) return WriteError(res, found.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Key("groups");
          out.BeginArray();
          for (const auto& g : found->groups) {
            out.BeginObject();
            out.Field("kind", domain::SearchKindName(g.kind));
            out.Field("more", g.more);
            out.Key("items");
            out.BeginArray();
            for (std::size_t i = 0; i < g.items.size(); ++i) WriteHit(out, g.items[i], g.ranks[i]);
            out.EndArray();
            out.EndObject();
          }
          out.EndArray();
          out.EndObject();
        });
      });
}

}  // namespace planify::http
