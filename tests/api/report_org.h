// Scripted organisations for the report API tests (docs/maturity.md): each
// written through the service at the instants of its story, in one bulk
// transaction, before the real `cairn serve` opens the store.
//
// The full story (Shape::kThreeQuarters), in UTC:
//   2025-12-01  the company (lead Ada), Function (lead Carol) over Team one
//               (lead Bob) and Team two (lead Dan); the year 2026 and its
//               quarters Q1–Q3; a Revenue KPI. Ada, Bob and Carol sign in on
//               2 December; Dan never does.
//   each quarter, a day after it starts: one objective per unit with one
//               metric key result 0 → 10 owned by the unit's lead; Function's
//               aligned to the company's, the teams' to Function's. Team two's
//               objectives are private. Q1 also has "Team one extra"
//               (weight 3, aligned to Function's). Q3's company objective has
//               a second key result fed by the KPI (no values yet).
//   Q1, Q2      one check-in 10 days in: value 4 in Q1 (Team one extra: 8), 6 in Q2.
//               Each quarter is closed two days after it ends, Team one's and
//               Team two's Q2 objectives are then rolled over into Q3, and
//               every unit records a retrospective the day after.
//   Q3          a check-in of value 1 on each check-in key result from Monday
//               6 July at 09:00, every `check_in_every_days`, until kAsOf; then
//               a dependency (Team one on Team two) and four comments on
//               Q3 objectives.
// Reports are read as of kAsOf, 2026-08-31T12:00:00Z.
#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <stdexcept>
#include <string>

#include "app/service.h"
#include "core/time.h"

namespace cairn::api::testing {

inline constexpr std::string_view kAsOf = "2026-08-31T12:00:00Z";

// What the tests need to name, as API ids and tokens.
struct ReportOrg {
  std::string admin;     // Ada's token
  std::string outsider;  // Carol's: a member outside Team two
  std::string insider;   // Dan's: lead of Team two
  std::string company, function, team_one, team_two;
  std::string year, q1, q2, q3;
  std::string t1_q1, t1_extra, t1_q2, t1_q3, t1_copy;
  std::string t2_q2, t2_q3, t2_copy;
};

enum class Shape {
  kEmpty,          // only what setup makes
  kOneObjective,   // Q1 with the company's objective and its key result
  kThreeQuarters,  // the full story above
};

struct ReportOrgOptions {
  std::string name;
  Shape shape = Shape::kThreeQuarters;
  int check_in_every_days = 7;
};

namespace detail {

inline core::Period quarter(std::string name, core::PeriodKind kind, core::Date start,
                            core::Date end, core::PeriodId parent) {
  core::Period p;
  p.name = std::move(name);
  p.kind = kind;
  p.start_date = start;
  p.end_date = end;
  p.starts_at = core::start_of_day_utc(start);
  p.ends_at = core::start_of_day_utc(end + 1);
  p.parent = parent;
  return p;
}

inline std::string id(std::string_view prefix, std::uint32_t index) {
  return std::string(prefix) + std::to_string(index);
}

// Writes the story into `target`; throws when a command is refused.
class Story {
 public:
  Story(app::CommandTarget& target, core::PersonId admin, const ReportOrgOptions& options)
      : target_(target), ada_(admin), options_(options) {}

  void write(ReportOrg& out) {
    const core::Instant setup = core::instant_utc(2025, 12, 1);
    company_ = target_.model().company();
    out.company = id("unit_", company_.value());
    if (options_.shape == Shape::kEmpty) return;
    bob_ = person("Bob", setup);
    carol_ = person("Carol", setup);
    dan_ = person("Dan", setup);
    core::Unit company = *target_.model().unit(company_);
    company.lead = ada_;
    company.members = {ada_};
    run(app::UpdateUnit{company}, setup);
    function_ = unit("Function", core::UnitKind::kFunction, company_, carol_, setup);
    team_one_ = unit("Team one", core::UnitKind::kTeam, function_, bob_, setup);
    team_two_ = unit("Team two", core::UnitKind::kTeam, function_, dan_, setup);
    year_ = period(quarter("2026", core::PeriodKind::kYear, core::Date::from_ymd(2026, 1, 1),
                           core::Date::from_ymd(2026, 12, 31), {}),
                   setup);
    for (unsigned q = 0; q < 3; ++q) {
      quarters_[q] =
          period(quarter("Q" + std::to_string(q + 1) + " 2026", core::PeriodKind::kQuarter,
                         core::Date::from_ymd(2026, 1 + 3 * q, 1),
                         core::Date::from_ymd(2026, 4 + 3 * q, 1) - 1, year_),
                 setup);
    }
    core::Kpi revenue;
    revenue.name = "Revenue";
    revenue.unit = "$";
    revenue.owner = ada_;
    kpi_ = core::KpiId{created(app::AddKpi{revenue}, setup)};
    for (core::PersonId p : {ada_, bob_, carol_}) {
      core::Person signed_in = *target_.model().person(p);
      signed_in.first_sign_in = setup + core::kSecondsPerDay;
      run(app::UpdatePerson{signed_in}, setup + core::kSecondsPerDay);
    }
    out.function = id("unit_", function_.value());
    out.team_one = id("unit_", team_one_.value());
    out.team_two = id("unit_", team_two_.value());
    out.year = id("prd_", year_.value());
    out.q1 = id("prd_", quarters_[0].value());
    out.q2 = id("prd_", quarters_[1].value());
    out.q3 = id("prd_", quarters_[2].value());

    if (options_.shape == Shape::kOneObjective) {
      const core::ObjectiveId o = objective("Company Q1", quarters_[0], company_, at(0, 1));
      metric(o, ada_, at(0, 1));
      return;
    }

    const Quarter q1 = build_quarter(0);
    const core::ObjectiveId extra = objective("Team one extra", quarters_[0], team_one_, at(0, 1));
    weigh(extra, 3, at(0, 1));
    link(extra, q1.function, at(0, 1));
    const core::KeyResultId extra_kr = metric(extra, bob_, at(0, 1));
    for (core::KeyResultId kr : q1.key_results) check_in(kr, 4, at(0, 10));
    check_in(extra_kr, 8, at(0, 10));

    const Quarter q2 = build_quarter(1);
    close_and_reflect(0);
    for (core::KeyResultId kr : q2.key_results) check_in(kr, 6, at(1, 10));

    const Quarter q3 = build_quarter(2);
    core::KeyResult fed;
    fed.objective = q3.company;
    fed.title = "Keep revenue growing";
    fed.owner = ada_;
    fed.target = 100;
    fed.unit = "$";
    fed.source = core::ProgressSource::kKpi;
    fed.kpi = kpi_;
    created(app::AddKeyResult{fed}, at(2, 1));
    close_and_reflect(1, [&](core::Instant closed) {
      out.t1_copy = id("obj_", created(app::Rollover{q2.team_one, quarters_[2]}, closed));
      out.t2_copy = id("obj_", created(app::Rollover{q2.team_two, quarters_[2]}, closed));
    });
    const core::Instant as_of = *core::parse_rfc3339(kAsOf);
    for (core::Instant t = core::instant_utc(2026, 7, 6, 9); t <= as_of;
         t = t + options_.check_in_every_days * core::kSecondsPerDay) {
      for (core::KeyResultId kr : q3.key_results) check_in(kr, 1, t);
    }

    const core::Instant late = as_of - 3600;
    run(app::AddDependency{core::Dependency{
            {}, core::NodeRef::of(q3.team_one), core::NodeRef::of(q3.team_two), false, {}}},
        late);
    for (core::ObjectiveId o : {q3.company, q3.function, q3.team_one, q3.team_two}) {
      core::Comment c;
      c.target = core::NodeRef::of(o);
      c.author = ada_;
      c.body = "How can I help?";
      created(app::AddComment{c}, late);
    }

    out.t1_q1 = id("obj_", q1.team_one.value());
    out.t1_extra = id("obj_", extra.value());
    out.t1_q2 = id("obj_", q2.team_one.value());
    out.t1_q3 = id("obj_", q3.team_one.value());
    out.t2_q2 = id("obj_", q2.team_two.value());
    out.t2_q3 = id("obj_", q3.team_two.value());
  }

  core::PersonId carol() const { return carol_; }
  core::PersonId dan() const { return dan_; }

 private:
  struct Quarter {
    core::ObjectiveId company, function, team_one, team_two;
    std::vector<core::KeyResultId> key_results;  // the ones people check in on
  };

  // The instant `day` days after quarter `q` starts.
  core::Instant at(int q, int day) const {
    return target_.model().period(quarters_[q])->starts_at + day * core::kSecondsPerDay;
  }

  Quarter build_quarter(int q) {
    const core::Instant t = at(q, 1);
    const core::PeriodId p = quarters_[q];
    Quarter out;
    out.company = objective("Company", p, company_, t);
    out.function = objective("Function", p, function_, t);
    out.team_one = objective("Team one", p, team_one_, t);
    out.team_two = objective("Team two", p, team_two_, t, core::Visibility::kPrivate);
    link(out.function, out.company, t);
    link(out.team_one, out.function, t);
    link(out.team_two, out.function, t);
    out.key_results = {metric(out.company, ada_, t), metric(out.function, carol_, t),
                       metric(out.team_one, bob_, t), metric(out.team_two, dan_, t)};
    return out;
  }

  // Closes quarter `q` two days after it ends, runs `then` at that instant,
  // and records every unit's retrospective the day after.
  void close_and_reflect(int q, const std::function<void(core::Instant)>& then = {}) {
    const core::Instant closed =
        target_.model().period(quarters_[q])->ends_at + 2 * core::kSecondsPerDay;
    run(app::ClosePeriod{quarters_[q]}, closed);
    if (then) then(closed);
    for (core::UnitId u : {company_, function_, team_one_, team_two_}) {
      core::Retrospective r;
      r.unit = u;
      r.period = quarters_[q];
      r.author = ada_;
      r.answers.went_well = "We checked in.";
      created(app::AddRetrospective{r}, closed + core::kSecondsPerDay);
    }
  }

  void run(const app::Command& command, core::Instant t) {
    auto done = target_.run(command, t);
    if (!done) {
      throw std::runtime_error(std::string(app::command_kind(command)) + ": " +
                               done.error().message);
    }
  }
  std::uint32_t created(const app::Command& command, core::Instant t) {
    auto done = target_.run(command, t);
    if (!done || !done->created) {
      throw std::runtime_error(std::string(app::command_kind(command)) + ": " +
                               (done ? "nothing made" : done.error().message));
    }
    return *done->created;
  }
  core::PersonId person(const std::string& name, core::Instant t) {
    core::Person p;
    p.name = name;
    // Each organisation's people have addresses of their own (sign-in looks across organisations).
    p.email = name + "@" + app::slug_of(options_.name) + ".example";
    return core::PersonId{created(app::AddPerson{p}, t)};
  }
  core::UnitId unit(const std::string& name, core::UnitKind kind, core::UnitId parent,
                    core::PersonId lead, core::Instant t) {
    core::Unit u;
    u.name = name;
    u.kind = kind;
    u.parent = parent;
    u.lead = lead;
    u.members = {lead};
    return core::UnitId{created(app::AddUnit{u}, t)};
  }
  core::PeriodId period(const core::Period& p, core::Instant t) {
    return core::PeriodId{created(app::AddPeriod{p}, t)};
  }
  core::ObjectiveId objective(const std::string& title, core::PeriodId p, core::UnitId owner,
                              core::Instant t,
                              core::Visibility visibility = core::Visibility::kPublic) {
    core::Objective o;
    o.title = title;
    o.period = p;
    o.owner = core::Owner::of_unit(owner);
    o.visibility = visibility;
    return core::ObjectiveId{created(app::AddObjective{o}, t)};
  }
  void weigh(core::ObjectiveId id, double weight, core::Instant t) {
    core::Objective o = *target_.model().objective(id);
    o.weight = weight;
    run(app::UpdateObjective{o}, t);
  }
  core::KeyResultId metric(core::ObjectiveId o, core::PersonId owner, core::Instant t) {
    core::KeyResult kr;
    kr.objective = o;
    kr.title = "Reach 10 happy customers";
    kr.owner = owner;
    kr.target = 10;
    kr.unit = "customers";
    return core::KeyResultId{created(app::AddKeyResult{kr}, t)};
  }
  void link(core::ObjectiveId child, core::ObjectiveId parent, core::Instant t) {
    core::AlignmentLink l;
    l.child = core::NodeRef::of(child);
    l.parent = core::NodeRef::of(parent);
    created(app::AddLink{l}, t);
  }
  void check_in(core::KeyResultId kr, double value, core::Instant t) {
    core::CheckIn c;
    c.key_result = kr;
    c.author = ada_;
    c.measurement.value = value;
    c.at = t;
    created(app::AddCheckIn{c}, t);
  }

  app::CommandTarget& target_;
  core::PersonId ada_, bob_, carol_, dan_;
  core::UnitId company_, function_, team_one_, team_two_;
  core::PeriodId year_;
  core::PeriodId quarters_[3];
  core::KpiId kpi_;
  ReportOrgOptions options_;
};

}  // namespace detail

// Sets up the server's first organisation (when `first_admin` is null) or
// another one as that server admin, writes the story, and makes the tokens.
inline ReportOrg write_report_org(app::Service& service, const ReportOrgOptions& options,
                                  const app::Principal* first_admin) {
  const core::Instant setup_at = core::instant_utc(2025, 12, 1);
  const app::SetupRequest request{options.name, "UTC", "Ada",
                                  "ada@" + std::to_string(std::rand()) + ".example",
                                  "correct horse battery staple"};
  auto made = first_admin ? service.create_organization_as(*first_admin, request, setup_at)
                          : service.setup(request, setup_at);
  if (!made) throw std::runtime_error(made.error().message);
  const app::Principal admin{made->organization, made->admin, core::Role::kAdmin, 0};
  ReportOrg out;
  out.admin = made->token;
  core::PersonId carol, dan;
  auto written =
      service.bulk_write(admin, setup_at, [&](app::CommandTarget& target) -> core::Result<bool> {
        detail::Story story(target, made->admin, options);
        try {
          story.write(out);
        } catch (const std::exception& e) {
          return core::Error{core::ErrorCode::kInvalid, e.what(), {}, {}, {}};
        }
        carol = story.carol();
        dan = story.dan();
        return true;
      });
  if (!written) throw std::runtime_error(options.name + ": " + written.error().message);
  const core::Instant now{static_cast<std::int64_t>(std::time(nullptr))};
  auto token = [&](core::PersonId person) {
    auto created = service.create_token(
        app::Principal{made->organization, person, core::Role::kMember, 0}, "test", now);
    if (!created) throw std::runtime_error(created.error().message);
    return created->token;
  };
  if (carol.valid()) out.outsider = token(carol);
  if (dan.valid()) out.insider = token(dan);
  return out;
}

}  // namespace cairn::api::testing
