// End-of-cycle scoring (DOMAIN.md "Closing a period, scoring"; F22): pure rules.
// The commands that freeze scores live in Model (closing.cc).
#pragma once

#include "core/objective.h"

namespace cairn::core {

enum class ScoreColour { kRed, kYellow, kGreen };

const char* to_string(ScoreColour colour);

// Rounds to two decimals, halves away from zero (0.675 → 0.68).
double round_score(double value);

// score < 0.4 red, 0.4 ≤ score < 0.7 yellow, ≥ 0.7 green.
ScoreColour score_colour(double score);

// The success bar by objective type: committed ≥ 1.0, aspirational ≥ 0.7,
// learning once its retrospective notes are recorded.
bool objective_succeeded(ObjectiveType type, double score, bool retrospective_recorded);

}  // namespace cairn::core
