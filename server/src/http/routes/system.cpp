#include <spdlog/spdlog.h>

#include "http/errors.hpp"
#include "http/routes/routes.hpp"
#include "store/migrations.hpp"

namespace planify::http {

void AddSystemRoutes(Router& router, const Services& services, const Metrics& metrics,
                     const std::atomic<bool>& shutting_down) {
  router.Add("GET", "/healthz", Access::Public(),
             [](const httplib::Request&, httplib::Response& res, const RequestContext&) {
               WriteJsonText(res, 200, R"({"status":"ok"})");
             });

  router.Add("GET", "/readyz", Access::Public(),
             [&services, &shutting_down](const httplib::Request&, httplib::Response& res,
                                         const RequestContext&) {
               auto not_ready = [&res](const std::string& reason) {
                 WriteJsonWith(res, 503, [&](JsonWriter& out) {
                   out.BeginObject();
                   out.Field("status", "unavailable");
                   out.Field("reason", reason);
                   out.EndObject();
                 });
               };
               if (shutting_down) return not_ready("shutting down");
               auto lease = services.db->Acquire();
               if (!lease) return not_ready(lease.error().message);
               try {
                 int one = 0;
                 **lease << "SELECT 1", soci::into(one);
               } catch (const soci::soci_error& e) {
                 spdlog::warn("/readyz: database unreachable: {}", e.get_error_message());
                 return not_ready("database unreachable");
               }
               auto status =
                   store::InspectSchema(*lease, store::EmbeddedMigrations(services.db->dialect()));
               if (!status) return not_ready(status.error().message);
               if (!status->problems.empty()) return not_ready(status->problems.front());
               if (!status->pending.empty()) {
                 return not_ready("schema at version " + std::to_string(status->database_version) +
                                  ", this binary needs " + std::to_string(status->binary_version) +
                                  ": run `planify migrate`");
               }
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Field("status", "ready");
                 out.Field("database", store::DialectName(services.db->dialect()));
                 out.Field("schema_version", status->database_version);
                 out.EndObject();
               });
             });

  router.Add("GET", "/metrics", Access::Public(),
             [&services, &metrics](const httplib::Request&, httplib::Response& res,
                                   const RequestContext&) {
               res.set_header("Cache-Control", "no-store");
               res.set_content(metrics.Render(services.db->in_use(), services.db->pool_size()),
                               "text/plain; version=0.0.4; charset=utf-8");
             });
}

}  // namespace planify::http
