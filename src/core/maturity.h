// The OKR maturity assessment (DOMAIN.md "Maturity assessment", F38): the
// five-stage model computed from the organisation's own data as of an instant.
//
// The stage is the highest one whose criteria hold together with all lower
// stages' criteria. The report lists every criterion of stages 2–5 with its
// measured value, its threshold, pass or fail, and a next step when it fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/evaluation.h"

namespace cairn::core {

enum class MaturityStage { kCurious = 1, kAware, kChampion, kExcellence, kMaster };

const char* to_string(MaturityStage stage);  // "curious" … "master"

struct MaturityCriterion {
  std::string id;  // stable, e.g. "aware.measurable_objectives"
  MaturityStage stage;
  std::string description;
  // What was measured; nullopt when it cannot be measured yet (e.g. no check-in
  // intervals), which fails the criterion.
  std::optional<double> measured;
  double threshold = 0;
  bool at_most = false;  // passes when measured ≤ threshold (else ≥)
  std::string unit;      // "ratio", "count" or "days"
  bool passed = false;
  std::string next_step;  // what to do about it; empty when passed
};

struct MaturityReport {
  MaturityStage stage = MaturityStage::kCurious;
  std::vector<MaturityCriterion> criteria;
};

MaturityReport assess_maturity(const Evaluation& eval);

}  // namespace cairn::core
