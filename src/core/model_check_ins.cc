// Model commands for check-ins (DOMAIN.md "Check-ins").
#include <algorithm>

#include "core/model.h"
#include "core/validation.h"

namespace cairn::core {

Result<CheckInId> Model::add_check_in(CheckIn c, Instant now) {
  const KeyResult* kr = key_result(c.key_result);
  if (!kr) return not_found("key result");
  const Objective& o = *objective(kr->objective);
  if (o.closed()) return Error{ErrorCode::kClosed, "the objective is closed", {}, {}, {}};
  if (kr->archived || o.archived()) return invalid("key_result_id", "the key result is archived");
  if (kr->source == ProgressSource::kChildren || kr->source == ProgressSource::kSum) {
    return invalid("value", "this key result's value is computed from its children");
  }
  // A KPI-fed key result follows its KPI alone: a value typed by hand would
  // stand only until the KPI's next one.
  if (kr->source == ProgressSource::kKpi && c.kpi != kr->kpi) {
    return invalid("value", "this key result's value comes from its KPI");
  }
  if (c.kpi.valid() && kr->source != ProgressSource::kKpi) {
    return invalid("kpi_id", "the key result is not fed by this KPI");
  }
  if (!person(c.author)) return invalid("author", "no such person");
  if (c.on_behalf_of.valid() && !person(c.on_behalf_of))
    return invalid("on_behalf_of", "no such person");

  // The value is checked whatever the kind: every number that comes in is finite.
  CAIRN_TRY(check_finite("value", c.measurement.value));
  switch (kr->kind) {
    case KeyResultKind::kMetric:
    case KeyResultKind::kBand:
      break;
    case KeyResultKind::kMilestones:
      if (kr->milestones.size() < kMaxMilestones &&
          (c.measurement.milestones_done >> kr->milestones.size()) != 0) {
        return invalid("milestones_done", "names a milestone that does not exist");
      }
      break;
    case KeyResultKind::kBoolean:
      break;
  }
  if (c.confidence && (*c.confidence < 1 || *c.confidence > 10)) {
    return invalid("confidence", "must be an integer from 1 to 10");
  }
  CAIRN_TRY(check_text("note", c.note));
  if (now + kAllowedClockSkewSeconds < c.at) return invalid("at", "must not lie in the future");
  // The period's start, not the key result's own start date: work done early
  // still counts.
  if (c.at < period(o.period)->starts_at) {
    return invalid("at", "must not be before the key result's period start");
  }

  c.id = CheckInId{static_cast<std::uint32_t>(check_in_owner_.size())};
  c.recorded_at = now;
  c.deleted_at.reset();
  auto& list = check_ins_[c.key_result.value()];
  // Keep (at, id) order; this id is the largest, so it goes after equal instants.
  const auto at = std::upper_bound(list.begin(), list.end(), c.at,
                                   [](Instant t, const CheckIn& other) { return t < other.at; }) -
                  list.begin();
  const CheckInId id = c.id;
  const KeyResultId kr_id = c.key_result;
  if (list.size() == list.capacity()) {
    // Check-ins are most of a large model's memory. Grown by doubling, a key
    // result's list holds a third more than it needs on average (16 places
    // for a quarter's 12 weekly check-ins); by a quarter, one tenth, for a
    // few more moves of small lists.
    list.reserve(list.size() + list.size() / 4 + 4);
  }
  list.insert(list.begin() + at, std::move(c));
  check_in_owner_.push_back(kr_id);
  note(EntityKind::kCheckIn, id.value(), 0);
  touch(now);
  refresh_key_result(kr_id);
  return id;
}

Result<void> Model::delete_check_in(CheckInId id, Instant now) {
  if (!id.valid() || id.value() >= check_in_owner_.size()) return not_found("check-in");
  const KeyResultId kr_id = check_in_owner_[id.value()];
  const Objective& o = *objective(key_result(kr_id)->objective);
  if (o.closed()) return Error{ErrorCode::kClosed, "the objective is closed", {}, {}, {}};
  for (CheckIn& c : check_ins_[kr_id.value()]) {
    if (c.id != id) continue;
    if (c.deleted_at) return not_found("check-in");
    c.deleted_at = std::max(now, c.recorded_at);
    note(EntityKind::kCheckIn, id.value(), 1);
    touch(now);
    refresh_key_result(kr_id);
    return {};
  }
  return not_found("check-in");
}

}  // namespace cairn::core
