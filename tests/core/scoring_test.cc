// DOMAIN.md "Closing a period, scoring": the pure scoring rules — rounding to two
// decimals, the colour bands and the success bar of each objective type.
#include "core/scoring.h"

#include <gtest/gtest.h>

namespace cairn::core {
namespace {

TEST(RoundScore, TwoDecimalsWithHalvesAwayFromZero) {
  const struct {
    double in;
    double out;
  } cases[] = {
      {0.675, 0.68},  // stored as 0.67499999…: still rounds as a person expects
      {0.694, 0.69},
      {0.695, 0.70},  // stored as 0.69499999…
      {0.674, 0.67},
      {0.6749, 0.67},
      {0.674999, 0.67},
      {0.125, 0.13},
      {0.115, 0.12},
      {0.145, 0.15},  // stored as 0.14499999…
      {0.285, 0.29},  // stored as 0.28499999…
      {0.565, 0.57},  // stored as 0.56499999…
      {0.005, 0.01},
      {0.0049, 0.0},
      {0.004999, 0.0},
      {0.995, 1.0},
      {0.994, 0.99},
      {0.999999, 1.0},
      {1.0, 1.0},
      {0.0, 0.0},
      {0.1, 0.1},
      {0.7, 0.7},
      {0.4, 0.4},
      {1.0 / 3.0, 0.33},
      {2.0 / 3.0, 0.67},
      {0.1 + 0.2, 0.3},               // 0.30000000000000004
      {0.7 * 3 / 3, 0.7},             // 0.7 after a round trip through arithmetic
      {2.0999999999999996 / 3, 0.7},  // (0.7 + 0.7 + 0.7) / 3 in doubles: 0.6999999…
  };
  for (const auto& c : cases) {
    // Exact equality: a score is the double nearest to a two-decimal number.
    EXPECT_EQ(round_score(c.in), c.out) << "round_score(" << c.in << ")";
  }
}

TEST(RoundScore, ResultsAreTheDoublesOfTheirTwoDecimalLiterals) {
  // Every k / 100 for k in 0..100, perturbed by a rounding error either way,
  // comes back as exactly the literal k / 100.
  for (int k = 0; k <= 100; ++k) {
    const double exact = k / 100.0;
    EXPECT_EQ(round_score(exact), exact) << k;
    EXPECT_EQ(round_score(exact + 1e-13), exact) << k;
    EXPECT_EQ(round_score(exact - 1e-13 < 0 ? 0 : exact - 1e-13), exact) << k;
  }
}

TEST(ScoreColourBand, RedBelowPointFourYellowToPointSixNineGreenFromPointSeven) {
  const struct {
    double score;
    ScoreColour colour;
    const char* name;
  } cases[] = {
      {0.0, ScoreColour::kRed, "red"},       {0.1, ScoreColour::kRed, "red"},
      {0.39, ScoreColour::kRed, "red"},      {0.399, ScoreColour::kRed, "red"},
      {0.4, ScoreColour::kYellow, "yellow"}, {0.41, ScoreColour::kYellow, "yellow"},
      {0.5, ScoreColour::kYellow, "yellow"}, {0.69, ScoreColour::kYellow, "yellow"},
      {0.7, ScoreColour::kGreen, "green"},   {0.71, ScoreColour::kGreen, "green"},
      {0.99, ScoreColour::kGreen, "green"},  {1.0, ScoreColour::kGreen, "green"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(score_colour(c.score), c.colour) << c.score;
    EXPECT_STREQ(to_string(score_colour(c.score)), c.name) << c.score;
  }
}

TEST(ScoreColourBand, AppliesToTheRoundedScore) {
  // A mean that is 0.7 on paper but 0.69999… in doubles is green once rounded.
  const double mean = (0.7 + 0.7 + 0.7) / 3;
  ASSERT_LT(mean, 0.7) << "the premise: the double is just below 0.7";
  EXPECT_EQ(score_colour(round_score(mean)), ScoreColour::kGreen);
  // 0.395 rounds to 0.4: yellow, not red; 0.695 rounds to 0.7: green.
  EXPECT_EQ(score_colour(round_score(0.395)), ScoreColour::kYellow);
  EXPECT_EQ(score_colour(round_score(0.695)), ScoreColour::kGreen);
  EXPECT_EQ(score_colour(round_score(0.3949)), ScoreColour::kRed);
}

TEST(SuccessBar, ByObjectiveType) {
  const struct {
    ObjectiveType type;
    double score;
    bool retrospective_recorded;
    bool success;
  } cases[] = {
      // committed: only a full score succeeds
      {ObjectiveType::kCommitted, 1.0, false, true},
      {ObjectiveType::kCommitted, 1.0, true, true},
      {ObjectiveType::kCommitted, 0.99, false, false},
      {ObjectiveType::kCommitted, 0.99, true, false},
      {ObjectiveType::kCommitted, 0.7, false, false},
      {ObjectiveType::kCommitted, 0.0, false, false},
      // aspirational: 0.7 and above
      {ObjectiveType::kAspirational, 0.7, false, true},
      {ObjectiveType::kAspirational, 0.71, false, true},
      {ObjectiveType::kAspirational, 1.0, false, true},
      {ObjectiveType::kAspirational, 0.69, false, false},
      {ObjectiveType::kAspirational, 0.69, true, false},
      {ObjectiveType::kAspirational, 0.0, false, false},
      // learning: the retrospective notes decide, not the score
      {ObjectiveType::kLearning, 0.0, true, true},
      {ObjectiveType::kLearning, 0.3, true, true},
      {ObjectiveType::kLearning, 1.0, true, true},
      {ObjectiveType::kLearning, 1.0, false, false},
      {ObjectiveType::kLearning, 0.7, false, false},
      {ObjectiveType::kLearning, 0.0, false, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(objective_succeeded(c.type, c.score, c.retrospective_recorded), c.success)
        << "type " << static_cast<int>(c.type) << ", score " << c.score << ", retrospective "
        << c.retrospective_recorded;
  }
}

}  // namespace
}  // namespace cairn::core
