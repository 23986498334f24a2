#include "http/objective_filter.h"

#include <algorithm>
#include <array>

#include "core/names.h"
#include "core/text.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// ASCII only: titles are compared as the user typed them otherwise, which is
// enough for a search box until the index of F-search arrives.
std::optional<Status> parse_status(std::string_view name) {
  constexpr std::array kAll{Status::kNotStarted, Status::kOnTrack, Status::kBehind,
                            Status::kAtRisk,     Status::kDone,    Status::kClosed};
  for (Status s : kAll) {
    if (name == core::to_string(s)) return s;
  }
  return std::nullopt;
}

}  // namespace

bool ObjectiveFilter::matches(const Evaluation& eval, const Objective& o) const {
  if (nothing) return false;
  if (state ? o.state != *state : o.archived()) return false;
  if (period && o.period != *period) return false;
  if (unit && o.owner.unit != *unit) return false;
  if (person && o.owner.person != *person) return false;
  if (!q.empty() && core::ascii_lowercase(o.title).find(q) == std::string::npos) return false;
  if (status && eval.objective_view(o.id).status != *status) return false;
  return true;
}

core::Result<ObjectiveFilter> objective_filter(const Request& request) {
  ObjectiveFilter filter;
  auto period = query_id<PeriodId>(request, "period_id", kPeriodPrefix);
  if (!period) return period.error();
  filter.period = *period;
  auto unit = query_id<UnitId>(request, "unit_id", kUnitPrefix);
  if (!unit) return unit.error();
  filter.unit = *unit;
  if (const auto it = request.query.find("owner_id"); it != request.query.end()) {
    if (auto p = parse_api_id(kPersonPrefix, it->second)) {
      filter.person = PersonId{*p};
    } else if (auto u = parse_api_id(kUnitPrefix, it->second)) {
      // unit_id and owner_id=unit_… together must both hold.
      if (filter.unit && *filter.unit != UnitId{*u}) filter.nothing = true;
      filter.unit = UnitId{*u};
    } else {
      return core::invalid("owner_id", "a person or unit id is expected");
    }
  }
  if (const auto it = request.query.find("state"); it != request.query.end()) {
    filter.state = core::parse<ObjectiveState>(it->second);
    if (!filter.state) return core::invalid("state", "draft, active, closed or archived");
  }
  if (const auto it = request.query.find("status"); it != request.query.end()) {
    filter.status = parse_status(it->second);
    if (!filter.status) {
      return core::invalid("status", "not_started, on_track, behind, at_risk, done or closed");
    }
  }
  if (const auto it = request.query.find("q"); it != request.query.end())
    filter.q = core::ascii_lowercase(it->second);
  return filter;
}

}  // namespace cairn::http
