#include "sample_commands.h"

#include <cstdint>
#include <limits>

namespace cairn::app::testing {
namespace {

using namespace cairn::core;

// Doubles whose shortest text Boost 1.81 parses to a neighbour (found by
// round-tripping random values through boost::json::parse).
constexpr double kOneUlpOffA = 0.9303381542885225;
constexpr double kOneUlpOffB = 1.1430767782883795e-192;
constexpr double kSmallestSubnormal = std::numeric_limits<double>::denorm_min();
constexpr double kLargest = std::numeric_limits<double>::max();

const Instant kBefore1970{-1'234'567'890};
const Instant kLate{4'102'444'800 + 17};  // 2100-01-01T00:00:17Z

}  // namespace

Organization sample_organization() {
  Organization o;
  o.name = "Ünïcode \"quoted\" \\ back\nslash\ttab 🚀";
  o.mission = "Mission";
  o.vision = "";  // an empty string is a value too
  o.values = {"Candour", "Craft", ""};
  o.timezone = "Europe/Berlin";
  o.settings.max_objectives_per_owner = 7;
  o.settings.min_key_results = 1;
  o.settings.max_key_results = 9;
  o.settings.enforce = {RuleId::kMaxObjectivesPerOwner,  RuleId::kKeyResultsPerObjective,
                        RuleId::kKeyResultHasOwner,      RuleId::kMetricIsMeasurable,
                        RuleId::kObjectiveHasKeyResults, RuleId::kOutputNotOutcome};
  o.settings.check_in = {Cadence::kMonthly, 5, 17};
  o.settings.status = {0.1, kOneUlpOffA, 1e-300, -0.0, 123456.789};
  o.settings.stale_grace_days = -4;
  return o;
}

Unit sample_unit() {
  Unit u;
  u.id = UnitId{3};
  u.name = "Platform";
  u.kind = UnitKind::kFunction;
  u.parent = UnitId{0};
  u.lead = PersonId{1};
  u.members = {PersonId{1}, PersonId{2}, PersonId{4'294'967'294}};
  u.archived = true;
  return u;
}

Person sample_person() {
  Person p;
  p.id = PersonId{2};
  p.name = "Cy";
  p.email = "cy@example.com";
  p.role = Role::kViewer;
  p.manager = PersonId{0};
  p.first_sign_in = kBefore1970;
  p.active = false;
  return p;
}

Period sample_period() {
  Period p;
  p.id = PeriodId{5};
  p.name = "Sprint 12";
  p.kind = PeriodKind::kCustom;
  p.start_date = Date::from_ymd(1969, 12, 31);
  p.end_date = Date::from_ymd(2400, 2, 29);
  p.starts_at = Instant::min();
  p.ends_at = Instant::max();
  p.parent = PeriodId{1};
  p.closed_at = kLate;
  return p;
}

ScoreOverride sample_override() {
  return ScoreOverride{0.7000000000000001, "Shipped late, but shipped", PersonId{1}, kLate};
}

Objective sample_objective() {
  Objective o;
  o.id = ObjectiveId{11};
  o.title = "Delight our customers";
  o.description = "Line one\nline two";
  o.period = PeriodId{2};
  o.owner = Owner{UnitId{3}, PersonId{1}};
  o.type = ObjectiveType::kLearning;
  o.state = ObjectiveState::kArchived;
  o.visibility = Visibility::kPrivate;
  o.weight = 123456.789;
  o.progress_mode = ProgressMode::kCombined;
  o.manual_progress = kOneUlpOffB;
  o.tags = {"growth", "q1"};
  o.rolled_over_from = ObjectiveId{4};
  o.created_at = Instant{0};
  o.closed_at = kLate;
  o.score = -0.0;
  o.score_override = sample_override();
  o.retrospective_note = "We learnt a lot";
  return o;
}

KeyResult sample_key_result() {
  KeyResult k;
  k.id = KeyResultId{21};
  k.objective = ObjectiveId{11};
  k.title = "Reach 40 NPS";
  k.owner = PersonId{2};
  k.kind = KeyResultKind::kBand;
  k.start = -12.5;
  k.target = 0.1;
  k.unit = "%";
  k.low = kSmallestSubnormal;
  k.high = kLargest;
  k.milestones = {{"Alpha", 0.25}, {"Beta", 1e-300}};
  k.weight = 3;
  k.starts_at = kBefore1970;
  k.due_at = kLate;
  k.source = ProgressSource::kKpi;
  k.kpi = KpiId{9};
  k.delegates = {PersonId{0}, PersonId{1}};
  k.plan = {{Instant{100}, 0.1 + 0.2}, {Instant{200}, -123456.789}};
  k.archived = true;
  k.created_at = Instant{42};
  k.score = 0.33;
  k.graded_done = true;
  k.score_override = sample_override();
  return k;
}

CheckIn sample_check_in() {
  CheckIn c;
  c.id = CheckInId{31};
  c.key_result = KeyResultId{21};
  c.author = PersonId{1};
  c.on_behalf_of = PersonId{2};
  c.measurement = {kOneUlpOffA, true, std::numeric_limits<std::uint64_t>::max()};
  c.confidence = 10;
  c.note = "On track";
  c.at = kBefore1970;
  c.recorded_at = kLate;
  c.deleted_at = kLate + 1;
  c.kpi = KpiId{91};
  return c;
}

AlignmentLink sample_link() {
  AlignmentLink l;
  l.id = LinkId{41};
  l.child = NodeRef::of(KeyResultId{21});
  l.parent = NodeRef::of(KeyResultId{22});
  l.weight = 0.1;
  l.contributes = false;
  l.removed = true;
  l.created_at = kLate;
  return l;
}

Dependency sample_dependency() {
  Dependency d;
  d.id = DependencyId{51};
  d.from = NodeRef::of(KeyResultId{21});
  d.to = NodeRef::of(ObjectiveId{4'294'967'294});
  d.removed = true;
  d.created_at = kBefore1970;
  return d;
}

Initiative sample_initiative() {
  Initiative i;
  i.id = InitiativeId{61};
  i.title = "Run the survey";
  i.target = NodeRef::of(KeyResultId{21});
  i.owner = PersonId{2};
  i.state = InitiativeState::kDoing;
  i.due_date = Date::from_ymd(2026, 2, 28);
  i.url = "https://example.com/a?b=c&d=\"e\"";
  i.created_at = kLate;
  return i;
}

Comment sample_comment() {
  Comment c;
  c.id = CommentId{71};
  c.target = NodeRef::of(KeyResultId{21});
  c.check_in = CheckInId{31};
  c.author = PersonId{1};
  c.body = "Nice work \u2014 keep going, @ana@example.com";
  c.at = kLate;
  c.mentions = {PersonId{2}, PersonId{0}};
  c.reactions = {Reaction{PersonId{2}, "tada", kLate}, Reaction{PersonId{0}, "+1", kBefore1970}};
  return c;
}

Retrospective sample_retrospective() {
  Retrospective r;
  r.id = RetrospectiveId{81};
  r.unit = UnitId{3};
  r.period = PeriodId{2};
  r.answers = {.first_okrs = "Slow start",
               .aligned = "Mostly",
               .went_well = "Shipping",
               .improve = "Estimates",
               .company_changes = "Pricing moved to Q3",
               .changed_dependencies = "The API team moved",
               .lessons = "Start earlier"};
  r.author = PersonId{0};
  r.recorded_at = kLate;
  return r;
}

Kpi sample_kpi() {
  Kpi k;
  k.id = KpiId{91};
  k.name = "Weekly active users";
  k.unit = "users";
  k.description = "People who did anything in the last 7 days";
  k.owner = PersonId{2};
  k.low = kOneUlpOffA;
  k.archived = true;
  k.created_at = kLate;
  return k;
}

std::vector<Command> sample_commands() {
  return {
      SetOrganization{sample_organization()},
      AddUnit{sample_unit()},
      UpdateUnit{sample_unit()},
      AddPerson{sample_person()},
      UpdatePerson{sample_person()},
      AddPeriod{sample_period()},
      UpdatePeriod{sample_period()},
      AddObjective{sample_objective()},
      UpdateObjective{sample_objective()},
      AddKeyResult{sample_key_result()},
      UpdateKeyResult{sample_key_result()},
      AddCheckIn{sample_check_in()},
      DeleteCheckIn{CheckInId{31}},
      AddLink{sample_link()},
      UpdateLink{LinkId{41}, kOneUlpOffA, false},
      RemoveLink{LinkId{41}},
      AddDependency{sample_dependency()},
      RemoveDependency{DependencyId{51}},
      AddInitiative{sample_initiative()},
      AddComment{sample_comment()},
      AddRetrospective{sample_retrospective()},
      CloseObjective{ObjectiveId{11}},
      ClosePeriod{PeriodId{2}},
      OverrideKeyResultScore{KeyResultId{21}, sample_override()},
      OverrideObjectiveScore{ObjectiveId{11}, sample_override()},
      Rollover{ObjectiveId{11}, PeriodId{3}},
      UpdateInitiative{sample_initiative()},
      AddReaction{CommentId{71}, PersonId{2}, "rocket"},
      CreateObjective{sample_objective(), {sample_link(), sample_link()}},
      CreateKeyResult{sample_key_result(), {sample_link()}},
      AddKpi{sample_kpi()},
      UpdateKpi{sample_kpi()},
      AddKpiValues{KpiId{91},
                   {KpiValue{kLate, kOneUlpOffA, KpiOrigin::kPull, kLate},
                    KpiValue{kLate, -0.0, KpiOrigin::kCsv, kLate}}},
  };
}

}  // namespace cairn::app::testing
