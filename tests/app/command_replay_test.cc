// The change log rebuilds the model on start: command → payload → parse →
// apply must give the same ids and the same state as the commands did the
// first time.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"
#include "app/command_json.h"
#include "app/entity_json.h"
#include "app/json_text.h"
#include "core/evaluation.h"

namespace cairn::app {
namespace {

using namespace cairn::core;
namespace json = boost::json;

const Instant kSetup = instant_utc(2025, 12, 1);
const Instant kQ1Start = instant_utc(2026, 1, 1);
const Instant kQ1End = instant_utc(2026, 4, 1);

// Noon on day `day` (1-based) of Q1 2026.
Instant q1_day(int day) {
  return kQ1Start + static_cast<std::int64_t>(day - 1) * kSecondsPerDay + 12 * 3600;
}

// One row of the change log.
struct Row {
  std::string kind;
  std::string payload;
  Instant at;
  std::optional<std::uint32_t> created;  // what the first run produced
};

// Runs commands on a model and records them as the change log would.
class Recorder {
 public:
  // Applies `command` (which must succeed) and returns the id it created.
  std::uint32_t run(Command command, Instant at) {
    auto applied = apply(model, command, at);
    EXPECT_TRUE(applied) << command_kind(command) << ": " << applied.error().message;
    const std::optional<std::uint32_t> created = applied ? applied->created : std::nullopt;
    log.push_back({std::string(command_kind(command)), command_payload(command), at, created});
    return created.value_or(UINT32_MAX);
  }

  Model model;
  std::vector<Row> log;
};

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

CheckIn check_in(KeyResultId kr, PersonId author, Measurement m, Instant at,
                 std::optional<int> confidence, std::string note = {}) {
  CheckIn c;
  c.key_result = kr;
  c.author = author;
  c.measurement = m;
  c.at = at;
  c.confidence = confidence;
  c.note = std::move(note);
  return c;
}

// A quarter of a small organisation, every command kind included: a company
// objective with a team objective aligned to it, check-ins (one deleted),
// links and dependencies (one of each removed), an early close, the period's
// close, overrides, a retrospective and a rollover into Q2.
void record_quarter(Recorder& r) {
  Organization org;
  org.name = "Acme";
  org.mission = "Make tools people love";
  org.values = {"Candour", "Craft"};
  org.settings.check_in.cadence = Cadence::kBiweekly;
  org.settings.status.behind_gap = 0.1 + 0.05;  // not a short decimal
  r.run(SetOrganization{org}, kSetup);

  Person ada{.name = "Ada", .email = "ada@acme.test", .role = Role::kAdmin};
  const PersonId a{r.run(AddPerson{ada}, kSetup)};
  Person bob{.name = "Bob", .email = "bob@acme.test", .manager = a};
  const PersonId b{r.run(AddPerson{bob}, kSetup)};
  Person cy{.name = "Cy", .email = "cy@acme.test", .manager = a};
  const PersonId c{r.run(AddPerson{cy}, kSetup)};
  cy.id = c;
  cy.name = "Cy Young";
  r.run(UpdatePerson{cy}, kSetup + 60);

  Unit company{.name = "Acme", .kind = UnitKind::kCompany, .lead = a, .members = {a}};
  const UnitId co{r.run(AddUnit{company}, kSetup)};
  Unit team{
      .name = "Platform", .kind = UnitKind::kTeam, .parent = co, .lead = b, .members = {b, c}};
  const UnitId t{r.run(AddUnit{team}, kSetup)};
  team.id = t;
  team.name = "Platform team";
  r.run(UpdateUnit{team}, kSetup + 60);

  const PeriodId year{
      r.run(AddPeriod{make_period("2026", PeriodKind::kYear, Date::from_ymd(2026, 1, 1),
                                  Date::from_ymd(2026, 12, 31), {})},
            kSetup)};
  const PeriodId q1{
      r.run(AddPeriod{make_period("Q1 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 1, 1),
                                  Date::from_ymd(2026, 3, 31), year)},
            kSetup)};
  Period q2_period = make_period("Q2 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 4, 1),
                                 Date::from_ymd(2026, 6, 30), year);
  const PeriodId q2{r.run(AddPeriod{q2_period}, kSetup)};
  q2_period.id = q2;
  q2_period.name = "Q2 2026 (spring)";
  r.run(UpdatePeriod{q2_period}, kSetup + 60);

  Objective delight{.title = "Delight our customers",
                    .period = q1,
                    .owner = Owner::of_unit(co),
                    .progress_mode = ProgressMode::kCombined};
  const ObjectiveId top{r.run(AddObjective{delight}, kSetup)};
  Objective fast{.title = "Make the platform fast",
                 .period = q1,
                 .owner = Owner::of_unit(t),
                 .type = ObjectiveType::kAspirational,
                 .weight = 2,
                 .tags = {"performance"}};
  const ObjectiveId platform{r.run(AddObjective{fast}, kSetup)};
  Objective learn{.title = "Learn how customers use the API",
                  .period = q1,
                  .owner = Owner::of_person(c),
                  .type = ObjectiveType::kLearning,
                  .progress_mode = ProgressMode::kManual,
                  .manual_progress = 0.35};
  const ObjectiveId learning{r.run(AddObjective{learn}, kSetup)};

  KeyResult nps{.objective = top,
                .title = "Raise NPS to 40",
                .owner = a,
                .start = 20,
                .target = 40,
                .unit = "NPS"};
  const KeyResultId nps_id{r.run(AddKeyResult{nps}, kSetup)};
  KeyResult latency{.objective = platform,
                    .title = "Cut p95 latency to 200 ms",
                    .owner = b,
                    .start = 800,
                    .target = 200,
                    .unit = "ms",
                    .weight = 1.5};
  const KeyResultId latency_id{r.run(AddKeyResult{latency}, kSetup)};
  KeyResult cdn{.objective = platform,
                .title = "Serve assets from a CDN",
                .owner = c,
                .kind = KeyResultKind::kBoolean};
  const KeyResultId cdn_id{r.run(AddKeyResult{cdn}, kSetup)};
  KeyResult phases{.objective = platform,
                   .title = "Move the three services to the new runtime",
                   .owner = b,
                   .kind = KeyResultKind::kMilestones,
                   .milestones = {{"Auth", 1}, {"Search", 2}, {"Billing", 0.5}}};
  const KeyResultId phases_id{r.run(AddKeyResult{phases}, kSetup)};

  const LinkId up{r.run(
      AddLink{AlignmentLink{.child = NodeRef::of(platform), .parent = NodeRef::of(top)}}, kSetup)};
  r.run(UpdateLink{up, 0.7, true}, q1_day(3));
  const LinkId side{
      r.run(AddLink{AlignmentLink{
                .child = NodeRef::of(learning), .parent = NodeRef::of(top), .weight = 0.3}},
            kSetup)};
  r.run(RemoveLink{side}, q1_day(5));
  r.run(AddDependency{Dependency{.from = NodeRef::of(latency_id), .to = NodeRef::of(cdn_id)}},
        q1_day(2));
  const DependencyId stale{
      r.run(AddDependency{Dependency{.from = NodeRef::of(nps_id), .to = NodeRef::of(platform)}},
            q1_day(2))};
  r.run(RemoveDependency{stale}, q1_day(4));

  r.run(AddCheckIn{check_in(nps_id, a, {.value = 25}, q1_day(10), 6, "First survey")}, q1_day(10));
  const CheckInId typo{
      r.run(AddCheckIn{check_in(latency_id, b, {.value = 6500.3}, q1_day(20), 4)}, q1_day(20))};
  r.run(DeleteCheckIn{typo}, q1_day(21));
  r.run(AddCheckIn{check_in(latency_id, b, {.value = 650.3}, q1_day(20), 5, "Fixed the typo")},
        q1_day(21));
  r.run(AddCheckIn{check_in(nps_id, a, {.value = 31.7}, q1_day(40), 7)}, q1_day(40));
  r.run(AddCheckIn{check_in(phases_id, b, {.milestones_done = 0b011}, q1_day(45), 8)}, q1_day(45));
  r.run(AddCheckIn{check_in(latency_id, b, {.value = 430}, q1_day(50), 7)}, q1_day(50));
  const CheckInId done{
      r.run(AddCheckIn{check_in(cdn_id, c, {.done = true}, q1_day(60), 9)}, q1_day(60))};

  Objective described = *r.model.objective(top);
  described.description = "Measured by the quarterly survey";
  r.run(UpdateObjective{described}, q1_day(30));
  KeyResult raised = *r.model.key_result(nps_id);
  raised.target = 45;
  raised.title = "Raise NPS to 45";
  r.run(UpdateKeyResult{raised}, q1_day(31));

  const InitiativeId profiling{
      r.run(AddInitiative{Initiative{.title = "Profile the hot paths",
                                     .target = NodeRef::of(latency_id),
                                     .owner = b,
                                     .state = InitiativeState::kDoing,
                                     .due_date = Date::from_ymd(2026, 2, 15)}},
            q1_day(12))};
  Initiative profiled = *r.model.initiative(profiling);
  profiled.state = InitiativeState::kDone;
  r.run(UpdateInitiative{profiled}, q1_day(40));
  const CommentId praise{r.run(AddComment{Comment{.target = NodeRef::of(cdn_id),
                                                  .check_in = done,
                                                  .author = a,
                                                  .body = "Great, that was quick @bob@acme.test"}},
                               q1_day(61))};
  r.run(AddReaction{praise, b, "tada"}, q1_day(62));

  // The API's one-request creations: an objective with its parent, and a key
  // result for it.
  const ObjectiveId support{
      r.run(CreateObjective{Objective{.title = "Answer every customer within a day",
                                      .period = q1,
                                      .owner = Owner::of_person(b)},
                            {AlignmentLink{.parent = NodeRef::of(nps_id), .weight = 0.5}}},
            q1_day(63))};
  r.run(CreateKeyResult{KeyResult{.objective = support,
                                  .title = "Median first answer under 4 hours",
                                  .owner = b,
                                  .start = 12,
                                  .target = 4,
                                  .unit = "hours"},
                        {}},
        q1_day(63));

  // A KPI feeds a key result: a value before it was tied, one after.
  const KpiId users{r.run(AddKpi{Kpi{.name = "Weekly active users", .owner = b}}, q1_day(64))};
  Kpi banded = *r.model.kpi(users);
  banded.low = 1000;
  r.run(UpdateKpi{banded}, q1_day(64));
  r.run(
      AddKpiValues{users, {KpiValue{.at = q1_day(64), .value = 1200, .origin = KpiOrigin::kPush}}},
      q1_day(64));
  r.run(AddKeyResult{KeyResult{.objective = support,
                               .title = "Reach 2,000 weekly active users",
                               .owner = b,
                               .start = 1000,
                               .target = 2000,
                               .source = ProgressSource::kKpi,
                               .kpi = users}},
        q1_day(65));
  r.run(AddKpiValues{users,
                     {KpiValue{.at = q1_day(66), .value = 1450.5, .origin = KpiOrigin::kPull},
                      KpiValue{.at = q1_day(65), .value = 1300, .origin = KpiOrigin::kCsv}}},
        q1_day(66));

  // The learning objective closes early; the period closes the rest.
  r.run(CloseObjective{learning}, q1_day(85));
  r.run(ClosePeriod{q1}, kQ1End + kSecondsPerDay);
  r.run(OverrideKeyResultScore{cdn_id, ScoreOverride{0.9, "Shipped on the last day", a,
                                                     kQ1End + 2 * kSecondsPerDay}},
        kQ1End + 2 * kSecondsPerDay);
  r.run(OverrideObjectiveScore{platform, ScoreOverride{0.75, "Latency mattered most", a,
                                                       kQ1End + 2 * kSecondsPerDay}},
        kQ1End + 2 * kSecondsPerDay);
  r.run(AddRetrospective{Retrospective{
            .unit = t,
            .period = q1,
            .answers = {.went_well = "The CDN", .lessons = "Measure first"},
            .author = b}},
        kQ1End + 3 * kSecondsPerDay);
  r.run(Rollover{platform, q2}, kQ1End + 3 * kSecondsPerDay);
}

// Every entity with its versions, and the numbers the evaluation derives from
// them, as text: two models with the same text are the same to every reader.
std::string state_of(const Model& model) {
  json::object out;
  auto versions = [](const auto& history) {
    json::array all;
    for (const auto& version : history.versions()) {
      all.push_back(
          json::object{{"from", version.from.seconds}, {"value", to_json(version.value)}});
    }
    return all;
  };
  out["organization"] = versions(model.organization_history());
  json::array units, people, periods, objectives, key_results, links, dependencies;
  for (std::uint32_t i = 0; i < model.unit_count(); ++i)
    units.push_back(versions(model.unit_history(UnitId{i})));
  for (std::uint32_t i = 0; i < model.person_count(); ++i)
    people.push_back(versions(model.person_history(PersonId{i})));
  for (std::uint32_t i = 0; i < model.period_count(); ++i)
    periods.push_back(versions(model.period_history(PeriodId{i})));
  for (std::uint32_t i = 0; i < model.objective_count(); ++i)
    objectives.push_back(versions(model.objective_history(ObjectiveId{i})));
  for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
    json::array check_ins;
    for (const CheckIn& c : model.check_ins(KeyResultId{i})) check_ins.push_back(to_json(c));
    key_results.push_back(
        json::object{{"versions", versions(model.key_result_history(KeyResultId{i}))},
                     {"check_ins", std::move(check_ins)}});
  }
  for (std::uint32_t i = 0; i < model.link_count(); ++i)
    links.push_back(versions(model.link_history(LinkId{i})));
  for (std::uint32_t i = 0; i < model.dependency_count(); ++i)
    dependencies.push_back(versions(model.dependency_history(DependencyId{i})));
  out["units"] = std::move(units);
  out["people"] = std::move(people);
  out["periods"] = std::move(periods);
  out["objectives"] = std::move(objectives);
  out["key_results"] = std::move(key_results);
  out["links"] = std::move(links);
  out["dependencies"] = std::move(dependencies);
  json::array kpis;
  for (std::uint32_t i = 0; i < model.kpi_count(); ++i) {
    json::array values;
    for (const KpiValue& v : model.kpi_values(KpiId{i})) values.push_back(to_json(v));
    kpis.push_back(json::object{{"versions", versions(model.kpi_history(KpiId{i}))},
                                {"values", std::move(values)}});
  }
  out["kpis"] = std::move(kpis);
  json::array initiatives, comments, retrospectives;
  for (std::uint32_t i = 0; i < model.initiative_count(); ++i)
    initiatives.push_back(versions(model.initiative_history(InitiativeId{i})));
  for (std::uint32_t i = 0; i < model.comment_count(); ++i)
    comments.push_back(versions(model.comment_history(CommentId{i})));
  for (const Retrospective& r : model.retrospectives()) retrospectives.push_back(to_json(r));
  out["initiatives"] = std::move(initiatives);
  out["comments"] = std::move(comments);
  out["retrospectives"] = std::move(retrospectives);

  // The live roll-up, and evaluations now and in the past.
  json::array rollup;
  for (std::uint32_t i = 0; i < model.objective_count(); ++i)
    rollup.push_back(model.rollup().objective(ObjectiveId{i}).progress);
  for (std::uint32_t i = 0; i < model.key_result_count(); ++i)
    rollup.push_back(model.rollup().key_result(KeyResultId{i}).progress);
  out["rollup"] = std::move(rollup);
  json::array evaluations;
  for (Instant at : {q1_day(15), q1_day(55), model.last_change()}) {
    // Only what existed at `at`: the evaluation reads the versions in force then.
    const Evaluation evaluation(model, at);
    for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
      if (model.objective_history(ObjectiveId{i}).at(at) == nullptr) continue;
      const ObjectiveView view = evaluation.objective_view(ObjectiveId{i});
      evaluations.push_back(json::array{view.progress, view.expected,
                                        view.score ? json::value(*view.score) : nullptr,
                                        view.success, static_cast<int>(view.status)});
    }
    for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
      if (model.key_result_history(KeyResultId{i}).at(at) == nullptr) continue;
      const KeyResultView view = evaluation.key_result_view(KeyResultId{i});
      evaluations.push_back(json::array{view.current, view.progress,
                                        view.score ? json::value(*view.score) : nullptr,
                                        static_cast<int>(view.status)});
    }
  }
  out["evaluations"] = std::move(evaluations);
  out["last_change"] = model.last_change().seconds;
  return json_text(out);
}

class CommandReplayTest : public ::testing::Test {
 protected:
  void SetUp() override { record_quarter(first_); }
  Recorder first_;
};

TEST_F(CommandReplayTest, TheRecordedQuarterUsesEveryCommandKind) {
  std::set<std::string> kinds;
  for (const Row& row : first_.log) kinds.insert(row.kind);
  EXPECT_EQ(kinds.size(), std::variant_size_v<Command>);
  // And did what it says: scores were frozen and overridden, a copy was made.
  const Model& model = first_.model;
  EXPECT_TRUE(model.objective(ObjectiveId{1})->closed());
  EXPECT_EQ(model.objective(ObjectiveId{1})->effective_score(), 0.75);
  EXPECT_EQ(model.objective_count(), 5u);  // 3 added, 1 created with its parent, 1 copy
  EXPECT_EQ(model.objective(ObjectiveId{4})->rolled_over_from, ObjectiveId{1});
  // The created objective came with its link to the key result (and got a
  // created key result and a KPI-fed one).
  EXPECT_EQ(model.key_results_of(ObjectiveId{3}).size(), 2u);
  bool linked = false;
  for (std::uint32_t i = 0; i < model.link_count(); ++i) {
    const AlignmentLink& link = *model.link(LinkId{i});
    linked |= link.child == NodeRef::of(ObjectiveId{3}) && !link.removed && link.weight == 0.5;
  }
  EXPECT_TRUE(linked);
  EXPECT_TRUE(model.check_in(CheckInId{1})->deleted_at);
  // The KPI-fed key result took the value it found, then two more.
  const KeyResultId fed{5};
  ASSERT_EQ(model.key_result(fed)->source, ProgressSource::kKpi);
  ASSERT_EQ(model.check_ins(fed).size(), 3u);
  EXPECT_EQ(model.check_ins(fed).back().measurement.value, 1450.5);
  EXPECT_EQ(model.check_ins(fed).back().kpi, KpiId{0});
}

TEST_F(CommandReplayTest, ReplayingTheLogGivesTheSameIdsAndState) {
  Model replayed;
  for (const Row& row : first_.log) {
    SCOPED_TRACE(row.kind + " " + row.payload);
    auto command = parse_command(row.kind, row.payload);
    ASSERT_TRUE(command) << command.error().message;
    auto applied = apply(replayed, *command, row.at);
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied->created, row.created);
  }
  EXPECT_EQ(state_of(replayed), state_of(first_.model));
}

TEST_F(CommandReplayTest, ReplayIsDeterministicEveryTime) {
  auto replay = [&] {
    Model model;
    for (const Row& row : first_.log) {
      auto command = parse_command(row.kind, row.payload);
      if (command) (void)apply(model, *command, row.at);
    }
    return state_of(model);
  };
  const std::string once = replay();
  EXPECT_EQ(replay(), once);
}

TEST_F(CommandReplayTest, CreatedIsTheNewIdOnlyForCreatingCommands) {
  for (const Row& row : first_.log) {
    // A reaction is part of its comment and values are their KPI's: they
    // get no id of their own.
    const bool creates = (row.kind.starts_with("add_") && row.kind != "add_reaction" &&
                          row.kind != "add_kpi_values") ||
                         row.kind.starts_with("create_") || row.kind == "rollover";
    EXPECT_EQ(row.created.has_value(), creates) << row.kind;
  }
}

TEST(CommandApply, AFailedCommandChangesNothing) {
  Model model;
  auto applied = apply(model, AddUnit{Unit{.name = "Orphan", .parent = UnitId{7}}}, kSetup);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(model.unit_count(), 0u);
  EXPECT_EQ(apply(model, ClosePeriod{PeriodId{0}}, kSetup).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace cairn::app
