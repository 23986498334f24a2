// DOMAIN.md "Check-ins": who may check in.
#include "core/permissions.h"

#include <gtest/gtest.h>

namespace cairn::core {
namespace {

class PermissionsTest : public ::testing::Test {
 protected:
  PersonId person(const char* name, Role role = Role::kMember) {
    Person p;
    p.name = name;
    p.email = std::string(name) + "@example.com";
    p.role = role;
    return *model_.add_person(p, t_);
  }

  void SetUp() override {
    owner_ = person("owner");
    delegate_ = person("delegate");
    lead_ = person("lead");
    other_lead_ = person("otherlead");
    member_ = person("member");
    admin_ = person("admin", Role::kAdmin);
    viewer_ = person("viewer", Role::kViewer);
    Unit company;
    company.name = "Company";
    company.kind = UnitKind::kCompany;
    company.lead = other_lead_;
    const UnitId c = *model_.add_unit(company, t_);
    Unit team;
    team.name = "Team";
    team.parent = c;
    team.lead = lead_;
    team.members = {owner_, member_, lead_};
    team_ = *model_.add_unit(team, t_);
    Period q;
    q.name = "Q1";
    q.start_date = Date::from_ymd(2026, 1, 1);
    q.end_date = Date::from_ymd(2026, 3, 31);
    q.starts_at = start_of_day_utc(q.start_date);
    q.ends_at = start_of_day_utc(q.end_date + 1);
    period_ = *model_.add_period(q, t_);
  }

  KeyResultId key_result(Owner owner) {
    Objective o;
    o.title = "Objective";
    o.period = period_;
    o.owner = owner;
    const ObjectiveId id = *model_.add_objective(o, t_);
    KeyResult kr;
    kr.objective = id;
    kr.title = "Grow the number";
    kr.owner = owner_;
    kr.target = 10;
    kr.unit = "count";
    kr.delegates = {delegate_};
    return *model_.add_key_result(kr, t_);
  }

  Model model_;
  Instant t_ = instant_utc(2026, 1, 1);
  PersonId owner_, delegate_, lead_, other_lead_, member_, admin_, viewer_;
  UnitId team_;
  PeriodId period_;
};

TEST_F(PermissionsTest, OwnerDelegatesLeadsOfTheOwningUnitAndAdminsMayCheckIn) {
  const KeyResultId kr = key_result(Owner::of_unit(team_));
  const struct {
    PersonId who;
    bool allowed;
    const char* why;
  } cases[] = {
      {owner_, true, "owner"},
      {delegate_, true, "delegate"},
      {lead_, true, "lead of the owning unit"},
      {admin_, true, "admin"},
      {member_, false, "a member of the unit who owns nothing here"},
      {other_lead_, false, "the lead of another unit"},
      {viewer_, false, "viewers only read"},
  };
  for (const auto& c : cases) EXPECT_EQ(may_check_in(model_, c.who, kr), c.allowed) << c.why;
}

TEST_F(PermissionsTest, ForAPersonsObjectiveTheLeadsOfTheirUnitsMayCheckIn) {
  const KeyResultId kr = key_result(Owner::of_person(owner_));
  EXPECT_TRUE(may_check_in(model_, lead_, kr));
  EXPECT_FALSE(may_check_in(model_, other_lead_, kr));
}

TEST_F(PermissionsTest, ADeactivatedPersonMayNotCheckIn) {
  const KeyResultId kr = key_result(Owner::of_unit(team_));
  Person gone = *model_.person(owner_);
  gone.active = false;
  ASSERT_TRUE(model_.update_person(gone, t_));
  EXPECT_FALSE(may_check_in(model_, owner_, kr));
}

TEST_F(PermissionsTest, ADelegateChecksInOnBehalfOfTheOwner) {
  const KeyResultId kr = key_result(Owner::of_unit(team_));
  EXPECT_EQ(on_behalf_of(model_, delegate_, kr), owner_);
  EXPECT_FALSE(on_behalf_of(model_, owner_, kr).valid());
}

}  // namespace
}  // namespace cairn::core
