#include "http/errors.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

void AddFileRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;

  // Public by unguessable address (id + SHA-256), so e-mail clients can show a logo. The bytes
  // were checked to be a PNG, JPEG or WebP image; the headers forbid any other reading.
  router.Add(
      "GET", "/api/v1/files/:id/:sha", Access::Public().Queued(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto file = use_cases.files.Get(*id, ctx.params.at("sha"));
        if (!file) return WriteError(res, file.error());
        res.status = 200;
        res.set_header("Cache-Control", "public, max-age=31536000, immutable");
        res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
        res.set_header("Content-Disposition", "inline");
        res.set_content(file->content, file->content_type);
      });

  // Images are sent as the raw body (Content-Type: image/png, image/jpeg or image/webp).
  router.Add(
      "PUT", "/api/v1/organization/logo", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto path = use_cases.files.SetLogo(*ctx.principal, req.body, ctx.meta);
        if (!path) return WriteError(res, path.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("logo_url", *path);
          out.EndObject();
        });
      });
  router.Add(
      "DELETE", "/api/v1/organization/logo", Access::Need(Permission::kOrganizationManage),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto done = use_cases.files.RemoveLogo(*ctx.principal, ctx.meta);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
  router.Add(
      "PUT", "/api/v1/me/avatar", Access::SignedIn(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto path = use_cases.files.SetAvatar(*ctx.principal, req.body);
        if (!path) return WriteError(res, path.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("avatar_url", *path);
          out.EndObject();
        });
      });
  router.Add(
      "DELETE", "/api/v1/me/avatar", Access::SignedIn(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto done = use_cases.files.RemoveAvatar(*ctx.principal);
        if (!done) return WriteError(res, done.error());
        res.status = 204;
      });
}

}  // namespace planify::http
