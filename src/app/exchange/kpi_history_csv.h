// A KPI's history from a CSV upload (docs/kpis.md): one value per row, an
// instant (RFC 3339, or a date YYYY-MM-DD meaning its start in UTC) and a
// number. A first row that is not a value is a header naming the columns
// ("at"/"instant"/"date"/"time" and "value"), in either order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/kpi.h"

namespace cairn::app::exchange {

inline constexpr std::size_t kMaxKpiHistoryRows = 100'000;

struct KpiHistoryProblem {
  int line = 0;  // 1-based row
  std::string message;
};

struct KpiHistory {
  std::vector<core::KpiValue> values;       // origin kCsv, in the file's order
  std::vector<KpiHistoryProblem> problems;  // when any, `values` must not be used
};

KpiHistory read_kpi_history(std::string_view csv);

}  // namespace cairn::app::exchange
