// One command of every kind with a value other than the default in every field
// (optionals set, vectors filled, ids valid, enums off their defaults) and
// numbers that are hard to store: 0.1, 1e-300, -0.0, the smallest subnormal,
// the largest double, values Boost 1.81's parser alone would read one ulp off,
// the largest uint64, instants before 1970. They need not pass the model's
// validation: they test storage only.
#pragma once

#include <vector>

#include "app/command.h"

namespace cairn::app::testing {

// In the order of the Command variant: element i holds alternative i.
std::vector<Command> sample_commands();

// Entities with every field off its default, as the samples use them.
core::Organization sample_organization();
core::Unit sample_unit();
core::Person sample_person();
core::Period sample_period();
core::Objective sample_objective();
core::KeyResult sample_key_result();
core::CheckIn sample_check_in();
core::AlignmentLink sample_link();
core::Dependency sample_dependency();
core::Initiative sample_initiative();
core::Comment sample_comment();
core::Retrospective sample_retrospective();
core::ScoreOverride sample_override();

}  // namespace cairn::app::testing
