// Who may change what (QUALITY.md "Access control"): viewers read, members
// write what they own or are delegated, unit leads write for their unit and
// the units below, admins configure. One table of callers per rule.
#include "app/permissions.h"

#include <gtest/gtest.h>

#include "../core/fixture.h"

namespace cairn::app {
namespace {

using namespace cairn::core;
using core::testing::ok;
using core::testing::TestOrg;

// TestOrg: Ada (admin, leads the company), Bob (member, leads the team below
// it). Added here: Carol in the team, Gina reporting to Bob, Erin a member of
// no unit, Frank a viewer, Kim owning a key result of the team's objective.
class Permissions : public ::testing::Test {
 protected:
  void SetUp() override {
    carol = person("Carol", {});
    gina = person("Gina", org.bob);
    erin = person("Erin", {});
    frank = person("Frank", {}, Role::kViewer);
    kim = person("Kim", {});
    Unit team = *org.model.unit(org.team);
    team.members.push_back(carol);
    ok(org.model.update_unit(team, org.setup));

    company_objective =
        org.objective("Company", ProgressMode::kKeyResults, {}, Owner::of_unit(org.company));
    team_objective = org.objective("Team");
    KeyResult kr;
    kr.objective = team_objective;
    kr.start = 0;
    kr.target = 10;
    kr.unit = "count";
    kr.owner = kim;
    kims_kr = org.key_result(kr);
    carols_objective =
        org.objective("Carol's", ProgressMode::kKeyResults, {}, Owner::of_person(carol));
    ginas_objective =
        org.objective("Gina's", ProgressMode::kKeyResults, {}, Owner::of_person(gina));
    Objective secret;
    secret.title = "Secret";
    secret.period = org.q1;
    secret.owner = Owner::of_unit(org.team);
    secret.visibility = Visibility::kPrivate;
    team_secret = ok(org.model.add_objective(secret, org.setup));
  }

  PersonId person(const std::string& name, PersonId manager, Role role = Role::kMember) {
    Person p;
    p.name = name;
    p.email = name + "@example.com";
    p.role = role;
    p.manager = manager;
    return ok(org.model.add_person(p, org.setup));
  }
  Principal as(PersonId person) const {
    return Principal{1, person, org.model.person(person)->role, 0};
  }
  // "ok", or the error code's meaning for the table.
  std::string outcome(PersonId who, const Command& command) const {
    auto result = authorize(org.model, as(who), command);
    if (result) return "ok";
    switch (result.error().code) {
      case ErrorCode::kNotFound:
        return "404";
      case ErrorCode::kForbidden:
        return "403";
      case ErrorCode::kUnauthenticated:
        return "401";
      default:
        return "other";
    }
  }
  Command edit(ObjectiveId id) const {
    Objective o = *org.model.objective(id);
    o.title += " (edited)";
    return UpdateObjective{o};
  }
  Command check_in(KeyResultId kr, PersonId author) const {
    CheckIn c;
    c.key_result = kr;
    c.author = author;
    c.measurement.value = 5;
    c.at = org.setup;
    return AddCheckIn{c};
  }

  TestOrg org;
  PersonId carol, gina, erin, frank, kim;
  ObjectiveId company_objective, team_objective, carols_objective, ginas_objective, team_secret;
  KeyResultId kims_kr;
};

struct Case {
  const char* who;
  PersonId person;
  const char* expected;
};

TEST_F(Permissions, AUnitObjectiveIsEditedByTheLeadsOfItsUnitAndAboveAndAdmins) {
  const Case cases[] = {
      {"admin", org.ada, "ok"},         {"team lead", org.bob, "ok"},
      {"team member", carol, "403"},    {"key result owner", kim, "403"},
      {"outsider member", erin, "403"}, {"viewer", frank, "403"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(outcome(c.person, edit(team_objective)), c.expected) << c.who;
  // The company lead (Ada) writes for the team below; the team lead not for the company above.
  EXPECT_EQ(outcome(org.bob, edit(company_objective)), "403");
}

TEST_F(Permissions, APersonalObjectiveIsEditedByThePersonTheirManagersAndTheirUnitsLeads) {
  const Case carols[] = {
      {"owner", carol, "ok"},          {"leads the owner's team", org.bob, "ok"},
      {"company lead", org.ada, "ok"}, {"colleague", gina, "403"},
      {"outsider", erin, "403"},       {"viewer", frank, "403"},
  };
  for (const Case& c : carols) {
    EXPECT_EQ(outcome(c.person, edit(carols_objective)), c.expected) << c.who;
  }
  // Gina is in no unit: her manager Bob writes for her, Carol does not.
  EXPECT_EQ(outcome(org.bob, edit(ginas_objective)), "ok");
  EXPECT_EQ(outcome(carol, edit(ginas_objective)), "403");
}

TEST_F(Permissions, APrivateObjectiveIsAbsentForThoseWhoMayNotSeeIt) {
  EXPECT_EQ(outcome(erin, edit(team_secret)), "404");
  EXPECT_EQ(outcome(frank, edit(team_secret)), "404");
  EXPECT_EQ(outcome(carol, edit(team_secret)), "403");  // sees it, does not lead
  EXPECT_EQ(outcome(org.bob, edit(team_secret)), "ok");
  // Aligning to it, or depending on it, is as if it did not exist.
  AlignmentLink link;
  link.child = NodeRef::of(carols_objective);
  link.parent = NodeRef::of(team_secret);
  EXPECT_EQ(outcome(carol, AddLink{link}), "ok");
  link.child = NodeRef::of(ginas_objective);
  EXPECT_EQ(outcome(gina, AddLink{link}), "404");
}

TEST_F(Permissions, CheckInsAreForTheOwnerDelegatesLeadsAndAdminsEachAsThemselves) {
  const Case cases[] = {
      {"owner", kim, "ok"},        {"team lead", org.bob, "ok"}, {"admin", org.ada, "ok"},
      {"colleague", carol, "403"}, {"outsider", erin, "403"},    {"viewer", frank, "403"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(outcome(c.person, check_in(kims_kr, c.person)), c.expected) << c.who;
  }
  // Nobody checks in under someone else's name, except admins recording history.
  EXPECT_EQ(outcome(org.bob, check_in(kims_kr, kim)), "403");
  EXPECT_EQ(outcome(org.ada, check_in(kims_kr, kim)), "ok");
}

TEST_F(Permissions, OnlyAdminsConfigureTheOrganisation) {
  Unit unit;
  unit.name = "New team";
  unit.parent = org.company;
  EXPECT_EQ(outcome(org.ada, AddUnit{unit}), "ok");
  EXPECT_EQ(outcome(org.bob, AddUnit{unit}), "403");
  EXPECT_EQ(outcome(frank, AddUnit{unit}), "403");
  EXPECT_TRUE(can_configure(org.model, as(org.ada)).edit);
  EXPECT_FALSE(can_configure(org.model, as(org.bob)).edit);
}

TEST_F(Permissions, TheModelsRoleCountsNotTheOneTheTokenWasIssuedWith) {
  // Bob is demoted to viewer after signing in: his next write is refused.
  Person bob = *org.model.person(org.bob);
  const Principal signed_in = as(org.bob);
  bob.role = Role::kViewer;
  ok(org.model.update_person(bob, org.setup));
  EXPECT_FALSE(authorize(org.model, signed_in, edit(team_objective)));
  // A deactivated person is not signed in at all.
  bob.active = false;
  ok(org.model.update_person(bob, org.setup));
  EXPECT_EQ(authorize(org.model, signed_in, edit(team_objective)).error().code,
            ErrorCode::kUnauthenticated);
}

TEST_F(Permissions, CanFlagsAgreeWithAuthorize) {
  const Can kims = can(org.model, as(kim), kims_kr);
  EXPECT_TRUE(kims.edit);
  EXPECT_TRUE(kims.check_in);
  EXPECT_TRUE(kims.comment);
  EXPECT_FALSE(kims.align);  // the objective's editors align it
  const Can viewers = can(org.model, as(frank), kims_kr);
  EXPECT_FALSE(viewers.edit || viewers.remove || viewers.check_in || viewers.comment ||
               viewers.align);
  const Can leads = can(org.model, as(org.bob), team_objective);
  EXPECT_TRUE(leads.edit && leads.remove && leads.align && leads.comment);
  EXPECT_FALSE(leads.check_in);
  const Can outsiders = can(org.model, as(erin), team_secret);
  EXPECT_FALSE(outsiders.edit || outsiders.comment);

  // Every person × objective: the edit flag is exactly what authorize says.
  for (PersonId p : {org.ada, org.bob, carol, gina, erin, frank, kim}) {
    for (ObjectiveId o :
         {company_objective, team_objective, carols_objective, ginas_objective, team_secret}) {
      EXPECT_EQ(can(org.model, as(p), o).edit, outcome(p, edit(o)) == "ok")
          << org.model.person(p)->name << " on " << org.model.objective(o)->title;
    }
  }
}

// Initiatives: whoever works on the key result (owner, delegates), the
// initiative's owner, and the objective's editors; never viewers; a private
// objective's initiatives are absent to those who may not see it.
TEST_F(Permissions, InitiativesAreChangedByThoseWhoWorkOnThem) {
  Initiative i;
  i.title = "Run the survey";
  i.target = NodeRef::of(kims_kr);
  i.owner = gina;
  const InitiativeId on_kims = ok(org.model.add_initiative(i, org.setup));
  i.target = NodeRef::of(team_secret);
  i.owner = carol;
  const InitiativeId on_secret = ok(org.model.add_initiative(i, org.setup));
  auto update = [&](InitiativeId id) {
    Initiative next = *org.model.initiative(id);
    next.state = InitiativeState::kDone;
    return Command{UpdateInitiative{next}};
  };
  const Case cases[] = {
      {"key result owner", kim, "ok"}, {"initiative owner", gina, "ok"},
      {"team lead", org.bob, "ok"},    {"admin", org.ada, "ok"},
      {"team member", carol, "403"},   {"outsider", erin, "403"},
      {"viewer", frank, "403"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(outcome(c.person, update(on_kims)), c.expected) << c.who;
    EXPECT_EQ(can(org.model, as(c.person), on_kims).edit, std::string(c.expected) == "ok") << c.who;
  }
  // Adding one follows the same rule, for the key result's owner and editors.
  i.target = NodeRef::of(kims_kr);
  EXPECT_EQ(outcome(kim, AddInitiative{i}), "ok");
  EXPECT_EQ(outcome(carol, AddInitiative{i}), "403");
  // The private objective's initiative: its owner sees it and edits it,
  // outsiders do not even see it.
  EXPECT_EQ(outcome(carol, update(on_secret)), "ok");
  EXPECT_EQ(outcome(erin, update(on_secret)), "404");
  EXPECT_EQ(outcome(frank, update(on_secret)), "404");
  EXPECT_FALSE(can(org.model, as(erin), on_secret).edit);
  Initiative unknown;
  unknown.id = InitiativeId{77};
  EXPECT_EQ(outcome(org.ada, UpdateInitiative{unknown}), "404");
}

// Comments and reactions: any non-viewer who can see the target, as themselves.
TEST_F(Permissions, ReactionsAreForWritersWhoSeeTheComment) {
  Comment c;
  c.target = NodeRef::of(team_objective);
  c.author = carol;
  c.body = "Looks good";
  const CommentId on_team = ok(org.model.add_comment(c, org.setup));
  c.target = NodeRef::of(team_secret);
  const CommentId on_secret = ok(org.model.add_comment(c, org.setup));
  const Case cases[] = {
      {"outsider", erin, "ok"},
      {"team member", carol, "ok"},
      {"viewer", frank, "403"},
  };
  for (const Case& x : cases) {
    EXPECT_EQ(outcome(x.person, AddReaction{on_team, x.person, "+1"}), x.expected) << x.who;
    EXPECT_EQ(can(org.model, as(x.person), on_team).comment, std::string(x.expected) == "ok")
        << x.who;
  }
  EXPECT_EQ(outcome(erin, AddReaction{on_team, carol, "+1"}), "403");  // as someone else
  EXPECT_EQ(outcome(erin, AddReaction{on_secret, erin, "+1"}), "404");
  EXPECT_EQ(outcome(frank, AddReaction{on_secret, frank, "+1"}), "404");
  EXPECT_EQ(outcome(org.bob, AddReaction{on_secret, org.bob, "+1"}), "ok");
  EXPECT_EQ(outcome(org.bob, AddReaction{CommentId{99}, org.bob, "+1"}), "404");
  EXPECT_FALSE(can(org.model, as(erin), on_secret).comment);
  c.author = erin;
  EXPECT_EQ(outcome(erin, AddComment{c}), "404");
  c.target = NodeRef::of(team_objective);
  EXPECT_EQ(outcome(erin, AddComment{c}), "ok");
  c.author = frank;
  EXPECT_EQ(outcome(frank, AddComment{c}), "403");
}

}  // namespace
}  // namespace cairn::app
