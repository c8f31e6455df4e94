#include <nlohmann/json.hpp>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

// The organisation's fields, inside an object its caller opens: the GET adds the logo.
void WriteOrganizationFields(JsonWriter& out, const app::OrganizationView& view, bool manage) {
  const auto& s = view.settings;
  out.Field("name", s.name);
  out.Field("legal_name", s.legal_name);
  out.Field("legal_form", s.legal_form);
  out.Field("siren", s.siren);
  out.Field("siret", s.siret);
  out.Field("vat_number", s.vat_number);
  out.Field("rcs", s.rcs);
  out.Field("rm", s.rm);
  out.Field("share_capital_cents", s.share_capital_cents);
  out.Field("address_line1", s.address_line1);
  out.Field("address_line2", s.address_line2);
  out.Field("postal_code", s.postal_code);
  out.Field("city", s.city);
  out.Field("country", s.country);
  out.Field("email", s.email);
  out.Field("phone", s.phone);
  out.Field("website", s.website);
  out.Field("iban_masked", view.iban_masked);
  // Bank details in clear only for those who may change them.
  if (manage) {
    out.Field("iban", s.iban);
    out.Field("bic", s.bic);
  }
  out.Field("brand_color", s.brand_color);
  out.Field("vat_regime", domain::VatRegimeName(s.vat_regime));
  out.Field("payment_terms_days", s.payment_terms_days);
  out.Field("late_penalty_rate_bp", s.late_penalty_rate_bp);
  out.Field("payment_validation_required", s.payment_validation_required);
  out.Field("early_payment_discount", s.early_payment_discount);
  out.Field("quote_number_format", s.quote_number_format);
  out.Field("invoice_number_format", s.invoice_number_format);
  out.Field("credit_note_number_format", s.credit_note_number_format);
  out.Field("time_zone", s.time_zone);
  out.Field("terminology", s.terminology);
  out.Field("client_terminology", s.client_terminology);
  out.Field("crew_terminology", s.crew_terminology);
  out.Field("einvoice_address", s.einvoice_address);
  out.Field("einvoicing_required", s.einvoicing_required);
  out.Field("updated_at", view.updated_at);
}

}  // namespace

void AddOrganizationRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  router.Add(
      "GET", "/api/v1/organization", Access::Need(Permission::kOrganizationRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto view = use_cases.organization.Get(*ctx.principal);
        if (!view) return WriteError(res, view.error());
        const bool manage = ctx.principal->Can(Permission::kOrganizationManage);
        std::string logo = use_cases.files.ImagesOf(*ctx.principal).logo_url;
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          WriteOrganizationFields(out, *view, manage);
          out.Key("logo_url");
          if (logo.empty()) {
            out.Null();
          } else {
            out.String(logo);
          }
          out.EndObject();
        });
      });

  // Partial update: absent fields keep their value.
  router.Add(
      "PATCH", "/api/v1/organization", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        auto current = use_cases.organization.Get(*ctx.principal);
        if (!current) return WriteError(res, current.error());
        domain::OrganizationSettings s = current->settings;
        JsonFields f(*body);
        auto text = [&](const char* name, std::string& target) {
          if (auto v = f.OptionalString(name)) target = *v;
        };
        text("name", s.name);
        text("legal_name", s.legal_name);
        text("legal_form", s.legal_form);
        text("siren", s.siren);
        text("siret", s.siret);
        text("vat_number", s.vat_number);
        text("rcs", s.rcs);
        text("rm", s.rm);
        text("address_line1", s.address_line1);
        text("address_line2", s.address_line2);
        text("postal_code", s.postal_code);
        text("city", s.city);
        text("country", s.country);
        text("email", s.email);
        text("phone", s.phone);
        text("website", s.website);
        text("iban", s.iban);
        text("bic", s.bic);
        text("brand_color", s.brand_color);
        text("early_payment_discount", s.early_payment_discount);
        text("quote_number_format", s.quote_number_format);
        text("invoice_number_format", s.invoice_number_format);
        text("credit_note_number_format", s.credit_note_number_format);
        text("time_zone", s.time_zone);
        text("terminology", s.terminology);
        text("client_terminology", s.client_terminology);
        text("crew_terminology", s.crew_terminology);
        s.payment_validation_required =
            f.OptionalBool("payment_validation_required", s.payment_validation_required);
        text("einvoice_address", s.einvoice_address);
        s.einvoicing_required = f.OptionalBool("einvoicing_required", s.einvoicing_required);
        if (body->contains("share_capital_cents")) {
          s.share_capital_cents = f.OptionalInt64("share_capital_cents");
        }
        if (auto v = f.OptionalInt64("payment_terms_days")) {
          s.payment_terms_days = static_cast<int>(std::clamp<long long>(*v, -1, 100000));
        }
        if (auto v = f.OptionalInt64("late_penalty_rate_bp")) {
          s.late_penalty_rate_bp = static_cast<int>(std::clamp<long long>(*v, -1, 1000000));
        }
        if (auto v = f.OptionalString("vat_regime")) {
          auto regime = domain::ParseVatRegime(*v);
          if (regime) {
            s.vat_regime = *regime;
          } else {
            f.AddError("vat_regime", "Choisissez normal ou franchise.");
          }
        }
        if (!f.ok()) return WriteError(res, f.ToError());
        auto view = use_cases.organization.Update(*ctx.principal, s, ctx.meta);
        if (!view) return WriteError(res, view.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          WriteOrganizationFields(out, *view, true);
          out.EndObject();
        });
      });
}

}  // namespace planify::http
