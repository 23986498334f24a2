#include "app/demo_organization.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "app/command_target.h"
#include "app/must.h"

namespace cairn::app {
namespace {

using namespace cairn::core;

struct Quarter {
  Date start;
  Date end;  // inclusive
  std::string name;
};

Quarter quarter_of(Date day, int offset) {
  int index = day.year() * 4 + static_cast<int>(day.month() - 1) / 3 + offset;
  const int year = index / 4;
  const unsigned first_month = static_cast<unsigned>(index % 4) * 3 + 1;
  const Date start = Date::from_ymd(year, first_month, 1);
  const Date next =
      first_month == 10 ? Date::from_ymd(year + 1, 1, 1) : Date::from_ymd(year, first_month + 3, 1);
  return {start, next - 1, "Q" + std::to_string(index % 4 + 1) + " " + std::to_string(year)};
}

Period make_period(std::string name, PeriodKind kind, Date start, Date end, PeriodId parent) {
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

// How a key result's check-ins move over a quarter: `pace` is the share of the
// expected pace it keeps (1 on track, 0.7 behind, 0.4 at risk), `confidence`
// what its owner says.
struct Trajectory {
  double pace = 1;
  int confidence = 7;
};

struct PlannedKeyResult {
  KeyResultId id;
  Trajectory trajectory;
};

class Builder : private TargetUser {
 public:
  Builder(CommandTarget& target, Instant now) : TargetUser(target), now_(now) {}

  DemoOrganization build();

 private:
  PersonId person(const std::string& name, const std::string& email, Role role, PersonId manager,
                  Instant at) {
    Person p;
    p.name = name;
    p.email = email;
    p.role = role;
    p.manager = manager;
    return must(run<PersonId>(AddPerson{p}, at));
  }

  UnitId unit(const std::string& name, UnitKind kind, UnitId parent, PersonId lead,
              std::vector<PersonId> members, Instant at) {
    Unit u;
    u.name = name;
    u.kind = kind;
    u.parent = parent;
    u.lead = lead;
    u.members = std::move(members);
    return must(run<UnitId>(AddUnit{u}, at));
  }

  ObjectiveId objective(const std::string& title, PeriodId period, Owner owner, ObjectiveType type,
                        Instant at, const std::string& description = "",
                        ObjectiveState state = ObjectiveState::kActive) {
    Objective o;
    o.title = title;
    o.description = description;
    o.period = period;
    o.owner = owner;
    o.type = type;
    o.state = state;
    return must(run<ObjectiveId>(AddObjective{o}, at));
  }

  static KeyResult metric_of(ObjectiveId o, const std::string& title, PersonId owner, double start,
                             double target, const std::string& unit) {
    KeyResult kr;
    kr.objective = o;
    kr.title = title;
    kr.owner = owner;
    kr.kind = KeyResultKind::kMetric;
    kr.start = start;
    kr.target = target;
    kr.unit = unit;
    return kr;
  }

  KeyResultId metric(ObjectiveId o, const std::string& title, PersonId owner, double start,
                     double target, const std::string& unit, Trajectory t, Instant at,
                     ProgressSource source = ProgressSource::kCheckIns) {
    KeyResult kr = metric_of(o, title, owner, start, target, unit);
    kr.source = source;
    const KeyResultId id = must(run<KeyResultId>(AddKeyResult{kr}, at));
    if (source == ProgressSource::kCheckIns) planned_.push_back({id, t});
    return id;
  }

  // A key result whose check-ins are the values of `kpi`.
  KeyResultId kpi_metric(ObjectiveId o, const std::string& title, PersonId owner, double start,
                         double target, const std::string& unit, KpiId kpi, Instant at) {
    KeyResult kr = metric_of(o, title, owner, start, target, unit);
    kr.source = ProgressSource::kKpi;
    kr.kpi = kpi;
    return must(run<KeyResultId>(AddKeyResult{kr}, at));
  }

  // The week's uptime from the status page: uploaded as a CSV history of the
  // eight weeks before Larkspur set up Cairn, then pulled every week.
  void uptime_kpi(PersonId owner, const Period& quarter, Instant at) {
    Kpi k;
    k.name = "Uptime";
    k.unit = "%";
    k.description = "Share of the week's minutes in which the app answered within two seconds.";
    k.owner = owner;
    k.low = 99.5;  // the promise of the service level agreement
    uptime_ = must(run<KpiId>(AddKpi{k}, at));
    uptime_quarter_ = quarter;
    std::vector<KpiValue> history;
    for (Instant week = at - 56 * kSecondsPerDay; week < at; week = week + 7 * kSecondsPerDay) {
      history.push_back(uptime_at(week, KpiOrigin::kCsv));
    }
    must(run_void(AddKpiValues{uptime_, history}, at));
  }

  // Level until the quarter's reliability work begins, then climbing about
  // a third of a point over the quarter, with a repeatable wobble.
  KpiValue uptime_at(Instant at, KpiOrigin origin) const {
    const Period& q = uptime_quarter_;
    const double into = std::clamp(
        static_cast<double>(at - q.starts_at) / static_cast<double>(q.ends_at - q.starts_at), 0.0,
        1.0);
    const double wobble = 0.04 * std::sin(static_cast<double>(at.seconds) / 500000.0);
    const double uptime = std::min(99.99, 99.62 + 0.33 * into + wobble);
    return KpiValue{at, std::round(uptime * 100) / 100, origin, at};
  }

  KeyResultId band(ObjectiveId o, const std::string& title, PersonId owner, double low, double high,
                   const std::string& unit, Trajectory t, Instant at) {
    KeyResult kr;
    kr.objective = o;
    kr.title = title;
    kr.owner = owner;
    kr.kind = KeyResultKind::kBand;
    kr.low = low;
    kr.high = high;
    kr.unit = unit;
    const KeyResultId id = must(run<KeyResultId>(AddKeyResult{kr}, at));
    planned_.push_back({id, t});
    return id;
  }

  KeyResultId milestones(ObjectiveId o, const std::string& title, PersonId owner,
                         std::vector<std::string> steps, Trajectory t, Instant at) {
    KeyResult kr;
    kr.objective = o;
    kr.title = title;
    kr.owner = owner;
    kr.kind = KeyResultKind::kMilestones;
    for (auto& step : steps) kr.milestones.push_back({std::move(step), 1});
    const KeyResultId id = must(run<KeyResultId>(AddKeyResult{kr}, at));
    planned_.push_back({id, t});
    return id;
  }

  KeyResultId boolean(ObjectiveId o, const std::string& title, PersonId owner, Trajectory t,
                      Instant at) {
    KeyResult kr;
    kr.objective = o;
    kr.title = title;
    kr.owner = owner;
    kr.kind = KeyResultKind::kBoolean;
    const KeyResultId id = must(run<KeyResultId>(AddKeyResult{kr}, at));
    planned_.push_back({id, t});
    return id;
  }

  void align(ObjectiveId child, NodeRef parent, Instant at, double weight = 1,
             bool contributes = true) {
    AlignmentLink link;
    link.child = NodeRef::of(child);
    link.parent = parent;
    link.weight = weight;
    link.contributes = contributes;
    must(run<LinkId>(AddLink{link}, at));
  }

  void contribute(KeyResultId child, KeyResultId parent, Instant at) {
    AlignmentLink link;
    link.child = NodeRef::of(child);
    link.parent = NodeRef::of(parent);
    must(run<LinkId>(AddLink{link}, at));
  }

  // One check-in a week per planned key result from `from` until `until`,
  // applied in time order across all key results so history reads naturally.
  void check_in_weekly(const Period& period, Instant from, Instant until);

  Measurement measurement_at(const KeyResult& kr, const Trajectory& t, double elapsed,
                             int week) const;

  Instant now_;
  std::vector<PlannedKeyResult> planned_;
  KpiId uptime_;
  Period uptime_quarter_;  // the quarter of the key result it feeds
};

double round_for(double value, double range) {
  const double scale = std::abs(range) >= 100 ? 1 : 10;
  return std::round(value * scale) / scale;
}

Measurement Builder::measurement_at(const KeyResult& kr, const Trajectory& t, double elapsed,
                                    int week) const {
  // A gentle, repeatable wobble so that charts do not look ruled.
  const double wobble = 0.03 * std::sin(week * 1.7 + kr.id.value() * 0.9);
  const double share = std::clamp(t.pace * elapsed + wobble * elapsed, 0.0, 1.0);
  Measurement m;
  switch (kr.kind) {
    case KeyResultKind::kMetric: {
      const double range = *kr.target - kr.start;
      m.value = round_for(kr.start + share * range, range);
      break;
    }
    case KeyResultKind::kBand:
      // Inside the band while the owner keeps pace, drifting out when not.
      m.value = round_for(kr.low + (kr.high - kr.low) * (t.pace >= 0.9 ? 0.5 + wobble * 5 : 1.3),
                          kr.high - kr.low);
      break;
    case KeyResultKind::kMilestones: {
      const auto reached = static_cast<std::size_t>(share * kr.milestones.size() + 0.2);
      for (std::size_t i = 0; i < std::min(reached, kr.milestones.size()); ++i) {
        m.milestones_done |= 1ULL << i;
      }
      break;
    }
    case KeyResultKind::kBoolean:
      m.done = share >= 0.95;
      break;
  }
  return m;
}

void Builder::check_in_weekly(const Period& period, Instant from, Instant until) {
  const double length = static_cast<double>(period.ends_at - period.starts_at);
  int week = 0;
  for (Instant at = from; at <= until && at < period.ends_at;
       at = at + 7 * kSecondsPerDay, ++week) {
    for (const PlannedKeyResult& planned : planned_) {
      const KeyResult& kr = *model().key_result(planned.id);
      if (model().objective(kr.objective)->period != period.id) continue;
      const double elapsed = static_cast<double>(at - period.starts_at) / length;
      CheckIn c;
      c.key_result = planned.id;
      c.author = kr.owner;
      c.measurement = measurement_at(kr, planned.trajectory, elapsed, week);
      c.confidence = planned.trajectory.confidence;
      if (week == 0) c.note = "First check-in of the quarter.";
      c.at = at + (planned.id.value() % 5) * 3600;  // owners check in over the morning
      must(run<CheckInId>(AddCheckIn{c}, c.at));
    }
    // The weekly pull of the uptime, after the owners' morning check-ins.
    const Instant pulled = at + 5 * 3600;
    must(run_void(AddKpiValues{uptime_, {uptime_at(pulled, KpiOrigin::kPull)}}, pulled));
  }
}

DemoOrganization Builder::build() {
  const Date today{static_cast<std::int32_t>(now_.seconds / kSecondsPerDay)};
  const Quarter current = quarter_of(today, 0);
  const Quarter previous = quarter_of(today, -1);
  const Instant setup = start_of_day_utc(previous.start - 21);

  Organization org;
  org.name = "Larkspur Labs";
  org.mission = "Help small software teams ship work they are proud of.";
  org.vision = "Every small team plans, builds and learns in one calm place.";
  org.values = {"Customers first", "Small steps, often", "Say what you see", "Leave it better"};
  must(run_void(SetOrganization{org}, setup));

  const Trajectory on_track{1.0, 8}, ahead{1.15, 9}, behind{0.72, 6}, at_risk{0.4, 3},
      steady{0.95, 7};

  // People and their reporting lines.
  const PersonId maya = person("Maya Chen", "maya@larkspur.example", Role::kAdmin, {}, setup);
  const PersonId daniel =
      person("Daniel Okafor", "daniel@larkspur.example", Role::kMember, maya, setup);
  const PersonId priya =
      person("Priya Raman", "priya@larkspur.example", Role::kMember, daniel, setup);
  const PersonId tom = person("Tom Becker", "tom@larkspur.example", Role::kMember, priya, setup);
  const PersonId lucia =
      person("Lucía Fernández", "lucia@larkspur.example", Role::kMember, daniel, setup);
  const PersonId sam = person("Sam Rivera", "sam@larkspur.example", Role::kMember, maya, setup);
  const PersonId hannah =
      person("Hannah Weiss", "hannah@larkspur.example", Role::kMember, sam, setup);
  const PersonId kenji = person("Kenji Sato", "kenji@larkspur.example", Role::kMember, sam, setup);
  const PersonId olivia =
      person("Olivia Brooks", "olivia@larkspur.example", Role::kMember, maya, setup);
  const PersonId noah =
      person("Noah Williams", "noah@larkspur.example", Role::kMember, olivia, setup);
  const PersonId ava = person("Ava Johnson", "ava@larkspur.example", Role::kViewer, noah, setup);
  for (PersonId p : {maya, daniel, priya, tom, lucia, sam, hannah, kenji, olivia, noah}) {
    Person signed_in = *model().person(p);
    signed_in.first_sign_in = setup + 3600;
    must(run_void(UpdatePerson{signed_in}, setup + 3600));
  }

  // The unit hierarchy.
  const UnitId company = unit("Larkspur Labs", UnitKind::kCompany, {}, maya, {maya}, setup);
  const UnitId product_eng =
      unit("Product & Engineering", UnitKind::kFunction, company, daniel, {daniel}, setup);
  const UnitId product_team =
      unit("Product team", UnitKind::kTeam, product_eng, priya, {priya, tom}, setup);
  const UnitId platform_team =
      unit("Platform team", UnitKind::kTeam, product_eng, lucia, {lucia}, setup);
  const UnitId sales =
      unit("Sales", UnitKind::kFunction, company, sam, {sam, hannah, kenji}, setup);
  const UnitId marketing = unit("Marketing", UnitKind::kFunction, company, olivia, {olivia}, setup);
  const UnitId content_team =
      unit("Content team", UnitKind::kTeam, marketing, noah, {noah, ava}, setup);

  // Periods: the year(s) and the previous and current quarters.
  const Date year_start = Date::from_ymd(current.start.year(), 1, 1);
  const PeriodId year = must(run<PeriodId>(
      AddPeriod{make_period(std::to_string(current.start.year()), PeriodKind::kYear, year_start,
                            Date::from_ymd(current.start.year(), 12, 31), {})},
      setup));
  PeriodId previous_parent = year;
  if (previous.start.year() != current.start.year()) {
    previous_parent = must(run<PeriodId>(
        AddPeriod{make_period(std::to_string(previous.start.year()), PeriodKind::kYear,
                              Date::from_ymd(previous.start.year(), 1, 1),
                              Date::from_ymd(previous.start.year(), 12, 31), {})},
        setup));
  }
  const PeriodId q_prev =
      must(run<PeriodId>(AddPeriod{make_period(previous.name, PeriodKind::kQuarter, previous.start,
                                               previous.end, previous_parent)},
                         setup));
  const PeriodId q_now = must(run<PeriodId>(
      AddPeriod{make_period(current.name, PeriodKind::kQuarter, current.start, current.end, year)},
      setup));
  const Period prev_period = *model().period(q_prev);
  const Period now_period = *model().period(q_now);
  uptime_kpi(lucia, now_period, setup + 3600);

  // ---- The previous quarter: set, checked in weekly, closed and scored. -------------------
  Instant t = prev_period.starts_at;
  const ObjectiveId fit = objective("Find product-market fit with small teams", q_prev,
                                    Owner::of_unit(company), ObjectiveType::kAspirational, t);
  metric(fit, "Grow weekly active teams from 500 to 1,200", priya, 500, 1200, "teams", ahead, t);
  metric(fit, "Raise NPS from 20 to 30", maya, 20, 30, "NPS", on_track, t);
  metric(fit, "Sign 50 paying customers", sam, 0, 50, "customers", {0.82, 6}, t);
  const ObjectiveId basics = objective("Ship the collaboration basics", q_prev,
                                       Owner::of_unit(product_team), ObjectiveType::kCommitted, t);
  metric(basics, "Cut onboarding drop-off from 60% to 30%", priya, 60, 30, "%", {0.6, 5}, t);
  metric(basics, "Reach 500 teams using shared boards", tom, 0, 500, "teams", {0.7, 6}, t);
  metric(basics, "Raise weekly comments per team from 4 to 10", tom, 4, 10, "comments", ahead, t);
  align(basics, NodeRef::of(fit), t);
  check_in_weekly(prev_period, prev_period.starts_at + 4 * kSecondsPerDay, prev_period.ends_at);
  planned_.clear();

  // ---- The current quarter. ----------------------------------------------------------------
  t = now_period.starts_at;
  const ObjectiveId delight = objective(
      "Delight our customers with a product they recommend", q_now, Owner::of_unit(company),
      ObjectiveType::kAspirational, t,
      "Teams that love Larkspur bring the next teams. This quarter we earn their recommendation.");
  metric(delight, "Increase NPS from 30 to 50", maya, 30, 50, "NPS", steady, t);
  const KeyResultId activation =
      metric(delight, "Get 60% of new teams to their first project within a day", daniel, 35, 60,
             "%", on_track, t, ProgressSource::kChildren);
  metric(delight, "Reduce monthly churn from 4% to 2%", daniel, 4, 2, "%", behind, t);

  const ObjectiveId fund = objective("Build a business that funds our mission", q_now,
                                     Owner::of_unit(company), ObjectiveType::kCommitted, t);
  const KeyResultId new_arr = metric(fund, "Grow new annual recurring revenue to $600k", sam, 0,
                                     600000, "$", on_track, t, ProgressSource::kSum);
  band(fund, "Keep gross margin between 75% and 85%", maya, 75, 85, "%", on_track, t);
  metric(fund, "Raise net revenue retention from 100% to 110%", sam, 100, 110, "%", behind, t);

  // The product team took the activation key result on as its own objective
  // (explicit alignment): its progress feeds that key result.
  const ObjectiveId onboarding =
      objective("Make onboarding effortless", q_now, Owner::of_unit(product_team),
                ObjectiveType::kCommitted, t);
  metric(onboarding, "Raise activation rate from 35% to 60%", priya, 35, 60, "%", on_track, t);
  metric(onboarding, "Cut median time to first project from 3 days to 1 day", tom, 3, 1, "days",
         ahead, t);
  milestones(
      onboarding, "Guided setup reaches every new team", tom,
      {"Design reviewed with 10 customers", "Beta with 20 teams", "Available to all new teams"},
      on_track, t);
  align(onboarding, NodeRef::of(activation), t);

  const ObjectiveId fast = objective("Make Larkspur fast everywhere", q_now,
                                     Owner::of_unit(product_team), ObjectiveType::kAspirational, t);
  metric(fast, "Cut p95 page load from 2.4 s to 1.2 s", tom, 2.4, 1.2, "s", behind, t);
  metric(fast, "Raise Core Web Vitals pass rate from 60% to 90%", priya, 60, 90, "%", on_track, t);
  metric(fast, "Shrink the JavaScript bundle from 900 KB to 450 KB", tom, 900, 450, "KB", at_risk,
         t);
  align(fast, NodeRef::of(delight), t);

  // Multi-alignment: reliability serves both company objectives, with its own weights.
  const ObjectiveId reliable =
      objective("Run a platform our customers never have to think about", q_now,
                Owner::of_unit(platform_team), ObjectiveType::kCommitted, t);
  kpi_metric(reliable, "Raise uptime from 99.5% to 99.95%", lucia, 99.5, 99.95, "%", uptime_, t);
  band(reliable, "Keep on-call pages between 0 and 5 a week", lucia, 0, 5, "pages", on_track, t);
  metric(reliable, "Cut mean time to recovery from 90 to 30 minutes", lucia, 90, 30, "min", behind,
         t);
  align(reliable, NodeRef::of(delight), t, 1);
  align(reliable, NodeRef::of(fund), t, 0.5);

  // Sales: regional targets add up to the company's new-revenue key result by money.
  const ObjectiveId engine = objective("Build a repeatable sales engine", q_now,
                                       Owner::of_unit(sales), ObjectiveType::kCommitted, t);
  const KeyResultId emea =
      metric(engine, "Win $400k new ARR in EMEA", hannah, 0, 400000, "$", on_track, t);
  const KeyResultId americas =
      metric(engine, "Win $150k new ARR in the Americas", kenji, 0, 150000, "$", at_risk, t);
  const KeyResultId partners =
      metric(engine, "Win $50k new ARR through partners", sam, 0, 50000, "$", ahead, t);
  metric(engine, "Raise the win rate from 18% to 25%", sam, 18, 25, "%", behind, t);
  contribute(emea, new_arr, t);
  contribute(americas, new_arr, t);
  contribute(partners, new_arr, t);
  align(engine, NodeRef::of(fund), t);
  // Horizontal alignment: sales counts on onboarding for its trial conversions.
  must(run<DependencyId>(
      AddDependency{Dependency{{}, NodeRef::of(engine), NodeRef::of(onboarding), false, t}}, t));

  const ObjectiveId resource =
      objective("Become the go-to resource for small software teams", q_now,
                Owner::of_unit(content_team), ObjectiveType::kAspirational, t);
  metric(resource, "Double newsletter subscribers from 1,000 to 2,000", noah, 1000, 2000,
         "subscribers", on_track, t);
  metric(resource, "Grow organic visits from 20k to 35k a month", ava, 20000, 35000, "visits",
         behind, t);
  metric(resource, "Publish 12 in-depth guides", ava, 0, 12, "guides", steady, t);
  align(resource, NodeRef::of(fund), t);
  align(resource, NodeRef::of(delight), t, 1, false);  // supports, not counted

  // Individual objectives.
  const ObjectiveId mentor = objective("Grow as an engineering mentor", q_now,
                                       Owner::of_person(tom), ObjectiveType::kLearning, t);
  metric(mentor, "Mentor 2 new engineers through their first release", tom, 0, 2, "engineers",
         on_track, t);
  boolean(mentor, "Give a talk at a regional conference", tom, on_track, t);
  metric(mentor, "Review 40 pull requests from new engineers", tom, 0, 40, "reviews", ahead, t);
  align(mentor, NodeRef::of(fast), t, 0.5, false);

  const ObjectiveId first_deal = objective("Close my first enterprise deal", q_now,
                                           Owner::of_person(hannah), ObjectiveType::kCommitted, t);
  metric(first_deal, "Book 30 discovery calls with enterprise buyers", hannah, 0, 30, "calls",
         ahead, t);
  metric(first_deal, "Run 5 enterprise pilots", hannah, 0, 5, "pilots", on_track, t);
  metric(first_deal, "Sign 1 enterprise contract", hannah, 0, 1, "contracts", behind, t);
  align(first_deal, NodeRef::of(emea), t);

  // A draft that the rules of engagement flag: a task-like key result, too few key results.
  const ObjectiveId community =
      objective("Start the Larkspur community", q_now, Owner::of_unit(marketing),
                ObjectiveType::kAspirational, t, "", ObjectiveState::kDraft);
  KeyResult forum;
  forum.objective = community;
  forum.title = "Launch the community forum";
  forum.owner = olivia;
  forum.kind = KeyResultKind::kBoolean;
  must(run<KeyResultId>(AddKeyResult{forum}, t));

  // Close and score the previous quarter two days into the new one, then roll
  // the unfinished product objective over.
  const Instant closing = now_period.starts_at + 2 * kSecondsPerDay;
  if (closing <= now_) {
    must(run_void(ClosePeriod{q_prev}, closing));
    const KeyResultId customers = model().key_results_of(fit)[2];
    must(run_void(
        OverrideKeyResultScore{
            customers,
            ScoreOverride{0.9, "Five customers signed on the first day of the new quarter", maya,
                          closing}},
        closing));
    must(run<ObjectiveId>(Rollover{basics, q_now}, closing));
    Retrospective retro;
    retro.unit = company;
    retro.period = q_prev;
    retro.author = maya;
    retro.answers.first_okrs =
        "Better than expected: every team had OKRs by week two, though some read like task lists.";
    retro.answers.went_well = "Weekly check-ins made problems visible early.";
    retro.answers.improve = "Write fewer key results, and measure outcomes rather than launches.";
    retro.answers.aligned = "Mostly; marketing found out about the pricing change late.";
    retro.answers.company_changes = "No: the company objectives held all quarter.";
    retro.answers.changed_dependencies = "Sales now depends on onboarding for trial conversion.";
    retro.answers.lessons = "Set the metric's baseline before the quarter starts.";
    must(run<RetrospectiveId>(AddRetrospective{retro}, closing));
  }

  check_in_weekly(now_period, now_period.starts_at + 4 * kSecondsPerDay, now_);

  const Instant comment_at =
      std::max(now_period.starts_at + 3 * kSecondsPerDay, model().last_change());
  if (comment_at <= now_) {
    Comment c;
    c.target = NodeRef::of(onboarding);
    c.author = daniel;
    c.body = "@Priya the guided setup beta numbers look great. Can we share them at the all-hands?";
    must(run<CommentId>(AddComment{c}, comment_at));
    c.target = NodeRef::of(engine);
    c.author = maya;
    c.body = "Americas needs help: let's pair Kenji with Hannah on the two largest deals.";
    must(run<CommentId>(AddComment{c}, comment_at));
  }
  return DemoOrganization{maya, "maya@larkspur.example", q_now, q_prev};
}

}  // namespace

Result<DemoOrganization> build_demo_organization(CommandTarget& target, Instant now) {
  const Model& model = target.model();
  if (model.objective_count() > 0 || model.person_count() > 0) {
    return Error{
        ErrorCode::kConflict, "the demo organisation goes into an empty model", {}, {}, {}};
  }
  try {
    return Builder(target, now).build();
  } catch (const ErrorException& e) {
    return e.error();
  }
}

Result<DemoOrganization> build_demo_organization(Model& model, Instant now) {
  ModelTarget target(model);
  return build_demo_organization(target, now);
}

}  // namespace cairn::app
