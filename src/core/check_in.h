// Check-ins (F8, F9): append-only; a correction is a new check-in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/compact.h"
#include "core/ids.h"
#include "core/time.h"

namespace cairn::core {

// What a check-in says about its key result's value. Which field counts depends
// on the key result's kind: `value` for metric and band, `done` for boolean,
// `milestones_done` (bit i = milestone i) for milestones.
struct Measurement {
  double value = 0;
  bool done = false;
  std::uint64_t milestones_done = 0;
};

struct CheckIn {
  CheckInId id;  // also the order of recording: a larger id was recorded later
  KeyResultId key_result;
  PersonId author;
  PersonId on_behalf_of;  // the owner when a delegate checks in
  Measurement measurement;
  std::optional<int> confidence;  // 1–10
  // The two below in 8 bytes each, not 32 and 16 (compact.h): a large
  // organisation holds millions of check-ins, most without a note.
  CompactText note;
  Instant at;           // when the value held
  Instant recorded_at;  // when it was written
  OptionalInstant deleted_at;
  // Set when the KPI source wrote it (kpi.h): a new value of this KPI.
  KpiId kpi;

  bool visible_at(Instant t) const { return recorded_at <= t && !(deleted_at && *deleted_at <= t); }
};

}  // namespace cairn::core
