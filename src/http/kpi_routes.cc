// KPIs (F30, F31; docs/kpis.md): GET, POST /kpis; GET, POST, PATCH
// /kpis/{id}; GET /kpis/{id}/values and POST to record values (JSON, or a CSV
// history) with a session, an API token or the KPI's own push token; the push
// token (POST, DELETE /kpis/{id}/token) and the pull (PUT, DELETE
// /kpis/{id}/pull).
//
// KPIs are the organisation's: every member reads them. Their owner and
// admins keep them (edit, record values, set sources); the pull's settings and
// state are shown to keepers only, since a URL may carry credentials. The key
// results a KPI feeds are listed only when the caller may see them.
#include <boost/json.hpp>
#include <unordered_map>

#include "app/access.h"
#include "app/exchange/kpi_history_csv.h"
#include "core/evaluation.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/okr_json.h"
#include "http/read_query.h"
#include "http/write_support.h"

namespace cairn::http {
namespace {

constexpr std::string_view kKpiTokenPrefix = "cairnkpi_";

bool keeps(const Model& model, const app::Principal& who, KpiId id) {
  return app::keeps_kpi(model, who, id).has_value();
}

// A member that is a finite number or null (an open end of the band).
void bound_field(const json::object& body, std::string_view key, std::optional<double>& out,
                 FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (v->is_null()) {
    out.reset();
  } else if (v->is_number() && std::isfinite(v->to_number<double>())) {
    out = v->to_number<double>();
  } else {
    errors.add(invalid(std::string(key), "must be a number or null"));
  }
}

void read_editable(const json::object& body, Kpi& k, FieldErrors& errors) {
  string_field(body, "name", k.name, errors);
  string_field(body, "unit", k.unit, errors, 32);
  string_field(body, "description", k.description, errors, 10'000);
  id_field(body, "owner_id", kPersonPrefix, k.owner, errors);
  bound_field(body, "low", k.low, errors);
  bound_field(body, "high", k.high, errors);
  if (const json::value* v = body.if_contains("archived")) {
    if (v->is_bool()) {
      k.archived = v->as_bool();
    } else {
      errors.add(invalid("archived", "must be true or false"));
    }
  }
}

void write_value(JsonWriter& w, const KpiValue& v) {
  w.begin_object();
  w.key("at").value(to_rfc3339(v.at));
  w.key("value").value(v.value);
  w.key("origin").value(to_string(v.origin));
  w.key("recorded_at").value(to_rfc3339(v.recorded_at));
  w.end_object();
}

// The source's settings and state, for keepers; others learn only whether
// values arrive on their own.
void write_source(JsonWriter& w, const store::KpiSourceRecord* source, bool keeper) {
  w.key("source");
  if (!keeper) {
    w.begin_object();
    w.key("pulled").value(source && !source->url.empty());
    w.key("pushed").value(source && !source->token_hash.empty());
    w.end_object();
    return;
  }
  w.begin_object();
  w.key("push_token").begin_object();
  w.key("active").value(source && !source->token_hash.empty());
  instant_or_null(w, "created_at", source ? source->token_created_at : std::nullopt);
  w.end_object();
  w.key("pull");
  if (!source || source->url.empty()) {
    w.null();
  } else {
    w.begin_object();
    w.key("url").value(source->url);
    w.key("pointer").value(source->pointer);
    w.key("interval_minutes").value(static_cast<std::int64_t>(source->interval_minutes));
    w.key("headers").begin_array();
    // Names, and where each value comes from; sealed values never leave the server.
    if (auto headers = boost::json::parse(source->headers); headers.is_array()) {
      for (const auto& h : headers.as_array()) {
        const auto& object = h.as_object();
        w.begin_object().key("name").value(std::string_view(object.at("name").as_string()));
        if (const auto* env = object.if_contains("env")) {
          w.key("env").value(std::string_view(env->as_string()));
        } else {
          w.key("sealed").value(true);
        }
        w.end_object();
      }
    }
    w.end_array();
    instant_or_null(w, "next_pull_at", source->next_pull_at);
    instant_or_null(w, "last_attempt_at", source->last_attempt_at);
    instant_or_null(w, "last_success_at", source->last_success_at);
    w.key("last_error");
    if (source->last_error.empty()) {
      w.null();
    } else {
      w.value(source->last_error);
    }
    w.key("failures").value(static_cast<std::int64_t>(source->failures));
    w.end_object();
  }
  w.end_object();
}

// A KPI as it stood at `eval`'s instant; `detail` adds the key results it feeds.
void write_kpi(JsonWriter& w, const Evaluation& eval, const app::Principal& who, const Kpi& k,
               const store::KpiSourceRecord* source, bool detail) {
  const Model& model = eval.model();
  const bool keeper = keeps(model, who, k.id);
  w.begin_object();
  w.key("id").value(api_id(kKpiPrefix, k.id.value()));
  w.key("name").value(k.name);
  w.key("unit").value(k.unit);
  w.key("description").value(k.description);
  w.key("owner_id").value(api_id(kPersonPrefix, k.owner.value()));
  w.key("low").value(k.low);
  w.key("high").value(k.high);
  w.key("archived").value(k.archived);
  w.key("created_at").value(to_rfc3339(k.created_at));
  const KpiValue* latest = model.latest_kpi_value(k.id, eval.as_of());
  w.key("latest");
  if (latest) {
    write_value(w, *latest);
  } else {
    w.null();
  }
  w.key("healthy");
  if (latest) {
    w.value(healthy(k, latest->value));
  } else {
    w.null();
  }
  write_source(w, source, keeper);
  if (detail) {
    w.key("key_results").begin_array();
    for (KeyResultId id : model.key_results_of_kpi(k.id)) {
      const KeyResult* kr = model.key_result_history(id).at(eval.as_of());
      if (!kr || kr->source != ProgressSource::kKpi || kr->kpi != k.id || kr->archived) continue;
      if (!app::can_see(model, who, id)) continue;
      write_key_result(w, eval, who, *kr);
    }
    w.end_array();
  }
  w.key("can")
      .begin_object()
      .key("edit")
      .value(keeper)
      .key("pull")
      .value(app::sets_kpi_pull(model, who, k.id).has_value())
      .end_object();
  w.key("version").value(version_at(model.kpi_history(k.id), eval.as_of()));
  w.end_object();
}

Response kpi_answer(ApiContext& context, const app::Principal& who, KpiId id, int status,
                    Instant t) {
  auto source = context.service.kpi_source(who, id);
  if (!source) return problem_for(source.error());
  return context.service.read(who.organization, [&](const Model& model) {
    const Kpi* k = model.kpi(id) ? model.kpi_history(id).at(t) : nullptr;
    if (!k) return problem_for(not_found("KPI"));
    const Evaluation eval(model, t);
    JsonWriter w;
    write_kpi(w, eval, who, *k, &*source, true);
    Response response = Response::json(status, w.take());
    response.headers.emplace_back(
        "ETag", "\"" + std::to_string(version_at(model.kpi_history(id), t)) + "\"");
    return response;
  });
}

Response list_kpis(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  bool archived = false;
  if (auto it = request.query.find("archived"); it != request.query.end()) {
    if (it->second != "true" && it->second != "false") {
      return problem_for(invalid("archived", "true or false"));
    }
    archived = it->second == "true";
  }
  auto sources = context.service.kpi_sources(who);
  if (!sources) return problem_for(sources.error());
  std::unordered_map<std::uint32_t, const store::KpiSourceRecord*> by_kpi;
  for (const auto& s : *sources) by_kpi[s.kpi] = &s;
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    std::vector<const Kpi*> found;
    for (std::uint32_t n = 0; n < model.kpi_count(); ++n) {
      const Kpi* k = model.kpi_history(KpiId{n}).at(*t);
      if (k && k->archived == archived) found.push_back(k);
    }
    w.begin_object().key("items").begin_array();
    for (std::size_t n = paging->offset; n < paging->end(found.size()); ++n) {
      const Kpi& k = *found[n];
      auto source = by_kpi.find(k.id.value());
      write_kpi(w, eval, who, k, source == by_kpi.end() ? nullptr : source->second, false);
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(found.size())).end_object();
  });
  return Response::json(200, w.take());
}

Response create_kpi(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  FieldErrors errors;
  Kpi k;
  k.owner = who.person;  // the caller's, unless the body names an owner
  if (!body->contains("name")) errors.add(invalid("name", "is required"));
  read_editable(*body, k, errors);
  if (body->contains("archived")) errors.add(invalid("archived", "a new KPI is not archived"));
  if (!errors.empty()) return problem_for(errors.error());
  auto committed = context.service.execute(who, app::AddKpi{k}, context.now());
  if (!committed) return problem_for(committed.error());
  return kpi_answer(context, who, KpiId{*committed->applied.created}, 201, Instant::max());
}

Response get_kpi(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto id = path_id<KpiId>(request, kKpiPrefix, "KPI");
  if (!id) return problem_for(id.error());
  return kpi_answer(context, who, *id, 200, *t);
}

Response update_kpi(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<KpiId>(request, kKpiPrefix, "KPI");
  if (!id) return problem_for(id.error());
  auto expected = if_match(request);
  if (!expected) return problem_for(expected.error());
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  std::optional<Kpi> next;
  context.service.read(who.organization, [&](const Model& model) {
    if (model.kpi(*id)) next = *model.kpi(*id);
  });
  if (!next) return problem_for(not_found("KPI"));
  FieldErrors errors;
  read_editable(*body, *next, errors);
  if (!errors.empty()) return problem_for(errors.error());
  auto committed = context.service.execute(
      who, app::UpdateKpi{*next}, context.now(),
      version_is(*expected, [id = *id](const Model& model) -> const History<Kpi>* {
        return model.kpi(id) ? &model.kpi_history(id) : nullptr;
      }));
  if (!committed) return problem_for(committed.error());
  return kpi_answer(context, who, *id, 200, Instant::max());
}

Response list_values(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto id = path_id<KpiId>(request, kKpiPrefix, "KPI");
  if (!id) return problem_for(id.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  FieldErrors errors;
  auto bound = [&](const char* name) -> std::optional<Instant> {
    auto it = request.query.find(name);
    if (it == request.query.end()) return std::nullopt;
    auto at = parse_rfc3339(it->second);
    if (!at) errors.add(invalid(name, "an instant such as 2026-11-23T09:00:00Z"));
    return at;
  };
  const auto from = bound("from");
  const auto to = bound("to");
  if (!errors.empty()) return problem_for(errors.error());
  return context.service.read(who.organization, [&](const Model& model) {
    if (!model.kpi(*id) || !model.kpi_history(*id).at(*t)) return problem_for(not_found("KPI"));
    std::vector<const KpiValue*> found;
    for (const KpiValue& v : model.kpi_values(*id)) {
      if (!v.visible_at(*t) || (from && v.at < *from) || (to && *to < v.at)) continue;
      found.push_back(&v);
    }
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (std::size_t n = paging->offset; n < paging->end(found.size()); ++n) {
      write_value(w, *found[n]);
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(found.size())).end_object();
    return Response::json(200, w.take());
  });
}

// The values of a POST: {"value", "at"?}, {"values": [{"value", "at"?}]}, or
// a CSV history (kpi_history_csv.h).
Result<std::vector<KpiValue>> posted_values(const Request& request, Instant now, KpiOrigin origin) {
  const std::string* type = request.header("content-type");
  if (type && type->starts_with("text/csv")) {
    auto history = app::exchange::read_kpi_history(request.body);
    if (history.problems.empty()) return std::move(history.values);
    Error error{ErrorCode::kInvalid, "the CSV has problems", {}, {}, {}};
    for (const auto& p : history.problems) {
      error.fields.push_back({"line " + std::to_string(p.line), p.message});
    }
    return error;
  }
  auto body = json_body(request);
  if (!body) return body.error();
  FieldErrors errors;
  std::vector<KpiValue> values;
  auto one = [&](const json::object& item, const std::string& path) {
    KpiValue v{now, 0, origin, {}};
    const json::value* value = item.if_contains("value");
    if (!value || !value->is_number() || !std::isfinite(value->to_number<double>())) {
      errors.add(invalid(path + "value", "must be a finite number"));
    } else {
      v.value = value->to_number<double>();
    }
    if (const json::value* at = item.if_contains("at"); at && !at->is_null()) {
      const auto parsed = at->is_string() ? parse_rfc3339(at->as_string()) : std::nullopt;
      if (!parsed) {
        errors.add(invalid(path + "at", "an instant such as 2026-11-23T09:00:00Z"));
      } else {
        v.at = *parsed;
      }
    }
    values.push_back(v);
  };
  if (const json::value* list = body->if_contains("values")) {
    if (!list->is_array() || list->as_array().empty() ||
        list->as_array().size() > app::exchange::kMaxKpiHistoryRows) {
      errors.add(invalid("values", "a list of 1 to 100000 {value, at} objects"));
    } else {
      for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const json::value& item = list->as_array()[i];
        const std::string path = "values[" + std::to_string(i) + "].";
        if (!item.is_object()) {
          errors.add(invalid("values[" + std::to_string(i) + "]", "a {value, at} object"));
        } else {
          one(item.as_object(), path);
        }
      }
    }
  } else {
    one(*body, "");
  }
  if (!errors.empty()) return errors.error();
  return values;
}

Response record_values(ApiContext& context, Request& request) {
  // A KPI's push token, or any credential of a keeper.
  Result<app::Principal> who = Error{ErrorCode::kUnauthenticated, "", {}, {}, {}};
  const std::string* auth = request.header("authorization");
  const bool pushed = auth && auth->starts_with("Bearer ") &&
                      std::string_view(*auth).substr(7).starts_with(kKpiTokenPrefix);
  if (pushed) {
    who = context.service.authenticate_kpi_token(std::string_view(*auth).substr(7),
                                                 request.remote_address, context.now());
  } else {
    who = authenticate(context, request);
  }
  // Who asks comes first, so an unknown caller learns nothing of what exists.
  if (!who) return problem_for(who.error());
  auto id = path_id<KpiId>(request, kKpiPrefix, "KPI");
  if (!id) return problem_for(id.error());
  if (pushed) {
    if (who->kpi_source != *id) {
      context.service.record_kpi_token_misused(*who, *id, context.now());
      return problem_for(
          Error{ErrorCode::kForbidden, "this token records another KPI's values", {}, {}, {}});
    }
  }
  const Instant now = context.now();
  auto values = posted_values(request, now, pushed ? KpiOrigin::kPush : KpiOrigin::kManual);
  if (!values) return problem_for(values.error());
  const std::size_t count = values->size();
  auto committed = context.service.execute(*who, app::AddKpiValues{*id, std::move(*values)}, now);
  if (!committed) return problem_for(committed.error());
  return context.service.read(who->organization, [&](const Model& model) {
    JsonWriter w;
    w.begin_object();
    w.key("recorded").value(static_cast<std::int64_t>(count));
    w.key("latest");
    write_value(w, *model.latest_kpi_value(*id, Instant::max()));
    w.end_object();
    return Response::json(201, w.take());
  });
}

Response create_kpi_token(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<KpiId>(request, kKpiPrefix, "KPI");
  if (!id) return problem_for(id.error());
  auto token = context.service.create_kpi_token(who, *id, context.now());
  if (!token) return problem_for(token.error());
  JsonWriter w;
  w.begin_object().key("token").value(*token).end_object();
  Response response = Response::json(201, w.take());
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response revoke_kpi_token(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<KpiId>(request, kKpiPrefix, "KPI");
  if (!id) return problem_for(id.error());
  auto revoked = context.service.revoke_kpi_token(who, *id, context.now());
  if (!revoked) return problem_for(revoked.error());
  return no_content();
}

Response set_pull(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<KpiId>(request, kKpiPrefix, "KPI");
  if (!id) return problem_for(id.error());
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  FieldErrors errors;
  app::KpiPull pull;
  pull.url = errors.take(required_string(*body, "url", "url"));
  pull.pointer = errors.take(optional_string(*body, "pointer", "pointer")).value_or("");
  int_field(*body, "interval_minutes", pull.interval_minutes, 1, 10080, errors);
  if (const json::value* headers = body->if_contains("headers")) {
    if (!headers->is_array()) {
      errors.add(invalid("headers", "a list of {name, value} or {name, env}"));
    } else {
      for (std::size_t i = 0; i < headers->as_array().size(); ++i) {
        const json::value& item = headers->as_array()[i];
        const std::string path = "headers[" + std::to_string(i) + "]";
        if (!item.is_object()) {
          errors.add(invalid(path, "a {name, value} or {name, env} object"));
          continue;
        }
        app::KpiHeader h;
        h.name = errors.take(required_string(item.as_object(), "name", path + ".name"));
        h.value =
            errors.take(optional_string(item.as_object(), "value", path + ".value")).value_or("");
        h.env = errors.take(optional_string(item.as_object(), "env", path + ".env")).value_or("");
        pull.headers.push_back(std::move(h));
      }
    }
  }
  if (!errors.empty()) return problem_for(errors.error());
  auto set = context.service.set_kpi_pull(who, *id, pull, context.now());
  if (!set) return problem_for(set.error());
  return kpi_answer(context, who, *id, 200, Instant::max());
}

Response remove_pull(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<KpiId>(request, kKpiPrefix, "KPI");
  if (!id) return problem_for(id.error());
  auto removed = context.service.remove_kpi_pull(who, *id, context.now());
  if (!removed) return problem_for(removed.error());
  return no_content();
}

}  // namespace

void add_kpi_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/kpis"),
            "List KPIs with their latest value and health (archived=true for archived ones)",
            signed_in_call(context, list_kpis));
  add_route(router, context, "POST", route("/kpis"), "Create a KPI",
            signed_in_call(context, create_kpi));
  add_route(router, context, "GET", route("/kpis/{id}"),
            "A KPI with its source and the key results it feeds", signed_in_call(context, get_kpi));
  for (const char* method : {"POST", "PATCH"}) {
    add_route(router, context, method, route("/kpis/{id}"),
              "Change a KPI (name, unit, description, owner, band, archived)",
              signed_in_call(context, update_kpi));
  }
  add_route(router, context, "GET", route("/kpis/{id}/values"),
            "A KPI's values in time order (from, to, as_of)", signed_in_call(context, list_values));
  add_route(router, context, "POST", route("/kpis/{id}/values"),
            "Record values: JSON {value, at} or {values: [...]}, or a CSV history; with the "
            "KPI's push token or a keeper's credentials",
            [&context](Request& r) { return record_values(context, r); });
  add_route(router, context, "POST", route("/kpis/{id}/token"),
            "A new push token for the KPI (shown once; the earlier one stops working)",
            signed_in_call(context, create_kpi_token));
  add_route(router, context, "DELETE", route("/kpis/{id}/token"), "Revoke the KPI's push token",
            signed_in_call(context, revoke_kpi_token));
  add_route(router, context, "PUT", route("/kpis/{id}/pull"),
            "Pull the KPI's value from a URL: {url, pointer, interval_minutes, headers}",
            signed_in_call(context, set_pull));
  add_route(router, context, "DELETE", route("/kpis/{id}/pull"), "Stop pulling the KPI",
            signed_in_call(context, remove_pull));
}

}  // namespace cairn::http
