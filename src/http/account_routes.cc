// POST /setup, POST /organizations, GET /me, GET and POST /tokens, DELETE /tokens/{id},
// GET /organization.
#include "http/api_body.h"
#include "http/api_errors.h"
#include "http/api_handler.h"
#include "http/api_ids.h"
#include "http/api_json.h"
#include "http/api_routes.h"
#include "http/write_support.h"

namespace cairn::http {
namespace {

// POST /setup, and POST /organizations by a server admin (`who`): the same
// body and answer.
Response setup(ApiContext& context, Request& request, const app::Principal* who = nullptr) {
  // Refused before the body is read: a 403, not a list of field errors.
  if (who && !context.service.is_server_admin(*who)) {
    return problem_for(core::Error{
        core::ErrorCode::kForbidden, "only the server's admins create organisations", {}, {}, {}});
  }
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  auto organization = required_object(*body, "organization", "organization");
  auto admin = required_object(*body, "admin", "admin");
  if (!organization) return problem_for(organization.error());
  if (!admin) return problem_for(admin.error());
  FieldErrors errors;
  app::SetupRequest setup;
  setup.organization_name =
      errors.take(required_string(**organization, "name", "organization.name"));
  if (auto zone =
          errors.take(optional_string(**organization, "timezone", "organization.timezone"))) {
    setup.timezone = *zone;
  }
  setup.admin_name = errors.take(required_string(**admin, "name", "admin.name"));
  setup.admin_email = errors.take(required_string(**admin, "email", "admin.email"));
  setup.admin_password = errors.take(required_string(**admin, "password", "admin.password"));
  if (!errors.empty()) return problem_for(errors.error());
  auto done = who ? context.service.create_organization_as(*who, setup, context.now())
                  : context.service.setup(setup, context.now());
  if (!done) {
    core::Error error = done.error();
    // The policy names "password"; the request calls it admin.password.
    for (core::FieldError& f : error.fields) {
      if (f.field == "password" || f.field == "email" || f.field == "name")
        f.field = "admin." + f.field;
    }
    return problem_for(error);
  }
  JsonWriter w;
  w.begin_object();
  context.service.read(done->organization, [&](const core::Model& model) {
    w.key("organization");
    write_organization(w, done->organization, model.organization());
    w.key("user");
    write_person(w, *model.person(done->admin));
  });
  w.key("token").value(done->token);
  w.end_object();
  return Response::json(201, w.take());
}

// A browser signed in with the session cookie gets its CSRF token again
// here, so a reloaded page can keep writing. Only the same origin can read
// this answer (no CORS), which is what keeps the token from other sites.
Response me(ApiContext& context, const Request& request, const app::Principal& who) {
  std::optional<std::string> csrf_token;
  if (!request.header("Authorization")) {
    if (const auto session = cookie(request, context.session_cookie_name())) {
      if (auto signed_in = context.service.authenticate_session(*session, context.now())) {
        csrf_token = signed_in->second;
      }
    }
  }
  JsonWriter w;
  context.service.read(who.organization, [&](const core::Model& model) {
    w.begin_object();
    w.key("user");
    write_person(w, *model.person(who.person));
    w.key("organization_id")
        .value(api_id(kOrganizationPrefix, static_cast<std::uint64_t>(who.organization)));
    if (csrf_token) w.key("csrf_token").value(*csrf_token);
    w.end_object();
  });
  return Response::json(200, w.take());
}

Response list_tokens(ApiContext& context, const app::Principal& who) {
  auto tokens = context.service.tokens(who);
  if (!tokens) return problem_for(tokens.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const store::ApiTokenRecord& t : *tokens) write_token(w, t);
  w.end_array().key("next_cursor").null().end_object();
  return Response::json(200, w.take());
}

Response create_token(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  auto name = required_string(*body, "name", "name");
  if (!name) return problem_for(name.error());
  auto created = context.service.create_token(who, *name, context.now());
  if (!created) return problem_for(created.error());
  JsonWriter w;
  w.begin_object()
      .key("id")
      .value(api_id(kTokenPrefix, static_cast<std::uint64_t>(created->id)))
      .key("name")
      .value(created->name)
      .key("token")
      .value(created->token)
      .end_object();
  return Response::json(201, w.take());
}

Response revoke_token(ApiContext& context, Request& request, const app::Principal& who) {
  const auto id = parse_api_id(kTokenPrefix, request.params.at("id"));
  if (!id) return problem_for(core::not_found("token"));
  auto revoked = context.service.revoke_token(who, *id, context.now());
  if (!revoked) return problem_for(revoked.error());
  return no_content();
}

Response sign_in(ApiContext& context, Request& request) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  FieldErrors errors;
  const std::string email = errors.take(required_string(*body, "email", "email"));
  const std::string password = errors.take(required_string(*body, "password", "password"));
  if (!errors.empty()) return problem_for(errors.error());
  auto signed_in = context.service.sign_in(email, password, request.remote_address, context.now());
  if (!signed_in) return problem_for(signed_in.error());
  JsonWriter w;
  w.begin_object();
  context.service.read(signed_in->principal.organization, [&](const core::Model& model) {
    w.key("user");
    write_person(w, *model.person(signed_in->principal.person));
  });
  w.key("csrf_token").value(signed_in->csrf_token);
  w.end_object();
  Response response = Response::json(200, w.take());
  std::string set_cookie = context.session_cookie_name() + "=" + signed_in->session_id +
                           "; Path=/; HttpOnly; SameSite=Lax";
  if (context.secure_cookies) set_cookie += "; Secure";
  response.headers.emplace_back("Set-Cookie", std::move(set_cookie));
  return response;
}

Response sign_out(ApiContext& context, Request& request) {
  auto who = authenticate(context, request);  // checks the CSRF token for cookies
  if (!who) return problem_for(who.error());
  if (const auto session = cookie(request, context.session_cookie_name())) {
    if (auto ended = context.service.sign_out(*who, *session, context.now()); !ended) {
      return problem_for(ended.error());
    }
  }
  Response response = no_content();
  std::string expired =
      context.session_cookie_name() + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (context.secure_cookies) expired += "; Secure";
  response.headers.emplace_back("Set-Cookie", std::move(expired));
  return response;
}

Response organization(ApiContext& context, const app::Principal& who) {
  JsonWriter w;
  context.service.read(who.organization, [&](const core::Model& model) {
    write_organization(w, who.organization, model.organization());
  });
  return Response::json(200, w.take());
}

}  // namespace

void add_route(Router& router, ApiContext& context, std::string method, std::string pattern,
               std::string summary, Handler handler) {
  context.docs.describe(method, pattern, std::move(summary));
  router.add(std::move(method), std::move(pattern), std::move(handler));
}

void add_account_routes(Router& router, ApiContext& context) {
  add_route(router, context, "POST", route("/setup"),
            "Create the first organisation and its admin (only while the server has none)",
            [&context](Request& r) { return setup(context, r); });
  add_route(router, context, "GET", route("/setup"),
            "Whether the server still waits for its first organisation (POST /setup)",
            [&context](Request&) {
              return Response::json(200, context.service.has_organization()
                                             ? R"({"setup_needed":false})"
                                             : R"({"setup_needed":true})");
            });
  add_route(router, context, "POST", route("/organizations"),
            "A server admin creates another organisation with its admin (body as for /setup)",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return setup(context, r, &who);
            }));
  add_route(router, context, "POST", route("/auth/login"),
            "Sign in with email and password: a session cookie and a CSRF token",
            [&context](Request& r) { return sign_in(context, r); });
  add_route(router, context, "POST", route("/auth/logout"), "End the session",
            [&context](Request& r) { return sign_out(context, r); });
  add_route(router, context, "GET", route("/me"), "The signed-in person",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return me(context, r, who);
            }));
  add_route(router, context, "GET", route("/tokens"), "API tokens (never the tokens themselves)",
            signed_in(context, [&context](Request&, const app::Principal& who) {
              return list_tokens(context, who);
            }));
  add_route(router, context, "POST", route("/tokens"), "Create an API token, shown once",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return create_token(context, r, who);
            }));
  add_route(router, context, "DELETE", route("/tokens/{id}"), "Revoke an API token",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return revoke_token(context, r, who);
            }));
  add_route(router, context, "GET", route("/organization"),
            "The organisation: mission, vision, values, time zone, settings",
            signed_in(context, [&context](Request&, const app::Principal& who) {
              return organization(context, who);
            }));
}

}  // namespace cairn::http
