#include "app/report/period_report.h"

#include <algorithm>

#include "app/access.h"
#include "core/evaluation.h"

namespace cairn::app {
namespace {

using namespace cairn::core;

// Units from the company down, each followed by the units below it.
std::vector<const Unit*> in_hierarchy_order(const Evaluation& eval) {
  const Model& model = eval.model();
  std::vector<std::vector<const Unit*>> below(model.unit_count() + 1);
  for (std::uint32_t n = 0; n < model.unit_count(); ++n) {
    const Unit* u = eval.unit(UnitId{n});
    if (!u || u->archived) continue;
    below[u->parent.valid() ? u->parent.value() : model.unit_count()].push_back(u);
  }
  std::vector<const Unit*> out;
  std::vector<const Unit*> stack(below.back().rbegin(), below.back().rend());
  while (!stack.empty() && out.size() <= model.unit_count()) {
    const Unit* u = stack.back();
    stack.pop_back();
    out.push_back(u);
    const auto& children = below[u->id.value()];
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return out;
}

ReportObjective objective_entry(const Evaluation& eval, const Objective& o) {
  const ObjectiveView view = eval.objective_view(o.id);
  ReportObjective r;
  r.id = o.id;
  r.title = o.title;
  r.type = o.type;
  r.progress = view.progress;
  r.status = view.status;
  r.score = view.score;
  r.success = view.success;
  r.forecast = eval.objective_forecast(o.id);
  for (KeyResultId id : eval.model().key_results_of(o.id)) {
    const KeyResult* kr = eval.key_result(id);
    if (!kr || kr->archived) continue;
    const KeyResultView k = eval.key_result_view(id);
    const bool metric = kr->kind == KeyResultKind::kMetric;
    ReportKeyResult line;
    line.id = id;
    line.title = kr->title;
    if (metric) {
      line.current = k.current;
      line.target = kr->target;
      line.unit = kr->unit;
    }
    line.progress = k.progress;
    line.score = k.score;
    line.forecast = k.forecast;
    r.key_results.push_back(std::move(line));
  }
  return r;
}

void add_retrospectives(const Evaluation& eval, PeriodId period, PeriodReport& report) {
  const Model& model = eval.model();
  // The newest of each unit, in the order units were made (the company first).
  std::vector<ReportRetrospective> newest(model.unit_count());
  for (const Retrospective& r : model.retrospectives()) {
    if (r.period != period || r.recorded_at > eval.as_of()) continue;
    ReportRetrospective& entry = newest[r.unit.value()];
    entry.retrospective = r;  // recorded in order: the last one seen is the newest
    ++entry.revision;
  }
  for (ReportRetrospective& entry : newest) {
    if (entry.revision == 0) continue;
    entry.unit = model.unit(entry.retrospective.unit)->name;
    const Person* author = model.person(entry.retrospective.author);
    entry.author = author ? author->name : "";
    report.retrospectives.push_back(std::move(entry));
  }
}

}  // namespace

PeriodReport period_report(const Model& model, const Principal& who, PeriodId period_id,
                           Instant as_of) {
  const Evaluation eval(model, as_of);
  const Period& period = *eval.period(period_id);
  PeriodReport report;
  report.period_id = period_id;
  report.organization = eval.organization().name;
  report.mission = eval.organization().mission;
  report.period = period.name;
  report.start_date = period.start_date;
  report.end_date = period.end_date;
  report.state = period.state_at(as_of);
  const Owner company = Owner::of_unit(model.company());
  report.company_progress = eval.owner_progress(company, period_id);
  if (report.state != PeriodState::kClosed) {
    report.heading_for = eval.owner_forecast(company, period_id);
  }
  report.health = program_health(eval, period_id);
  // The stage at the period's end once it has ended; until then, as of now.
  const Instant maturity_at = std::min(as_of, period.ends_at);
  report.maturity = maturity_at == as_of ? assess_maturity(eval).stage
                                         : assess_maturity(Evaluation(model, maturity_at)).stage;

  std::vector<std::vector<const Objective*>> by_unit(model.unit_count());
  for (ObjectiveId id : model.objectives_in(period_id)) {
    const Objective* o = eval.objective(id);
    if (!o || o->period != period_id || !o->owner.is_unit()) continue;
    if (o->state == ObjectiveState::kDraft || o->archived() || !can_see(model, who, id)) continue;
    by_unit[o->owner.unit.value()].push_back(o);
  }
  for (const Unit* u : in_hierarchy_order(eval)) {
    if (by_unit[u->id.value()].empty()) continue;
    ReportUnit unit{u->id, u->name, {}};
    for (const Objective* o : by_unit[u->id.value()]) {
      unit.objectives.push_back(objective_entry(eval, *o));
      ++report.objectives;
      if (unit.objectives.back().success) ++report.succeeded;
    }
    report.units.push_back(std::move(unit));
  }
  add_retrospectives(eval, period_id, report);
  return report;
}

}  // namespace cairn::app
