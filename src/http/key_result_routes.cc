// GET /key-results (filtered, paged), GET /key-results/{id},
// GET /key-results/{id}/history (its chart) and
// GET /key-results/{id}/check-ins (newest first),
// as of `as_of`; a key result of a private objective is 404 to those who may
// not see that objective.
#include <algorithm>
#include <ranges>

#include "app/access.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// The key result named by the path as it stood at `t`, or why there is none.
Result<const KeyResult*> visible_key_result(const Evaluation& eval, const app::Principal& who,
                                            const Request& request) {
  auto id = path_id<KeyResultId>(request, kKeyResultPrefix, "key result");
  if (!id) return id.error();
  if (!app::can_see(eval.model(), who, *id)) return not_found("key result");
  const KeyResult* kr = eval.key_result(*id);
  if (!kr) return not_found("key result");
  return kr;
}

// GET /key-results?owner_id&delegate_id&objective_id&period_id: what a person
// has to check in on across objectives ("My OKRs"), archived ones left out.
Response list_key_results(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  auto owner = query_id<PersonId>(request, "owner_id", kPersonPrefix);
  if (!owner) return problem_for(owner.error());
  auto delegate = query_id<PersonId>(request, "delegate_id", kPersonPrefix);
  if (!delegate) return problem_for(delegate.error());
  auto objective = query_id<ObjectiveId>(request, "objective_id", kObjectivePrefix);
  if (!objective) return problem_for(objective.error());
  auto period = query_id<PeriodId>(request, "period_id", kPeriodPrefix);
  if (!period) return problem_for(period.error());
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    std::vector<const KeyResult*> found;
    for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
      const KeyResult* kr = eval.key_result(KeyResultId{i});
      if (!kr || kr->archived || !app::can_see(model, who, kr->id)) continue;
      if (*owner && kr->owner != **owner) continue;
      if (*delegate && std::ranges::find(kr->delegates, **delegate) == kr->delegates.end()) {
        continue;
      }
      if (*objective && kr->objective != **objective) continue;
      if (*period) {
        const Objective* o = eval.objective(kr->objective);
        if (!o || o->period != **period) continue;
      }
      found.push_back(kr);
    }
    w.begin_object().key("items").begin_array();
    for (std::size_t i = paging->offset; i < paging->end(found.size()); ++i) {
      write_key_result(w, eval, who, *found[i]);
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(found.size())).end_object();
  });
  return Response::json(200, w.take());
}

Response get_key_result(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  return context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    auto kr = visible_key_result(eval, who, request);
    if (!kr) return problem_for(kr.error());
    JsonWriter w;
    write_key_result(w, eval, who, **kr);
    Response response = Response::json(200, w.take());
    response.headers.emplace_back(
        "ETag", "\"" + std::to_string(version_at(model.key_result_history((*kr)->id), *t)) + "\"");
    return response;
  });
}

Response list_check_ins(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  return context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    auto kr = visible_key_result(eval, who, request);
    if (!kr) return problem_for(kr.error());
    // The evaluation gives them oldest first by (at, id); the API answers newest first.
    std::vector<const CheckIn*> check_ins = eval.check_ins((*kr)->id);
    std::ranges::reverse(check_ins);
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (std::size_t i = paging->offset; i < paging->end(check_ins.size()); ++i) {
      write_check_in(w, **kr, *check_ins[i]);
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(check_ins.size())).end_object();
    return Response::json(200, w.take());
  });
}

// GET /key-results/{id}/history: what the key result's chart draws, as of
// `as_of`: progress after each check-in (with the check-in's value and
// confidence) and the expected pace as the corners of a line, all computed
// by the same rules as its current numbers.
Response history(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  return context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    auto kr = visible_key_result(eval, who, request);
    if (!kr) return problem_for(kr.error());
    const KeyResultId id = (*kr)->id;
    JsonWriter w;
    w.begin_object();
    w.key("key_result_id").value(api_id(kKeyResultPrefix, id.value()));
    w.key("as_of").value(to_rfc3339(*t));
    const std::vector<ProgressPoint> progress = eval.progress_history(id);
    const std::vector<const CheckIn*> check_ins = eval.check_ins(id);
    w.key("points").begin_array();
    for (std::size_t i = 0; i < progress.size() && i < check_ins.size(); ++i) {
      w.begin_object();
      w.key("at").value(to_rfc3339(progress[i].at));
      w.key("progress").value(progress[i].progress);
      w.key("check_in");
      write_check_in(w, **kr, *check_ins[i]);
      w.end_object();
    }
    w.end_array();
    w.key("pace").begin_array();
    for (Instant corner : eval.pace_corners(id)) {
      w.begin_object();
      w.key("at").value(to_rfc3339(corner));
      w.key("expected").value(eval.expected_at(id, corner));
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return Response::json(200, w.take());
  });
}

}  // namespace

void add_key_result_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/key-results"),
            "List key results by owner, delegate, objective or period (what someone checks in on)",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return list_key_results(context, r, who);
            }));
  add_route(router, context, "GET", route("/key-results/{id}"),
            "A key result with its progress, expected pace, status and forecast",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return get_key_result(context, r, who);
            }));
  add_route(router, context, "GET", route("/key-results/{id}/history"),
            "A key result's chart: progress after each check-in, and the expected pace",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return history(context, r, who);
            }));
  add_route(router, context, "GET", route("/key-results/{id}/check-ins"),
            "A key result's check-ins, newest first",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return list_check_ins(context, r, who);
            }));
}

}  // namespace cairn::http
