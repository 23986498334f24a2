// GET /dashboard?period_id&unit_id&person_id&as_of (API.md "Collaboration,
// data, insight"): one owner's OKRs in one period at a glance — the owner's
// progress (DOMAIN.md "Unit progress"), its objectives, how many are in each
// status, what is behind or at risk, and which key results are stale.
//
// The owner is a unit (unit_id, default the company) or a person (person_id).
// The period defaults to the shortest one running at as_of. Private objectives
// the caller may not see are left out of every list and count, but still
// count in the owner's progress, as they do in any roll-up (QUALITY.md).
#include <array>

#include "app/access.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

constexpr std::array kStatuses = {Status::kNotStarted, Status::kOnTrack, Status::kBehind,
                                  Status::kAtRisk,     Status::kDone,    Status::kClosed};

// An objective or key result in the behind and at-risk lists.
void write_item(JsonWriter& w, const Objective& o, const KeyResult* kr, double progress,
                double expected, Status status) {
  w.begin_object();
  w.key("kind").value(kr ? "key_result" : "objective");
  if (kr) w.key("key_result_id").value(api_id(kKeyResultPrefix, kr->id.value()));
  w.key("objective_id").value(api_id(kObjectivePrefix, o.id.value()));
  w.key("title").value(kr ? kr->title : o.title);
  w.key("progress").value(progress);
  w.key("expected").value(expected);
  w.key("status").value(to_string(status));
  w.end_object();
}

Response dashboard(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  FieldErrors errors;
  const auto period_id = errors.take(query_id<PeriodId>(request, "period_id", kPeriodPrefix));
  const auto unit_id = errors.take(query_id<UnitId>(request, "unit_id", kUnitPrefix));
  const auto person_id = errors.take(query_id<PersonId>(request, "person_id", kPersonPrefix));
  if (unit_id && person_id) errors.add(invalid("person_id", "give unit_id or person_id, not both"));
  if (!errors.empty()) return problem_for(errors.error());

  return context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    const auto named = named_or_running_period(eval, period_id);
    if (!named) return problem_for(named.error());
    const PeriodId period = *named;
    Owner owner = Owner::of_unit(unit_id ? *unit_id : model.company());
    if (person_id) {
      if (!eval.person(*person_id)) return problem_for(not_found("person"));
      owner = Owner::of_person(*person_id);
    } else if (!eval.unit(owner.unit)) {
      return problem_for(not_found("unit"));
    }

    std::vector<const Objective*> shown;  // what the caller may see
    eval.for_each_owned(owner, period, [&](const Objective& o) {
      if (app::can_see(model, who, o.id)) shown.push_back(&o);
    });

    JsonWriter w;
    w.begin_object();
    w.key("period_id").value(api_id(kPeriodPrefix, period.value()));
    w.key("as_of").value(to_rfc3339(*t));
    w.key("owner").begin_object();
    if (owner.is_unit()) {
      w.key("unit_id").value(api_id(kUnitPrefix, owner.unit.value()));
    } else {
      w.key("person_id").value(api_id(kPersonPrefix, owner.person.value()));
    }
    w.end_object();
    // Private objectives count here, as in every roll-up.
    w.key("progress").value(eval.owner_progress(owner, period));
    // Where the owner is heading by the period's end (F40), null without forecasts.
    w.key("heading_for").value(eval.owner_forecast(owner, period));

    std::array<std::int64_t, kStatuses.size()> counts{};
    JsonWriter behind, at_risk, stale;
    behind.begin_array();
    at_risk.begin_array();
    stale.begin_array();
    w.key("objectives").begin_array();
    for (const Objective* o : shown) {
      write_objective(w, eval, who, *o);
      const ObjectiveView view = eval.objective_view(o->id);
      ++counts[static_cast<std::size_t>(view.status)];
      if (view.status == Status::kBehind) {
        write_item(behind, *o, nullptr, view.progress, view.expected, view.status);
      }
      if (view.status == Status::kAtRisk) {
        write_item(at_risk, *o, nullptr, view.progress, view.expected, view.status);
      }
      for (KeyResultId id : model.key_results_of(o->id)) {
        const KeyResult* kr = eval.key_result(id);
        if (!kr || kr->archived) continue;
        const KeyResultView k = eval.key_result_view(id);
        if (k.status == Status::kBehind) {
          write_item(behind, *o, kr, k.progress, k.expected, k.status);
        }
        if (k.status == Status::kAtRisk) {
          write_item(at_risk, *o, kr, k.progress, k.expected, k.status);
        }
        if (k.stale) {
          stale.begin_object();
          stale.key("key_result_id").value(api_id(kKeyResultPrefix, id.value()));
          stale.key("objective_id").value(api_id(kObjectivePrefix, o->id.value()));
          stale.key("title").value(kr->title);
          stale.key("owner_id");
          if (kr->owner.valid()) {
            stale.value(api_id(kPersonPrefix, kr->owner.value()));
          } else {
            stale.null();
          }
          stale.key("last_check_in");
          if (k.last_check_in) {
            stale.value(to_rfc3339(*k.last_check_in));
          } else {
            stale.null();
          }
          stale.end_object();
        }
      }
    }
    w.end_array();
    behind.end_array();
    at_risk.end_array();
    stale.end_array();
    w.key("status_counts").begin_object();
    for (std::size_t n = 0; n < kStatuses.size(); ++n) {
      w.key(to_string(kStatuses[n])).value(counts[n]);
    }
    w.end_object();
    w.key("behind").raw(behind.take());
    w.key("at_risk").raw(at_risk.take());
    w.key("stale_key_results").raw(stale.take());
    w.end_object();
    return Response::json(200, w.take());
  });
}

}  // namespace

void add_dashboard_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/dashboard"),
            "A unit's or a person's OKRs in a period: progress, objectives, status counts, "
            "behind and at-risk items, stale key results",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return dashboard(context, r, who);
            }));
}

}  // namespace cairn::http
