#include "core/model.h"

#include <algorithm>
#include <atomic>
#include <cctype>

#include "core/text.h"
#include "core/validation.h"

namespace cairn::core {
namespace {

Result<void> check_settings(const Settings& s) {
  if (s.max_objectives_per_owner < 1) {
    return invalid("settings.max_objectives_per_owner", "must be at least 1");
  }
  if (s.min_key_results < 0 || s.max_key_results < s.min_key_results) {
    return invalid("settings.key_results_per_objective", "needs 0 ≤ min ≤ max");
  }
  if (s.check_in.weekday < 1 || s.check_in.weekday > 7) {
    return invalid("settings.check_in.weekday", "must be 1 (Monday) to 7 (Sunday)");
  }
  if (s.check_in.hour < 0 || s.check_in.hour > 23) {
    return invalid("settings.check_in.hour", "must be 0 to 23");
  }
  const StatusThresholds& t = s.status;
  CAIRN_TRY(check_unit_interval("settings.status.behind_gap", t.behind_gap));
  CAIRN_TRY(check_unit_interval("settings.status.at_risk_gap", t.at_risk_gap));
  CAIRN_TRY(check_unit_interval("settings.status.not_started_until", t.not_started_until));
  if (t.at_risk_gap < t.behind_gap) {
    return invalid("settings.status.at_risk_gap", "must be at least behind_gap");
  }
  if (!(t.at_risk_confidence_max >= 0 && t.at_risk_confidence_max <= t.behind_confidence_max &&
        t.behind_confidence_max <= 10)) {
    return invalid("settings.status", "confidence bands need 0 ≤ at_risk ≤ behind ≤ 10");
  }
  if (s.stale_grace_days < 0) return invalid("settings.stale_grace_days", "must be ≥ 0");
  return {};
}

}  // namespace

std::uint64_t Model::next_generation() {
  static std::atomic<std::uint64_t> last{0};
  return last.fetch_add(1, std::memory_order_relaxed) + 1;
}

int cadence_days(Cadence cadence) {
  switch (cadence) {
    case Cadence::kWeekly:
      return 7;
    case Cadence::kBiweekly:
      return 14;
    case Cadence::kMonthly:
      return 31;
  }
  return 7;
}

Model::Model() {
  organization_.record(Instant::min(), Organization{});
}

const CheckIn* Model::check_in(CheckInId id) const {
  if (!id.valid() || id.value() >= check_in_owner_.size()) return nullptr;
  for (const CheckIn& c : check_ins_[check_in_owner_[id.value()].value()]) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const CheckIn* Model::latest_check_in(KeyResultId id, Instant as_of) const {
  const auto& all = check_ins_[id.value()];
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (it->visible_at(as_of)) return &*it;
  }
  return nullptr;
}

PersonId Model::person_by_email(std::string_view email) const {
  auto it = people_by_email_.find(ascii_lowercase(email));
  return it == people_by_email_.end() ? PersonId{} : it->second;
}

namespace {

std::span<const DependencyId> dependencies_of(
    const std::unordered_map<std::uint64_t, std::vector<DependencyId>>& by_node, NodeRef node) {
  const auto it = by_node.find(node.key());
  if (it == by_node.end()) return {};
  return it->second;
}

}  // namespace

std::span<const DependencyId> Model::dependencies_from(NodeRef node) const {
  return dependencies_of(dependencies_from_, node);
}

std::span<const DependencyId> Model::dependencies_to(NodeRef node) const {
  return dependencies_of(dependencies_to_, node);
}

std::span<const ObjectiveId> Model::objectives_in(PeriodId id) const {
  if (!id.valid() || id.value() >= period_objectives_.size()) return {};
  return period_objectives_[id.value()];
}

Result<void> Model::set_organization(Organization org, Instant now) {
  CAIRN_TRY(check_title("name", org.name));
  CAIRN_TRY(check_text("mission", org.mission));
  CAIRN_TRY(check_text("vision", org.vision));
  for (const std::string& value : org.values) CAIRN_TRY(check_title("values", value));
  CAIRN_TRY(check_settings(org.settings));
  note(EntityKind::kOrganization, 0, organization_.versions().size());
  organization_.record(now, std::move(org));
  touch(now);
  return {};
}

Result<UnitId> Model::add_unit(Unit unit, Instant now) {
  unit.id = UnitId{static_cast<std::uint32_t>(units_.size())};
  if (unit.kind == UnitKind::kCompany && company_.valid()) {
    return Error{ErrorCode::kConflict, "the organisation has a company unit already", {}, {}, {}};
  }
  if (unit.kind != UnitKind::kCompany && !unit.parent.valid() && company_.valid()) {
    unit.parent = company_;  // units without a parent hang under the company
  }
  CAIRN_TRY(check_title("name", unit.name));
  if (unit.kind == UnitKind::kCompany && unit.parent.valid()) {
    return invalid("parent_id", "the company unit has no parent");
  }
  if (unit.parent.valid() && !this->unit(unit.parent)) return invalid("parent_id", "no such unit");
  if (unit.lead.valid() && !person(unit.lead)) return invalid("lead_id", "no such person");
  for (PersonId member : unit.members) {
    if (!person(member)) return invalid("members", "no such person");
  }
  if (unit.kind == UnitKind::kCompany) company_ = unit.id;
  record(units_, unit.id, now, unit);
  touch(now);
  return unit.id;
}

Result<void> Model::update_unit(Unit unit, Instant now) {
  const Unit* old = this->unit(unit.id);
  if (!old) return not_found("unit");
  CAIRN_TRY(check_title("name", unit.name));
  if (unit.kind != old->kind &&
      (unit.kind == UnitKind::kCompany || old->kind == UnitKind::kCompany)) {
    return invalid("kind", "the company unit stays the company");
  }
  if (unit.parent.valid()) {
    if (!this->unit(unit.parent)) return invalid("parent_id", "no such unit");
    // A unit may not move under itself or one of its own sub-units.
    for (UnitId at = unit.parent; at.valid(); at = this->unit(at)->parent) {
      if (at == unit.id) return invalid("parent_id", "a unit cannot be placed under itself");
    }
  } else if (unit.kind != UnitKind::kCompany) {
    return invalid("parent_id", "every unit but the company has a parent");
  }
  if (unit.lead.valid() && !person(unit.lead)) return invalid("lead_id", "no such person");
  for (PersonId member : unit.members) {
    if (!person(member)) return invalid("members", "no such person");
  }
  record(units_, unit.id, now, std::move(unit));
  touch(now);
  return {};
}

Result<PersonId> Model::add_person(Person person, Instant now) {
  person.id = PersonId{static_cast<std::uint32_t>(people_.size())};
  CAIRN_TRY(check_title("name", person.name));
  if (person.email.find('@') == std::string::npos || person.email.size() > 254) {
    return invalid("email", "must be an email address");
  }
  if (person_by_email(person.email).valid()) {
    return Error{ErrorCode::kConflict, "a person with this email exists already", {}, {}, {}};
  }
  if (person.manager.valid() && !this->person(person.manager)) {
    return invalid("manager_id", "no such person");
  }
  people_by_email_.emplace(ascii_lowercase(person.email), person.id);
  record(people_, person.id, now, person);
  touch(now);
  return person.id;
}

Result<void> Model::update_person(Person person, Instant now) {
  if (!this->person(person.id)) return not_found("person");
  CAIRN_TRY(check_title("name", person.name));
  if (person.email.find('@') == std::string::npos || person.email.size() > 254) {
    return invalid("email", "must be an email address");
  }
  const PersonId holder = person_by_email(person.email);
  if (holder.valid() && holder != person.id) {
    return Error{ErrorCode::kConflict, "a person with this email exists already", {}, {}, {}};
  }
  for (PersonId at = person.manager; at.valid(); at = this->person(at)->manager) {
    if (!this->person(at)) return invalid("manager_id", "no such person");
    if (at == person.id) return invalid("manager_id", "a person cannot report to themselves");
  }
  people_by_email_.erase(ascii_lowercase(people_[person.id.value()].current().email));
  people_by_email_.emplace(ascii_lowercase(person.email), person.id);
  record(people_, person.id, now, std::move(person));
  touch(now);
  return {};
}

namespace {

Result<void> check_period_shape(const Period& period, const Period* parent) {
  CAIRN_TRY(check_title("name", period.name));
  if (period.end_date < period.start_date)
    return invalid("end_date", "must not be before start_date");
  if (!(period.starts_at < period.ends_at)) return invalid("end_date", "the period is empty");
  if (parent && (period.start_date < parent->start_date || parent->end_date < period.end_date)) {
    return invalid("parent_id", "a period must lie inside its parent period");
  }
  return {};
}

}  // namespace

Result<PeriodId> Model::add_period(Period period, Instant now) {
  period.id = PeriodId{static_cast<std::uint32_t>(periods_.size())};
  period.closed_at.reset();
  const Period* parent = this->period(period.parent);
  if (period.parent.valid() && !parent) return invalid("parent_id", "no such period");
  CAIRN_TRY(check_period_shape(period, parent));
  record(periods_, period.id, now, period);
  period_objectives_.resize(periods_.size());
  touch(now);
  return period.id;
}

Result<void> Model::update_period(Period period, Instant now) {
  const Period* old = this->period(period.id);
  if (!old) return not_found("period");
  if (old->closed_at) return Error{ErrorCode::kClosed, "the period is closed", {}, {}, {}};
  period.closed_at.reset();
  const Period* parent = this->period(period.parent);
  if (period.parent.valid() && !parent) return invalid("parent_id", "no such period");
  if (period.parent == period.id) return invalid("parent_id", "a period cannot contain itself");
  CAIRN_TRY(check_period_shape(period, parent));
  record(periods_, period.id, now, std::move(period));
  touch(now);
  return {};
}

void Model::roll_up_from(NodeRef node) {
  if (bulk_load_) {
    rollup_stale_ = true;
  } else {
    rollup_.update_from(node);
  }
}

void Model::settle_rollup() {
  if (!rollup_stale_) return;
  rollup_.recompute_all();
  rollup_stale_ = false;
}

void Model::end_bulk_load() {
  bulk_load_ = false;
  settle_rollup();
}

void Model::refresh_objective(ObjectiveId id) {
  rollup_.set_objective(id, rollup_inputs(objectives_[id.value()].current()));
  roll_up_from(NodeRef::of(id));
}

void Model::refresh_key_result(KeyResultId id) {
  rollup_.set_key_result(id, rollup_inputs(key_results_[id.value()].current()));
  const CheckIn* latest =
      check_ins_[id.value()].empty() ? nullptr : latest_check_in(id, Instant::max());
  rollup_.set_measurement(id,
                          latest ? std::optional<Measurement>(latest->measurement) : std::nullopt);
  std::int8_t confidence = 0;
  const auto& all = check_ins_[id.value()];
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (!it->deleted_at && it->confidence) {
      confidence = static_cast<std::int8_t>(*it->confidence);
      break;
    }
  }
  latest_confidence_[id.value()] = confidence;
  roll_up_from(NodeRef::of(id));
}

}  // namespace cairn::core
