// Initiatives (API.md "Collaboration"): the work planned to move a key result
// or an objective. GET /initiatives (filters key_result_id, objective_id,
// owner_id; pages; as_of), POST /initiatives, GET /initiatives/{id}, and its
// update by POST or PATCH /initiatives/{id} with If-Match. An initiative of a
// private objective does not exist for those who may not see the objective.
#include "app/access.h"
#include "core/names.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/collaboration_json.h"
#include "http/if_match.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// A body member that names an entity by its API id: nullopt when absent or
// null, 422 naming `key` when it is not an id of that kind.
template <class I>
Result<std::optional<I>> body_id(const boost::json::object& body, std::string_view key,
                                 std::string_view prefix) {
  auto text = optional_string(body, key, key);
  if (!text) return text.error();
  if (!*text) return std::optional<I>();
  const auto index = parse_api_id(prefix, **text);
  if (!index) return invalid(std::string(key), "not an id of the right kind");
  return std::optional<I>(I{*index});
}

// Applies the editable members present in `body` to `i`: title, owner_id,
// state, due_date, url (null clears the optional ones).
void read_editable(const boost::json::object& body, Initiative& i, FieldErrors& errors) {
  if (body.contains("title")) i.title = errors.take(required_string(body, "title", "title"));
  if (body.contains("owner_id")) {
    if (auto owner = errors.take(body_id<PersonId>(body, "owner_id", kPersonPrefix))) {
      i.owner = *owner;
    } else {
      i.owner = PersonId{};
    }
  }
  if (body.contains("state")) {
    auto state = required_string(body, "state", "state");
    const auto parsed = state ? parse<InitiativeState>(*state) : std::nullopt;
    if (parsed) {
      i.state = *parsed;
    } else {
      errors.add(invalid("state", "must be todo, doing or done"));
    }
  }
  if (body.contains("due_date")) {
    auto text = errors.take(optional_string(body, "due_date", "due_date"));
    i.due_date.reset();
    if (text) {
      i.due_date = Date::parse(*text);
      if (!i.due_date) errors.add(invalid("due_date", "must be a date (YYYY-MM-DD) or null"));
    }
  }
  if (body.contains("url")) {
    i.url = errors.take(optional_string(body, "url", "url")).value_or("");
  }
}

// The initiative as it stood at `t`, when the caller may see it.
const Initiative* visible_initiative(const Model& model, const app::Principal& who, InitiativeId id,
                                     Instant t) {
  if (!model.initiative(id) || !app::can_see(model, who, model.initiative(id)->target)) {
    return nullptr;
  }
  return model.initiative_history(id).at(t);
}

Response answer(ApiContext& context, const app::Principal& who, InitiativeId id, int status) {
  return context.service.read(who.organization, [&](const Model& model) {
    JsonWriter w;
    const History<Initiative>& history = model.initiative_history(id);
    write_initiative(w, model, who, history.current(),
                     static_cast<std::int64_t>(history.versions().size()));
    Response response = Response::json(status, w.take());
    response.headers.emplace_back("ETag", "\"" + std::to_string(history.versions().size()) + "\"");
    return response;
  });
}

Response list_initiatives(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  FieldErrors errors;
  const auto kr = errors.take(query_id<KeyResultId>(request, "key_result_id", kKeyResultPrefix));
  const auto objective =
      errors.take(query_id<ObjectiveId>(request, "objective_id", kObjectivePrefix));
  const auto owner = errors.take(query_id<PersonId>(request, "owner_id", kPersonPrefix));
  if (!errors.empty()) return problem_for(errors.error());
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& model) {
    std::vector<std::pair<const Initiative*, std::int64_t>> found;
    for (std::uint32_t n = 0; n < model.initiative_count(); ++n) {
      const InitiativeId id{n};
      const Initiative* i = visible_initiative(model, who, id, *t);
      if (!i) continue;
      if (kr && (i->target.is_objective() || i->target.key_result() != *kr)) continue;
      if (objective && objective_of(model, i->target) != *objective) continue;
      if (owner && i->owner != *owner) continue;
      found.emplace_back(i, version_at(model.initiative_history(id), *t));
    }
    w.begin_object().key("items").begin_array();
    for (std::size_t n = paging->offset; n < paging->end(found.size()); ++n) {
      write_initiative(w, model, who, *found[n].first, found[n].second);
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(found.size())).end_object();
  });
  return Response::json(200, w.take());
}

Response get_initiative(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto id = path_id<InitiativeId>(request, kInitiativePrefix, "initiative");
  if (!id) return problem_for(id.error());
  return context.service.read(who.organization, [&](const Model& model) {
    const Initiative* i = visible_initiative(model, who, *id, *t);
    if (!i) return problem_for(not_found("initiative"));
    const std::int64_t version = version_at(model.initiative_history(*id), *t);
    JsonWriter w;
    write_initiative(w, model, who, *i, version);
    Response response = Response::json(200, w.take());
    response.headers.emplace_back("ETag", "\"" + std::to_string(version) + "\"");
    return response;
  });
}

// Whether the caller may attach work to `target`: it exists, is visible and
// not archived; otherwise a 422 naming `field`, the same for all three.
Result<void> usable_target(const Model& model, const app::Principal& who, NodeRef target,
                           const std::string& field) {
  if (target.is_objective()) {
    const Objective* o = model.objective(target.objective());
    if (!o || !app::can_see(model, who, target)) return invalid(field, "no such objective");
    if (o->archived()) return invalid(field, "the objective is archived");
  } else {
    const KeyResult* kr = model.key_result(target.key_result());
    if (!kr || !app::can_see(model, who, target)) return invalid(field, "no such key result");
    if (kr->archived) return invalid(field, "the key result is archived");
  }
  return {};
}

Response create_initiative(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  FieldErrors errors;
  Initiative i;
  i.owner = who.person;  // the caller's, unless the body names an owner
  if (!body->contains("title")) errors.add(invalid("title", "is required"));
  const auto kr = errors.take(body_id<KeyResultId>(*body, "key_result_id", kKeyResultPrefix));
  const auto objective = errors.take(body_id<ObjectiveId>(*body, "objective_id", kObjectivePrefix));
  std::string target_field = "key_result_id";
  if (kr && objective) {
    errors.add(invalid("objective_id", "give key_result_id or objective_id, not both"));
  } else if (kr) {
    i.target = NodeRef::of(*kr);
  } else if (objective) {
    i.target = NodeRef::of(*objective);
    target_field = "objective_id";
  } else if (errors.empty()) {
    errors.add(invalid("key_result_id", "key_result_id or objective_id is required"));
  }
  read_editable(*body, i, errors);
  if (errors.empty() && (kr || objective)) {
    context.service.read(who.organization, [&](const Model& model) {
      if (auto usable = usable_target(model, who, i.target, target_field); !usable) {
        errors.add(usable.error());
      }
    });
  }
  if (!errors.empty()) return problem_for(errors.error());
  auto committed = context.service.execute(who, app::AddInitiative{i}, context.now());
  if (!committed) return problem_for(committed.error());
  return answer(context, who, InitiativeId{*committed->applied.created}, 201);
}

Response update_initiative(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<InitiativeId>(request, kInitiativePrefix, "initiative");
  if (!id) return problem_for(id.error());
  auto expected = if_match(request);
  if (!expected) return problem_for(expected.error());
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  std::optional<Initiative> next;
  context.service.read(who.organization, [&](const Model& model) {
    if (visible_initiative(model, who, *id, Instant::max())) next = *model.initiative(*id);
  });
  if (!next) return problem_for(not_found("initiative"));
  FieldErrors errors;
  for (const char* fixed : {"key_result_id", "objective_id"}) {
    if (body->contains(fixed)) {
      errors.add(invalid(fixed, "an initiative stays with its key result or objective"));
    }
  }
  read_editable(*body, *next, errors);
  if (!errors.empty()) return problem_for(errors.error());
  // Without If-Match the last write wins; with it, a change since the
  // client's version is 412, checked under the writer's lock.
  auto committed = context.service.execute(
      who, app::UpdateInitiative{*next}, context.now(),
      version_is(*expected, [id = *id](const Model& model) -> const History<Initiative>* {
        return model.initiative(id) ? &model.initiative_history(id) : nullptr;
      }));
  if (!committed) return problem_for(committed.error());
  return answer(context, who, *id, 200);
}

}  // namespace

void add_initiative_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/initiatives"),
            "List initiatives, by key result, objective (its own and its key results') or owner",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return list_initiatives(context, r, who);
            }));
  add_route(router, context, "POST", route("/initiatives"),
            "Add an initiative to a key result or an objective",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return create_initiative(context, r, who);
            }));
  add_route(router, context, "GET", route("/initiatives/{id}"), "An initiative",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return get_initiative(context, r, who);
            }));
  for (const char* method : {"POST", "PATCH"}) {
    add_route(router, context, method, route("/initiatives/{id}"),
              "Change an initiative's title, owner, state, due date or url (If-Match: version)",
              signed_in(context, [&context](Request& r, const app::Principal& who) {
                return update_initiative(context, r, who);
              }));
  }
}

}  // namespace cairn::http
