// An organisation for the maturity tests (DOMAIN.md "Maturity assessment"),
// shared by the assessment's and its history's tests.
#pragma once

#include "fixture.h"

namespace cairn::core::testing {

// An organisation that meets every criterion: a company, a function and two
// teams with aligned OKRs in three quarters (two closed and scored, with
// retrospectives), weekly check-ins, a dependency, a KPI-fed key result, and
// comments.
class MaturityOrg {
 public:
  struct Options {
    int check_in_every_days = 7;
    bool retrospectives = true;
    bool dependency = true;
    bool kpi = true;
    int comments = 4;
    bool align_team_two = true;
  };

  explicit MaturityOrg(Options options) : options_(options) {
    Unit f;
    f.name = "Function";
    f.kind = UnitKind::kFunction;
    f.parent = org.company;
    f.members = {org.bob};
    function = ok(org.model.add_unit(f, org.setup));
    Unit t2;
    t2.name = "Team two";
    t2.parent = function;
    team_two = ok(org.model.add_unit(t2, org.setup));
    Unit moved = *org.model.unit(org.team);
    moved.parent = function;
    ok(org.model.update_unit(moved, org.setup));
    q3 = ok(org.model.add_period(
        make_period("Q3 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 7, 1),
                    Date::from_ymd(2026, 9, 30), org.year),
        org.setup));
    for (PeriodId p : {org.q1, org.q2, q3}) quarter(p);
    ok(org.model.close_period(org.q1, instant_utc(2026, 4, 2)));
    if (options_.retrospectives) {
      for (UnitId u : {org.company, function, org.team, team_two})
        retro(u, org.q1, instant_utc(2026, 4, 3));
    }
    ok(org.model.close_period(org.q2, instant_utc(2026, 7, 2)));
    if (options_.retrospectives) {
      for (UnitId u : {org.company, function, org.team, team_two})
        retro(u, org.q2, instant_utc(2026, 7, 3));
    }
    // Check-ins in Q3 on every key result, at the chosen rhythm, until now.
    for (Instant at = instant_utc(2026, 7, 6); at <= now;
         at = at + options_.check_in_every_days * kSecondsPerDay) {
      for (KeyResultId kr : q3_key_results_) org.check_in(kr, 1, at, 7);
    }
    if (options_.dependency) {
      ok(org.model.add_dependency(
          Dependency{{}, NodeRef::of(q3_objectives_[2]), NodeRef::of(q3_objectives_[3]), false, {}},
          now));
    }
    for (int i = 0; i < options_.comments; ++i) {
      Comment c;
      c.target = NodeRef::of(q3_objectives_[i % 4]);
      c.author = org.ada;
      c.body = "Nice progress";
      ok(org.model.add_comment(c, now));
    }
  }

  TestOrg org;
  UnitId function, team_two;
  PeriodId q3;
  Instant now = instant_utc(2026, 8, 31);

 private:
  void quarter(PeriodId period) {
    const Instant start = org.model.period(period)->starts_at;
    const ObjectiveId c =
        org.objective("Company", ProgressMode::kKeyResults, period, Owner::of_unit(org.company));
    const ObjectiveId f =
        org.objective("Function", ProgressMode::kKeyResults, period, Owner::of_unit(function));
    const ObjectiveId t1 =
        org.objective("Team one", ProgressMode::kKeyResults, period, Owner::of_unit(org.team));
    const ObjectiveId t2 =
        org.objective("Team two", ProgressMode::kKeyResults, period, Owner::of_unit(team_two));
    org.link(NodeRef::of(f), NodeRef::of(c));
    org.link(NodeRef::of(t1), NodeRef::of(f));
    if (options_.align_team_two) org.link(NodeRef::of(t2), NodeRef::of(f));
    for (ObjectiveId o : {c, f, t1, t2}) {
      const KeyResultId kr = org.metric(o, 0, 10);
      if (period == q3) q3_key_results_.push_back(kr);
      // Q3's check-ins follow the chosen rhythm below; earlier quarters get one.
      if (period != q3) org.check_in(kr, 5, start + 10 * kSecondsPerDay);
    }
    if (period == q3) {
      q3_objectives_ = {c, f, t1, t2};
      if (options_.kpi) {
        KeyResult fed;
        fed.objective = c;
        fed.title = "Keep revenue growing";
        fed.target = 100;
        fed.unit = "$";
        fed.source = ProgressSource::kKpi;
        Kpi revenue;
        revenue.name = "Revenue";
        revenue.owner = org.bob;
        fed.kpi = ok(org.model.add_kpi(revenue, org.setup));
        org.key_result(fed);
      }
    }
  }

  void retro(UnitId unit, PeriodId period, Instant at) {
    Retrospective r;
    r.unit = unit;
    r.period = period;
    r.answers.went_well = "We checked in every week.";
    ok(org.model.add_retrospective(r, at));
  }

  Options options_;
  std::vector<KeyResultId> q3_key_results_;
  std::vector<ObjectiveId> q3_objectives_;
};

}  // namespace cairn::core::testing
