// Who may see a private objective (QUALITY.md "Access control"): one table of
// callers per objective, so the rule and its cases read side by side.
#include "app/access.h"

#include <gtest/gtest.h>

#include "../core/fixture.h"

namespace cairn::app {
namespace {

using namespace cairn::core;
using core::testing::ok;
using core::testing::TestOrg;

// TestOrg: Ada (admin, company lead), Bob (member, leads the team, reports to
// Ada). Added here: Carol in the team, Gina reporting to Bob, Erin reporting
// to Dave, Frank a viewer in no unit, and Kim who owns a key result only.
class Access : public ::testing::Test {
 protected:
  void SetUp() override {
    carol = person("Carol", {});
    gina = person("Gina", org.bob);
    dave = person("Dave", {});
    erin = person("Erin", dave);
    frank = person("Frank", {}, Role::kViewer);
    kim = person("Kim", {});
    Unit team = *org.model.unit(org.team);
    team.members.push_back(carol);
    ok(org.model.update_unit(team, org.setup));

    team_secret = private_objective(Owner::of_unit(org.team));
    team_secret_kr = org.metric(team_secret, 0, 10);
    erins_secret = private_objective(Owner::of_person(erin));
    KeyResult kr;
    kr.objective = erins_secret;
    kr.start = 0;
    kr.target = 1;
    kr.unit = "count";
    kr.owner = kim;
    kims_kr = org.key_result(kr);
    open = org.objective("Everyone sees this");
  }

  PersonId person(const std::string& name, PersonId manager, Role role = Role::kMember) {
    Person p;
    p.name = name;
    p.email = name + "@example.com";
    p.role = role;
    p.manager = manager;
    return ok(org.model.add_person(p, org.setup));
  }
  ObjectiveId private_objective(Owner owner) {
    Objective o;
    o.title = "Secret";
    o.period = org.q1;
    o.owner = owner;
    o.visibility = Visibility::kPrivate;
    return ok(org.model.add_objective(o, org.setup));
  }
  Principal as(PersonId person) const {
    return Principal{1, person, org.model.person(person)->role, 0};
  }

  TestOrg org;
  PersonId carol, gina, dave, erin, frank, kim;
  ObjectiveId team_secret, erins_secret, open;
  KeyResultId team_secret_kr, kims_kr;
};

TEST_F(Access, APrivateUnitObjectiveIsForTheUnitItsManagersAndAdmins) {
  const struct {
    const char* who;
    PersonId person;
    bool sees;
  } cases[] = {
      {"admin", org.ada, true},
      {"unit lead", org.bob, true},
      {"unit member", carol, true},
      {"reports to the lead", gina, false},
      {"outside manager", dave, false},
      {"viewer outsider", frank, false},
      {"owner of another kr", kim, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(can_see(org.model, as(c.person), team_secret), c.sees) << c.who;
    EXPECT_EQ(can_see(org.model, as(c.person), team_secret_kr), c.sees) << c.who << " (kr)";
    EXPECT_EQ(can_see(org.model, as(c.person), NodeRef::of(team_secret)), c.sees) << c.who;
  }
}

TEST_F(Access, APrivatePersonalObjectiveIsForItsOwnersAndTheirManagers) {
  const struct {
    const char* who;
    PersonId person;
    bool sees;
  } cases[] = {
      {"owner", erin, true},    {"owner's manager", dave, true}, {"key result owner", kim, true},
      {"admin", org.ada, true}, {"someone else", carol, false},  {"viewer outsider", frank, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(can_see(org.model, as(c.person), erins_secret), c.sees) << c.who;
    EXPECT_EQ(can_see(org.model, as(c.person), kims_kr), c.sees) << c.who << " (kr)";
  }
}

TEST_F(Access, ManagersSeeUpTheWholeReportingLine) {
  // Bob leads the team; Ada manages Bob, so as a manager she would see it
  // even without being an admin.
  Principal ada = as(org.ada);
  ada.role = Role::kMember;
  EXPECT_TRUE(can_see(org.model, ada, team_secret));
  // Gina reports to Bob: reporting to an owner grants nothing.
  EXPECT_FALSE(can_see(org.model, as(gina), team_secret));
}

TEST_F(Access, PublicObjectivesAreForEveryoneAndUnknownIdsForNoOne) {
  EXPECT_TRUE(can_see(org.model, as(frank), open));
  EXPECT_FALSE(can_see(org.model, as(org.ada), ObjectiveId{999}));
  EXPECT_FALSE(can_see(org.model, as(org.ada), KeyResultId{999}));
  EXPECT_FALSE(can_see(org.model, as(org.ada), ObjectiveId{}));
}

TEST_F(Access, MakingAnObjectivePrivateHidesItAtOnce) {
  Objective o = *org.model.objective(open);
  o.visibility = Visibility::kPrivate;
  ok(org.model.update_objective(o, org.setup + 60));
  EXPECT_FALSE(can_see(org.model, as(frank), open));
  EXPECT_TRUE(can_see(org.model, as(carol), open));
}

}  // namespace
}  // namespace cairn::app
