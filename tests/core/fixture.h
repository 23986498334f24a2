// A small organisation for tests: a company with one team, two people, the
// year 2026 and its first quarter, and short-hands to add OKRs and check-ins.
// Each short-hand asserts that the command succeeded.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/evaluation.h"
#include "core/model.h"

namespace cairn::core::testing {

// Q1 2026 runs from 2026-01-01T00:00Z to 2026-04-01T00:00Z: 90 days.
inline const Instant kQ1Start = instant_utc(2026, 1, 1);
inline const Instant kQ1End = instant_utc(2026, 4, 1);
// The instant at which a share `f` of Q1 has passed.
inline Instant q1_at(double f) {
  return kQ1Start + static_cast<std::int64_t>(f * static_cast<double>(kQ1End - kQ1Start));
}

template <class T>
T ok(Result<T> result) {
  if (!result) {
    ADD_FAILURE() << "command failed: " << result.error().message;
    return T{};
  }
  return *result;
}
inline void ok(Result<void> result) {
  if (!result) ADD_FAILURE() << "command failed: " << result.error().message;
}

Period make_period(const std::string& name, PeriodKind kind, Date start, Date end,
                   PeriodId parent = {});

class TestOrg {
 public:
  explicit TestOrg(Settings settings = {});

  Model model;
  Instant setup = instant_utc(2025, 12, 1);
  PersonId ada;  // admin
  PersonId bob;  // member
  UnitId company;
  UnitId team;
  PeriodId year;  // 2026
  PeriodId q1;    // Q1 2026
  PeriodId q2;    // Q2 2026

  ObjectiveId objective(const std::string& title = "Objective",
                        ProgressMode mode = ProgressMode::kKeyResults, PeriodId period = {},
                        Owner owner = {}, Instant at = {});
  KeyResultId metric(ObjectiveId objective, double start, double target, double weight = 1,
                     ProgressSource source = ProgressSource::kCheckIns,
                     const std::string& title = "Grow the number of users");
  KeyResultId key_result(KeyResult kr);  // fills owner and title when empty
  CheckInId check_in(KeyResultId kr, double value, Instant at, std::optional<int> confidence = {});
  CheckInId check_in(KeyResultId kr, Measurement m, Instant at, std::optional<int> confidence = {});
  LinkId link(NodeRef child, NodeRef parent, double weight = 1, bool contributes = true,
              Instant at = {});

  // Evaluation at `t`, and the common reads.
  double progress(ObjectiveId id, Instant t) const {
    return Evaluation(model, t).objective_view(id).progress;
  }
  double progress(KeyResultId id, Instant t) const {
    return Evaluation(model, t).key_result_view(id).progress;
  }
};

}  // namespace cairn::core::testing
