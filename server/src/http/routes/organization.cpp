#include <nlohmann/json.hpp>

#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

nlohmann::json OrganizationJson(const app::OrganizationView& view, bool manage) {
  const auto& s = view.settings;
  nlohmann::json json = {
      {"name", s.name},
      {"legal_name", s.legal_name},
      {"legal_form", s.legal_form},
      {"siren", s.siren},
      {"siret", s.siret},
      {"vat_number", s.vat_number},
      {"rcs", s.rcs},
      {"rm", s.rm},
      {"share_capital_cents",
       s.share_capital_cents ? nlohmann::json(*s.share_capital_cents) : nlohmann::json(nullptr)},
      {"address_line1", s.address_line1},
      {"address_line2", s.address_line2},
      {"postal_code", s.postal_code},
      {"city", s.city},
      {"country", s.country},
      {"email", s.email},
      {"phone", s.phone},
      {"website", s.website},
      {"iban_masked", view.iban_masked},
      {"brand_color", s.brand_color},
      {"vat_regime", std::string(domain::VatRegimeName(s.vat_regime))},
      {"payment_terms_days", s.payment_terms_days},
      {"late_penalty_rate_bp", s.late_penalty_rate_bp},
      {"payment_validation_required", s.payment_validation_required},
      {"early_payment_discount", s.early_payment_discount},
      {"quote_number_format", s.quote_number_format},
      {"invoice_number_format", s.invoice_number_format},
      {"credit_note_number_format", s.credit_note_number_format},
      {"time_zone", s.time_zone},
      {"terminology", s.terminology},
      {"updated_at", view.updated_at}};
  // Bank details in clear only for those who may change them.
  if (manage) {
    json["iban"] = s.iban;
    json["bic"] = s.bic;
  }
  return json;
}

}  // namespace

void AddOrganizationRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  router.Add(
      "GET", "/api/v1/organization", Access::Need(Permission::kOrganizationRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto view = use_cases.organization.Get(*ctx.principal);
        if (!view) return WriteError(res, view.error());
        auto json = OrganizationJson(*view, ctx.principal->Can(Permission::kOrganizationManage));
        std::string logo = use_cases.files.ImagesOf(*ctx.principal).logo_url;
        json["logo_url"] = logo.empty() ? nlohmann::json(nullptr) : nlohmann::json(logo);
        WriteJson(res, 200, json);
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
        s.payment_validation_required =
            f.OptionalBool("payment_validation_required", s.payment_validation_required);
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
        WriteJson(res, 200, OrganizationJson(*view, true));
      });
}

}  // namespace planify::http
