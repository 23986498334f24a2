#include "app/audit.h"

#include <cstdint>
#include <optional>
#include <unordered_set>

#include "app/audit_before.h"
#include "app/entity_json.h"

namespace cairn::app {
namespace {

template <class T>
std::string text(const T& value) {
  std::string out;
  append_json(out, value);
  return out;
}

// The whole `after`, and of `before` the fields that changed (audit_before.h).
template <class T>
void before_and_after(const T* before, const T& after, store::AuditEntry& entry) {
  if (before == nullptr) {
    entry.after = text(after);
    return;
  }
  const FieldTexts now = field_texts(after);
  entry.after = now.object();
  entry.before = changed_fields(field_texts(*before), now);
  entry.before_changed_only = true;
}

// Before and after of an entity kept with versions.
template <class T>
void versions(const core::History<T>& history, std::size_t versions_before,
              store::AuditEntry& entry) {
  const auto all = history.versions();
  before_and_after(versions_before > 0 ? &all[versions_before - 1].value : nullptr,
                   all.back().value, entry);
}

}  // namespace

std::vector<core::Touched> distinct_touched(std::span<const core::Touched> journal) {
  std::vector<core::Touched> out;
  // A set, not a scan of what is kept: closing a quarter touches every
  // objective and key result of it (half a million on the enterprise
  // workload), where a scan took 80 seconds.
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(journal.size());
  for (const core::Touched& t : journal) {
    const std::uint64_t key = (std::uint64_t{static_cast<std::uint8_t>(t.kind)} << 32) | t.index;
    if (seen.insert(key).second) out.push_back(t);
  }
  return out;
}

core::Result<void> for_each_audit_entry(
    const core::Model& model, std::span<const core::Touched> touched, std::int64_t seq,
    core::Instant at, const std::string& actor,
    const std::function<core::Result<void>(const store::AuditEntry&)>& each) {
  using core::EntityKind;
  // One entry, refilled for each entity.
  store::AuditEntry e;
  e.seq = seq;
  e.at = at;
  e.actor = actor;
  int position = 0;
  for (const core::Touched& t : touched) {
    // A new check-in needs no entry: its own append-only row already records
    // who wrote what and when, and the audit reads merge those rows in.
    // A KPI's check-in is stored inside its command instead (change_record.cc),
    // so it gets an entry like any other entity.
    if (t.kind == EntityKind::kCheckIn && t.versions_before == 0 &&
        !model.check_in(core::CheckInId{t.index})->kpi.valid()) {
      continue;
    }
    e.position = position++;
    e.entity = core::to_string(t.kind);
    e.entity_id = t.index;
    e.before.reset();
    e.before_changed_only = false;
    switch (t.kind) {
      case EntityKind::kOrganization:
        versions(model.organization_history(), t.versions_before, e);
        break;
      case EntityKind::kUnit:
        versions(model.unit_history(core::UnitId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kPerson:
        versions(model.person_history(core::PersonId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kPeriod:
        versions(model.period_history(core::PeriodId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kObjective:
        versions(model.objective_history(core::ObjectiveId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kKeyResult:
        versions(model.key_result_history(core::KeyResultId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kLink:
        versions(model.link_history(core::LinkId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kDependency:
        versions(model.dependency_history(core::DependencyId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kCheckIn: {
        // Check-ins are never edited; the one later change is a deletion.
        const core::CheckIn& after = *model.check_in(core::CheckInId{t.index});
        std::optional<core::CheckIn> before;
        if (t.versions_before > 0) {
          before = after;
          before->deleted_at.reset();
        }
        before_and_after(before ? &*before : nullptr, after, e);
        break;
      }
      case EntityKind::kInitiative:
        versions(model.initiative_history(core::InitiativeId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kComment:
        versions(model.comment_history(core::CommentId{t.index}), t.versions_before, e);
        break;
      case EntityKind::kRetrospective:
        e.after = text(model.retrospectives()[t.index]);
        break;
      case EntityKind::kKpi:
        versions(model.kpi_history(core::KpiId{t.index}), t.versions_before, e);
        break;
    }
    CAIRN_TRY(each(e));
  }
  return {};
}

}  // namespace cairn::app
