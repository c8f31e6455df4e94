#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/routes/routes.hpp"

namespace planify::http {

namespace {

void WriteRequest(JsonWriter& out, const store::BookingRequestRow& r) {
  out.BeginObject();
  out.Field("id", r.id);
  out.Field("reference", r.reference);
  out.Field("status", r.status);
  out.Field("event_type", r.event_type);
  out.Field("starts_at", r.starts_at);
  out.Field("ends_at", r.ends_at);
  out.Field("place", r.place);
  out.Field("guests", r.guests);
  out.Key("services");
  out.BeginArray();
  for (const auto& s : r.services) {
    out.BeginObject();
    out.Field("id", s.id);
    out.Field("name", s.name);
    out.EndObject();
  }
  out.EndArray();
  out.Field("budget_cents", r.budget_cents);
  out.Field("message", r.message);
  out.Field("contact_name", r.contact_name);
  out.Field("email", r.email);
  out.Field("phone", r.phone);
  out.Field("locale", r.locale);
  out.Field("looked_free", r.looked_free);
  out.Field("decline_reason", r.decline_reason);
  out.Field("client_id", r.client_id);
  out.Field("mission_id", r.mission_id);
  out.Field("quote_id", r.quote_id);
  out.TextOrNull("accepted_at", r.accepted_at);
  out.Field("proposed_user_id", r.proposed_user_id);
  out.Field("performer_answer", r.performer_answer);
  out.TextOrNull("performer_answered_at", r.performer_answered_at);
  out.Field("created_at", r.created_at);
  out.Field("updated_at", r.updated_at);
  out.EndObject();
}

void WriteDetail(JsonWriter& out, const app::BookingDetail& d) {
  out.BeginObject();
  out.Key("request");
  WriteRequest(out, d.request);
  out.ArrayField("messages", d.messages, [](JsonWriter& o, const store::BookingMessageRow& m) {
    o.BeginObject();
    o.Field("id", m.id);
    o.Field("kind", m.kind);
    o.Field("body", m.body);
    o.Field("author_name", m.author_name);
    o.Field("created_at", m.created_at);
    o.EndObject();
  });
  out.ArrayField("similar_clients", d.similar_clients,
                 [](JsonWriter& o, const store::DuplicateClient& c) {
                   o.BeginObject();
                   o.Field("id", c.id);
                   o.Field("name", c.name);
                   o.Field("reason", c.reason);
                   o.EndObject();
                 });
  out.TextOrNull("proposed_user_name", d.proposed_user_name);
  out.EndObject();
}

void WriteStrings(JsonWriter& out, std::string_view key, const std::vector<std::string>& values) {
  out.Key(key);
  out.BeginArray();
  for (const auto& v : values) out.String(v);
  out.EndArray();
}

void WriteSettings(JsonWriter& out, const store::BookingSettingsRow& s) {
  out.BeginObject();
  out.Field("enabled", s.enabled);
  out.Field("intro", s.intro);
  WriteStrings(out, "event_types", s.event_types);
  out.Key("service_ids");
  out.BeginArray();
  for (long long id : s.service_ids) out.Int(id);
  out.EndArray();
  WriteStrings(out, "frame_ancestors", s.frame_ancestors);
  out.Field("two_step", s.two_step);
  out.Field("show_ratings", s.show_ratings);
  out.Field("space_show_times", s.space_show_times);
  out.Field("space_show_venue", s.space_show_venue);
  out.Field("space_show_lead", s.space_show_lead);
  out.TextOrNull("updated_at", s.updated_at);
  out.EndObject();
}

std::vector<long long> ReadIds(JsonFields& f, const nlohmann::json& body, const char* field) {
  std::vector<long long> out;
  if (!body.contains(field) || body[field].is_null()) return out;
  if (!body[field].is_array() || body[field].size() > 100) {
    f.AddError(field, "Une liste d'identifiants.");
    return out;
  }
  for (const auto& v : body[field]) {
    if (!v.is_number_integer() || v.get<long long>() <= 0) {
      f.AddError(field, "Une liste d'identifiants.");
      return {};
    }
    out.push_back(v.get<long long>());
  }
  return out;
}

std::vector<std::string> ReadStrings(JsonFields& f, const nlohmann::json& body, const char* field) {
  std::vector<std::string> out;
  if (!body.contains(field) || body[field].is_null()) return out;
  if (!body[field].is_array() || body[field].size() > 100) {
    f.AddError(field, "Une liste de textes.");
    return out;
  }
  for (const auto& v : body[field]) {
    if (!v.is_string()) {
      f.AddError(field, "Une liste de textes.");
      return {};
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

void AddBookingRoutes(Router& router, UseCases& use_cases) {
  using domain::Permission;
  const auto office = Access::Need(Permission::kBookingsManage);

  // ---- The visitor's side: no session; the organisation's slug names the page.
  router.Add(
      "GET", "/api/v1/public/booking/:slug", Access::Public(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto page = use_cases.booking.PublicPage(ctx.params.at("slug"));
        if (!page) return WriteError(res, page.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("name", page->name);
          out.TextOrNull("logo_url", page->logo_url);
          out.TextOrNull("brand_color", page->brand_color);
          out.Field("intro", page->intro);
          WriteStrings(out, "event_types", page->event_types);
          out.ArrayField("services", page->services,
                         [](JsonWriter& o, const app::OfferedService& s) {
                           o.BeginObject();
                           o.Field("id", s.id);
                           o.Field("name", s.name);
                           o.Field("description", s.description);
                           o.EndObject();
                         });
          out.ArrayField("reviews", page->reviews, [](JsonWriter& o, const app::PublicReview& r) {
            o.BeginObject();
            o.Field("first_name", r.first_name);
            o.Field("event_type", r.event_type);
            o.Field("overall", r.overall);
            o.Field("comment", r.comment);
            o.EndObject();
          });
          out.Field("average_hundredths", page->average_hundredths);
          out.Field("review_count", page->review_count);
          out.Field("form_token", page->form_token);
          out.Field("min_date", page->min_date);
          out.Field("time_zone", page->time_zone);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/public/booking/:slug/availability", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        auto answer = use_cases.booking.Availability(ctx.params.at("slug"), q.Text("date"),
                                                     q.Text("start"), q.Text("end"), ctx.meta);
        if (!answer) return WriteError(res, answer.error());
        res.set_header("Cache-Control", "no-store");
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("date", answer->date);
          out.Field("available", answer->available);
          WriteStrings(out, "alternatives", answer->alternatives);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/public/booking/:slug/requests", Access::Public(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        app::BookingSubmission input;
        auto& form = input.form;
        form.event_type = f.OptionalString("event_type").value_or("");
        form.date = f.OptionalString("date").value_or("");
        form.start_time = f.OptionalString("start_time").value_or("");
        form.end_date = f.OptionalString("end_date").value_or("");
        form.end_time = f.OptionalString("end_time").value_or("");
        form.place = f.OptionalString("place").value_or("");
        form.guests = f.OptionalInt64("guests");
        form.services = ReadIds(f, *body, "services");
        form.budget_cents = f.OptionalInt64("budget_cents");
        form.message = f.OptionalString("message").value_or("");
        form.name = f.OptionalString("name").value_or("");
        form.email = f.OptionalString("email").value_or("");
        form.phone = f.OptionalString("phone").value_or("");
        form.consent = f.OptionalBool("consent", false);
        form.locale = f.OptionalString("locale").value_or("fr");
        input.form_token = f.OptionalString("form_token").value_or("");
        input.honeypot = f.OptionalString("website").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto receipt = use_cases.booking.Submit(ctx.params.at("slug"), std::move(input), ctx.meta);
        if (!receipt) return WriteError(res, receipt.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("reference", receipt->reference);
          out.Field("available", receipt->available);
          out.EndObject();
        });
      });

  // ---- The office's inbox.
  router.Add(
      "GET", "/api/v1/booking-settings", office.Revalidated(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto settings = use_cases.booking.Settings(*ctx.principal);
        if (!settings) return WriteError(res, settings.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteSettings(out, *settings); });
      });
  router.Add(
      "PUT", "/api/v1/booking-settings", office,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        store::BookingSettingsRow input;
        input.enabled = f.OptionalBool("enabled", false);
        input.intro = f.OptionalString("intro").value_or("");
        input.event_types = ReadStrings(f, *body, "event_types");
        input.service_ids = ReadIds(f, *body, "service_ids");
        input.frame_ancestors = ReadStrings(f, *body, "frame_ancestors");
        input.two_step = f.OptionalBool("two_step", false);
        input.show_ratings = f.OptionalBool("show_ratings", false);
        input.space_show_times = f.OptionalBool("space_show_times", true);
        input.space_show_venue = f.OptionalBool("space_show_venue", true);
        input.space_show_lead = f.OptionalBool("space_show_lead", false);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto saved = use_cases.booking.SaveSettings(*ctx.principal, ctx.meta, std::move(input));
        if (!saved) return WriteError(res, saved.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteSettings(out, *saved); });
      });
  router.Add(
      "GET", "/api/v1/booking-requests", office.Revalidated(),
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        QueryParams q(req);
        store::BookingFilter filter;
        filter.status = q.Text("status");
        filter.query = q.Text("q");
        filter.limit = q.Int("limit", 50, 1, 200);
        filter.offset = q.Int("offset", 0, 0, 1'000'000'000);
        if (!q.ok()) return WriteError(res, q.ToError());
        auto list = use_cases.booking.List(*ctx.principal, filter);
        if (!list) return WriteError(res, list.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", list->items, WriteRequest);
          out.Field("total", list->total);
          out.Field("new_count", list->counts.fresh);
          out.EndObject();
        });
      });
  router.Add(
      "GET", "/api/v1/booking-requests/:id", office,
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto detail = use_cases.booking.Get(*ctx.principal, *id);
        if (!detail) return WriteError(res, detail.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteDetail(out, *detail); });
      });
  router.Add(
      "PUT", "/api/v1/booking-requests/:id/status", office,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto status = f.RequiredString("status");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto detail = use_cases.booking.SetStatus(*ctx.principal, ctx.meta, *id, status);
        if (!detail) return WriteError(res, detail.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteDetail(out, *detail); });
      });
  router.Add(
      "POST", "/api/v1/booking-requests/:id/reply", office,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto message = f.OptionalString("message").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto detail = use_cases.booking.Reply(*ctx.principal, ctx.meta, *id, message);
        if (!detail) return WriteError(res, detail.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteDetail(out, *detail); });
      });
  router.Add(
      "POST", "/api/v1/booking-requests/:id/accept", office,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        app::AcceptInput input;
        input.client_id = f.OptionalInt64("client_id");
        input.allow_duplicate = f.OptionalBool("allow_duplicate", false);
        input.pricing_rule_id = f.OptionalInt64("pricing_rule_id");
        input.override_reason = f.OptionalString("override_reason").value_or("");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto done = use_cases.booking.Accept(*ctx.principal, ctx.meta, *id, input);
        if (!done) return WriteError(res, done.error());
        WriteJsonWith(res, done->created ? 201 : 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("client_id", done->client_id);
          out.Field("mission_id", done->mission_id);
          out.Field("quote_id", done->quote_id);
          out.Field("created", done->created);
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/booking-requests/:id/decline", office,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto reason = f.OptionalString("reason").value_or("");
        bool notify = f.OptionalBool("notify", true);
        if (!f.ok()) return WriteError(res, f.ToError());
        auto detail = use_cases.booking.Decline(*ctx.principal, ctx.meta, *id, reason, notify);
        if (!detail) return WriteError(res, detail.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteDetail(out, *detail); });
      });
  router.Add(
      "POST", "/api/v1/booking-requests/:id/propose", office,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto user = f.RequiredId("user_id");
        if (!f.ok()) return WriteError(res, f.ToError());
        auto detail = use_cases.booking.Propose(*ctx.principal, ctx.meta, *id, user);
        if (!detail) return WriteError(res, detail.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) { WriteDetail(out, *detail); });
      });

  // ---- The performer's side of the two-step validation: every member may ask; only the
  // proposed performer finds anything.
  const auto member = Access::NeedAny(Permission::kMissionsReadAll, Permission::kMissionsReadOwn);
  router.Add(
      "GET", "/api/v1/booking-proposals", member.Revalidated(),
      [&use_cases](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
        auto list = use_cases.booking.Proposals(*ctx.principal);
        if (!list) return WriteError(res, list.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.ArrayField("items", *list, [](JsonWriter& o, const store::BookingRequestRow& r) {
            // The date and the place: the visitor's contact stays with the office.
            o.BeginObject();
            o.Field("id", r.id);
            o.Field("reference", r.reference);
            o.Field("event_type", r.event_type);
            o.Field("starts_at", r.starts_at);
            o.Field("ends_at", r.ends_at);
            o.Field("place", r.place);
            o.Field("guests", r.guests);
            o.EndObject();
          });
          out.EndObject();
        });
      });
  router.Add(
      "POST", "/api/v1/booking-proposals/:id/answer", member,
      [&use_cases](const httplib::Request& req, httplib::Response& res, const RequestContext& ctx) {
        auto id = PathId(ctx, "id");
        if (!id) return WriteError(res, id.error());
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        auto answer = f.RequiredString("answer");
        if (f.ok() && answer != "accept" && answer != "refuse") {
          f.AddError("answer", "accept ou refuse.");
        }
        if (!f.ok()) return WriteError(res, f.ToError());
        auto detail =
            use_cases.booking.AnswerProposal(*ctx.principal, ctx.meta, *id, answer == "accept");
        if (!detail) return WriteError(res, detail.error());
        WriteJsonWith(res, 200, [&](JsonWriter& out) {
          out.BeginObject();
          out.Field("id", detail->request.id);
          out.Field("performer_answer", detail->request.performer_answer);
          out.EndObject();
        });
      });

  // ---- Ratings: the client's page (the link's token is the credential) and the office's view.
  auto write_page = [](JsonWriter& out, const app::RatingPage& p) {
    out.BeginObject();
    out.Field("organization_name", p.organization_name);
    out.TextOrNull("logo_url", p.logo_url);
    out.TextOrNull("brand_color", p.brand_color);
    out.Field("event_type", p.event_type);
    out.Field("starts_at", p.starts_at);
    out.ArrayField("crew", p.crew, [](JsonWriter& o, const app::RatedPerson& c) {
      o.BeginObject();
      o.Field("user_id", c.user_id);
      o.Field("first_name", c.first_name);
      o.EndObject();
    });
    out.Field("submitted", p.submitted);
    out.EndObject();
  };
  router.Add("GET", "/api/v1/public/ratings/:token", Access::Public(),
             [&use_cases, write_page](const httplib::Request&, httplib::Response& res,
                                      const RequestContext& ctx) {
               auto page = use_cases.ratings.GetPublic(ctx.params.at("token"));
               if (!page) return WriteError(res, page.error());
               res.set_header("Cache-Control", "no-store");
               WriteJsonWith(res, 200, [&](JsonWriter& out) { write_page(out, *page); });
             });
  router.Add(
      "POST", "/api/v1/public/ratings/:token", Access::Public(),
      [&use_cases, write_page](const httplib::Request& req, httplib::Response& res,
                               const RequestContext& ctx) {
        auto body = ParseJsonObject(req);
        if (!body) return WriteError(res, body.error());
        JsonFields f(*body);
        domain::RatingInput input;
        input.overall = f.OptionalInt("overall");
        input.comment = f.OptionalString("comment").value_or("");
        input.public_consent = f.OptionalBool("public_consent", false);
        if (body->contains("crew") && !(*body)["crew"].is_null()) {
          const auto& crew = (*body)["crew"];
          if (!crew.is_array() || crew.size() > 50) {
            f.AddError("crew", "Une liste de notes.");
          } else {
            for (std::size_t i = 0; i < crew.size(); ++i) {
              const auto& c = crew[i];
              if (!c.is_object() || !c.contains("user_id") || !c["user_id"].is_number_integer() ||
                  !c.contains("stars") || !c["stars"].is_number_integer()) {
                f.AddError("crew[" + std::to_string(i) + "]", "{user_id, stars} attendus.");
                continue;
              }
              input.crew.push_back(
                  {c["user_id"].get<long long>(), static_cast<int>(c["stars"].get<long long>())});
            }
          }
        }
        if (!f.ok()) return WriteError(res, f.ToError());
        auto page =
            use_cases.ratings.SubmitPublic(ctx.params.at("token"), std::move(input), ctx.meta);
        if (!page) return WriteError(res, page.error());
        WriteJsonWith(res, 201, [&](JsonWriter& out) { write_page(out, *page); });
      });
  auto write_rating = [](JsonWriter& o, const store::RatingRow& r) {
    o.BeginObject();
    o.Field("mission_id", r.mission_id);
    o.Field("mission_title", r.mission_title);
    o.Field("mission_starts_at", r.mission_starts_at);
    o.Field("event_type", r.event_type);
    o.Field("first_name", r.first_name);
    o.Field("requested_at", r.requested_at);
    o.Field("expires_at", r.expires_at);
    o.TextOrNull("submitted_at", r.submitted_at);
    o.Key("overall");
    if (r.overall) {
      o.Int(*r.overall);
    } else {
      o.Null();
    }
    o.Field("comment", r.comment);
    o.Field("public_consent", r.public_consent);
    o.ArrayField("crew", r.crew, [](JsonWriter& w, const domain::CrewStars& c) {
      w.BeginObject();
      w.Field("user_id", c.user);
      w.Field("stars", c.stars);
      w.EndObject();
    });
    o.EndObject();
  };
  router.Add("GET", "/api/v1/ratings", Access::Need(Permission::kReportsRead).Revalidated(),
             [&use_cases, write_rating](const httplib::Request&, httplib::Response& res,
                                        const RequestContext& ctx) {
               auto overview = use_cases.ratings.Overview(*ctx.principal);
               if (!overview) return WriteError(res, overview.error());
               const auto& s = overview->summary;
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Field("count", s.count);
                 out.Field("average_hundredths", domain::AverageHundredths(s.sum, s.count));
                 out.ArrayField(
                     "people", s.people, [](JsonWriter& o, const store::PersonAverage& p) {
                       o.BeginObject();
                       o.Field("user_id", p.user_id);
                       o.Field("name", p.name);
                       o.Field("count", p.count);
                       o.Field("average_hundredths", domain::AverageHundredths(p.sum, p.count));
                       o.EndObject();
                     });
                 out.ArrayField("latest", overview->latest, write_rating);
                 out.EndObject();
               });
             });
  router.Add("GET", "/api/v1/missions/:id/rating", Access::Need(Permission::kMissionsReadAll),
             [&use_cases, write_rating](const httplib::Request&, httplib::Response& res,
                                        const RequestContext& ctx) {
               auto id = PathId(ctx, "id");
               if (!id) return WriteError(res, id.error());
               auto rating = use_cases.ratings.ForMission(*ctx.principal, *id);
               if (!rating) return WriteError(res, rating.error());
               WriteJsonWith(res, 200, [&](JsonWriter& out) {
                 out.BeginObject();
                 out.Key("rating");
                 if (*rating) {
                   write_rating(out, **rating);
                 } else {
                   out.Null();
                 }
                 out.EndObject();
               });
             });
}

}  // namespace planify::http
