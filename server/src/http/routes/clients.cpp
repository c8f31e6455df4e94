#include <charconv>
#include <nlohmann/json.hpp>

#include "domain/validation.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/planning_json.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

void WriteClient(JsonWriter& out, const store::ClientRow& row) {
  const auto& c = row.client;
  out.BeginObject();
  out.Field("id", row.id);
  out.Field("kind", c.kind == domain::ClientKind::kCompany ? "company" : "individual");
  out.Field("name", c.name);
  out.Field("siren", c.siren);
  out.Field("siret", c.siret);
  out.Field("vat_number", c.vat_number);
  out.Key("billing_address");
  WriteAddress(out, c.billing);
  out.Key("service_address");
  WriteAddress(out, c.service);
  out.ArrayField("contacts", c.contacts, [](JsonWriter& w, const domain::ClientContact& k) {
    w.BeginObject();
    w.Field("name", k.name);
    w.Field("role", k.role);
    w.Field("email", k.email);
    w.Field("phone", k.phone);
    w.Field("primary", k.primary);
    w.EndObject();
  });
  out.ArrayField("tags", c.tags, [](JsonWriter& w, const std::string& tag) { w.String(tag); });
  out.Field("notes", c.notes);
  out.Field("einvoice_address", c.einvoice_address);
  out.Field("archived", row.archived);
  out.Field("reminders_paused", row.reminders_paused);
  out.Field("created_at", row.created_at);
  out.Field("updated_at", row.updated_at);
  out.EndObject();
}

// Reads a client from a JSON object, recording each type problem as a field error.
domain::ClientInput ReadClient(const nlohmann::json& body, JsonFields& f) {
  domain::ClientInput c;
  std::string kind = f.OptionalString("kind").value_or("individual");
  if (kind == "company") {
    c.kind = domain::ClientKind::kCompany;
  } else if (kind != "individual") {
    f.AddError("kind", "individual ou company.");
  }
  c.name = f.RequiredString("name");
  c.siren = f.OptionalString("siren").value_or("");
  c.siret = f.OptionalString("siret").value_or("");
  c.vat_number = f.OptionalString("vat_number").value_or("");
  c.notes = f.OptionalString("notes").value_or("");
  c.einvoice_address = f.OptionalString("einvoice_address").value_or("");
  auto address = [&](const char* name, domain::Address& a) {
    if (!body.contains(name) || body[name].is_null()) return;
    if (!body[name].is_object()) return f.AddError(name, "Objet attendu.");
    JsonFields af(body[name]);
    a.line1 = af.OptionalString("line1").value_or("");
    a.line2 = af.OptionalString("line2").value_or("");
    a.postal_code = af.OptionalString("postal_code").value_or("");
    a.city = af.OptionalString("city").value_or("");
    a.country = af.OptionalString("country").value_or("FR");
    if (!af.ok()) f.AddError(name, "Adresse invalide (textes attendus).");
  };
  address("billing_address", c.billing);
  address("service_address", c.service);
  if (body.contains("contacts") && !body["contacts"].is_null()) {
    if (!body["contacts"].is_array()) {
      f.AddError("contacts", "Liste attendue.");
    } else {
      for (std::size_t i = 0; i < body["contacts"].size(); ++i) {
        const auto& item = body["contacts"][i];
        std::string at = "contacts[" + std::to_string(i) + "]";
        if (!item.is_object()) {
          f.AddError(at, "Objet attendu.");
          continue;
        }
        JsonFields kf(item);
        domain::ClientContact k;
        k.name = kf.OptionalString("name").value_or("");
        k.role = kf.OptionalString("role").value_or("");
        k.email = kf.OptionalString("email").value_or("");
        k.phone = kf.OptionalString("phone").value_or("");
        k.primary = kf.OptionalBool("primary", false);
        if (!kf.ok()) {
          f.AddError(at, "Textes attendus (name, role, email, phone) et primary true ou false.");
        }
        c.contacts.push_back(std::move(k));
      }
    }
  }
  if (body.contains("tags") && !body["tags"].is_null()) {
    c.tags = f.RequiredStringArray("tags");
  }
  return c;
}

}  // namespace

void AddClientRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  router.Add(
      "GET", "/api/v1/clients", Access::Need(Permission::kClientsRead).Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        domain::FieldErrors errors;
        auto number = [&](const char* name, long long fallback, long long min,
                          long long max) -> long long {
          if (!req.has_param(name)) return fallback;
          std::string text = req.get_param_value(name);
          long long v = 0;
          auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
          if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
            errors.Add(name, "Entier de " + std::to_string(min) + " à " + std::to_string(max) +
                                 " attendu.");
            return fallback;
          }
          return v;
        };
        long long limit = number("limit", 50, 1, 200);
        long long offset = number("offset", 0, 0, 1'000'000'000);
        if (!errors.empty()) return WriteError(res, errors.ToError());
        auto page =
            use_cases.clients.List(*ctx.principal, req.get_param_value("q"),
                                   req.get_param_value("archived") == "true", limit, offset);
        if (!page) return WriteError(res, page.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", page->items, WriteClient);
          out.Field("total", page->total);
          out.EndObject();
        });
      });

  router.Add(
      "POST", "/api/v1/clients", Access::Need(Permission::kClientsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadClient(*body, f);
        bool allow_duplicate = f.OptionalBool("allow_duplicate", false);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.clients.Create(*ctx.principal, std::move(input), allow_duplicate);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { WriteClient(out, *row); });
      });

  router.Add(
      "GET", "/api/v1/clients/:id", Access::Need(Permission::kClientsRead),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto row = use_cases.clients.Get(*ctx.principal, *id);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteClient(out, *row); });
      });

  // The whole client (contacts included) replaces the stored one.
  router.Add(
      "PUT", "/api/v1/clients/:id", Access::Need(Permission::kClientsManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto input = ReadClient(*body, f);
        bool allow_duplicate = f.OptionalBool("allow_duplicate", false);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto row = use_cases.clients.Update(*ctx.principal, *id, std::move(input), allow_duplicate);
        if (!row) return WriteError(res, row.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteClient(out, *row); });
      });

  router.Add(
      "POST", "/api/v1/clients/:id/archive", Access::Need(Permission::kClientsManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.clients.SetArchived(*ctx.principal, *id, true);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
  // RGPD erasure: irreversible, so for those who run the account, with the name typed again.
  router.Add(
      "POST", "/api/v1/clients/:id/erase", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        std::string confirm = f.RequiredString("confirm_name");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto report = use_cases.clients.Erase(*ctx.principal, *id, confirm, ctx.meta);
        if (!report) return WriteError(res, report.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("erased", true);
          out.Field("contacts_deleted", report->contacts_deleted);
          out.Field("missions_cleared", report->missions_cleared);
          out.Field("drafts_cleared", report->drafts_cleared);
          out.Field("emails_cleared", report->emails_cleared);
          out.ArrayField("kept_documents", report->kept_documents,
                         [](JsonWriter& w, const std::string& n) { w.String(n); });
          out.Field("retention_notice",
                    "Les devis, factures et avoirs émis restent conservés tels quels, avec "
                    "l'identité du client, pendant 10 ans (obligation légale de conservation, "
                    "art. L123-22 du Code de commerce).");
          out.EndObject();
        });
      });
  // RGPD access and portability: everything stored about the client, as one .zip.
  router.Add(
      "GET", "/api/v1/clients/:id/personal-data", Access::Need(Permission::kClientsManage).Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto archive = use_cases.clients.ExportPersonalData(*ctx.principal, *id, ctx.meta);
        if (!archive) return WriteError(res, archive.error());
        res.status = 200;
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Content-Disposition", "attachment; filename=\"" + archive->filename + "\"");
        res.set_content(archive->bytes, "application/zip");
      });
  router.Add(
      "POST", "/api/v1/clients/:id/restore", Access::Need(Permission::kClientsManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto done = use_cases.clients.SetArchived(*ctx.principal, *id, false);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
}

}  // namespace planify::http
