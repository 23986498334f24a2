// GET /reports/compare?unit_id&period_ids&as_of (API.md "Collaboration, data,
// insight"; docs/maturity.md "Comparing periods"): one unit's OKRs side by
// side over 2 to 8 periods — its progress and score in each, its objectives,
// and which objectives were rolled over from one compared period into another.
//
// Private objectives the caller may not see are left out of the lists and of
// the rollover links (and a visible copy does not name a hidden original),
// but still count in the unit's progress and score, as in any roll-up
// (QUALITY.md).
#include "app/access.h"
#include "core/names.h"
#include "core/period_comparison.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/json_writer.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// Enough to see a year of quarters and the cycles around it in one table.
constexpr std::size_t kMinPeriods = 2;
constexpr std::size_t kMaxPeriods = 8;

void write_compared_objective(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                              const Objective& o) {
  const ObjectiveView view = eval.objective_view(o.id);
  w.begin_object();
  w.key("id").value(api_id(kObjectivePrefix, o.id.value()));
  w.key("title").value(o.title);
  w.key("status").value(to_string(view.status));
  w.key("progress").value(view.progress);
  w.key("score").value(view.score);
  // Success is judged on a score: before one there is nothing to judge.
  w.key("success");
  if (view.score) {
    w.value(view.success);
  } else {
    w.null();
  }
  w.key("type").value(to_string(o.type));
  w.key("rolled_over_from");
  if (o.rolled_over_from.valid() && app::can_see(eval.model(), who, o.rolled_over_from)) {
    w.value(api_id(kObjectivePrefix, o.rolled_over_from.value()));
  } else {
    w.null();
  }
  w.end_object();
}

Response compare(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  FieldErrors errors;
  const auto unit_id = errors.take(query_id<UnitId>(request, "unit_id", kUnitPrefix));
  const auto periods = errors.take(query_ids<PeriodId>(request, "period_ids", kPeriodPrefix));
  if (errors.empty() && (periods.size() < kMinPeriods || periods.size() > kMaxPeriods)) {
    errors.add(invalid("period_ids", "name 2 to 8 periods, comma-separated"));
  }
  if (!errors.empty()) return problem_for(errors.error());

  return context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    const UnitId unit = unit_id ? *unit_id : model.company();
    if (!eval.unit(unit)) return problem_for(not_found("unit"));
    for (PeriodId period : periods) {
      if (!eval.period(period)) return problem_for(not_found("period"));
    }
    const PeriodComparison comparison = compare_periods(eval, unit, periods);

    JsonWriter w;
    w.begin_object();
    w.key("unit_id").value(api_id(kUnitPrefix, unit.value()));
    w.key("as_of").value(to_rfc3339(*t));
    w.key("periods").begin_array();
    for (const ComparedPeriod& compared : comparison.periods) {
      const Period& p = *eval.period(compared.period);
      w.begin_object();
      w.key("period_id").value(api_id(kPeriodPrefix, p.id.value()));
      w.key("name").value(p.name);
      w.key("start_date").value(p.start_date.to_string());
      w.key("end_date").value(p.end_date.to_string());
      w.key("state").value(to_string(p.state_at(*t)));
      // Private objectives count here, as in every roll-up.
      w.key("progress").value(compared.progress);
      w.key("score").value(compared.score);
      w.key("objectives").begin_array();
      for (ObjectiveId id : compared.objectives) {
        if (app::can_see(model, who, id))
          write_compared_objective(w, eval, who, *eval.objective(id));
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.key("rollovers").begin_array();
    for (const RolloverLink& link : comparison.rollovers) {
      if (!app::can_see(model, who, link.from) || !app::can_see(model, who, link.to)) continue;
      w.begin_object();
      w.key("from").value(api_id(kObjectivePrefix, link.from.value()));
      w.key("to").value(api_id(kObjectivePrefix, link.to.value()));
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return Response::json(200, w.take());
  });
}

}  // namespace

void add_compare_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/reports/compare"),
            "One unit's OKRs (default: the company's) over 2 to 8 periods (`period_ids`, "
            "comma-separated, in that order): progress, score and objectives per period, and "
            "the rollover links between them",
            signed_in_call(context, compare));
}

}  // namespace cairn::http
