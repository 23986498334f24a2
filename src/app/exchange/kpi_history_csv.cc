#include "app/exchange/kpi_history_csv.h"

#include <charconv>
#include <cmath>

#include "app/exchange/csv_records.h"

namespace cairn::app::exchange {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::optional<double> number(std::string_view text) {
  text = trim(text);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<core::Instant> instant(std::string_view text) {
  text = trim(text);
  if (auto at = core::parse_rfc3339(text)) return at;
  if (auto day = core::Date::parse(text)) return core::start_of_day_utc(*day);
  return std::nullopt;
}

}  // namespace

KpiHistory read_kpi_history(std::string_view csv) {
  KpiHistory out;
  CsvRecords records = read_csv(csv);
  if (!records.error.empty()) {
    out.problems.push_back({records.error_line, records.error});
    return out;
  }
  std::size_t at_column = 0, value_column = 1;
  std::size_t first = 0;
  if (!records.rows.empty()) {
    const CsvRow& head = records.rows.front();
    const bool is_value = head.size() >= 2 && instant(head[0]) && number(head[1]);
    if (!is_value) {
      first = 1;
      bool found_at = false, found_value = false;
      for (std::size_t i = 0; i < head.size(); ++i) {
        const std::string name = normalized_header(head[i]);
        if (name == "at" || name == "instant" || name == "date" || name == "time" ||
            name == "timestamp") {
          at_column = i;
          found_at = true;
        } else if (name == "value") {
          value_column = i;
          found_value = true;
        }
      }
      if (!found_at || !found_value) {
        out.problems.push_back(
            {1, "the first row is neither a value nor a header with columns at and value"});
        return out;
      }
    }
  }
  if (records.rows.size() - first > kMaxKpiHistoryRows) {
    out.problems.push_back({0, "at most 100000 values per upload"});
    return out;
  }
  for (std::size_t i = first; i < records.rows.size(); ++i) {
    const CsvRow& row = records.rows[i];
    const int line = static_cast<int>(i) + 1;
    if (row.size() == 1 && trim(row[0]).empty()) continue;  // a blank line
    if (row.size() <= std::max(at_column, value_column)) {
      out.problems.push_back({line, "needs an instant and a value"});
      continue;
    }
    const auto at = instant(row[at_column]);
    const auto value = number(row[value_column]);
    if (!at) {
      out.problems.push_back({line, "\"" + row[at_column] +
                                        "\" is not an instant (2026-11-23T09:00:00Z) or a date "
                                        "(2026-11-23)"});
    }
    if (!value) out.problems.push_back({line, "\"" + row[value_column] + "\" is not a number"});
    if (at && value) out.values.push_back(core::KpiValue{*at, *value, core::KpiOrigin::kCsv, {}});
  }
  if (out.values.empty() && out.problems.empty()) out.problems.push_back({0, "no values"});
  return out;
}

}  // namespace cairn::app::exchange
