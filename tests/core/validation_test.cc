// QUALITY.md "Bad input" and DOMAIN.md "Errors": every refused command names its
// field and changes nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::ok;
using testing::q1_at;
using testing::TestOrg;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Everything a refused command could have touched.
struct Snapshot {
  std::size_t units, people, periods, objectives, key_results, links, check_ins;
  std::vector<double> progress;

  static Snapshot of(const Model& m) {
    Snapshot s{m.unit_count(),       m.person_count(), m.period_count(),   m.objective_count(),
               m.key_result_count(), m.link_count(),   m.check_in_count(), {}};
    for (std::uint32_t i = 0; i < m.objective_count(); ++i) {
      s.progress.push_back(m.rollup().objective(ObjectiveId{i}).progress);
    }
    for (std::uint32_t i = 0; i < m.key_result_count(); ++i) {
      s.progress.push_back(m.rollup().key_result(KeyResultId{i}).current);
    }
    return s;
  }
  bool operator==(const Snapshot&) const = default;
};

template <class T>
void expect_refused(TestOrg& org, const std::function<Result<T>()>& command, ErrorCode code,
                    const std::string& field, const std::string& why) {
  const Snapshot before = Snapshot::of(org.model);
  const Result<T> result = command();
  ASSERT_FALSE(result) << why;
  EXPECT_EQ(result.error().code, code) << why << ": " << result.error().message;
  if (!field.empty()) {
    ASSERT_FALSE(result.error().fields.empty()) << why;
    EXPECT_EQ(result.error().fields[0].field, field) << why;
  }
  EXPECT_TRUE(Snapshot::of(org.model) == before) << why << ": a refused command changed the model";
}

class ValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    objective_ = org_.objective();
    kr_ = org_.metric(objective_, 0, 100);
    org_.check_in(kr_, 10, q1_at(0.1));
  }

  KeyResult valid_key_result() {
    KeyResult kr;
    kr.objective = objective_;
    kr.title = "Grow signups";
    kr.owner = org_.bob;
    kr.target = 10;
    kr.unit = "count";
    return kr;
  }
  Objective valid_objective() {
    Objective o;
    o.title = "Delight customers";
    o.period = org_.q1;
    o.owner = Owner::of_person(org_.bob);
    return o;
  }
  CheckIn valid_check_in() {
    CheckIn c;
    c.key_result = kr_;
    c.author = org_.bob;
    c.measurement.value = 20;
    c.at = q1_at(0.2);
    return c;
  }

  TestOrg org_;
  ObjectiveId objective_;
  KeyResultId kr_;
};

TEST_F(ValidationTest, Titles) {
  auto add_objective = [&](std::string title) {
    return [this, title] {
      Objective o = valid_objective();
      o.title = title;
      return org_.model.add_objective(o, org_.setup);
    };
  };
  expect_refused<ObjectiveId>(org_, add_objective(""), ErrorCode::kInvalid, "title", "empty");
  expect_refused<ObjectiveId>(org_, add_objective("   "), ErrorCode::kInvalid, "title", "blank");
  expect_refused<ObjectiveId>(org_, add_objective(std::string(201, 'x')), ErrorCode::kInvalid,
                              "title", "201 characters");
  EXPECT_TRUE(add_objective(std::string(200, 'x'))()) << "200 characters";
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";  // 400 bytes, 200 characters
  EXPECT_TRUE(add_objective(accents)()) << "characters are counted, not bytes";
}

TEST_F(ValidationTest, NumbersMustBeFinite) {
  const ObjectiveId other = ok(org_.model.add_objective(valid_objective(), org_.setup));
  for (double bad : {kNaN, kInf, -kInf}) {
    expect_refused<KeyResultId>(
        org_,
        [&] {
          KeyResult kr = valid_key_result();
          kr.target = bad;
          return org_.model.add_key_result(kr, org_.setup);
        },
        ErrorCode::kInvalid, "target", "target");
    expect_refused<KeyResultId>(
        org_,
        [&] {
          KeyResult kr = valid_key_result();
          kr.start = bad;
          return org_.model.add_key_result(kr, org_.setup);
        },
        ErrorCode::kInvalid, "start", "start");
    expect_refused<KeyResultId>(
        org_,
        [&] {
          KeyResult kr = valid_key_result();
          kr.weight = bad;
          return org_.model.add_key_result(kr, org_.setup);
        },
        ErrorCode::kInvalid, "weight", "weight");
    expect_refused<CheckInId>(
        org_,
        [&] {
          CheckIn c = valid_check_in();
          c.measurement.value = bad;
          return org_.model.add_check_in(c, q1_at(0.2));
        },
        ErrorCode::kInvalid, "value", "check-in value");
    expect_refused<ObjectiveId>(
        org_,
        [&] {
          Objective o = valid_objective();
          o.manual_progress = bad;
          return org_.model.add_objective(o, org_.setup);
        },
        ErrorCode::kInvalid, "manual_progress", "manual progress");
    expect_refused<LinkId>(
        org_,
        [&] {
          return org_.model.add_link(
              AlignmentLink{{}, NodeRef::of(other), NodeRef::of(kr_), bad, true}, org_.setup);
        },
        ErrorCode::kInvalid, "weight", "link weight");
  }
}

TEST_F(ValidationTest, RangesAndShapes) {
  expect_refused<KeyResultId>(
      org_,
      [&] {
        KeyResult kr = valid_key_result();
        kr.weight = -1;
        return org_.model.add_key_result(kr, org_.setup);
      },
      ErrorCode::kInvalid, "weight", "negative weight");
  expect_refused<KeyResultId>(
      org_,
      [&] {
        KeyResult kr = valid_key_result();
        kr.start = 10;
        kr.target = 10;
        return org_.model.add_key_result(kr, org_.setup);
      },
      ErrorCode::kInvalid, "target", "target equal to start");
  expect_refused<KeyResultId>(
      org_,
      [&] {
        KeyResult kr = valid_key_result();
        kr.kind = KeyResultKind::kBand;
        kr.low = 10;
        kr.high = 5;
        return org_.model.add_key_result(kr, org_.setup);
      },
      ErrorCode::kInvalid, "high", "band high below low");
  for (std::size_t count : {std::size_t{0}, std::size_t{65}}) {
    expect_refused<KeyResultId>(
        org_,
        [&] {
          KeyResult kr = valid_key_result();
          kr.kind = KeyResultKind::kMilestones;
          kr.milestones.assign(count, Milestone{"Step", 1});
          return org_.model.add_key_result(kr, org_.setup);
        },
        ErrorCode::kInvalid, "milestones", std::to_string(count) + " milestones");
  }
  expect_refused<KeyResultId>(
      org_,
      [&] {
        KeyResult kr = valid_key_result();
        kr.kind = KeyResultKind::kBoolean;
        kr.source = ProgressSource::kSum;
        return org_.model.add_key_result(kr, org_.setup);
      },
      ErrorCode::kInvalid, "progress_source", "sum on a non-metric");
  expect_refused<KeyResultId>(
      org_,
      [&] {
        KeyResult kr = valid_key_result();
        kr.owner = PersonId{99};
        return org_.model.add_key_result(kr, org_.setup);
      },
      ErrorCode::kInvalid, "owner_id", "unknown owner");
  expect_refused<KeyResultId>(
      org_,
      [&] {
        KeyResult kr = valid_key_result();
        kr.objective = ObjectiveId{99};
        return org_.model.add_key_result(kr, org_.setup);
      },
      ErrorCode::kInvalid, "objective_id", "unknown objective");
  expect_refused<KeyResultId>(
      org_,
      [&] {
        KeyResult kr = valid_key_result();
        kr.plan = {{q1_at(0.6), 5}, {q1_at(0.3), 3}};
        return org_.model.add_key_result(kr, org_.setup);
      },
      ErrorCode::kInvalid, "plan.date", "plan out of order");
  expect_refused<ObjectiveId>(
      org_,
      [&] {
        Objective o = valid_objective();
        o.period = PeriodId{42};
        return org_.model.add_objective(o, org_.setup);
      },
      ErrorCode::kInvalid, "period_id", "unknown period");
  expect_refused<ObjectiveId>(
      org_,
      [&] {
        Objective o = valid_objective();
        o.owner = Owner{org_.team, org_.bob};
        return org_.model.add_objective(o, org_.setup);
      },
      ErrorCode::kInvalid, "owner", "two owners");
  expect_refused<ObjectiveId>(
      org_,
      [&] {
        Objective o = valid_objective();
        o.description = std::string(10'001, 'x');
        return org_.model.add_objective(o, org_.setup);
      },
      ErrorCode::kInvalid, "description", "description over 10,000 characters");
}

TEST_F(ValidationTest, CheckIns) {
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.confidence = 0;
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kInvalid, "confidence", "confidence 0");
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.confidence = 11;
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kInvalid, "confidence", "confidence 11");
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.note = std::string(10'001, 'n');
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kInvalid, "note", "note over 10,000 characters");
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.at = q1_at(0.2) + 301;
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kInvalid, "at", "more than 5 minutes in the future");
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.at = testing::kQ1Start - 1;
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kInvalid, "at", "before the period start");
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.key_result = KeyResultId{77};
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kNotFound, "", "unknown key result");
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.author = PersonId{77};
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kInvalid, "author", "unknown author");
  const KeyResultId computed = org_.metric(objective_, 0, 10, 1, ProgressSource::kChildren);
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.key_result = computed;
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kInvalid, "value", "a key result computed from its children");
  KeyResult steps = valid_key_result();
  steps.kind = KeyResultKind::kMilestones;
  steps.milestones = {{"A", 1}, {"B", 1}};
  const KeyResultId milestones = ok(org_.model.add_key_result(steps, org_.setup));
  expect_refused<CheckInId>(
      org_,
      [&] {
        CheckIn c = valid_check_in();
        c.key_result = milestones;
        c.measurement.milestones_done = 0b100;
        return org_.model.add_check_in(c, q1_at(0.2));
      },
      ErrorCode::kInvalid, "milestones_done", "a milestone that does not exist");

  CheckIn skew = valid_check_in();
  skew.at = q1_at(0.2) + 300;
  EXPECT_TRUE(org_.model.add_check_in(skew, q1_at(0.2))) << "5 minutes of clock skew are allowed";
}

TEST_F(ValidationTest, LatestCheckInByTimeWithTiesToTheOneRecordedLast) {
  org_.check_in(kr_, 30, q1_at(0.3));
  CheckIn backdated = valid_check_in();
  backdated.measurement.value = 99;
  backdated.at = q1_at(0.25);
  ok(org_.model.add_check_in(backdated, q1_at(0.4)));
  EXPECT_DOUBLE_EQ(org_.model.rollup().key_result(kr_).current, 30) << "older `at` does not win";
  const auto all = org_.model.check_ins(kr_);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_DOUBLE_EQ(all[1].measurement.value, 99) << "kept in time order";
  CheckIn tie = valid_check_in();
  tie.measurement.value = 31;
  tie.at = q1_at(0.3);
  ok(org_.model.add_check_in(tie, q1_at(0.5)));
  EXPECT_DOUBLE_EQ(org_.model.rollup().key_result(kr_).current, 31)
      << "same `at`: recorded last wins";
}

TEST_F(ValidationTest, DeletingACheckInKeepsItAndRestoresThePreviousValue) {
  const CheckInId second = org_.check_in(kr_, 40, q1_at(0.3));
  ok(org_.model.delete_check_in(second, q1_at(0.35)));
  EXPECT_DOUBLE_EQ(org_.model.rollup().key_result(kr_).current, 10);
  ASSERT_NE(org_.model.check_in(second), nullptr);
  EXPECT_TRUE(org_.model.check_in(second)->deleted_at.has_value());
  EXPECT_EQ(org_.model.delete_check_in(second, q1_at(0.4)).error().code, ErrorCode::kNotFound);
}

TEST_F(ValidationTest, PeopleUnitsAndPeriods) {
  expect_refused<PersonId>(
      org_,
      [&] {
        Person p;
        p.name = "Another Bob";
        p.email = "BOB@example.com";
        return org_.model.add_person(p, org_.setup);
      },
      ErrorCode::kConflict, "", "duplicate email, case-insensitive");
  expect_refused<PersonId>(
      org_,
      [&] {
        Person p;
        p.name = "No email";
        p.email = "not-an-email";
        return org_.model.add_person(p, org_.setup);
      },
      ErrorCode::kInvalid, "email", "not an email");
  {
    Person ada = *org_.model.person(org_.ada);
    ada.manager = org_.bob;  // bob reports to ada already
    const Snapshot before = Snapshot::of(org_.model);
    auto refused = org_.model.update_person(ada, org_.setup);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields[0].field, "manager_id");
    EXPECT_TRUE(Snapshot::of(org_.model) == before);
  }
  expect_refused<UnitId>(
      org_,
      [&] {
        Unit u;
        u.name = "Second company";
        u.kind = UnitKind::kCompany;
        return org_.model.add_unit(u, org_.setup);
      },
      ErrorCode::kConflict, "", "a second company");
  {
    Unit company = *org_.model.unit(org_.company);
    Unit team = *org_.model.unit(org_.team);
    team.parent = org_.team;
    EXPECT_FALSE(org_.model.update_unit(team, org_.setup)) << "a unit under itself";
    (void)company;
  }
  expect_refused<PeriodId>(
      org_,
      [&] {
        return org_.model.add_period(
            testing::make_period("Backwards", PeriodKind::kCustom, Date::from_ymd(2026, 5, 1),
                                 Date::from_ymd(2026, 4, 1)),
            org_.setup);
      },
      ErrorCode::kInvalid, "end_date", "end before start");
  expect_refused<PeriodId>(
      org_,
      [&] {
        return org_.model.add_period(
            testing::make_period("Q1 2027", PeriodKind::kQuarter, Date::from_ymd(2027, 1, 1),
                                 Date::from_ymd(2027, 3, 31), org_.year),
            org_.setup);
      },
      ErrorCode::kInvalid, "parent_id", "a quarter outside its year");
}

TEST_F(ValidationTest, SettingsAreChecked) {
  Organization org = org_.model.organization();
  org.settings.status.behind_gap = 0.5;
  org.settings.status.at_risk_gap = 0.2;
  EXPECT_FALSE(org_.model.set_organization(org, org_.setup)) << "at risk before behind";
  org = org_.model.organization();
  org.settings.check_in.weekday = 8;
  EXPECT_FALSE(org_.model.set_organization(org, org_.setup));
  org = org_.model.organization();
  org.settings.status.not_started_until = kNaN;
  EXPECT_FALSE(org_.model.set_organization(org, org_.setup));
  EXPECT_DOUBLE_EQ(org_.model.settings().status.behind_gap, 0.10) << "unchanged";
}

}  // namespace
}  // namespace cairn::core
