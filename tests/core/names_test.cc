#include "core/names.h"

#include <gtest/gtest.h>

namespace cairn::core {
namespace {

// Every name parses back to its value, and the spellings are the API's.
template <class T>
void expect_round_trip(std::initializer_list<std::pair<T, const char*>> cases) {
  for (const auto& [value, name] : cases) {
    EXPECT_EQ(to_string(value), name);
    EXPECT_EQ(parse<T>(name), value) << name;
  }
  EXPECT_FALSE(parse<T>("no-such-name").has_value());
  EXPECT_FALSE(parse<T>("").has_value());
}

TEST(Names, MatchTheApiSpelling) {
  expect_round_trip<ObjectiveType>({{ObjectiveType::kCommitted, "committed"},
                                    {ObjectiveType::kAspirational, "aspirational"},
                                    {ObjectiveType::kLearning, "learning"}});
  expect_round_trip<ObjectiveState>({{ObjectiveState::kDraft, "draft"},
                                     {ObjectiveState::kActive, "active"},
                                     {ObjectiveState::kClosed, "closed"},
                                     {ObjectiveState::kArchived, "archived"}});
  expect_round_trip<Visibility>(
      {{Visibility::kPublic, "public"}, {Visibility::kPrivate, "private"}});
  expect_round_trip<ProgressMode>({{ProgressMode::kKeyResults, "key_results"},
                                   {ProgressMode::kChildren, "children"},
                                   {ProgressMode::kCombined, "combined"},
                                   {ProgressMode::kManual, "manual"}});
  expect_round_trip<KeyResultKind>({{KeyResultKind::kMetric, "metric"},
                                    {KeyResultKind::kBoolean, "boolean"},
                                    {KeyResultKind::kMilestones, "milestones"},
                                    {KeyResultKind::kBand, "band"}});
  expect_round_trip<ProgressSource>({{ProgressSource::kCheckIns, "check_ins"},
                                     {ProgressSource::kChildren, "children"},
                                     {ProgressSource::kKpi, "kpi"},
                                     {ProgressSource::kSum, "sum"}});
  expect_round_trip<UnitKind>({{UnitKind::kCompany, "company"},
                               {UnitKind::kFunction, "function"},
                               {UnitKind::kTeam, "team"}});
  expect_round_trip<Role>(
      {{Role::kAdmin, "admin"}, {Role::kMember, "member"}, {Role::kViewer, "viewer"}});
  expect_round_trip<PeriodKind>({{PeriodKind::kYear, "year"},
                                 {PeriodKind::kQuarter, "quarter"},
                                 {PeriodKind::kMonth, "month"},
                                 {PeriodKind::kCustom, "custom"}});
  expect_round_trip<PeriodState>({{PeriodState::kPlanning, "planning"},
                                  {PeriodState::kActive, "active"},
                                  {PeriodState::kClosed, "closed"}});
  expect_round_trip<Cadence>({{Cadence::kWeekly, "weekly"},
                              {Cadence::kBiweekly, "biweekly"},
                              {Cadence::kMonthly, "monthly"}});
  expect_round_trip<InitiativeState>({{InitiativeState::kTodo, "todo"},
                                      {InitiativeState::kDoing, "doing"},
                                      {InitiativeState::kDone, "done"}});
}

}  // namespace
}  // namespace cairn::core
