// The write side of key results (API.md "Key results and check-ins"): create
// one (with the key results it contributes to), change it, archive it. Dates
// (`start_date`, `due_date`, the plan's checkpoints) are calendar dates in the
// organisation's time zone.
#include "app/access.h"
#include "app/time_zone.h"
#include "core/evaluation.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/okr_json.h"
#include "http/read_query.h"
#include "http/write_support.h"

namespace cairn::http {
namespace {

// A finite number member.
void number_field(const json::object& body, std::string_view key, double& out,
                  FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (!v->is_number() || !std::isfinite(v->to_number<double>())) {
    errors.add(invalid(std::string(key), "must be a finite number"));
    return;
  }
  out = v->to_number<double>();
}

// A list of people ids (delegates).
void people_field(const json::object& body, std::string_view key, std::vector<PersonId>& out,
                  FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  std::vector<PersonId> people;
  if (!v->is_array()) {
    errors.add(invalid(std::string(key), "must be a list of person ids"));
    return;
  }
  for (const json::value& item : v->as_array()) {
    const auto index =
        item.is_string() ? parse_api_id(kPersonPrefix, item.as_string()) : std::nullopt;
    if (!index) {
      errors.add(invalid(std::string(key), "must be a list of person ids"));
      return;
    }
    people.emplace_back(*index);
  }
  out = people;
}

// A date member → the instant its day starts (or, for `end_of_day`, ends) in
// the organisation's zone; `null` clears it.
void day_field(const json::object& body, std::string_view key, std::optional<Instant>& out,
               bool end_of_day, std::string_view timezone, FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (v->is_null()) {
    out.reset();
    return;
  }
  const auto date = v->is_string() ? Date::parse(v->as_string()) : std::nullopt;
  if (!date) {
    errors.add(invalid(std::string(key), "must be a date such as 2026-06-30"));
    return;
  }
  auto at = app::start_of_day(Date{date->days + (end_of_day ? 1 : 0)}, timezone);
  if (!at) {
    errors.add(at.error());
    return;
  }
  out = *at;
}

Result<void> change_key_result(const json::object& body, KeyResult& kr, std::string_view timezone,
                               bool creating) {
  FieldErrors errors;
  if (creating) id_field(body, "objective_id", kObjectivePrefix, kr.objective, errors);
  string_field(body, "title", kr.title, errors);
  id_field(body, "owner_id", kPersonPrefix, kr.owner, errors);
  enum_field(body, "kind", kr.kind, errors, "metric, boolean, milestones, band");
  number_field(body, "start", kr.start, errors);
  if (const json::value* target = body.if_contains("target")) {
    if (target->is_null()) {
      kr.target.reset();
    } else {
      double value = 0;
      number_field(body, "target", value, errors);
      kr.target = value;
    }
  }
  string_field(body, "unit", kr.unit, errors, 50);
  number_field(body, "low", kr.low, errors);
  number_field(body, "high", kr.high, errors);
  if (const json::value* v = body.if_contains("milestones")) {
    std::vector<Milestone> milestones;
    if (!v->is_array() || v->as_array().size() > kMaxMilestones) {
      errors.add(invalid("milestones", "must be a list of at most 64 {title, weight}"));
    } else {
      for (const json::value& item : v->as_array()) {
        Milestone m;
        if (!item.is_object()) {
          errors.add(invalid("milestones", "must hold {title, weight} objects"));
          break;
        }
        string_field(item.as_object(), "title", m.title, errors);
        const json::value* weight = item.as_object().if_contains("weight");
        if (weight && (!weight->is_number() || !std::isfinite(weight->to_number<double>()) ||
                       weight->to_number<double>() < 0)) {
          errors.add(invalid("milestones", "weights must be numbers ≥ 0"));
        } else if (weight) {
          m.weight = weight->to_number<double>();
        }
        milestones.push_back(m);
      }
      kr.milestones = milestones;
    }
  }
  if (const json::value* v = body.if_contains("weight")) {
    if (!v->is_number() || !std::isfinite(v->to_number<double>()) || v->to_number<double>() < 0) {
      errors.add(invalid("weight", "must be a number ≥ 0"));
    } else {
      kr.weight = v->to_number<double>();
    }
  }
  day_field(body, "start_date", kr.starts_at, false, timezone, errors);
  day_field(body, "due_date", kr.due_at, true, timezone, errors);
  enum_field(body, "progress_source", kr.source, errors, "check_ins, children, kpi, sum");
  id_field(body, "kpi_id", kKpiPrefix, kr.kpi, errors);
  people_field(body, "delegates", kr.delegates, errors);
  if (const json::value* v = body.if_contains("plan")) {
    std::vector<PlanPoint> plan;
    if (!v->is_array()) {
      errors.add(invalid("plan", "must be a list of {date, value}"));
    } else {
      for (const json::value& item : v->as_array()) {
        if (!item.is_object()) {
          errors.add(invalid("plan", "must hold {date, value} objects"));
          break;
        }
        std::optional<Instant> at;
        PlanPoint point;
        day_field(item.as_object(), "date", at, false, timezone, errors);
        number_field(item.as_object(), "value", point.value, errors);
        if (!at) {
          errors.add(invalid("plan", "each checkpoint needs a date"));
          break;
        }
        point.at = *at;
        plan.push_back(point);
      }
      std::sort(plan.begin(), plan.end(),
                [](const PlanPoint& a, const PlanPoint& b) { return a.at < b.at; });
      kr.plan = plan;
    }
  }
  if (!errors.empty()) return errors.error();
  if (kr.title.empty()) return invalid("title", "is required");
  if (creating && !kr.objective.valid()) return invalid("objective_id", "is required");
  return {};
}

// `parents: [{key_result_id, weight, contributes}]`: the key results this
// one contributes to (cascaded `sum` key results).
Result<std::vector<AlignmentLink>> contributes_to(const json::object& body) {
  std::vector<AlignmentLink> links;
  const json::value* v = body.if_contains("parents");
  if (!v) return links;
  if (!v->is_array()) return invalid("parents", "must be a list");
  for (const json::value& item : v->as_array()) {
    if (!item.is_object()) return invalid("parents", "must hold objects");
    AlignmentLink link;
    KeyResultId parent;
    FieldErrors errors;
    id_field(item.as_object(), "key_result_id", kKeyResultPrefix, parent, errors);
    if (const json::value* w = item.as_object().if_contains("weight")) {
      if (!w->is_number() || !std::isfinite(w->to_number<double>()) || w->to_number<double>() < 0) {
        errors.add(invalid("parents.weight", "must be a number ≥ 0"));
      } else {
        link.weight = w->to_number<double>();
      }
    }
    if (const json::value* c = item.as_object().if_contains("contributes")) {
      if (!c->is_bool()) {
        errors.add(invalid("parents.contributes", "must be true or false"));
      } else {
        link.contributes = c->as_bool();
      }
    }
    if (!errors.empty()) return errors.error();
    if (!parent.valid()) return invalid("parents.key_result_id", "is required");
    link.parent = NodeRef::of(parent);
    links.push_back(link);
  }
  return links;
}

std::string timezone_of(ApiContext& context, const app::Principal& who) {
  return context.service.read(who.organization,
                              [](const Model& m) { return m.organization().timezone; });
}

Response key_result_answer(ApiContext& context, const app::Principal& who, KeyResultId id,
                           int status) {
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, context.now());
    write_key_result(w, eval, who, *model.key_result(id));
  });
  return Response::json(status, w.take());
}

Response post_key_result(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  KeyResult kr;
  kr.owner = who.person;  // default: the caller owns it
  if (auto ok = change_key_result(*body, kr, timezone_of(context, who), true); !ok) {
    return problem_for(ok.error());
  }
  auto parents = contributes_to(*body);
  if (!parents) return problem_for(parents.error());
  // An objective the caller may not see is named in the body: the same 422
  // as an unknown one, so the answer does not tell whether it exists.
  const bool seen = context.service.read(
      who.organization, [&](const Model& m) { return app::can_see(m, who, kr.objective); });
  if (!seen) return problem_for(invalid("objective_id", "no such objective"));
  auto committed = context.service.execute(who, app::CreateKeyResult{kr, *parents}, context.now());
  if (!committed) return problem_for(committed.error());
  return key_result_answer(context, who, KeyResultId{*committed->applied.created}, 201);
}

// POST /key-results/preview: the body of POST /key-results → the warnings
// the key result would raise (its own rules, and its objective's with one
// more key result); nothing is created.
Response preview_key_result(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  KeyResult kr;
  kr.owner = who.person;
  if (auto ok = change_key_result(*body, kr, timezone_of(context, who), true); !ok) {
    return problem_for(ok.error());
  }
  return context.service.read(who.organization, [&](const Model& model) {
    if (!app::can_see(model, who, kr.objective)) {
      return problem_for(invalid("objective_id", "no such objective"));
    }
    if (auto allowed = app::authorize(model, who, app::CreateKeyResult{kr, {}}); !allowed) {
      return problem_for(allowed.error());
    }
    auto warnings = model.warnings_for_new(kr);
    if (!warnings) return problem_for(warnings.error());
    return Response::json(200, warnings_object(*warnings));
  });
}

Response patch_key_result(ApiContext& context, Request& request, const app::Principal& who,
                          bool archive) {
  auto id = path_id<KeyResultId>(request, kKeyResultPrefix, "key result");
  if (!id) return problem_for(id.error());
  Result<json::object> body = json::object{};
  if (!archive) body = json_body(request);
  if (!body) return problem_for(body.error());
  const std::string timezone = timezone_of(context, who);
  Response response = patch<KeyResult>(
      context, request, who,
      [&](const Model& m) -> std::optional<std::pair<KeyResult, std::int64_t>> {
        const KeyResult* kr = m.key_result(*id);
        if (!kr || !app::can_see(m, who, *id)) return std::nullopt;
        return std::pair{*kr, version_of(m.key_result_history(*id))};
      },
      [&](KeyResult& kr) -> Result<void> {
        if (archive) {
          kr.archived = true;
          return {};
        }
        return change_key_result(*body, kr, timezone, false);
      },
      [](const KeyResult& kr) -> app::Command { return app::UpdateKeyResult{kr}; },
      [&](JsonWriter& w, const Model& m, const KeyResult& kr) {
        const Evaluation eval(m, context.now());
        write_key_result(w, eval, who, kr);
      });
  if (archive && response.status == 200) return no_content();
  return response;
}

}  // namespace

void add_key_result_write_routes(Router& router, ApiContext& context) {
  auto with = [&context](auto handler) { return signed_in_call(context, handler); };
  add_route(router, context, "POST", route("/key-results/preview"),
            "The warnings a new key result would raise (its own and its objective's)",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return preview_key_result(context, r, who);
            }));
  add_route(router, context, "POST", route("/key-results"),
            "Create a key result (with the key results it contributes to)", with(post_key_result));
  add_route(router, context, "PATCH", route("/key-results/{id}"), "Change a key result",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return patch_key_result(c, r, w, false);
            }));
  add_route(router, context, "DELETE", route("/key-results/{id}"),
            "Archive a key result (nothing is lost)",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return patch_key_result(c, r, w, true);
            }));
}

}  // namespace cairn::http
