#include "core/names.h"

#include <array>
#include <utility>

namespace cairn::core {
namespace {

template <class T, std::size_t N>
using Table = std::array<std::pair<T, std::string_view>, N>;

constexpr Table<ObjectiveType, 3> kObjectiveTypes{{{ObjectiveType::kCommitted, "committed"},
                                                   {ObjectiveType::kAspirational, "aspirational"},
                                                   {ObjectiveType::kLearning, "learning"}}};
constexpr Table<ObjectiveState, 4> kObjectiveStates{{{ObjectiveState::kDraft, "draft"},
                                                     {ObjectiveState::kActive, "active"},
                                                     {ObjectiveState::kClosed, "closed"},
                                                     {ObjectiveState::kArchived, "archived"}}};
constexpr Table<Visibility, 2> kVisibilities{
    {{Visibility::kPublic, "public"}, {Visibility::kPrivate, "private"}}};
constexpr Table<ProgressMode, 4> kProgressModes{{{ProgressMode::kKeyResults, "key_results"},
                                                 {ProgressMode::kChildren, "children"},
                                                 {ProgressMode::kCombined, "combined"},
                                                 {ProgressMode::kManual, "manual"}}};
constexpr Table<KeyResultKind, 4> kKeyResultKinds{{{KeyResultKind::kMetric, "metric"},
                                                   {KeyResultKind::kBoolean, "boolean"},
                                                   {KeyResultKind::kMilestones, "milestones"},
                                                   {KeyResultKind::kBand, "band"}}};
constexpr Table<ProgressSource, 4> kProgressSources{{{ProgressSource::kCheckIns, "check_ins"},
                                                     {ProgressSource::kChildren, "children"},
                                                     {ProgressSource::kKpi, "kpi"},
                                                     {ProgressSource::kSum, "sum"}}};
constexpr Table<UnitKind, 3> kUnitKinds{{{UnitKind::kCompany, "company"},
                                         {UnitKind::kFunction, "function"},
                                         {UnitKind::kTeam, "team"}}};
constexpr Table<Role, 3> kRoles{
    {{Role::kAdmin, "admin"}, {Role::kMember, "member"}, {Role::kViewer, "viewer"}}};
constexpr Table<PeriodKind, 4> kPeriodKinds{{{PeriodKind::kYear, "year"},
                                             {PeriodKind::kQuarter, "quarter"},
                                             {PeriodKind::kMonth, "month"},
                                             {PeriodKind::kCustom, "custom"}}};
constexpr Table<PeriodState, 3> kPeriodStates{{{PeriodState::kPlanning, "planning"},
                                               {PeriodState::kActive, "active"},
                                               {PeriodState::kClosed, "closed"}}};
constexpr Table<Cadence, 3> kCadences{{{Cadence::kWeekly, "weekly"},
                                       {Cadence::kBiweekly, "biweekly"},
                                       {Cadence::kMonthly, "monthly"}}};
constexpr Table<InitiativeState, 3> kInitiativeStates{{{InitiativeState::kTodo, "todo"},
                                                       {InitiativeState::kDoing, "doing"},
                                                       {InitiativeState::kDone, "done"}}};
constexpr Table<KpiOrigin, 4> kKpiOrigins{{{KpiOrigin::kManual, "manual"},
                                           {KpiOrigin::kPush, "push"},
                                           {KpiOrigin::kPull, "pull"},
                                           {KpiOrigin::kCsv, "csv"}}};

template <class T, std::size_t N>
std::string_view name_in(const Table<T, N>& table, T value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <class T, std::size_t N>
std::optional<T> value_in(const Table<T, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace

#define CAIRN_NAMES(Type, table)                           \
  std::string_view to_string(Type value) {                 \
    return name_in(table, value);                          \
  }                                                        \
  template <>                                              \
  std::optional<Type> parse<Type>(std::string_view name) { \
    return value_in(table, name);                          \
  }

CAIRN_NAMES(ObjectiveType, kObjectiveTypes)
CAIRN_NAMES(ObjectiveState, kObjectiveStates)
CAIRN_NAMES(Visibility, kVisibilities)
CAIRN_NAMES(ProgressMode, kProgressModes)
CAIRN_NAMES(KeyResultKind, kKeyResultKinds)
CAIRN_NAMES(ProgressSource, kProgressSources)
CAIRN_NAMES(UnitKind, kUnitKinds)
CAIRN_NAMES(Role, kRoles)
CAIRN_NAMES(PeriodKind, kPeriodKinds)
CAIRN_NAMES(PeriodState, kPeriodStates)
CAIRN_NAMES(Cadence, kCadences)
CAIRN_NAMES(InitiativeState, kInitiativeStates)
CAIRN_NAMES(KpiOrigin, kKpiOrigins)

#undef CAIRN_NAMES

}  // namespace cairn::core
