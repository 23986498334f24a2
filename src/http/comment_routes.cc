// Comments (F27) and their reactions: GET /comments (by target, newest first,
// pages, as_of), POST /comments, POST /comments/{id}/reactions. A comment on a
// private objective, its key results or their check-ins does not exist for
// those who may not see the objective.
#include "app/access.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/collaboration_json.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// The comment as it stood at `t`, when the caller may see its target.
const Comment* visible_comment(const Model& model, const app::Principal& who, CommentId id,
                               Instant t) {
  const Comment* now = model.comment(id);
  if (!now || !app::can_see(model, who, now->target)) return nullptr;
  return model.comment_history(id).at(t);
}

Response answer(ApiContext& context, const app::Principal& who, CommentId id, int status) {
  return context.service.read(who.organization, [&](const Model& model) {
    const History<Comment>& history = model.comment_history(id);
    JsonWriter w;
    write_comment(w, model, who, history.current(),
                  static_cast<std::int64_t>(history.versions().size()));
    return Response::json(status, w.take());
  });
}

// What GET /comments is asked for: comments on one objective (not its key
// results), one key result (with its check-ins), or one check-in.
struct CommentFilter {
  std::optional<ObjectiveId> objective;
  std::optional<KeyResultId> key_result;
  std::optional<CheckInId> check_in;

  bool matches(const Comment& c) const {
    if (objective && !(c.target.is_objective() && c.target.objective() == *objective)) {
      return false;
    }
    if (key_result && !(!c.target.is_objective() && c.target.key_result() == *key_result)) {
      return false;
    }
    return !check_in || c.check_in == *check_in;
  }
  // A filter naming something the caller cannot see is a 404, as for its own URL.
  Result<void> visible(const Model& model, const app::Principal& who) const {
    if (objective && !(model.objective(*objective) && app::can_see(model, who, *objective))) {
      return not_found("objective");
    }
    if (key_result && !(model.key_result(*key_result) && app::can_see(model, who, *key_result))) {
      return not_found("key result");
    }
    if (check_in) {
      const CheckIn* c = model.check_in(*check_in);
      if (!c || !app::can_see(model, who, c->key_result)) return not_found("check-in");
    }
    return {};
  }
};

Response list_comments(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  FieldErrors errors;
  CommentFilter filter;
  filter.objective = errors.take(query_id<ObjectiveId>(request, "objective_id", kObjectivePrefix));
  filter.key_result =
      errors.take(query_id<KeyResultId>(request, "key_result_id", kKeyResultPrefix));
  filter.check_in = errors.take(query_id<CheckInId>(request, "check_in_id", kCheckInPrefix));
  if (!errors.empty()) return problem_for(errors.error());
  return context.service.read(who.organization, [&](const Model& model) {
    if (auto visible = filter.visible(model, who); !visible) return problem_for(visible.error());
    // Ids grow with time: the highest id is the newest comment.
    std::vector<std::pair<const Comment*, std::int64_t>> found;
    for (std::uint32_t n = static_cast<std::uint32_t>(model.comment_count()); n-- > 0;) {
      const CommentId id{n};
      const Comment* c = visible_comment(model, who, id, *t);
      if (c && filter.matches(*c)) found.emplace_back(c, version_at(model.comment_history(id), *t));
    }
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (std::size_t n = paging->offset; n < paging->end(found.size()); ++n) {
      write_comment(w, model, who, *found[n].first, found[n].second);
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(found.size())).end_object();
    return Response::json(200, w.take());
  });
}

// `target` names exactly one visible objective, key result or check-in; a
// 422 naming the member otherwise (the same for unknown and invisible).
Result<Comment> comment_target(const Model& model, const app::Principal& who,
                               const boost::json::object& target) {
  const char* keys[] = {"objective_id", "key_result_id", "check_in_id"};
  const char* given = nullptr;
  for (const char* key : keys) {
    if (!target.contains(key)) continue;
    if (given) return invalid("target", "name one objective, key result or check-in");
    given = key;
  }
  if (!given) return invalid("target", "needs objective_id, key_result_id or check_in_id");
  const std::string field = std::string("target.") + given;
  auto text = required_string(target, given, field);
  if (!text) return text.error();
  Comment c;
  if (given == keys[0]) {
    const auto index = parse_api_id(kObjectivePrefix, *text);
    const Objective* o = index ? model.objective(ObjectiveId{*index}) : nullptr;
    if (!o || o->archived() || !app::can_see(model, who, o->id)) {
      return invalid(field, "no such objective");
    }
    c.target = NodeRef::of(o->id);
  } else if (given == keys[1]) {
    const auto index = parse_api_id(kKeyResultPrefix, *text);
    const KeyResult* kr = index ? model.key_result(KeyResultId{*index}) : nullptr;
    if (!kr || kr->archived || !app::can_see(model, who, kr->id)) {
      return invalid(field, "no such key result");
    }
    c.target = NodeRef::of(kr->id);
  } else {
    const auto index = parse_api_id(kCheckInPrefix, *text);
    const CheckIn* ci = index ? model.check_in(CheckInId{*index}) : nullptr;
    if (!ci || ci->deleted_at || !app::can_see(model, who, ci->key_result)) {
      return invalid(field, "no such check-in");
    }
    c.check_in = ci->id;
    c.target = NodeRef::of(ci->key_result);
  }
  return c;
}

Response create_comment(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  FieldErrors errors;
  const std::string text = errors.take(required_string(*body, "body", "body"));
  Comment c;
  if (auto target = required_object(*body, "target", "target"); !target) {
    errors.add(target.error());
  } else {
    context.service.read(who.organization, [&](const Model& model) {
      c = errors.take(comment_target(model, who, **target));
    });
  }
  if (!errors.empty()) return problem_for(errors.error());
  c.body = text;
  c.author = who.person;
  auto committed = context.service.execute(who, app::AddComment{c}, context.now());
  if (!committed) return problem_for(committed.error());
  return answer(context, who, CommentId{*committed->applied.created}, 201);
}

Response react(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<CommentId>(request, kCommentPrefix, "comment");
  if (!id) return problem_for(id.error());
  const bool visible = context.service.read(who.organization, [&](const Model& model) {
    return visible_comment(model, who, *id, Instant::max()) != nullptr;
  });
  if (!visible) return problem_for(not_found("comment"));
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  auto emoji = required_string(*body, "emoji", "emoji");
  if (!emoji) return problem_for(emoji.error());
  auto committed =
      context.service.execute(who, app::AddReaction{*id, who.person, *emoji}, context.now());
  if (!committed) return problem_for(committed.error());
  return answer(context, who, *id, 200);
}

}  // namespace

void add_comment_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/comments"),
            "Comments on an objective, a key result or a check-in, newest first",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return list_comments(context, r, who);
            }));
  add_route(router, context, "POST", route("/comments"),
            "Comment on an objective, a key result or a check-in; @email mentions people",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return create_comment(context, r, who);
            }));
  add_route(router, context, "POST", route("/comments/{id}/reactions"),
            "React to a comment with one of a fixed list of emoji names; answers the counts",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return react(context, r, who);
            }));
}

}  // namespace cairn::http
