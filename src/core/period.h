// Periods (F15): years, quarters, months and custom cycles, nested.
#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/time.h"

namespace cairn::core {

enum class PeriodKind { kYear, kQuarter, kMonth, kCustom };
enum class PeriodState { kPlanning, kActive, kClosed };

struct Period {
  PeriodId id;
  std::string name;
  PeriodKind kind = PeriodKind::kQuarter;
  Date start_date;
  Date end_date;      // inclusive
  Instant starts_at;  // start_date 00:00 in the organisation's zone
  Instant ends_at;    // the end of end_date: the next day's 00:00 (exclusive)
  PeriodId parent;    // e.g. the year of a quarter
  std::optional<Instant> closed_at;

  // planning before it starts, closed once closed, active otherwise (also after
  // its end until someone closes and scores it).
  PeriodState state_at(Instant t) const {
    if (closed_at && *closed_at <= t) return PeriodState::kClosed;
    return t < starts_at ? PeriodState::kPlanning : PeriodState::kActive;
  }
  bool overlaps(const Period& other) const {
    return starts_at < other.ends_at && other.starts_at < ends_at;
  }
};

}  // namespace cairn::core
