// KPIs (F30, F31): named business metrics with a healthy band and a history
// of values, which key results with `progress_source: kpi` follow.
//
// Each new value becomes a check-in on every open key result tied to the KPI
// (DOMAIN.md: "the latest value of the linked KPI is the current value c"),
// so roll-up, status, history and alerts treat it like any other check-in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace cairn::core {

// Where a value came from: typed by hand, pushed with the KPI's ingest token,
// pulled from a URL, or uploaded as a CSV history.
enum class KpiOrigin { kManual, kPush, kPull, kCsv };

struct Kpi {
  KpiId id;
  std::string name;
  std::string unit;  // %, $, count, ...
  std::string description;
  PersonId owner;  // KPI-fed check-ins are recorded in the owner's name
  // The healthy band; either end may be open.
  std::optional<double> low;
  std::optional<double> high;
  bool archived = false;
  Instant created_at;
};

struct KpiValue {
  Instant at;  // when the value held
  double value = 0;
  KpiOrigin origin = KpiOrigin::kManual;
  Instant recorded_at;  // when it was written

  bool visible_at(Instant t) const { return recorded_at <= t; }
};

// Whether `value` lies in the KPI's healthy band (an open end always passes).
inline bool healthy(const Kpi& kpi, double value) {
  return (!kpi.low || value >= *kpi.low) && (!kpi.high || value <= *kpi.high);
}

}  // namespace cairn::core
