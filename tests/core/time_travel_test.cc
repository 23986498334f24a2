// DOMAIN.md: every read takes `as_of` and evaluates everything as it stood then.
#include <gtest/gtest.h>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::ok;
using testing::q1_at;
using testing::TestOrg;

TEST(TimeTravel, CheckInsRecordedLaterAreInvisible) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  org.check_in(kr, 20, q1_at(0.2));
  org.check_in(kr, 40, q1_at(0.4));
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.1)), 0);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.3)), 0.2);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.5)), 0.4);
  // A check-in recorded at 0.6 about 0.25 changes nothing said before 0.6.
  CheckIn late;
  late.key_result = kr;
  late.author = org.bob;
  late.measurement.value = 90;
  late.at = q1_at(0.25);
  ok(org.model.add_check_in(late, q1_at(0.6)));
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.5)), 0.4);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.7)), 0.4) << "latest by `at` is still the 0.4 one";
}

TEST(TimeTravel, TargetChangesAreSeenAsTheyStood) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  org.check_in(kr, 50, q1_at(0.3));
  KeyResult edit = *org.model.key_result(kr);
  edit.target = 200;
  ok(org.model.update_key_result(edit, q1_at(0.5)));
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.4)), 0.5);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.6)), 0.25);
}

TEST(TimeTravel, LinksAndArchivingAsTheyStood) {
  TestOrg org;
  const ObjectiveId parent = org.objective("Parent", ProgressMode::kChildren);
  const ObjectiveId a = org.objective("A"), b = org.objective("B");
  org.check_in(org.metric(a, 0, 10), 10, q1_at(0.1));
  org.metric(b, 0, 10);
  org.link(NodeRef::of(a), NodeRef::of(parent), 1, true, q1_at(0.2));
  const LinkId lb = org.link(NodeRef::of(b), NodeRef::of(parent), 1, true, q1_at(0.3));
  Objective archived = *org.model.objective(a);
  archived.state = ObjectiveState::kArchived;
  ok(org.model.update_objective(archived, q1_at(0.5)));
  ok(org.model.remove_link(lb, q1_at(0.6)));
  EXPECT_DOUBLE_EQ(org.progress(parent, q1_at(0.15)), 0) << "no children yet";
  EXPECT_DOUBLE_EQ(org.progress(parent, q1_at(0.25)), 1) << "only a";
  EXPECT_DOUBLE_EQ(org.progress(parent, q1_at(0.4)), 0.5) << "a and b";
  EXPECT_DOUBLE_EQ(org.progress(parent, q1_at(0.55)), 0) << "a archived, b left";
  EXPECT_DOUBLE_EQ(org.progress(parent, q1_at(0.65)), 0) << "nothing left";
  const Evaluation past(org.model, q1_at(0.25));
  EXPECT_EQ(past.objective(a)->state, ObjectiveState::kActive);
  EXPECT_EQ(past.link(lb), nullptr) << "did not exist yet";
}

TEST(TimeTravel, ExpectedProgressAndStatusAreThoseOfThatInstant) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  org.check_in(kr, 30, q1_at(0.3));
  const KeyResultView then = Evaluation(org.model, q1_at(0.3)).key_result_view(kr);
  const KeyResultView later = Evaluation(org.model, q1_at(0.6)).key_result_view(kr);
  EXPECT_NEAR(then.expected, 0.3, 1e-9);
  EXPECT_EQ(then.status, Status::kOnTrack);
  EXPECT_NEAR(later.expected, 0.6, 1e-9);
  EXPECT_EQ(later.status, Status::kAtRisk);
}

TEST(TimeTravel, ADeletedCheckInIsSeenBeforeItsDeletion) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  org.check_in(kr, 20, q1_at(0.2));
  const CheckInId wrong = org.check_in(kr, 90, q1_at(0.3));
  ok(org.model.delete_check_in(wrong, q1_at(0.4)));
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.35)), 0.9);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.45)), 0.2) << "the previous latest counts again";
  EXPECT_NE(org.model.check_in(wrong), nullptr) << "kept in the history";
}

TEST(TimeTravel, EntitiesThatDidNotExistYetAreAbsent) {
  TestOrg org;
  const ObjectiveId later = org.objective("Later", ProgressMode::kKeyResults, {}, {}, q1_at(0.5));
  EXPECT_EQ(Evaluation(org.model, q1_at(0.4)).objective(later), nullptr);
  EXPECT_NE(Evaluation(org.model, q1_at(0.6)).objective(later), nullptr);
}

TEST(TimeTravel, SettingsAsTheyStood) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  org.check_in(kr, 35, q1_at(0.5));  // g = 0.15: behind by default
  Organization strict = org.model.organization();
  strict.settings.status.behind_gap = 0.2;
  ok(org.model.set_organization(strict, q1_at(0.7)));
  EXPECT_EQ(Evaluation(org.model, q1_at(0.5)).key_result_view(kr).status, Status::kBehind);
  // At 0.8 e = 0.8, g = 0.45: at risk under both settings; check the setting itself.
  EXPECT_DOUBLE_EQ(Evaluation(org.model, q1_at(0.5)).settings().status.behind_gap, 0.10);
  EXPECT_DOUBLE_EQ(Evaluation(org.model, q1_at(0.8)).settings().status.behind_gap, 0.2);
}

TEST(TimeTravel, RebuildAtTheLatestInstantEqualsTheLiveModel) {
  TestOrg org;
  const ObjectiveId parent = org.objective("Parent", ProgressMode::kCombined);
  const ObjectiveId child = org.objective("Child");
  org.check_in(org.metric(parent, 0, 3), 1, q1_at(0.2));
  org.check_in(org.metric(child, 0, 7), 3, q1_at(0.3));
  org.link(NodeRef::of(child), NodeRef::of(parent), 2, true, q1_at(0.3));
  const Evaluation live(org.model, q1_at(0.9));
  const Evaluation rebuilt(org.model, q1_at(0.9), Evaluation::Mode::kRebuild);
  EXPECT_EQ(&live.rollup(), &org.model.rollup()) << "reads the live roll-up";
  EXPECT_NE(&rebuilt.rollup(), &org.model.rollup());
  EXPECT_EQ(live.objective_view(parent).progress, rebuilt.objective_view(parent).progress);
}

}  // namespace
}  // namespace cairn::core
