// GET /reports/health?period_id&unit_ids&as_of (API.md "Collaboration, data,
// insight"; docs/maturity.md "Program health"): the program health figures of
// a pilot group of units, or of the whole organisation, in a period, with
// their trend over the period.
//
// The period defaults to the shortest one running at as_of, as on the
// dashboard. Every figure is a count of a count, never a title, so every
// member may read it for any units.
#include "core/health_trend.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/health_json.h"
#include "http/json_writer.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

Response health(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  FieldErrors errors;
  const auto period_id = errors.take(query_id<PeriodId>(request, "period_id", kPeriodPrefix));
  const auto units = errors.take(query_ids<UnitId>(request, "unit_ids", kUnitPrefix));
  if (!errors.empty()) return problem_for(errors.error());

  return context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    const auto named = named_or_running_period(eval, period_id);
    if (!named) return problem_for(named.error());
    const PeriodId period = *named;
    for (UnitId unit : units) {
      if (!eval.unit(unit)) return problem_for(not_found("unit"));
    }

    JsonWriter w;
    w.begin_object();
    w.key("period_id").value(api_id(kPeriodPrefix, period.value()));
    w.key("as_of").value(to_rfc3339(*t));
    w.key("unit_ids").begin_array();
    for (UnitId unit : units) w.value(api_id(kUnitPrefix, unit.value()));
    w.end_array();
    // The trend's last point is the health at as_of: computed once, written twice.
    const std::vector<HealthPoint> trend = health_trend(eval, period, units);
    write_health(w, trend.back().health);
    w.key("trend").begin_array();
    for (const HealthPoint& point : trend) {
      w.begin_object();
      w.key("as_of").value(to_rfc3339(point.at));
      write_health(w, point.health);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return Response::json(200, w.take());
  });
}

}  // namespace

void add_health_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/reports/health"),
            "Program health of a period (default: the running one) for a pilot group of units "
            "(`unit_ids`, comma-separated; default the whole organisation): onboarding, activity, "
            "alignment, transparency and focus with their counts, objectives per owner, "
            "attainment, and their trend, one point per check-in cadence step",
            signed_in_call(context, health));
}

}  // namespace cairn::http
