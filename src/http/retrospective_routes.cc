// Retrospectives (API.md "Collaboration, data, insight", F24): a unit's review
// of a period, answering the guiding questions. GET /retrospectives (filters
// period_id, unit_id; as_of; pages) and POST /retrospectives.
//
// A unit may record its retrospective again; the newest one for a unit and
// period is the retrospective, and the earlier ones stay in the audit log.
// Everyone in the organisation reads them: they are what the organisation
// learned, and the next period is planned with their lessons.
#include <algorithm>
#include <map>

#include "app/permissions.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/collaboration_json.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// The newest retrospective of each unit and period recorded by `t`, with how
// many were recorded for it.
struct Latest {
  const Retrospective* retrospective = nullptr;
  std::int64_t revision = 0;
};
std::map<std::pair<std::uint32_t, std::uint32_t>, Latest> latest_by_unit_and_period(
    const Model& model, Instant t) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, Latest> latest;
  for (const Retrospective& r : model.retrospectives()) {
    if (r.recorded_at > t) continue;
    Latest& l = latest[{r.period.value(), r.unit.value()}];
    l.retrospective = &r;  // recorded in order, so the last one seen is the newest
    ++l.revision;
  }
  return latest;
}

// The units the caller may write a retrospective for in `period`: those that
// own objectives in it, and the company, when the caller leads them (or above)
// or is an admin.
std::vector<UnitId> writable_units(const Model& model, const app::Principal& who, PeriodId period) {
  std::vector<bool> owns(model.unit_count(), false);
  if (model.company().valid()) owns[model.company().value()] = true;
  for (ObjectiveId id : model.objectives_in(period)) {
    const Objective* o = model.objective(id);
    if (o && !o->archived() && o->owner.is_unit()) owns[o->owner.unit.value()] = true;
  }
  std::vector<UnitId> out;
  for (std::uint32_t n = 0; n < owns.size(); ++n) {
    const Unit* u = model.unit(UnitId{n});
    if (owns[n] && u && !u->archived && app::may_write_for(model, who, Owner::of_unit(u->id))) {
      out.push_back(u->id);
    }
  }
  return out;
}

Response list_retrospectives(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  FieldErrors errors;
  const auto period = errors.take(query_id<PeriodId>(request, "period_id", kPeriodPrefix));
  const auto unit = errors.take(query_id<UnitId>(request, "unit_id", kUnitPrefix));
  if (!errors.empty()) return problem_for(errors.error());
  return context.service.read(who.organization, [&](const Model& model) {
    if (period && !model.period(*period)) return problem_for(not_found("period"));
    if (unit && !model.unit(*unit)) return problem_for(not_found("unit"));
    std::vector<Latest> found;
    for (const auto& [key, latest] : latest_by_unit_and_period(model, *t)) {
      const Retrospective& r = *latest.retrospective;
      if ((period && r.period != *period) || (unit && r.unit != *unit)) continue;
      found.push_back(latest);
    }
    // The newest period first; within it, units in the order they were made
    // (the company first).
    std::stable_sort(found.begin(), found.end(), [&](const Latest& a, const Latest& b) {
      return model.period(a.retrospective->period)->start_date >
             model.period(b.retrospective->period)->start_date;
    });
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (std::size_t n = paging->offset; n < paging->end(found.size()); ++n) {
      write_retrospective(w, *found[n].retrospective, found[n].revision);
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(found.size()));
    if (period) {
      w.key("writable_unit_ids").begin_array();
      for (UnitId u : writable_units(model, who, *period)) w.value(api_id(kUnitPrefix, u.value()));
      w.end_array();
    }
    w.end_object();
    return Response::json(200, w.take());
  });
}

// The answers member of a POST body: each question optional, a string or null.
Result<RetrospectiveAnswers> read_answers(const boost::json::object& body) {
  auto object = required_object(body, "answers", "answers");
  if (!object) return object.error();
  RetrospectiveAnswers answers;
  FieldErrors errors;
  for (const auto& [name, member] : kRetrospectiveAnswers) {
    const std::string path = std::string("answers.") + name;
    answers.*member = errors.take(optional_string(**object, name, path)).value_or("");
  }
  if (!errors.empty()) return errors.error();
  return answers;
}

Response create_retrospective(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  FieldErrors errors;
  Retrospective r;
  const std::string unit_text = errors.take(required_string(*body, "unit_id", "unit_id"));
  const std::string period_text = errors.take(required_string(*body, "period_id", "period_id"));
  r.answers = errors.take(read_answers(*body));
  if (!unit_text.empty()) {
    const auto index = parse_api_id(kUnitPrefix, unit_text);
    if (index)
      r.unit = UnitId{*index};
    else
      errors.add(invalid("unit_id", "not a unit id"));
  }
  if (!period_text.empty()) {
    const auto index = parse_api_id(kPeriodPrefix, period_text);
    if (index)
      r.period = PeriodId{*index};
    else
      errors.add(invalid("period_id", "not a period id"));
  }
  const Instant now = context.now();
  if (errors.empty()) {
    context.service.read(who.organization, [&](const Model& model) {
      const Unit* u = model.unit(r.unit);
      if (!u || u->archived) errors.add(invalid("unit_id", "no such unit"));
      const Period* p = model.period(r.period);
      if (!p) {
        errors.add(invalid("period_id", "no such period"));
      } else if (p->starts_at > now) {
        errors.add(invalid("period_id", "the period has not started: review it once it runs"));
      }
    });
  }
  if (!errors.empty()) return problem_for(errors.error());
  r.author = who.person;
  auto committed = context.service.execute(who, app::AddRetrospective{r}, now);
  if (!committed) return problem_for(committed.error());
  const RetrospectiveId id{*committed->applied.created};
  return context.service.read(who.organization, [&](const Model& model) {
    const Retrospective& made = model.retrospectives()[id.value()];
    const auto revision = std::count_if(
        model.retrospectives().begin(), model.retrospectives().end(),
        [&](const Retrospective& r) { return r.unit == made.unit && r.period == made.period; });
    JsonWriter w;
    write_retrospective(w, made, revision);
    return Response::json(201, w.take());
  });
}

}  // namespace

void add_retrospective_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/retrospectives"),
            "Retrospectives: the newest of each unit and period, newest period first; with "
            "period_id, also the units the caller may write one for",
            signed_in_call(context, list_retrospectives));
  add_route(router, context, "POST", route("/retrospectives"),
            "Record a unit's retrospective of a period (its leads and admins); recording it "
            "again replaces it, and the earlier one stays in the audit log",
            signed_in_call(context, create_retrospective));
}

}  // namespace cairn::http
