#include "same_fields.h"

#include <gtest/gtest.h>

#include <bit>
#include <concepts>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

namespace cairn::app::testing {

// Leaves: doubles by bits, everything else that has == by ==. NodeRef and
// Owner have ==; the other structs have an expect_same overload. (Not in an
// unnamed namespace: from there, lookup would hide the overloads of the header.)
static void expect_same(const std::string& path, double a, double b) {
  EXPECT_TRUE(same_bits(a, b)) << path << ": " << a << " vs " << b;
}

template <class T>
requires std::equality_comparable<T>
void expect_same(const std::string& path, const T& a, const T& b) {
  EXPECT_TRUE(a == b) << path << " differs";
}

template <class T>
void expect_same(const std::string& path, const std::optional<T>& a, const std::optional<T>& b) {
  ASSERT_EQ(a.has_value(), b.has_value()) << path << ": set on one side only";
  if (a) expect_same(path, *a, *b);
}

template <class T>
void expect_same(const std::string& path, const std::vector<T>& a, const std::vector<T>& b) {
  ASSERT_EQ(a.size(), b.size()) << path << ": sizes differ";
  for (std::size_t i = 0; i < a.size(); ++i) {
    expect_same(path + "[" + std::to_string(i) + "]", a[i], b[i]);
  }
}

#define SAME(field) expect_same(path + "." #field, a.field, b.field)

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

void expect_same(const std::string& path, const core::CheckInCadence& a,
                 const core::CheckInCadence& b) {
  SAME(cadence);
  SAME(weekday);
  SAME(hour);
}

void expect_same(const std::string& path, const core::StatusThresholds& a,
                 const core::StatusThresholds& b) {
  SAME(behind_gap);
  SAME(at_risk_gap);
  SAME(not_started_until);
  SAME(at_risk_confidence_max);
  SAME(behind_confidence_max);
}

void expect_same(const std::string& path, const core::Settings& a, const core::Settings& b) {
  SAME(max_objectives_per_owner);
  SAME(min_key_results);
  SAME(max_key_results);
  SAME(enforce);
  SAME(check_in);
  SAME(status);
  SAME(stale_grace_days);
}

void expect_same(const std::string& path, const core::Organization& a,
                 const core::Organization& b) {
  SAME(name);
  SAME(mission);
  SAME(vision);
  SAME(values);
  SAME(timezone);
  SAME(settings);
}

void expect_same(const std::string& path, const core::Unit& a, const core::Unit& b) {
  SAME(id);
  SAME(name);
  SAME(kind);
  SAME(parent);
  SAME(lead);
  SAME(members);
  SAME(archived);
}

void expect_same(const std::string& path, const core::Person& a, const core::Person& b) {
  SAME(id);
  SAME(name);
  SAME(email);
  SAME(role);
  SAME(manager);
  SAME(first_sign_in);
  SAME(active);
}

void expect_same(const std::string& path, const core::Period& a, const core::Period& b) {
  SAME(id);
  SAME(name);
  SAME(kind);
  SAME(start_date);
  SAME(end_date);
  SAME(starts_at);
  SAME(ends_at);
  SAME(parent);
  SAME(closed_at);
}

void expect_same(const std::string& path, const core::Owner& a, const core::Owner& b) {
  SAME(unit);
  SAME(person);
}

void expect_same(const std::string& path, const core::ScoreOverride& a,
                 const core::ScoreOverride& b) {
  SAME(score);
  SAME(reason);
  SAME(by);
  SAME(at);
}

void expect_same(const std::string& path, const core::Objective& a, const core::Objective& b) {
  SAME(id);
  SAME(title);
  SAME(description);
  SAME(period);
  SAME(owner);
  SAME(type);
  SAME(state);
  SAME(visibility);
  SAME(weight);
  SAME(progress_mode);
  SAME(manual_progress);
  SAME(tags);
  SAME(rolled_over_from);
  SAME(created_at);
  SAME(closed_at);
  SAME(score);
  SAME(score_override);
  SAME(retrospective_note);
}

void expect_same(const std::string& path, const core::Milestone& a, const core::Milestone& b) {
  SAME(title);
  SAME(weight);
}

void expect_same(const std::string& path, const core::PlanPoint& a, const core::PlanPoint& b) {
  SAME(at);
  SAME(value);
}

void expect_same(const std::string& path, const core::KeyResult& a, const core::KeyResult& b) {
  SAME(id);
  SAME(objective);
  SAME(title);
  SAME(owner);
  SAME(kind);
  SAME(start);
  SAME(target);
  SAME(unit);
  SAME(low);
  SAME(high);
  SAME(milestones);
  SAME(weight);
  SAME(starts_at);
  SAME(due_at);
  SAME(source);
  SAME(kpi);
  SAME(delegates);
  SAME(plan);
  SAME(archived);
  SAME(created_at);
  SAME(score);
  SAME(graded_done);
  SAME(score_override);
}

void expect_same(const std::string& path, const core::Measurement& a, const core::Measurement& b) {
  SAME(value);
  SAME(done);
  SAME(milestones_done);
}

void expect_same(const std::string& path, const core::CheckIn& a, const core::CheckIn& b) {
  SAME(id);
  SAME(key_result);
  SAME(author);
  SAME(on_behalf_of);
  SAME(measurement);
  SAME(confidence);
  SAME(note);
  SAME(at);
  SAME(recorded_at);
  SAME(deleted_at);
  SAME(kpi);
}

void expect_same(const std::string& path, const core::Kpi& a, const core::Kpi& b) {
  SAME(id);
  SAME(name);
  SAME(unit);
  SAME(description);
  SAME(owner);
  SAME(low);
  SAME(high);
  SAME(archived);
  SAME(created_at);
}

void expect_same(const std::string& path, const core::KpiValue& a, const core::KpiValue& b) {
  SAME(at);
  SAME(value);
  SAME(origin);
  SAME(recorded_at);
}

void expect_same(const std::string& path, const core::AlignmentLink& a,
                 const core::AlignmentLink& b) {
  SAME(id);
  SAME(child);
  SAME(parent);
  SAME(weight);
  SAME(contributes);
  SAME(removed);
  SAME(created_at);
}

void expect_same(const std::string& path, const core::Dependency& a, const core::Dependency& b) {
  SAME(id);
  SAME(from);
  SAME(to);
  SAME(removed);
  SAME(created_at);
}

void expect_same(const std::string& path, const core::Initiative& a, const core::Initiative& b) {
  SAME(id);
  SAME(title);
  SAME(target);
  SAME(owner);
  SAME(state);
  SAME(due_date);
  SAME(url);
  SAME(created_at);
}

void expect_same(const std::string& path, const core::Comment& a, const core::Comment& b) {
  SAME(id);
  SAME(target);
  SAME(check_in);
  SAME(author);
  SAME(body);
  SAME(at);
  SAME(mentions);
  SAME(reactions);
}

void expect_same(const std::string& path, const core::Reaction& a, const core::Reaction& b) {
  SAME(person);
  SAME(emoji);
  SAME(at);
}

void expect_same(const std::string& path, const core::RetrospectiveAnswers& a,
                 const core::RetrospectiveAnswers& b) {
  SAME(first_okrs);
  SAME(aligned);
  SAME(went_well);
  SAME(improve);
  SAME(company_changes);
  SAME(changed_dependencies);
  SAME(lessons);
}

void expect_same(const std::string& path, const core::Retrospective& a,
                 const core::Retrospective& b) {
  SAME(id);
  SAME(unit);
  SAME(period);
  SAME(answers);
  SAME(author);
  SAME(recorded_at);
}

namespace {

// The commands' own fields, named as in their structs.
void same_command(const std::string& path, const SetOrganization& a, const SetOrganization& b) {
  SAME(organization);
}
void same_command(const std::string& path, const AddUnit& a, const AddUnit& b) {
  SAME(unit);
}
void same_command(const std::string& path, const UpdateUnit& a, const UpdateUnit& b) {
  SAME(unit);
}
void same_command(const std::string& path, const AddPerson& a, const AddPerson& b) {
  SAME(person);
}
void same_command(const std::string& path, const UpdatePerson& a, const UpdatePerson& b) {
  SAME(person);
}
void same_command(const std::string& path, const AddPeriod& a, const AddPeriod& b) {
  SAME(period);
}
void same_command(const std::string& path, const UpdatePeriod& a, const UpdatePeriod& b) {
  SAME(period);
}
void same_command(const std::string& path, const AddObjective& a, const AddObjective& b) {
  SAME(objective);
}
void same_command(const std::string& path, const UpdateObjective& a, const UpdateObjective& b) {
  SAME(objective);
}
void same_command(const std::string& path, const AddKeyResult& a, const AddKeyResult& b) {
  SAME(key_result);
}
void same_command(const std::string& path, const UpdateKeyResult& a, const UpdateKeyResult& b) {
  SAME(key_result);
}
void same_command(const std::string& path, const AddCheckIn& a, const AddCheckIn& b) {
  SAME(check_in);
}
void same_command(const std::string& path, const DeleteCheckIn& a, const DeleteCheckIn& b) {
  SAME(id);
}
void same_command(const std::string& path, const AddLink& a, const AddLink& b) {
  SAME(link);
}
void same_command(const std::string& path, const UpdateLink& a, const UpdateLink& b) {
  SAME(id);
  SAME(weight);
  SAME(contributes);
}
void same_command(const std::string& path, const RemoveLink& a, const RemoveLink& b) {
  SAME(id);
}
void same_command(const std::string& path, const AddDependency& a, const AddDependency& b) {
  SAME(dependency);
}
void same_command(const std::string& path, const RemoveDependency& a, const RemoveDependency& b) {
  SAME(id);
}
void same_command(const std::string& path, const AddInitiative& a, const AddInitiative& b) {
  SAME(initiative);
}
void same_command(const std::string& path, const UpdateInitiative& a, const UpdateInitiative& b) {
  SAME(initiative);
}
void same_command(const std::string& path, const AddComment& a, const AddComment& b) {
  SAME(comment);
}
void same_command(const std::string& path, const AddReaction& a, const AddReaction& b) {
  SAME(comment);
  SAME(person);
  SAME(emoji);
}
void same_command(const std::string& path, const CreateObjective& a, const CreateObjective& b) {
  SAME(objective);
  SAME(parents);
}
void same_command(const std::string& path, const CreateKeyResult& a, const CreateKeyResult& b) {
  SAME(key_result);
  SAME(parents);
}
void same_command(const std::string& path, const AddRetrospective& a, const AddRetrospective& b) {
  SAME(retrospective);
}
void same_command(const std::string& path, const CloseObjective& a, const CloseObjective& b) {
  SAME(id);
}
void same_command(const std::string& path, const ClosePeriod& a, const ClosePeriod& b) {
  SAME(id);
}
void same_command(const std::string& path, const OverrideKeyResultScore& a,
                  const OverrideKeyResultScore& b) {
  SAME(id);
  SAME(override_);
}
void same_command(const std::string& path, const OverrideObjectiveScore& a,
                  const OverrideObjectiveScore& b) {
  SAME(id);
  SAME(override_);
}
void same_command(const std::string& path, const Rollover& a, const Rollover& b) {
  SAME(id);
  SAME(into);
}
void same_command(const std::string& path, const AddKpi& a, const AddKpi& b) {
  SAME(kpi);
}
void same_command(const std::string& path, const UpdateKpi& a, const UpdateKpi& b) {
  SAME(kpi);
}
void same_command(const std::string& path, const AddKpiValues& a, const AddKpiValues& b) {
  SAME(kpi);
  SAME(values);
}

}  // namespace

#undef SAME

void expect_same(const Command& a, const Command& b) {
  ASSERT_EQ(a.index(), b.index()) << command_kind(a) << " vs " << command_kind(b);
  std::visit(
      [&](const auto& left) {
        using C = std::decay_t<decltype(left)>;
        same_command(std::string(C::kKind), left, std::get<C>(b));
      },
      a);
}

}  // namespace cairn::app::testing
