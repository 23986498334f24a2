// Model commands for KPIs and the key results they feed (kpi.h).
#include <algorithm>

#include "core/model.h"
#include "core/validation.h"

namespace cairn::core {

const KpiValue* Model::latest_kpi_value(KpiId id, Instant as_of) const {
  if (!kpi(id)) return nullptr;
  const auto& values = kpi_values_[id.value()];
  // Values are ordered by `at`; one recorded later than `as_of` is skipped.
  for (auto it = values.rbegin(); it != values.rend(); ++it) {
    if (it->visible_at(as_of) && it->at <= as_of) return &*it;
  }
  return nullptr;
}

Result<void> Model::validate_kpi(const Kpi& k) const {
  CAIRN_TRY(check_title("name", k.name));
  if (utf8_length(k.unit) > 32) return invalid("unit", "must be at most 32 characters");
  CAIRN_TRY(check_text("description", k.description));
  if (!person(k.owner)) return invalid("owner_id", "a KPI needs an owner, a person");
  if (k.low) CAIRN_TRY(check_finite("low", *k.low));
  if (k.high) CAIRN_TRY(check_finite("high", *k.high));
  if (k.low && k.high && *k.high < *k.low) return invalid("high", "must be at least low");
  return {};
}

Result<KpiId> Model::add_kpi(Kpi k, Instant now) {
  CAIRN_TRY(validate_kpi(k));
  k.id = KpiId{static_cast<std::uint32_t>(kpis_.size())};
  k.created_at = now;
  const KpiId id = k.id;
  record(kpis_, id, now, std::move(k));
  kpi_values_.emplace_back();
  kpi_key_results_.emplace_back();
  touch(now);
  return id;
}

Result<void> Model::update_kpi(Kpi k, Instant now) {
  const Kpi* old = kpi(k.id);
  if (!old) return not_found("KPI");
  CAIRN_TRY(validate_kpi(k));
  k.created_at = old->created_at;
  const KpiId id = k.id;
  record(kpis_, id, now, std::move(k));
  touch(now);
  return {};
}

Result<CheckInId> Model::feed(const Kpi& k, KeyResultId id, const KpiValue& value, Instant at,
                              Instant now) {
  CheckIn c;
  c.key_result = id;
  c.author = k.owner;
  c.measurement.value = value.value;
  c.at = at;
  c.kpi = k.id;
  return add_check_in(std::move(c), now);
}

// Whether a KPI value may become a check-in of `kr` now: the key result is
// still fed by that KPI and open.
static bool takes_values(const Model& model, const KeyResult& kr, KpiId kpi) {
  if (kr.source != ProgressSource::kKpi || kr.kpi != kpi || kr.archived) return false;
  const Objective& o = *model.objective(kr.objective);
  return !o.closed() && !o.archived();
}

Result<int> Model::add_kpi_values(KpiId id, std::vector<KpiValue> values, Instant now) {
  const Kpi* found = kpi(id);
  if (!found) return not_found("KPI");
  if (found->archived) return invalid("kpi_id", "the KPI is archived");
  if (values.empty()) return invalid("values", "give at least one value");
  for (const KpiValue& v : values) {
    CAIRN_TRY(check_finite("value", v.value));
    if (now + kAllowedClockSkewSeconds < v.at) return invalid("at", "must not lie in the future");
  }
  // Fed in the order of their instants, so each key result's check-ins come
  // out as if they had arrived one by one.
  std::stable_sort(values.begin(), values.end(),
                   [](const KpiValue& a, const KpiValue& b) { return a.at < b.at; });
  const Kpi k = *found;
  auto& history = kpi_values_[id.value()];
  int fed = 0;
  for (KpiValue& v : values) {
    v.recorded_at = now;
    auto at = std::upper_bound(history.begin(), history.end(), v.at,
                               [](Instant t, const KpiValue& other) { return t < other.at; });
    history.insert(at, v);
    for (KeyResultId kr_id : kpi_key_results_[id.value()]) {
      const KeyResult& kr = key_results_[kr_id.value()].current();
      if (!takes_values(*this, kr, id)) continue;
      // A period takes values from its start; earlier ones stay the KPI's own.
      if (v.at < period(objective(kr.objective)->period)->starts_at) continue;
      auto made = feed(k, kr_id, v, v.at, now);
      if (!made) return made.error();
      ++fed;
    }
  }
  touch(now);
  return fed;
}

Result<void> Model::tie_to_kpi(const KeyResult* before, KeyResultId id, Instant now) {
  const KeyResult& kr = key_results_[id.value()].current();
  if (kr.source != ProgressSource::kKpi) return {};
  auto& tied = kpi_key_results_[kr.kpi.value()];
  if (std::find(tied.begin(), tied.end(), id) == tied.end()) tied.push_back(id);
  if (before && before->source == ProgressSource::kKpi && before->kpi == kr.kpi) return {};
  if (!takes_values(*this, kr, kr.kpi)) return {};
  const KpiValue* latest = latest_kpi_value(kr.kpi, now);
  if (!latest) return {};
  // The latest value holds now; dated no earlier than the period's start,
  // where the key result's check-ins begin.
  const Instant starts = period(objective(kr.objective)->period)->starts_at;
  const Instant at = std::max(latest->at, starts);
  if (now < at) return {};  // a period not started yet takes the next value instead
  auto made = feed(*kpi(kr.kpi), id, *latest, at, now);
  if (!made) return made.error();
  return {};
}

}  // namespace cairn::core
