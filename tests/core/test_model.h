// A small organisation for the domain-rule tests (progress, roll-up, graph,
// status, forecast, as-of): a company with two teams, two people, the year
// 2026 with its quarters Q1 and Q2, all created at kSetup; and short-hands that
// add OKRs, links and check-ins and report a failure when a command is refused.
//
// Q1 2026 runs from 2026-01-01T00:00Z to 2026-04-01T00:00Z: exactly 90 days
// (7,776,000 seconds), so a share f of Q1 is f · 7,776,000 seconds.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/evaluation.h"
#include "core/model.h"

namespace cairn::core::test_model {

inline const Instant kSetup = instant_utc(2025, 12, 1);
inline const Instant kQ1Start = instant_utc(2026, 1, 1);
inline const Instant kQ1End = instant_utc(2026, 4, 1);
inline constexpr std::int64_t kQ1Seconds = 90 * kSecondsPerDay;

// The start of Q1 plus `days` (whole or fractional days, rounded down to the second).
inline Instant q1_day(double days) {
  return kQ1Start + static_cast<std::int64_t>(days * static_cast<double>(kSecondsPerDay));
}
// The instant at which `seconds` of Q1 have passed.
inline Instant q1_plus(std::int64_t seconds) {
  return kQ1Start + seconds;
}

template <class T>
T must(Result<T> result) {
  if (!result) {
    ADD_FAILURE() << "command refused: " << to_string(result.error().code) << ": "
                  << result.error().message;
    return T{};
  }
  return *result;
}
inline void must(Result<void> result) {
  if (!result) {
    ADD_FAILURE() << "command refused: " << to_string(result.error().code) << ": "
                  << result.error().message;
  }
}

inline Period period_of(std::string name, PeriodKind kind, Date start, Date end,
                        PeriodId parent = {}) {
  Period p;
  p.name = std::move(name);
  p.kind = kind;
  p.start_date = start;
  p.end_date = end;
  p.starts_at = start_of_day_utc(start);
  p.ends_at = start_of_day_utc(end + 1);
  p.parent = parent;
  return p;
}

inline Measurement value_of(double v) {
  Measurement m;
  m.value = v;
  return m;
}
inline Measurement done_of(bool done) {
  Measurement m;
  m.done = done;
  return m;
}
inline Measurement milestones_of(std::uint64_t bits) {
  Measurement m;
  m.milestones_done = bits;
  return m;
}

class World {
 public:
  explicit World(Settings settings = {}) {
    Organization org;
    org.name = "Cairn Test";
    org.settings = std::move(settings);
    must(model.set_organization(org, kSetup));
    Person a;
    a.name = "Ada";
    a.email = "ada@cairn.test";
    a.role = Role::kAdmin;
    ada = must(model.add_person(a, kSetup));
    Person b;
    b.name = "Bob";
    b.email = "bob@cairn.test";
    bob = must(model.add_person(b, kSetup));
    Unit c;
    c.name = "Cairn";
    c.kind = UnitKind::kCompany;
    c.lead = ada;
    company = must(model.add_unit(c, kSetup));
    Unit t;
    t.name = "Team A";
    t.kind = UnitKind::kTeam;
    t.parent = company;
    t.lead = bob;
    team = must(model.add_unit(t, kSetup));
    t.name = "Team B";
    other_team = must(model.add_unit(t, kSetup));
    year = must(model.add_period(period_of("2026", PeriodKind::kYear, Date::from_ymd(2026, 1, 1),
                                           Date::from_ymd(2026, 12, 31)),
                                 kSetup));
    q1 =
        must(model.add_period(period_of("Q1 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 1, 1),
                                        Date::from_ymd(2026, 3, 31), year),
                              kSetup));
    q2 =
        must(model.add_period(period_of("Q2 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 4, 1),
                                        Date::from_ymd(2026, 6, 30), year),
                              kSetup));
  }

  // ---- Objectives -------------------------------------------------------------
  Objective objective_spec(ProgressMode mode = ProgressMode::kKeyResults, PeriodId period = {},
                           double weight = 1) const {
    Objective o;
    o.title = "Objective " + std::to_string(model.objective_count());
    o.period = period.valid() ? period : q1;
    o.owner = Owner::of_unit(team);
    o.progress_mode = mode;
    o.weight = weight;
    return o;
  }
  ObjectiveId objective(ProgressMode mode = ProgressMode::kKeyResults, PeriodId period = {},
                        double weight = 1, Instant at = kSetup) {
    return must(model.add_objective(objective_spec(mode, period, weight), at));
  }
  ObjectiveId add(const Objective& o, Instant at = kSetup) {
    return must(model.add_objective(o, at));
  }
  // Sets a manual objective's progress by hand.
  void set_manual(ObjectiveId id, double progress, Instant at = kSetup) {
    Objective o = *model.objective(id);
    o.manual_progress = progress;
    must(model.update_objective(o, at));
  }
  void archive(ObjectiveId id, Instant at = kSetup) {
    Objective o = *model.objective(id);
    o.state = ObjectiveState::kArchived;
    must(model.update_objective(o, at));
  }

  // ---- Key results ------------------------------------------------------------
  KeyResult metric_spec(ObjectiveId o, double start, std::optional<double> target,
                        double weight = 1) const {
    KeyResult kr;
    kr.objective = o;
    kr.title = "Reach 100 active teams";
    kr.owner = bob;
    kr.kind = KeyResultKind::kMetric;
    kr.start = start;
    kr.target = target;
    kr.unit = "count";
    kr.weight = weight;
    return kr;
  }
  KeyResultId add(KeyResult kr, Instant at = kSetup) {
    return must(model.add_key_result(std::move(kr), at));
  }
  KeyResultId metric(ObjectiveId o, double start, std::optional<double> target, double weight = 1,
                     ProgressSource source = ProgressSource::kCheckIns, Instant at = kSetup) {
    KeyResult kr = metric_spec(o, start, target, weight);
    kr.source = source;
    return add(std::move(kr), at);
  }
  KeyResultId boolean(ObjectiveId o, double weight = 1, Instant at = kSetup) {
    KeyResult kr = metric_spec(o, 0, std::nullopt, weight);
    kr.kind = KeyResultKind::kBoolean;
    kr.unit.clear();
    return add(std::move(kr), at);
  }
  KeyResultId milestones(ObjectiveId o, std::vector<double> weights, double weight = 1,
                         Instant at = kSetup) {
    KeyResult kr = metric_spec(o, 0, std::nullopt, weight);
    kr.kind = KeyResultKind::kMilestones;
    kr.unit.clear();
    for (std::size_t i = 0; i < weights.size(); ++i) {
      kr.milestones.push_back(Milestone{"Step " + std::to_string(i + 1), weights[i]});
    }
    return add(std::move(kr), at);
  }
  KeyResultId band(ObjectiveId o, double low, double high, double weight = 1, Instant at = kSetup) {
    KeyResult kr = metric_spec(o, 0, std::nullopt, weight);
    kr.kind = KeyResultKind::kBand;
    kr.unit = "ms";
    kr.low = low;
    kr.high = high;
    return add(std::move(kr), at);
  }
  // Applies `edit` to the current version of a key result and stores it at `at`.
  template <class Edit>
  void edit(KeyResultId id, Edit&& edit_fn, Instant at) {
    KeyResult kr = *model.key_result(id);
    edit_fn(kr);
    must(model.update_key_result(std::move(kr), at));
  }
  template <class Edit>
  void edit(ObjectiveId id, Edit&& edit_fn, Instant at) {
    Objective o = *model.objective(id);
    edit_fn(o);
    must(model.update_objective(std::move(o), at));
  }
  void archive(KeyResultId id, Instant at = kSetup) {
    edit(
        id, [](KeyResult& kr) { kr.archived = true; }, at);
  }

  // ---- Check-ins --------------------------------------------------------------
  // Records a check-in that held at `at`, written at `recorded` (default `at`).
  CheckInId check_in(KeyResultId kr, Measurement m, Instant at,
                     std::optional<int> confidence = std::nullopt,
                     std::optional<Instant> recorded = std::nullopt) {
    CheckIn c;
    c.key_result = kr;
    c.author = bob;
    c.measurement = m;
    c.confidence = confidence;
    c.at = at;
    return must(model.add_check_in(c, recorded.value_or(at)));
  }
  CheckInId check_in(KeyResultId kr, double value, Instant at,
                     std::optional<int> confidence = std::nullopt,
                     std::optional<Instant> recorded = std::nullopt) {
    return check_in(kr, value_of(value), at, confidence, recorded);
  }

  // ---- Links ------------------------------------------------------------------
  LinkId link(NodeRef child, NodeRef parent, double weight = 1, bool contributes = true,
              Instant at = kSetup) {
    return must(model.add_link(link_spec(child, parent, weight, contributes), at));
  }
  static AlignmentLink link_spec(NodeRef child, NodeRef parent, double weight = 1,
                                 bool contributes = true) {
    AlignmentLink l;
    l.child = child;
    l.parent = parent;
    l.weight = weight;
    l.contributes = contributes;
    return l;
  }

  // ---- Live values --------------------------------------------------------------
  double P(ObjectiveId id) const { return model.rollup().objective(id).progress; }
  double p(KeyResultId id) const { return model.rollup().key_result(id).progress; }
  double c(KeyResultId id) const { return model.rollup().key_result(id).current; }
  double attainment(KeyResultId id) const { return model.rollup().key_result(id).attainment; }

  Model model;
  PersonId ada, bob;
  UnitId company, team, other_team;
  PeriodId year, q1, q2;
};

}  // namespace cairn::core::test_model
