#include "core/scoring.h"

#include <cmath>

namespace cairn::core {

const char* to_string(ScoreColour colour) {
  switch (colour) {
    case ScoreColour::kRed:
      return "red";
    case ScoreColour::kYellow:
      return "yellow";
    case ScoreColour::kGreen:
      return "green";
  }
  return "red";
}

double round_score(double value) {
  // Scale with a small nudge so that binary representations just below a half
  // (0.675 is stored as 0.67499999…) round as a person expects.
  return std::round(value * 100.0 * (1 + 1e-12)) / 100.0;
}

ScoreColour score_colour(double score) {
  if (score < 0.4) return ScoreColour::kRed;
  if (score < 0.7) return ScoreColour::kYellow;
  return ScoreColour::kGreen;
}

bool objective_succeeded(ObjectiveType type, double score, bool retrospective_recorded) {
  switch (type) {
    case ObjectiveType::kCommitted:
      return score >= 1.0;
    case ObjectiveType::kAspirational:
      return score >= 0.7;
    case ObjectiveType::kLearning:
      return retrospective_recorded;
  }
  return false;
}

}  // namespace cairn::core
