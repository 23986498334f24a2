// How a number came about, as of `as_of`:
//   GET /objectives/{id}/explain, GET /key-results/{id}/explain — the source
//     and each contribution with its value, weight and share (a private item
//     the caller may not see still counts, shown without its title);
//   GET /objectives/{id}/tree?depth= — the aligned descendants with their
//     progress and status, and the path up to the company.
#include "app/access.h"
#include "core/evaluation.h"
#include "core/names.h"
#include "http/api_handler.h"
#include "http/api_ids.h"
#include "http/api_routes.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

void write_explanation(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                       const Explanation& e) {
  w.begin_object();
  w.key("source").value(e.source);
  w.key("value").value(e.value);
  w.key("check_in_id");
  if (e.check_in.valid()) {
    w.value(api_id(kCheckInPrefix, e.check_in.value()));
  } else {
    w.null();
  }
  w.key("contributions").begin_array();
  for (const Contribution& c : e.contributions) {
    w.begin_object();
    write_node(w, eval, who, c.item);
    w.key("value").value(c.value);
    w.key("weight").value(c.weight);
    w.key("share").value(c.share);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

template <class Id>
Response explain(ApiContext& context, Request& request, const app::Principal& who,
                 std::string_view prefix, const char* what) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto id = path_id<Id>(request, prefix, what);
  if (!id) return problem_for(id.error());
  return context.service.read(who.organization, [&](const Model& model) {
    if (!app::can_see(model, who, *id)) return problem_for(not_found(what));
    const Evaluation eval(model, *t);
    bool exists = false;
    if constexpr (std::is_same_v<Id, ObjectiveId>) {
      exists = eval.objective(*id) != nullptr;
    } else {
      exists = eval.key_result(*id) != nullptr;
    }
    if (!exists) return problem_for(not_found(what));
    JsonWriter w;
    write_explanation(w, eval, who, eval.explain(*id));
    return Response::json(200, w.take());
  });
}

void write_summary(JsonWriter& w, const Evaluation& eval, const Objective& o) {
  const ObjectiveView view = eval.objective_view(o.id);
  w.key("id").value(api_id(kObjectivePrefix, o.id.value()));
  w.key("title").value(o.title);
  w.key("progress").value(view.progress);
  w.key("expected").value(view.expected);
  w.key("status").value(core::to_string(view.status));
}

// The objectives aligned to `o` directly or through one of its key results,
// visible to the caller, live at as_of.
std::vector<const Objective*> visible_children(const Evaluation& eval, const app::Principal& who,
                                               const Objective& o) {
  std::vector<const Objective*> children;
  auto from = [&](NodeRef node) {
    for (LinkId link : eval.graph().child_links(node)) {
      const AlignmentGraph::Edge& edge = eval.graph().edge(link);
      if (!edge.child.is_objective()) continue;
      const Objective* child = eval.objective(edge.child.objective());
      if (!child || child->archived() || !app::can_see(eval.model(), who, child->id)) continue;
      if (std::find(children.begin(), children.end(), child) == children.end()) {
        children.push_back(child);
      }
    }
  };
  from(NodeRef::of(o.id));
  for (KeyResultId kr : eval.model().key_results_of(o.id)) {
    const KeyResult* k = eval.key_result(kr);
    if (k && !k->archived) from(NodeRef::of(kr));
  }
  return children;
}

void write_subtree(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                   const Objective& o, int depth) {
  w.begin_object();
  write_summary(w, eval, o);
  w.key("children").begin_array();
  if (depth > 0) {
    for (const Objective* child : visible_children(eval, who, o)) {
      write_subtree(w, eval, who, *child, depth - 1);
    }
  }
  w.end_array();
  w.end_object();
}

// The path up to the top and the tree below `id`, as `who` may see them; none
// when the objective did not exist at the evaluation's instant.
std::optional<std::string> tree_answer(const Evaluation& eval, const app::Principal& who,
                                       ObjectiveId id, int depth) {
  const Objective* o = eval.objective(id);
  if (!o) return std::nullopt;
  JsonWriter w;
  w.begin_object();
  // The path up: through the first contributing parent the caller may see,
  // to an objective with none (the company's, when aligned all the way).
  w.key("path").begin_array();
  std::vector<ObjectiveId> seen{o->id};
  for (const Objective* at = o; at && seen.size() <= 33;) {
    const Objective* up = nullptr;
    for (LinkId link : eval.graph().parent_links(NodeRef::of(at->id))) {
      const NodeRef parent = eval.graph().edge(link).parent;
      const ObjectiveId pid = parent.is_objective()
                                  ? parent.objective()
                                  : eval.model().key_result(parent.key_result())->objective;
      if (!app::can_see(eval.model(), who, pid) ||
          std::find(seen.begin(), seen.end(), pid) != seen.end()) {
        continue;
      }
      up = eval.objective(pid);
      if (up) break;
    }
    if (!up) break;
    seen.push_back(up->id);
    w.begin_object();
    write_summary(w, eval, *up);
    w.end_object();
    at = up;
  }
  w.end_array();
  w.key("tree");
  write_subtree(w, eval, who, *o, depth);
  w.end_object();
  return w.take();
}

Response tree(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto id = path_id<ObjectiveId>(request, kObjectivePrefix, "objective");
  if (!id) return problem_for(id.error());
  int depth = 3;
  if (auto it = request.query.find("depth"); it != request.query.end()) {
    try {
      std::size_t used = 0;
      depth = std::stoi(it->second, &used);
      if (used != it->second.size() || depth < 0 || depth > 32) throw std::out_of_range("depth");
    } catch (const std::exception&) {
      return problem_for(invalid("depth", "must be an integer from 0 to 32"));
    }
  }
  return context.service.read(who.organization, [&](const Model& model) {
    if (!app::can_see(model, who, *id)) return problem_for(not_found("objective"));
    // The answer depends on the model's state, the instant and what the
    // caller may see, and on nothing else.
    const std::string key = answer_key("tree", who, model.generation(), *t, {id->value(), depth});
    auto answer = context.kept_answers->find_or_keep(
        key, [&] { return tree_answer(Evaluation(model, *t), who, *id, depth); });
    if (!answer) return problem_for(not_found("objective"));
    return Response::json(200, std::move(*answer));
  });
}

}  // namespace

void add_explain_routes(Router& router, ApiContext& context) {
  auto with = [&context](auto handler) { return signed_in_call(context, handler); };
  add_route(router, context, "GET", route("/objectives/{id}/explain"),
            "How an objective's progress was computed: each contribution and its share",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return explain<ObjectiveId>(c, r, w, kObjectivePrefix, "objective");
            }));
  add_route(router, context, "GET", route("/key-results/{id}/explain"),
            "How a key result's progress was computed: its source and contributions",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return explain<KeyResultId>(c, r, w, kKeyResultPrefix, "key result");
            }));
  add_route(router, context, "GET", route("/objectives/{id}/tree"),
            "An objective's aligned descendants (?depth=, default 3) and its path up", with(tree));
}

}  // namespace cairn::http
