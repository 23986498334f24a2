// GET /alignment?period_id&as_of: the alignment map's data in one answer
// (F10–F14). The period's objectives, and the objectives above them in other
// periods (a quarter's team objective aligned to the year's company one), up
// to the top; the links between them (an objective aligned to a key result
// is linked to that key result's objective, naming the key result), and the
// dependencies. An objective the caller may not see appears as a node marked
// private, with no id or title, so the shape of the map stays true without
// showing what is hidden (QUALITY.md).
#include <deque>
#include <unordered_map>

#include "app/access.h"
#include "core/names.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

struct MapNodes {
  std::vector<ObjectiveId> order;                   // as found: the period's first
  std::unordered_map<std::uint32_t, int> position;  // objective index → index in order

  bool add(ObjectiveId id) {
    if (position.contains(id.value())) return false;
    position.emplace(id.value(), static_cast<int>(order.size()));
    order.push_back(id);
    return true;
  }
};

// The objective a link's end belongs to, and the key result when it is one.
std::pair<ObjectiveId, KeyResultId> objective_via(const Evaluation& eval, NodeRef node) {
  if (node.is_objective()) return {node.objective(), {}};
  return {eval.graph().objective_of(node.key_result()), node.key_result()};
}

// "private_3": a hidden objective's name in this answer only.
std::string node_id(const Evaluation& eval, const app::Principal& who, const MapNodes& nodes,
                    ObjectiveId id) {
  if (app::can_see(eval.model(), who, id)) return api_id(kObjectivePrefix, id.value());
  return "private_" + std::to_string(nodes.position.at(id.value()));
}

Response alignment(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto period_id = query_id<PeriodId>(request, "period_id", kPeriodPrefix);
  if (!period_id) return problem_for(period_id.error());
  return context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    const PeriodId period = *period_id ? **period_id : running_period(eval);
    if (!eval.period(period)) {
      return problem_for(*period_id
                             ? not_found("period")
                             : invalid("period_id", "no period is running at as_of: name one"));
    }
    auto live = [&](ObjectiveId id) {
      const Objective* o = eval.objective(id);
      return o && !o->archived() ? o : nullptr;
    };

    // The period's objectives, then upwards through parents in any period.
    MapNodes nodes;
    for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
      const Objective* o = live(ObjectiveId{i});
      if (o && o->period == period) nodes.add(o->id);
    }
    std::deque<ObjectiveId> up(nodes.order.begin(), nodes.order.end());
    while (!up.empty()) {
      const ObjectiveId id = up.front();
      up.pop_front();
      for (LinkId link : eval.graph().parent_links(NodeRef::of(id))) {
        const ObjectiveId parent = objective_via(eval, eval.graph().edge(link).parent).first;
        if (live(parent) && nodes.add(parent)) up.push_back(parent);
      }
    }

    JsonWriter w;
    w.begin_object();
    w.key("period_id").value(api_id(kPeriodPrefix, period.value()));
    w.key("as_of").value(to_rfc3339(*t));
    w.key("mission").value(model.organization().mission);
    w.key("objectives").begin_array();
    for (ObjectiveId id : nodes.order) {
      const Objective& o = *live(id);
      w.begin_object();
      w.key("id").value(node_id(eval, who, nodes, id));
      if (!app::can_see(model, who, id)) {
        w.key("private").value(true);
      } else {
        const ObjectiveView view = eval.objective_view(id);
        w.key("title").value(o.title);
        w.key("period_id").value(api_id(kPeriodPrefix, o.period.value()));
        w.key("owner").begin_object();
        if (o.owner.is_unit()) {
          const Unit* unit = eval.unit(o.owner.unit);
          w.key("unit_id").value(api_id(kUnitPrefix, o.owner.unit.value()));
          w.key("name").value(unit ? unit->name : "");
          w.key("kind").value(unit ? to_string(unit->kind) : std::string_view());
        } else {
          const Person* person = eval.person(o.owner.person);
          w.key("person_id").value(api_id(kPersonPrefix, o.owner.person.value()));
          w.key("name").value(person ? person->name : "");
        }
        w.end_object();
        w.key("type").value(to_string(o.type));
        w.key("visibility").value(to_string(o.visibility));
        w.key("progress").value(view.progress);
        w.key("status").value(to_string(view.status));
      }
      w.end_object();
    }
    w.end_array();

    w.key("links").begin_array();
    for (ObjectiveId id : nodes.order) {
      for (LinkId link : eval.graph().parent_links(NodeRef::of(id))) {
        const AlignmentGraph::Edge& edge = eval.graph().edge(link);
        const auto [parent, via] = objective_via(eval, edge.parent);
        if (!nodes.position.contains(parent.value())) continue;
        w.begin_object();
        w.key("child_id").value(node_id(eval, who, nodes, id));
        w.key("parent_id").value(node_id(eval, who, nodes, parent));
        w.key("via_key_result_id");
        if (via.valid() && app::can_see(model, who, parent)) {
          w.value(api_id(kKeyResultPrefix, via.value()));
        } else {
          w.null();
        }
        w.key("weight").value(edge.weight);
        w.key("contributes").value(edge.contributes);
        w.end_object();
      }
    }
    w.end_array();

    // Dependencies of the objectives (and of their key results) on others on the map.
    w.key("dependencies").begin_array();
    for (ObjectiveId id : nodes.order) {
      std::vector<NodeRef> from{NodeRef::of(id)};
      for (KeyResultId kr : model.key_results_of(id)) from.push_back(NodeRef::of(kr));
      for (NodeRef node : from) {
        for (DependencyId dep : model.dependencies_from(node)) {
          const Dependency* d = eval.dependency(dep);
          if (!d || d->removed) continue;
          const ObjectiveId to = objective_via(eval, d->to).first;
          if (!nodes.position.contains(to.value()) || to == id) continue;
          w.begin_object();
          w.key("from_id").value(node_id(eval, who, nodes, id));
          w.key("to_id").value(node_id(eval, who, nodes, to));
          w.end_object();
        }
      }
    }
    w.end_array();
    w.end_object();
    return Response::json(200, w.take());
  });
}

}  // namespace

void add_alignment_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/alignment"),
            "The alignment map of a period: objectives up to the top, links and dependencies",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return alignment(context, r, who);
            }));
}

}  // namespace cairn::http
