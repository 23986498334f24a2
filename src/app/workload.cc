#include "app/workload.h"

#include <algorithm>
#include <random>
#include <string>

#include "app/command_target.h"
#include "app/must.h"

namespace cairn::app {
namespace {

using namespace cairn::core;

constexpr int kFunctions = 12;
constexpr int kTeamSize = 10;
constexpr int kMaxUnitDepth = 6;  // company 0, functions 1, teams 2..6
constexpr int kObjectivesPerUnit = 3;
constexpr int kKeyResultsPerObjective = 4;

Period quarter_period(const std::string& name, Date start, Date end, PeriodId parent,
                      PeriodKind kind) {
  Period p;
  p.name = name;
  p.kind = kind;
  p.start_date = start;
  p.end_date = end;
  p.starts_at = start_of_day_utc(start);
  p.ends_at = start_of_day_utc(end + 1);
  p.parent = parent;
  return p;
}

class Generator : private TargetUser {
 public:
  Generator(CommandTarget& target, const WorkloadOptions& options)
      : TargetUser(target), options_(options), rng_(options.seed) {}

  Workload run();

 private:
  using TargetUser::run;  // beside run() above
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  double uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(rng_);
  }

  struct UnitPlan {
    UnitId id;
    std::size_t parent = 0;  // index into units_
    int depth = 0;
    std::size_t lead = 0;  // person index
    std::vector<std::size_t> members;
    std::vector<ObjectiveId> objectives;
  };

  void plan_units();
  void create_people();
  void create_units();
  ObjectiveId objective(Owner owner, PersonId kr_owner, ProgressMode mode);
  void align(ObjectiveId child, const UnitPlan& parent_unit);
  void create_okrs();
  void create_check_ins(Workload& out);

  WorkloadOptions options_;
  std::mt19937_64 rng_;
  Instant setup_ = instant_utc(2026, 9, 1);
  PeriodId quarter_;
  std::vector<UnitPlan> units_;
  std::vector<PersonId> people_;
  std::vector<std::size_t> person_unit_;  // index into units_
  std::vector<KeyResultId> key_results_;
  std::vector<double> pace_;  // per key result: share of the expected pace it keeps
};

void Generator::plan_units() {
  const std::size_t n = std::max<std::size_t>(options_.people, 1 + kFunctions + kTeamSize);
  options_.people = n;
  person_unit_.assign(n, 0);
  units_.push_back({UnitId{}, 0, 0, 0, {0}, {}});
  for (int f = 0; f < kFunctions; ++f) {
    const std::size_t lead = 1 + static_cast<std::size_t>(f);
    units_.push_back({UnitId{}, 0, 1, lead, {lead}, {}});
    person_unit_[lead] = units_.size() - 1;
  }
  // Teams hang under a random unit of their function that is not yet at the
  // deepest level, which grows trees of varied depth like real organisations.
  std::vector<std::vector<std::size_t>> open(kFunctions);
  for (int f = 0; f < kFunctions; ++f) open[f].push_back(1 + static_cast<std::size_t>(f));
  const std::size_t first = 1 + kFunctions;
  const std::size_t teams = (n - first) / kTeamSize;
  for (std::size_t t = 0; t < teams; ++t) {
    auto& candidates = open[t % kFunctions];
    const std::size_t parent = candidates[pick(candidates.size())];
    UnitPlan team{UnitId{}, parent, units_[parent].depth + 1, first + t * kTeamSize, {}, {}};
    const std::size_t end = t + 1 == teams ? n : first + (t + 1) * kTeamSize;
    for (std::size_t p = first + t * kTeamSize; p < end; ++p) {
      team.members.push_back(p);
      person_unit_[p] = units_.size();
    }
    units_.push_back(std::move(team));
    if (units_.back().depth < kMaxUnitDepth) candidates.push_back(units_.size() - 1);
  }
}

void Generator::create_people() {
  people_.reserve(options_.people);
  for (std::size_t i = 0; i < options_.people; ++i) {
    const UnitPlan& unit = units_[person_unit_[i]];
    Person p;
    p.name = "Person " + std::to_string(i);
    p.email = "person" + std::to_string(i) + "@enterprise.example";
    p.role = i == 0 ? Role::kAdmin : Role::kMember;
    if (i != 0) {
      const std::size_t manager = unit.lead == i ? units_[unit.parent].lead : unit.lead;
      p.manager = people_[manager];
    }
    p.first_sign_in = setup_;
    people_.push_back(must(run<PersonId>(AddPerson{p}, setup_)));
  }
}

void Generator::create_units() {
  for (std::size_t i = 0; i < units_.size(); ++i) {
    UnitPlan& plan = units_[i];
    Unit u;
    u.kind = i == 0 ? UnitKind::kCompany : plan.depth == 1 ? UnitKind::kFunction : UnitKind::kTeam;
    u.name = i == 0 ? "Enterprise" : (plan.depth == 1 ? "Function " : "Team ") + std::to_string(i);
    u.parent = i == 0 ? UnitId{} : units_[plan.parent].id;
    u.lead = people_[plan.lead];
    for (std::size_t m : plan.members) u.members.push_back(people_[m]);
    plan.id = must(run<UnitId>(AddUnit{u}, setup_));
  }
}

ObjectiveId Generator::objective(Owner owner, PersonId kr_owner, ProgressMode mode) {
  Objective o;
  o.title = "Objective " + std::to_string(model().objective_count());
  o.period = quarter_;
  o.owner = owner;
  o.progress_mode = mode;
  const ObjectiveId id = must(run<ObjectiveId>(AddObjective{o}, setup_));
  for (int k = 0; k < kKeyResultsPerObjective; ++k) {
    KeyResult kr;
    kr.objective = id;
    kr.title = "Grow metric " + std::to_string(model().key_result_count());
    kr.owner = kr_owner;
    kr.start = 0;
    kr.target = static_cast<double>(50 + pick(951));
    kr.unit = "count";
    kr.weight = pick(5) == 0 ? 2 : 1;
    key_results_.push_back(must(run<KeyResultId>(AddKeyResult{kr}, setup_)));
    pace_.push_back(uniform(0.4, 1.2));
  }
  return id;
}

void Generator::align(ObjectiveId child, const UnitPlan& parent_unit) {
  // An objective of the parent unit, or one of its key results.
  auto target = [&]() {
    const ObjectiveId parent = parent_unit.objectives[pick(parent_unit.objectives.size())];
    if (pick(10) < 3) {
      const auto krs = model().key_results_of(parent);
      return NodeRef::of(krs[pick(krs.size())]);
    }
    return NodeRef::of(parent);
  };
  AlignmentLink link;
  link.child = NodeRef::of(child);
  link.parent = target();
  must(run<LinkId>(AddLink{link}, setup_));
  if (pick(10) == 0) {
    link.parent = target();
    (void)run<LinkId>(AddLink{link}, setup_);  // the same parent twice is refused, and that is fine
  }
}

void Generator::create_okrs() {
  for (std::size_t i = 0; i < units_.size(); ++i) {
    UnitPlan& unit = units_[i];
    for (int k = 0; k < kObjectivesPerUnit; ++k) {
      const ObjectiveId id =
          objective(Owner::of_unit(unit.id), people_[unit.lead], ProgressMode::kCombined);
      unit.objectives.push_back(id);
      if (i != 0) align(id, units_[unit.parent]);
    }
  }
  // One individual objective for 20 % of people, aligned to their unit.
  for (std::size_t p = 0; p < people_.size(); ++p) {
    if (pick(5) != 0) continue;
    const ObjectiveId id =
        objective(Owner::of_person(people_[p]), people_[p], ProgressMode::kKeyResults);
    align(id, units_[person_unit_[p]]);
  }
  // Dependencies on 5 % of objectives.
  const std::size_t objectives = model().objective_count();
  for (std::size_t o = 0; o < objectives; ++o) {
    if (pick(20) != 0) continue;
    const std::size_t other = pick(objectives);
    if (other == o) continue;
    Dependency d;
    d.from = NodeRef::of(ObjectiveId{static_cast<std::uint32_t>(o)});
    d.to = NodeRef::of(ObjectiveId{static_cast<std::uint32_t>(other)});
    must(run<DependencyId>(AddDependency{d}, setup_));
  }
}

void Generator::create_check_ins(Workload& out) {
  const Period& q = *model().period(quarter_);
  const double length = static_cast<double>(q.ends_at - q.starts_at);
  Instant at = q.starts_at + 4 * kSecondsPerDay;
  for (int week = 0; week < options_.check_ins_per_key_result;
       ++week, at = at + 7 * kSecondsPerDay) {
    const double elapsed = static_cast<double>(at - q.starts_at) / length;
    for (std::size_t i = 0; i < key_results_.size(); ++i) {
      const KeyResult& kr = *model().key_result(key_results_[i]);
      CheckIn c;
      c.key_result = kr.id;
      c.author = kr.owner;
      c.measurement.value = std::round(*kr.target * std::min(1.0, elapsed * pace_[i]));
      c.confidence = static_cast<int>(3 + pick(7));
      c.at = at;
      must(run<CheckInId>(AddCheckIn{c}, at));
    }
    out.now = at + 3600;
  }
}

Workload Generator::run() {
  Workload out;
  Organization org;
  org.name = "Enterprise";
  must(run_void(SetOrganization{org}, setup_));
  plan_units();
  create_people();
  create_units();
  const PeriodId year = must(
      run<PeriodId>(AddPeriod{quarter_period("2026", Date::from_ymd(2026, 1, 1),
                                             Date::from_ymd(2026, 12, 31), {}, PeriodKind::kYear)},
                    setup_));
  for (unsigned q = 0; q < 4; ++q) {
    const Date start = Date::from_ymd(2026, q * 3 + 1, 1);
    const Date end = q == 3 ? Date::from_ymd(2026, 12, 31) : Date::from_ymd(2026, q * 3 + 4, 1) - 1;
    quarter_ = must(run<PeriodId>(AddPeriod{quarter_period("Q" + std::to_string(q + 1) + " 2026",
                                                           start, end, year, PeriodKind::kQuarter)},
                                  setup_));
  }
  out.active_quarter = quarter_;
  out.now = setup_;
  create_okrs();
  create_check_ins(out);
  int deepest = 0;
  for (const UnitPlan& u : units_) deepest = std::max(deepest, u.depth);
  for (const UnitPlan& u : units_) {
    if (u.depth != deepest) continue;
    for (ObjectiveId o : u.objectives) {
      for (KeyResultId kr : model().key_results_of(o)) out.team_key_results.push_back(kr);
    }
  }
  return out;
}

}  // namespace

Result<Workload> generate_workload(CommandTarget& target, const WorkloadOptions& options) {
  const Model& model = target.model();
  if (model.objective_count() > 0 || model.person_count() > 0) {
    return Error{ErrorCode::kConflict, "the workload goes into an empty model", {}, {}, {}};
  }
  try {
    return Generator(target, options).run();
  } catch (const ErrorException& e) {
    return e.error();
  }
}

Result<Workload> generate_workload(Model& model, const WorkloadOptions& options) {
  ModelTarget target(model);
  return generate_workload(target, options);
}

}  // namespace cairn::app
