// The benchmark workload of PERFORMANCE.md, generated reproducibly from a
// number of people and a seed: a company, 12 functions, teams of about ten
// people up to 6 levels deep, a year and its four quarters, and in the active
// quarter 3 objectives per unit with 4 key results each, individual objectives
// for 20 % of people, alignment to a parent unit's objective or key result
// (10 % to two parents), dependencies on 5 % of objectives, and weekly
// check-ins. `enterprise` is 200,000 people; `team` is 2,000.
#pragma once

#include <cstdint>

#include "app/command_target.h"
#include "core/model.h"

namespace cairn::app {

struct WorkloadOptions {
  std::size_t people = 2'000;
  std::uint64_t seed = 1;
  int check_ins_per_key_result = 12;  // weekly, from the quarter's start
};

struct Workload {
  core::PeriodId active_quarter;
  core::Instant now;                                // just after the last check-in, for evaluations
  std::vector<core::KeyResultId> team_key_results;  // key results of the deepest teams
};

inline constexpr std::size_t kEnterprisePeople = 200'000;
inline constexpr std::size_t kTeamPeople = 2'000;

// Fills an empty model; same options, same model.
core::Result<Workload> generate_workload(CommandTarget& target, const WorkloadOptions& options);
// The same, straight into a model in memory.
core::Result<Workload> generate_workload(core::Model& model, const WorkloadOptions& options);

}  // namespace cairn::app
