#include "core/maturity.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/facts.h"

namespace cairn::core {
namespace {

double ratio(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// A key result is measurable when it moves a number toward a target or keeps
// one in a band; a done / not-done switch or a checklist is not a measure.
bool measurable(const KeyResult& kr) {
  return !kr.archived && ((kr.kind == KeyResultKind::kMetric && kr.target.has_value()) ||
                          kr.kind == KeyResultKind::kBand);
}

class Assessment {
 public:
  explicit Assessment(const Evaluation& eval) : eval_(eval) { gather(); }

  MaturityReport report();

 private:
  void gather();
  void add(std::string id, MaturityStage stage, std::string description,
           std::optional<double> measured, double threshold, bool at_most, std::string unit,
           std::string next_step) {
    MaturityCriterion c{std::move(id),   stage,     std::move(description),
                        measured,        threshold, at_most,
                        std::move(unit), false,     {}};
    c.passed = measured && (at_most ? *measured <= threshold : *measured >= threshold);
    if (!c.passed) c.next_step = std::move(next_step);
    criteria_.push_back(std::move(c));
  }
  // The closed periods that had OKRs, most recently closed last.
  std::vector<const Period*> closed_periods_with_okrs() const;
  bool period_scored(PeriodId period) const;

  const Evaluation& eval_;
  std::vector<const Objective*> counting_;
  std::map<std::uint32_t, std::size_t> objectives_per_period_;
  std::vector<MaturityCriterion> criteria_;
};

void Assessment::gather() {
  counting_ = objectives_where(eval_, [](const Objective& o) { return counts(o); });
  for (const Objective* o : counting_) ++objectives_per_period_[o->period.value()];
}

std::vector<const Period*> Assessment::closed_periods_with_okrs() const {
  std::vector<const Period*> out;
  for (const auto& [period, count] : objectives_per_period_) {
    const Period* p = eval_.period(PeriodId{period});
    if (p && p->state_at(eval_.as_of()) == PeriodState::kClosed) out.push_back(p);
  }
  std::sort(out.begin(), out.end(),
            [](const Period* a, const Period* b) { return *a->closed_at < *b->closed_at; });
  return out;
}

bool Assessment::period_scored(PeriodId period) const {
  for (const Objective* o : counting_) {
    if (o->period == period && !o->effective_score()) return false;
  }
  return true;
}

MaturityReport Assessment::report() {
  const Model& model = eval_.model();
  const Instant t = eval_.as_of();

  // ---- 2 Aware --------------------------------------------------------------------------
  std::size_t active = 0, with_measure = 0;
  for (const Objective* o : counting_) {
    if (o->state == ObjectiveState::kActive) ++active;
    for (KeyResultId kr : model.key_results_of(o->id)) {
      const KeyResult* k = eval_.key_result(kr);
      if (k && measurable(*k)) {
        ++with_measure;
        break;
      }
    }
  }
  add("aware.active_objectives", MaturityStage::kAware,
      "A period with at least one active objective", static_cast<double>(active), 1, false, "count",
      "Set up a period and write your first company objective with its key results.");
  add("aware.measurable_objectives", MaturityStage::kAware,
      "Objectives with at least one measurable key result", ratio(with_measure, counting_.size()),
      0.8, false, "ratio",
      "Give every objective a key result with a number: a metric with a target, or a band to "
      "keep.");

  // ---- 3 Champion -----------------------------------------------------------------------
  std::set<int> levels;
  std::set<std::uint32_t> owning_units;
  std::size_t team_objectives = 0, team_aligned = 0, non_company = 0, non_company_aligned = 0;
  std::size_t key_results = 0, owned = 0, multi_aligned = 0, commented = 0;
  std::set<std::uint32_t> commented_objectives;
  for (std::uint32_t i = 0; i < model.comment_count(); ++i) {
    const Comment& c = *model.comment(CommentId{i});
    if (t < c.at) continue;
    const ObjectiveId target = c.target.is_objective()
                                   ? c.target.objective()
                                   : model.key_result(c.target.key_result())->objective;
    commented_objectives.insert(target.value());
  }
  for (const Objective* o : counting_) {
    levels.insert(objective_level(eval_, *o));
    const bool company = is_company_objective(eval_, *o);
    const bool aligned = is_aligned(eval_, o->id);
    if (o->owner.is_unit() && !company) {
      owning_units.insert(o->owner.unit.value());
      ++team_objectives;
      team_aligned += aligned ? 1 : 0;
    }
    if (!company) {
      ++non_company;
      non_company_aligned += aligned ? 1 : 0;
    }
    multi_aligned += parent_count(eval_, o->id) >= 2 ? 1 : 0;
    commented += commented_objectives.contains(o->id.value()) ? 1 : 0;
    for (KeyResultId kr : model.key_results_of(o->id)) {
      const KeyResult* k = eval_.key_result(kr);
      if (!k || k->archived) continue;
      ++key_results;
      owned += k->owner.valid() ? 1 : 0;
    }
  }
  const std::vector<const Period*> closed = closed_periods_with_okrs();
  const double periods_with_okrs = static_cast<double>(objectives_per_period_.size());
  add("champion.periods", MaturityStage::kChampion, "Periods with OKRs", periods_with_okrs, 2,
      false, "count", "Run a second cycle: plan the next period's OKRs before this one ends.");
  add("champion.levels", MaturityStage::kChampion, "Levels of the unit hierarchy with objectives",
      static_cast<double>(levels.size()), 2, false, "count",
      "Ask the functions or teams under the company to set their own objectives.");
  add("champion.owned_key_results", MaturityStage::kChampion, "Key results owned by a person",
      ratio(owned, key_results), 0.8, false, "ratio",
      "Give every key result one owner who checks in on it.");
  add("champion.aligned_team_objectives", MaturityStage::kChampion,
      "Team objectives aligned to a higher objective or key result",
      ratio(team_aligned, team_objectives), 0.5, false, "ratio",
      "Link team objectives to the company objective or key result they serve.");
  const bool last_scored = !closed.empty() && period_scored(closed.back()->id);
  add("champion.last_period_scored", MaturityStage::kChampion, "The last closed period is scored",
      last_scored ? 1.0 : 0.0, 1, false, "count",
      closed.empty() ? "Close your first period to score it and learn from the scores."
                     : "Score every objective of the last closed period.");

  // ---- 4 Excellence ---------------------------------------------------------------------
  const std::optional<double> median_interval = median(check_in_intervals_days(eval_));
  std::size_t scored_periods = 0;
  for (const Period* p : closed) scored_periods += period_scored(p->id) ? 1 : 0;
  std::size_t retro_units = 0, units_in_last = 0;
  if (!closed.empty()) {
    std::set<std::uint32_t> units;
    for (const Objective* o : counting_) {
      if (o->period == closed.back()->id && o->owner.is_unit()) units.insert(o->owner.unit.value());
    }
    units_in_last = units.size();
    std::set<std::uint32_t> with_retro;
    for (const Retrospective& r : model.retrospectives()) {
      if (r.period == closed.back()->id && r.recorded_at <= t && units.contains(r.unit.value())) {
        with_retro.insert(r.unit.value());
      }
    }
    retro_units = with_retro.size();
  }
  add("excellence.periods", MaturityStage::kExcellence, "Periods with OKRs", periods_with_okrs, 3,
      false, "count", "Keep the rhythm: a third cycle makes OKRs a habit.");
  add("excellence.levels", MaturityStage::kExcellence,
      "Levels of the unit hierarchy with objectives (more than 2)",
      static_cast<double>(levels.size()), 3, false, "count",
      "Bring OKRs a level deeper: teams under functions, or individuals under teams.");
  add("excellence.teams", MaturityStage::kExcellence,
      "Units below the company with objectives (more than 2)",
      static_cast<double>(owning_units.size()), 3, false, "count",
      "Invite more teams to set objectives for the active period.");
  add("excellence.check_in_interval", MaturityStage::kExcellence,
      "Median days between check-ins of active key results", median_interval, 14, true, "days",
      "Check in at least every two weeks; set a check-in reminder on the cadence.");
  add("excellence.every_period_scored", MaturityStage::kExcellence,
      "Closed periods that are scored",
      closed.empty() ? std::nullopt : std::optional<double>(ratio(scored_periods, closed.size())),
      1, false, "ratio",
      "Score every closed period, so each cycle ends with a grade and a lesson.");
  add("excellence.retrospectives", MaturityStage::kExcellence,
      "Units with a retrospective for the last closed period",
      closed.empty() ? std::nullopt : std::optional<double>(ratio(retro_units, units_in_last)), 0.5,
      false, "ratio",
      "Hold a retrospective in each unit at the end of the period and record its answers.");

  // ---- 5 Master -------------------------------------------------------------------------
  std::size_t units = 0, units_with_okrs = 0;
  std::set<std::uint32_t> owners_now;
  for (const Objective* o : counting_) {
    const Period* p = eval_.period(o->period);
    if (o->owner.is_unit() && p->state_at(t) == PeriodState::kActive && t < p->ends_at) {
      owners_now.insert(o->owner.unit.value());
    }
  }
  for (std::uint32_t i = 0; i < model.unit_count(); ++i) {
    const Unit* u = eval_.unit(UnitId{i});
    if (!u || u->archived) continue;
    ++units;
    units_with_okrs += owners_now.contains(i) ? 1 : 0;
  }
  std::size_t dependencies = 0;
  for (std::uint32_t i = 0; i < model.dependency_count(); ++i) {
    dependencies += eval_.dependency(DependencyId{i}) ? 1 : 0;
  }
  std::size_t data_connected = 0;
  for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
    const KeyResult* k = eval_.key_result(KeyResultId{i});
    data_connected += k && !k->archived && k->source == ProgressSource::kKpi ? 1 : 0;
  }
  add("master.units_with_okrs", MaturityStage::kMaster, "Units with OKRs in the active period",
      ratio(units_with_okrs, units), 0.9, false, "ratio",
      "Help the units without objectives this period to set at least one.");
  add("master.check_in_interval", MaturityStage::kMaster,
      "Median days between check-ins of active key results", median_interval, 7, true, "days",
      "Make the weekly check-in a ritual: the same day, a few minutes, every week.");
  add("master.aligned_objectives", MaturityStage::kMaster,
      "Objectives below the company that are aligned", ratio(non_company_aligned, non_company), 0.8,
      false, "ratio",
      "Align the remaining objectives; look at the map's list of unaligned objectives.");
  add("master.cross_team_links", MaturityStage::kMaster,
      "Dependencies and multi-aligned objectives",
      static_cast<double>(dependencies + multi_aligned), 1, false, "count",
      "Record the dependencies between teams, and align shared objectives to every parent they "
      "serve.");
  add("master.data_connected", MaturityStage::kMaster, "Key results fed by a KPI",
      static_cast<double>(data_connected), 1, false, "count",
      "Connect a key result to a KPI so its value updates itself.");
  add("master.comments", MaturityStage::kMaster, "Objectives with comments or feedback",
      ratio(commented, counting_.size()), 0.3, false, "ratio",
      "Comment on each other's objectives: ask, encourage, offer help.");

  MaturityReport out;
  out.criteria = std::move(criteria_);
  for (int stage = static_cast<int>(MaturityStage::kAware);
       stage <= static_cast<int>(MaturityStage::kMaster); ++stage) {
    const bool all = std::all_of(
        out.criteria.begin(), out.criteria.end(),
        [&](const MaturityCriterion& c) { return static_cast<int>(c.stage) != stage || c.passed; });
    if (!all) break;
    out.stage = static_cast<MaturityStage>(stage);
  }
  return out;
}

}  // namespace

const char* to_string(MaturityStage stage) {
  switch (stage) {
    case MaturityStage::kCurious:
      return "curious";
    case MaturityStage::kAware:
      return "aware";
    case MaturityStage::kChampion:
      return "champion";
    case MaturityStage::kExcellence:
      return "excellence";
    case MaturityStage::kMaster:
      return "master";
  }
  return "curious";
}

MaturityReport assess_maturity(const Evaluation& eval) {
  return Assessment(eval).report();
}

}  // namespace cairn::core
