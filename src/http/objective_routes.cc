// GET /objectives (filtered, paged) and GET /objectives/{id}, as of `as_of`,
// showing only what the caller may see (app/access.h).
#include "app/access.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/objective_filter.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

Response list_objectives(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto filter = objective_filter(request);
  if (!filter) return problem_for(filter.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    std::vector<const Objective*> found;
    for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
      const Objective* o = eval.objective(ObjectiveId{i});
      if (o && app::can_see(model, who, o->id) && filter->matches(eval, *o)) found.push_back(o);
    }
    w.begin_object().key("items").begin_array();
    for (std::size_t i = paging->offset; i < paging->end(found.size()); ++i) {
      write_objective(w, eval, who, *found[i]);
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(found.size())).end_object();
  });
  return Response::json(200, w.take());
}

Response get_objective(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto id = path_id<ObjectiveId>(request, kObjectivePrefix, "objective");
  if (!id) return problem_for(id.error());
  return context.service.read(who.organization, [&](const Model& model) {
    // A private objective is 404 to those who may not see it, never 403.
    if (!app::can_see(model, who, *id)) return problem_for(not_found("objective"));
    // The body depends on the model's state, the instant and what the caller
    // may see (their "can" flags too), and on nothing else.
    const std::string key = answer_key("objective", who, model.generation(), *t, {id->value()});
    auto body = context.kept_answers->find_or_keep(key, [&]() -> std::optional<std::string> {
      const Evaluation eval(model, *t);
      const Objective* o = eval.objective(*id);
      if (!o) return std::nullopt;
      JsonWriter w;
      write_objective_detail(w, eval, who, *o);
      return w.take();
    });
    if (!body) return problem_for(not_found("objective"));
    Response response = Response::json(200, std::move(*body));
    response.headers.emplace_back(
        "ETag", "\"" + std::to_string(version_at(model.objective_history(*id), *t)) + "\"");
    return response;
  });
}

}  // namespace

void add_objective_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/objectives"),
            "List objectives by period, unit, owner, state, status or title",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return list_objectives(context, r, who);
            }));
  add_route(router, context, "GET", route("/objectives/{id}"),
            "An objective with its key results, parents, children, dependencies and warnings",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return get_objective(context, r, who);
            }));
}

}  // namespace cairn::http
