// Test support for model_test, closing_test, rollover_test and rules_test: a
// small organisation, short-hands that assert success, and a snapshot of
// everything a command could change, so that a refused command can be shown to
// have changed nothing.
//
// The organisation: people Ada (admin), Bob and Cy (members, reporting to Ada);
// units "Acme" (the company, lead Ada) and "Platform" (a team under it, lead
// Bob, members Bob and Cy); periods 2026 (year), Q1 2026 and Q2 2026 inside it,
// all created on 2025-12-01.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/evaluation.h"
#include "core/model.h"

namespace cairn::core::model_testing {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();

inline const Instant kSetup = instant_utc(2025, 12, 1);
// Q1 2026 runs from 2026-01-01T00:00Z to 2026-04-01T00:00Z (90 days); Q2
// starts where Q1 ends.
inline const Instant kQ1Start = instant_utc(2026, 1, 1);
inline const Instant kQ1End = instant_utc(2026, 4, 1);

// Noon on day `day` (1-based) of Q1 2026.
inline Instant q1_day(int day) {
  return kQ1Start + static_cast<std::int64_t>(day - 1) * kSecondsPerDay + 12 * 3600;
}

// The value of a command that must succeed (a failure is reported, and a
// default value returned so that the test goes on).
template <class T>
T must(Result<T> result) {
  if (!result) {
    ADD_FAILURE() << "command failed: " << to_string(result.error().code) << ": "
                  << result.error().message;
    return T{};
  }
  return *result;
}
inline void must(Result<void> result) {
  if (!result) {
    ADD_FAILURE() << "command failed: " << to_string(result.error().code) << ": "
                  << result.error().message;
  }
}

inline Period make_period(std::string name, PeriodKind kind, Date start, Date end,
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

// Everything a command can change, in a comparable form.
struct Snapshot {
  std::size_t units = 0, people = 0, periods = 0, objectives = 0, key_results = 0, links = 0,
              dependencies = 0, check_ins = 0, initiatives = 0, comments = 0, retrospectives = 0;
  // The number of versions in every history, the organisation's included: a
  // command that records a version changes it.
  std::size_t versions = 0;
  // The live roll-up: P of every objective; c, p and attainment of every key result.
  std::vector<double> rollup;
  std::vector<bool> started;
  // Every check-in, in stored order: (id, deleted).
  std::vector<std::pair<std::uint32_t, bool>> check_in_list;
  Instant last_change;

  static Snapshot of(const Model& m) {
    Snapshot s;
    s.units = m.unit_count();
    s.people = m.person_count();
    s.periods = m.period_count();
    s.objectives = m.objective_count();
    s.key_results = m.key_result_count();
    s.links = m.link_count();
    s.dependencies = m.dependency_count();
    s.check_ins = m.check_in_count();
    s.initiatives = m.initiative_count();
    s.comments = m.comment_count();
    s.retrospectives = m.retrospectives().size();
    s.versions = m.organization_history().versions().size();
    for (std::uint32_t i = 0; i < s.units; ++i) {
      s.versions += m.unit_history(UnitId{i}).versions().size();
    }
    for (std::uint32_t i = 0; i < s.people; ++i) {
      s.versions += m.person_history(PersonId{i}).versions().size();
    }
    for (std::uint32_t i = 0; i < s.periods; ++i) {
      s.versions += m.period_history(PeriodId{i}).versions().size();
    }
    for (std::uint32_t i = 0; i < s.objectives; ++i) {
      s.versions += m.objective_history(ObjectiveId{i}).versions().size();
      s.rollup.push_back(m.rollup().objective(ObjectiveId{i}).progress);
      s.started.push_back(m.rollup().objective(ObjectiveId{i}).started);
    }
    for (std::uint32_t i = 0; i < s.key_results; ++i) {
      const KeyResultId id{i};
      s.versions += m.key_result_history(id).versions().size();
      const Rollup::KeyResultValue& v = m.rollup().key_result(id);
      s.rollup.insert(s.rollup.end(), {v.current, v.progress, v.attainment});
      s.started.push_back(v.started);
      for (const CheckIn& c : m.check_ins(id)) {
        s.check_in_list.emplace_back(c.id.value(), c.deleted_at.has_value());
      }
    }
    for (std::uint32_t i = 0; i < s.links; ++i) {
      s.versions += m.link_history(LinkId{i}).versions().size();
    }
    for (std::uint32_t i = 0; i < s.dependencies; ++i) {
      s.versions += m.dependency_history(DependencyId{i}).versions().size();
    }
    s.last_change = m.last_change();
    return s;
  }

  bool operator==(const Snapshot&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const Snapshot& s) {
  out << "{units " << s.units << ", people " << s.people << ", periods " << s.periods
      << ", objectives " << s.objectives << ", key results " << s.key_results << ", links "
      << s.links << ", check-ins " << s.check_ins << ", versions " << s.versions << ", last change "
      << s.last_change.seconds << ", roll-up [";
  for (double v : s.rollup) out << v << ' ';
  return out << "]}";
}

// Runs `command`, which must be refused with `code`, and checks that nothing in
// `model` changed. For kInvalid, `field` is the one field the error names; for
// the other codes pass "" (and the error names no field). Returns the error.
template <class Command>
Error expect_refused(const Model& model, Command&& command, ErrorCode code,
                     const std::string& field) {
  const Snapshot before = Snapshot::of(model);
  auto result = command();
  const Snapshot after = Snapshot::of(model);
  EXPECT_EQ(after, before) << "a refused command changed the model";
  if (result) {
    ADD_FAILURE() << "accepted; expected " << to_string(code)
                  << (field.empty() ? "" : " on " + field);
    return Error{};
  }
  const Error error = result.error();
  EXPECT_STREQ(to_string(error.code), to_string(code)) << error.message;
  if (field.empty()) {
    EXPECT_TRUE(error.fields.empty()) << "names " << error.fields.front().field;
  } else {
    EXPECT_EQ(error.fields.size(), 1u) << error.message;
    if (!error.fields.empty()) {
      EXPECT_EQ(error.fields[0].field, field) << error.message;
    }
  }
  return error;
}

class Org {
 public:
  explicit Org(Settings settings = {}) {
    Organization org;
    org.name = "Acme";
    org.settings = std::move(settings);
    must(model.set_organization(org, kSetup));
    ada = must(model.add_person(person("Ada", "ada@acme.test", Role::kAdmin), kSetup));
    bob = must(model.add_person(person("Bob", "bob@acme.test", Role::kMember, ada), kSetup));
    cy = must(model.add_person(person("Cy", "cy@acme.test", Role::kMember, ada), kSetup));
    Unit c;
    c.name = "Acme";
    c.kind = UnitKind::kCompany;
    c.lead = ada;
    c.members = {ada};
    company = must(model.add_unit(c, kSetup));
    Unit t;
    t.name = "Platform";
    t.kind = UnitKind::kTeam;
    t.parent = company;
    t.lead = bob;
    t.members = {bob, cy};
    team = must(model.add_unit(t, kSetup));
    year = must(model.add_period(make_period("2026", PeriodKind::kYear, Date::from_ymd(2026, 1, 1),
                                             Date::from_ymd(2026, 12, 31)),
                                 kSetup));
    q1 = must(
        model.add_period(make_period("Q1 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 1, 1),
                                     Date::from_ymd(2026, 3, 31), year),
                         kSetup));
    q2 = must(
        model.add_period(make_period("Q2 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 4, 1),
                                     Date::from_ymd(2026, 6, 30), year),
                         kSetup));
  }

  static Person person(std::string name, std::string email, Role role = Role::kMember,
                       PersonId manager = {}) {
    Person p;
    p.name = std::move(name);
    p.email = std::move(email);
    p.role = role;
    p.manager = manager;
    return p;
  }

  // A valid objective of the team in Q1 (not added).
  Objective objective_spec(std::string title = "Delight our customers") const {
    Objective o;
    o.title = std::move(title);
    o.period = q1;
    o.owner = Owner::of_unit(team);
    return o;
  }
  ObjectiveId add(Objective o, Instant at = kSetup) { return must(model.add_objective(o, at)); }
  ObjectiveId objective(std::string title = "Delight our customers",
                        ProgressMode mode = ProgressMode::kKeyResults, PeriodId period = {},
                        Owner owner = {}) {
    Objective o = objective_spec(std::move(title));
    o.progress_mode = mode;
    if (period.valid()) o.period = period;
    if (owner.unit.valid() || owner.person.valid()) o.owner = owner;
    return add(o);
  }

  // A valid metric key result owned by Bob (not added).
  KeyResult metric_spec(ObjectiveId objective, double start, double target, double weight = 1,
                        std::string title = "Grow weekly active teams") const {
    KeyResult kr;
    kr.objective = objective;
    kr.title = std::move(title);
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
  KeyResultId metric(ObjectiveId objective, double start, double target, double weight = 1,
                     std::string title = "Grow weekly active teams") {
    return add(metric_spec(objective, start, target, weight, std::move(title)));
  }
  KeyResultId boolean(ObjectiveId objective, std::string title = "Enterprise tier is live") {
    KeyResult kr = metric_spec(objective, 0, 1, 1, std::move(title));
    kr.kind = KeyResultKind::kBoolean;
    kr.target.reset();
    kr.unit.clear();
    return add(kr);
  }
  KeyResultId milestones(ObjectiveId objective, std::vector<Milestone> steps,
                         std::string title = "Self-serve setup reaches every team") {
    KeyResult kr = metric_spec(objective, 0, 1, 1, std::move(title));
    kr.kind = KeyResultKind::kMilestones;
    kr.target.reset();
    kr.unit.clear();
    kr.milestones = std::move(steps);
    return add(kr);
  }
  KeyResultId band(ObjectiveId objective, double low, double high,
                   std::string title = "p95 latency stays in budget") {
    KeyResult kr = metric_spec(objective, 0, 1, 1, std::move(title));
    kr.kind = KeyResultKind::kBand;
    kr.target.reset();
    kr.unit = "ms";
    kr.low = low;
    kr.high = high;
    return add(kr);
  }

  // A valid check-in by Bob (not added).
  CheckIn check_in_spec(KeyResultId kr, double value, Instant at) const {
    CheckIn c;
    c.key_result = kr;
    c.author = bob;
    c.measurement.value = value;
    c.at = at;
    return c;
  }
  // Checks in `value` at `at`, recorded at `recorded` (default: `at`).
  CheckInId check_in(KeyResultId kr, double value, Instant at,
                     std::optional<Instant> recorded = {}) {
    return must(model.add_check_in(check_in_spec(kr, value, at), recorded.value_or(at)));
  }
  CheckInId check_in(KeyResultId kr, Measurement m, Instant at) {
    CheckIn c = check_in_spec(kr, 0, at);
    c.measurement = m;
    return must(model.add_check_in(c, at));
  }
  static Measurement done(bool value = true) {
    Measurement m;
    m.done = value;
    return m;
  }
  static Measurement reached(std::uint64_t milestones_done) {
    Measurement m;
    m.milestones_done = milestones_done;
    return m;
  }

  LinkId link(NodeRef child, NodeRef parent, double weight = 1, bool contributes = true) {
    AlignmentLink l;
    l.child = child;
    l.parent = parent;
    l.weight = weight;
    l.contributes = contributes;
    return must(model.add_link(l, kSetup));
  }

  // Live values.
  double p(KeyResultId id) const { return model.rollup().key_result(id).progress; }
  double c(KeyResultId id) const { return model.rollup().key_result(id).current; }
  double progress(ObjectiveId id) const { return model.rollup().objective(id).progress; }

  Model model;
  PersonId ada, bob, cy;
  UnitId company, team;
  PeriodId year, q1, q2;
};

}  // namespace cairn::core::model_testing
