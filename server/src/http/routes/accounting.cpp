#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

using domain::Permission;
using nlohmann::json;

void WriteSettings(httplib::Response& res, const domain::AccountingSettings& settings) {
  WriteJsonText(res, 200, app::AccountingSettingsJson(settings));
}

}  // namespace

void AddAccountingRoutes(Router& router, UseCases& use_cases) {
  router.Add(
      "GET", "/api/v1/accounting/settings", Access::Need(Permission::kExportsRun),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto settings = use_cases.accounting.Settings(*ctx.principal);
        if (!settings) return WriteError(res, settings.error());
        WriteSettings(res, *settings);
      });

  router.Add(
      "PUT", "/api/v1/accounting/settings", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        // Missing fields keep their defaults; the whole object is then checked.
        auto settings = app::AccountingSettingsFromJson(body->dump());
        if (body->contains("vat_on_debits") && !(*body)["vat_on_debits"].is_boolean()) {
          return WriteError(
              res, MakeError(ErrorCode::kValidation, "La requête contient des champs invalides.",
                             {{"vat_on_debits", "Oui ou non attendu."}}));
        }
        auto saved = use_cases.accounting.SaveSettings(*ctx.principal, ctx.meta, settings);
        if (!saved) return WriteError(res, saved.error());
        WriteSettings(res, *saved);
      });

  // The FEC of a period, as a download.
  router.Add(
      "GET", "/api/v1/accounting/fec", Access::Need(Permission::kExportsRun).Queued(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        auto fec = use_cases.accounting.Fec(*ctx.principal, ctx.meta, q.Text("from"), q.Text("to"));
        if (!fec) return WriteError(res, fec.error());
        res.status = 200;
        res.set_header("Cache-Control", "no-store");
        res.set_header("Content-Disposition", "attachment; filename=\"" + fec->filename + "\"");
        res.set_header("X-Fec-Entries", std::to_string(fec->entries));
        res.set_content(fec->text, "text/plain; charset=utf-8");
      });

  router.Add(
      "GET", "/api/v1/accounting/vat", Access::Need(Permission::kExportsRun),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        auto vat = use_cases.accounting.Vat(*ctx.principal, q.Text("from"), q.Text("to"));
        if (!vat) return WriteError(res, vat.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("basis", vat->basis);
          out.Field("franchise", vat->franchise);
          out.ArrayField("rates", vat->rates, [](JsonWriter& w, const domain::VatCollected& r) {
            w.BeginObject();
            w.Field("rate_bp", r.rate_bp);
            w.Field("base_cents", r.base_cents);
            w.Field("vat_cents", r.vat_cents);
            w.EndObject();
          });
          out.Field("base_cents", vat->base_cents);
          out.Field("vat_cents", vat->vat_cents);
          out.Field("counted", vat->documents);
          out.EndObject();
        });
      });
}

}  // namespace planify::http
