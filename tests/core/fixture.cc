#include "fixture.h"

namespace cairn::core::testing {

Period make_period(const std::string& name, PeriodKind kind, Date start, Date end,
                   PeriodId parent) {
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

TestOrg::TestOrg(Settings settings) {
  Organization org;
  org.name = "Test Co";
  org.settings = std::move(settings);
  ok(model.set_organization(org, setup));
  Person a;
  a.name = "Ada";
  a.email = "ada@example.com";
  a.role = Role::kAdmin;
  ada = ok(model.add_person(a, setup));
  Person b;
  b.name = "Bob";
  b.email = "bob@example.com";
  b.manager = ada;
  bob = ok(model.add_person(b, setup));
  Unit c;
  c.name = "Test Co";
  c.kind = UnitKind::kCompany;
  c.lead = ada;
  c.members = {ada};
  company = ok(model.add_unit(c, setup));
  Unit t;
  t.name = "Team";
  t.kind = UnitKind::kTeam;
  t.parent = company;
  t.lead = bob;
  t.members = {bob};
  team = ok(model.add_unit(t, setup));
  year = ok(model.add_period(make_period("2026", PeriodKind::kYear, Date::from_ymd(2026, 1, 1),
                                         Date::from_ymd(2026, 12, 31)),
                             setup));
  q1 = ok(model.add_period(make_period("Q1 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 1, 1),
                                       Date::from_ymd(2026, 3, 31), year),
                           setup));
  q2 = ok(model.add_period(make_period("Q2 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 4, 1),
                                       Date::from_ymd(2026, 6, 30), year),
                           setup));
}

ObjectiveId TestOrg::objective(const std::string& title, ProgressMode mode, PeriodId period,
                               Owner owner, Instant at) {
  Objective o;
  o.title = title;
  o.progress_mode = mode;
  o.period = period.valid() ? period : q1;
  o.owner = owner.unit.valid() || owner.person.valid() ? owner : Owner::of_unit(team);
  return ok(model.add_objective(o, at == Instant{} ? setup : at));
}

KeyResultId TestOrg::metric(ObjectiveId objective, double start, double target, double weight,
                            ProgressSource source, const std::string& title) {
  KeyResult kr;
  kr.objective = objective;
  kr.title = title;
  kr.start = start;
  kr.target = target;
  kr.unit = "count";
  kr.weight = weight;
  kr.source = source;
  return key_result(kr);
}

KeyResultId TestOrg::key_result(KeyResult kr) {
  if (!kr.owner.valid()) kr.owner = bob;
  if (kr.title.empty()) kr.title = "Grow the number of users";
  return ok(model.add_key_result(kr, setup));
}

CheckInId TestOrg::check_in(KeyResultId kr, double value, Instant at,
                            std::optional<int> confidence) {
  Measurement m;
  m.value = value;
  return check_in(kr, m, at, confidence);
}

CheckInId TestOrg::check_in(KeyResultId kr, Measurement m, Instant at,
                            std::optional<int> confidence) {
  CheckIn c;
  c.key_result = kr;
  c.author = bob;
  c.measurement = m;
  c.confidence = confidence;
  c.at = at;
  return ok(model.add_check_in(c, at));
}

LinkId TestOrg::link(NodeRef child, NodeRef parent, double weight, bool contributes, Instant at) {
  AlignmentLink l;
  l.child = child;
  l.parent = parent;
  l.weight = weight;
  l.contributes = contributes;
  return ok(model.add_link(l, at == Instant{} ? setup : at));
}

}  // namespace cairn::core::testing
