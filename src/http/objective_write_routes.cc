// The write side of objectives (API.md "Objectives"): create one with its
// parents in one change, change it, archive it, align it (parents,
// dependencies), close it, override its score and roll it over. The service
// decides who may (authorize) and the model validates; these handlers read
// the body and build the command.
#include "app/access.h"
#include "app/permissions.h"
#include "core/evaluation.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/okr_json.h"
#include "http/read_query.h"
#include "http/write_support.h"

namespace cairn::http {
namespace {

// The objective (or key result) a body names with `objective_id` or
// `key_result_id`; exactly one of them.
Result<NodeRef> node_in(const json::object& body, std::string_view field_prefix) {
  const json::value* objective = body.if_contains("objective_id");
  const json::value* key_result = body.if_contains("key_result_id");
  const std::string field = std::string(field_prefix) + "objective_id";
  if ((objective != nullptr) == (key_result != nullptr)) {
    return invalid(field, "give exactly one of objective_id and key_result_id");
  }
  if (objective) {
    const auto index = objective->is_string()
                           ? parse_api_id(kObjectivePrefix, objective->as_string())
                           : std::nullopt;
    if (!index) return invalid(field, "must be an objective id such as obj_1");
    return NodeRef::of(ObjectiveId{*index});
  }
  const auto index = key_result->is_string()
                         ? parse_api_id(kKeyResultPrefix, key_result->as_string())
                         : std::nullopt;
  if (!index) {
    return invalid(std::string(field_prefix) + "key_result_id",
                   "must be a key result id such as kr_1");
  }
  return NodeRef::of(KeyResultId{*index});
}

// A weight: finite and ≥ 0 (DOMAIN.md "Weights").
void weight_field(const json::object& body, std::string_view key, double& out,
                  FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (!v->is_number() || !std::isfinite(v->to_number<double>()) || v->to_number<double>() < 0) {
    errors.add(invalid(std::string(key), "must be a number ≥ 0"));
    return;
  }
  out = v->to_number<double>();
}

void bool_field(const json::object& body, std::string_view key, bool& out, FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (!v->is_bool()) {
    errors.add(invalid(std::string(key), "must be true or false"));
    return;
  }
  out = v->as_bool();
}

// `{objective_id | key_result_id, weight, contributes}` → a link to that parent.
Result<AlignmentLink> parent_link(const json::object& body, std::string_view field_prefix) {
  AlignmentLink link;
  auto parent = node_in(body, field_prefix);
  if (!parent) return parent.error();
  link.parent = *parent;
  FieldErrors errors;
  weight_field(body, "weight", link.weight, errors);
  bool_field(body, "contributes", link.contributes, errors);
  if (!errors.empty()) return errors.error();
  return link;
}

// `parents: [...]` of a create request.
Result<std::vector<AlignmentLink>> parent_links(const json::object& body) {
  std::vector<AlignmentLink> links;
  const json::value* v = body.if_contains("parents");
  if (!v) return links;
  if (!v->is_array()) return invalid("parents", "must be a list");
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const json::value& item = v->as_array()[i];
    if (!item.is_object()) return invalid("parents", "must hold objects");
    auto link = parent_link(item.as_object(), "parents." + std::to_string(i) + ".");
    if (!link) return link.error();
    links.push_back(*link);
  }
  return links;
}

Result<void> change_objective(const json::object& body, Objective& o, bool creating) {
  FieldErrors errors;
  string_field(body, "title", o.title, errors);
  string_field(body, "description", o.description, errors, 10000);
  id_field(body, "period_id", kPeriodPrefix, o.period, errors);
  if (const json::object* owner = object_field(body, "owner", errors)) {
    Owner given;
    id_field(*owner, "unit_id", kUnitPrefix, given.unit, errors);
    id_field(*owner, "person_id", kPersonPrefix, given.person, errors);
    if (given.unit.valid() == given.person.valid()) {
      errors.add(invalid("owner", "give exactly one of unit_id and person_id"));
    } else {
      o.owner = given;
    }
  }
  enum_field(body, "type", o.type, errors, "committed, aspirational, learning");
  enum_field(body, "visibility", o.visibility, errors, "public, private");
  enum_field(body, "progress_mode", o.progress_mode, errors,
             "key_results, children, combined, manual");
  weight_field(body, "weight", o.weight, errors);
  fraction_field(body, "progress", o.manual_progress, errors);
  string_field(body, "retrospective_note", o.retrospective_note, errors, 10000);
  if (const json::value* state = body.if_contains("state")) {
    // Closing and archiving have their own requests.
    const auto parsed =
        state->is_string() ? parse<ObjectiveState>(state->as_string()) : std::nullopt;
    if (parsed == ObjectiveState::kDraft || parsed == ObjectiveState::kActive) {
      if (o.closed() || o.archived()) {
        errors.add(invalid("state", "a closed or archived objective keeps its state"));
      } else {
        o.state = *parsed;
      }
    } else {
      errors.add(invalid("state", "must be draft or active"));
    }
  }
  if (!errors.empty()) return errors.error();
  if (o.title.empty()) return invalid("title", "is required");
  if (creating && !o.period.valid()) return invalid("period_id", "is required");
  return {};
}

std::optional<std::pair<Objective, std::int64_t>> read_objective(const Model& model,
                                                                 const app::Principal& who,
                                                                 ObjectiveId id) {
  const Objective* o = model.objective(id);
  if (!o || !app::can_see(model, who, id)) return std::nullopt;
  return std::pair{*o, version_of(model.objective_history(id))};
}

// The objective as GET /objectives/{id} answers it, now.
Response objective_answer(ApiContext& context, const app::Principal& who, ObjectiveId id,
                          int status) {
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, context.now());
    write_objective_detail(w, eval, who, *eval.objective(id));
  });
  return Response::json(status, w.take());
}

// The objective named by the path, if the caller may see it.
Result<ObjectiveId> visible_objective(ApiContext& context, const Request& request,
                                      const app::Principal& who) {
  auto id = path_id<ObjectiveId>(request, kObjectivePrefix, "objective");
  if (!id) return id.error();
  const bool seen = context.service.read(who.organization,
                                         [&](const Model& m) { return app::can_see(m, who, *id); });
  if (!seen) return not_found("objective");
  return *id;
}

Response post_objective(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  Objective objective;
  objective.owner = Owner::of_person(who.person);  // default: the caller's own objective
  if (auto ok = change_objective(*body, objective, true); !ok) return problem_for(ok.error());
  auto parents = parent_links(*body);
  if (!parents) return problem_for(parents.error());
  auto committed =
      context.service.execute(who, app::CreateObjective{objective, *parents}, context.now());
  if (!committed) return problem_for(committed.error());
  return objective_answer(context, who, ObjectiveId{*committed->applied.created}, 201);
}

// POST /objectives/preview: the body of POST /objectives → the rules-of-
// engagement warnings that objective would raise, for the form that is
// writing it; nothing is created. 403 for an owner the caller may not write
// for, as the create would be.
Response preview_objective(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  Objective objective;
  objective.owner = Owner::of_person(who.person);
  if (auto ok = change_objective(*body, objective, true); !ok) return problem_for(ok.error());
  return context.service.read(who.organization, [&](const Model& model) {
    if (auto allowed = app::authorize(model, who, app::CreateObjective{objective, {}}); !allowed) {
      return problem_for(allowed.error());
    }
    auto warnings = model.warnings_for_new(objective);
    if (!warnings) return problem_for(warnings.error());
    return Response::json(200, warnings_object(*warnings));
  });
}

Response patch_objective(ApiContext& context, Request& request, const app::Principal& who,
                         bool archive) {
  auto id = path_id<ObjectiveId>(request, kObjectivePrefix, "objective");
  if (!id) return problem_for(id.error());
  Result<json::object> body = json::object{};
  if (!archive) body = json_body(request);
  if (!body) return problem_for(body.error());
  Response response = patch<Objective>(
      context, request, who, [&](const Model& m) { return read_objective(m, who, *id); },
      [&](Objective& o) -> Result<void> {
        if (archive) {
          o.state = ObjectiveState::kArchived;
          return {};
        }
        return change_objective(*body, o, false);
      },
      [](const Objective& o) -> app::Command { return app::UpdateObjective{o}; },
      [&](JsonWriter& w, const Model& m, const Objective& o) {
        const Evaluation eval(m, context.now());
        write_objective_detail(w, eval, who, o);
      });
  if (archive && response.status == 200) return no_content();
  return response;
}

Response post_parent(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = visible_objective(context, request, who);
  if (!id) return problem_for(id.error());
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  auto link = parent_link(*body, "");
  if (!link) return problem_for(link.error());
  link->child = NodeRef::of(*id);
  auto committed = context.service.execute(who, app::AddLink{*link}, context.now());
  if (!committed) return problem_for(committed.error());
  return objective_answer(context, who, *id, 201);
}

// The node a path segment names: `obj_3` or `kr_5`.
std::optional<NodeRef> node_named(std::string_view text) {
  if (auto o = parse_api_id(kObjectivePrefix, text)) return NodeRef::of(ObjectiveId{*o});
  if (auto k = parse_api_id(kKeyResultPrefix, text)) return NodeRef::of(KeyResultId{*k});
  return std::nullopt;
}

Response delete_parent(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = visible_objective(context, request, who);
  if (!id) return problem_for(id.error());
  const auto parent = node_named(request.params.at("parent_id"));
  if (!parent) return problem_for(not_found("parent"));
  const std::optional<LinkId> link =
      context.service.read(who.organization, [&](const Model& m) -> std::optional<LinkId> {
        for (std::uint32_t i = 0; i < m.link_count(); ++i) {
          const AlignmentLink& l = *m.link(LinkId{i});
          if (!l.removed && l.child == NodeRef::of(*id) && l.parent == *parent) return l.id;
        }
        return std::nullopt;
      });
  if (!link) return problem_for(not_found("parent"));
  auto committed = context.service.execute(who, app::RemoveLink{*link}, context.now());
  if (!committed) return problem_for(committed.error());
  return no_content();
}

Response post_dependency(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = visible_objective(context, request, who);
  if (!id) return problem_for(id.error());
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  auto to = node_in(*body, "");
  if (!to) return problem_for(to.error());
  Dependency dependency;
  dependency.from = NodeRef::of(*id);
  dependency.to = *to;
  auto committed = context.service.execute(who, app::AddDependency{dependency}, context.now());
  if (!committed) return problem_for(committed.error());
  return objective_answer(context, who, *id, 201);
}

Response delete_dependency(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = visible_objective(context, request, who);
  if (!id) return problem_for(id.error());
  const std::string& named = request.params.at("dep_id");
  const auto to = node_named(named);
  const auto dep_index = parse_api_id(kDependencyPrefix, named);
  const std::optional<DependencyId> found =
      context.service.read(who.organization, [&](const Model& m) -> std::optional<DependencyId> {
        for (DependencyId d : m.dependencies_from(NodeRef::of(*id))) {
          const Dependency& dep = *m.dependency(d);
          if (dep.removed) continue;
          if ((to && dep.to == *to) || (dep_index && d.value() == *dep_index)) return d;
        }
        return std::nullopt;
      });
  if (!found) return problem_for(not_found("dependency"));
  auto committed = context.service.execute(who, app::RemoveDependency{*found}, context.now());
  if (!committed) return problem_for(committed.error());
  return no_content();
}

Response close_objective(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = visible_objective(context, request, who);
  if (!id) return problem_for(id.error());
  auto committed = context.service.execute(who, app::CloseObjective{*id}, context.now());
  if (!committed) return problem_for(committed.error());
  return objective_answer(context, who, *id, 200);
}

Response put_score(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = visible_objective(context, request, who);
  if (!id) return problem_for(id.error());
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  ScoreOverride score;
  FieldErrors errors;
  if (!body->contains("score")) errors.add(invalid("score", "is required"));
  fraction_field(*body, "score", score.score, errors);
  string_field(*body, "reason", score.reason, errors, 10000);
  if (score.reason.empty()) errors.add(invalid("reason", "is required: say why"));
  if (!errors.empty()) return problem_for(errors.error());
  score.by = who.person;
  score.at = context.now();
  auto committed =
      context.service.execute(who, app::OverrideObjectiveScore{*id, score}, context.now());
  if (!committed) return problem_for(committed.error());
  return objective_answer(context, who, *id, 200);
}

Response rollover(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = visible_objective(context, request, who);
  if (!id) return problem_for(id.error());
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  PeriodId into;
  FieldErrors errors;
  id_field(*body, "period_id", kPeriodPrefix, into, errors);
  if (!errors.empty()) return problem_for(errors.error());
  if (!into.valid()) return problem_for(invalid("period_id", "is required"));
  auto committed = context.service.execute(who, app::Rollover{*id, into}, context.now());
  if (!committed) return problem_for(committed.error());
  return objective_answer(context, who, ObjectiveId{*committed->applied.created}, 201);
}

}  // namespace

void add_objective_write_routes(Router& router, ApiContext& context) {
  auto with = [&context](auto handler) { return signed_in_call(context, handler); };
  add_route(router, context, "POST", route("/objectives/preview"),
            "The rules-of-engagement warnings a new objective would raise; nothing is created",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return preview_objective(context, r, who);
            }));
  add_route(router, context, "POST", route("/objectives"),
            "Create an objective, with its parents in the same change", with(post_objective));
  add_route(router, context, "PATCH", route("/objectives/{id}"), "Change an objective",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return patch_objective(c, r, w, false);
            }));
  add_route(router, context, "DELETE", route("/objectives/{id}"),
            "Archive an objective (nothing is lost)",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return patch_objective(c, r, w, true);
            }));
  add_route(router, context, "POST", route("/objectives/{id}/parents"),
            "Align an objective to a parent objective or key result", with(post_parent));
  add_route(router, context, "DELETE", route("/objectives/{id}/parents/{parent_id}"),
            "Remove an objective's alignment to a parent", with(delete_parent));
  add_route(router, context, "POST", route("/objectives/{id}/dependencies"),
            "Record that an objective depends on another objective or key result",
            with(post_dependency));
  add_route(router, context, "DELETE", route("/objectives/{id}/dependencies/{dep_id}"),
            "Remove a dependency", with(delete_dependency));
  add_route(router, context, "POST", route("/objectives/{id}/close"),
            "Close an objective: freeze and score its key results", with(close_objective));
  add_route(router, context, "PUT", route("/objectives/{id}/score"),
            "Override an objective's score, with a reason", with(put_score));
  add_route(router, context, "POST", route("/objectives/{id}/rollover"),
            "Roll an objective over into a later period", with(rollover));
}

}  // namespace cairn::http
