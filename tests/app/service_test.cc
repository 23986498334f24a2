// The service: setup, the demo, passwords and API tokens, and writes through
// the single writer, on every backend.
#include "app/service.h"

#include <gtest/gtest.h>

#include "app/entity_json.h"
#include "app/json_text.h"
#include "app/passwords.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using testing::must;

const core::Instant kNow = core::instant_utc(2026, 5, 15, 12);

class ServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    folder_ = store::testing::fresh_folder("service");
    location_ = store::testing::location(GetParam(), folder_);
    service_ = must(Service::open(location_));
  }
  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(folder_);
  }
  SetupRequest request() const {
    return SetupRequest{"Acme Rockets", "Europe/Paris", "Ada Lovelace", "ada@acme.example",
                        "correct horse battery staple"};
  }

  std::filesystem::path folder_;
  std::string location_;
  std::unique_ptr<Service> service_;
};

TEST_P(ServiceTest, SetupCreatesTheOrganizationItsCompanyAndAnAdminWithAToken) {
  EXPECT_FALSE(service_->has_organization());
  const SetupResult setup = must(service_->setup(request(), kNow));
  EXPECT_TRUE(service_->has_organization());
  EXPECT_TRUE(setup.token.starts_with("cairn_"));
  const Principal admin = must(service_->authenticate_token(setup.token));
  EXPECT_EQ(admin.organization, setup.organization);
  EXPECT_EQ(admin.person, setup.admin);
  EXPECT_EQ(admin.role, core::Role::kAdmin);
  service_->read(setup.organization, [&](const core::Model& model) {
    EXPECT_EQ(model.organization().name, "Acme Rockets");
    EXPECT_EQ(model.organization().timezone, "Europe/Paris");
    EXPECT_TRUE(model.company().valid());
    if (model.company().valid()) {
      EXPECT_EQ(model.unit(model.company())->name, "Acme Rockets");
    }
    EXPECT_EQ(model.person(setup.admin)->email, "ada@acme.example");
  });
  auto again = service_->setup(request(), kNow);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
}

TEST_P(ServiceTest, ABadSetupChangesNothing) {
  SetupRequest weak = request();
  weak.admin_password = "password1";  // on the common list
  auto refused = service_->setup(weak, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "password");
  SetupRequest nameless = request();
  nameless.organization_name = "";
  EXPECT_FALSE(service_->setup(nameless, kNow));
  SetupRequest bad_email = request();
  bad_email.admin_email = "not an email";
  EXPECT_FALSE(service_->setup(bad_email, kNow));
  EXPECT_FALSE(service_->has_organization());
  EXPECT_TRUE(service_->setup(request(), kNow)) << "a good setup still works afterwards";
}

TEST_P(ServiceTest, PasswordsAuthenticateWithoutSayingWhichPartWasWrong) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  const Principal ada =
      must(service_->authenticate_password("ADA@acme.example", "correct horse battery staple"));
  EXPECT_EQ(ada.person, setup.admin);
  EXPECT_EQ(ada.token_id, 0);
  auto wrong = service_->authenticate_password("ada@acme.example", "incorrect horse");
  auto unknown =
      service_->authenticate_password("bob@acme.example", "correct horse battery staple");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, core::ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_P(ServiceTest, TokensAreShownOnceListedWithoutSecretsAndRevocable) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  const Principal admin = must(service_->authenticate_token(setup.token));
  const CreatedToken ci = must(service_->create_token(admin, "ci", kNow));
  EXPECT_NE(ci.token, setup.token);
  EXPECT_TRUE(service_->authenticate_token(ci.token));
  const auto listed = must(service_->tokens(admin));
  ASSERT_EQ(listed.size(), 2u);
  for (const auto& t : listed) EXPECT_TRUE(t.token_hash.empty());
  must(service_->revoke_token(admin, ci.id, kNow));
  auto revoked = service_->authenticate_token(ci.token);
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().code, core::ErrorCode::kUnauthenticated);
  EXPECT_FALSE(service_->revoke_token(admin, ci.id, kNow)) << "revoked already";
  EXPECT_FALSE(service_->authenticate_token("cairn_made-up"));
  EXPECT_FALSE(service_->authenticate_token("Bearer nonsense"));
  EXPECT_FALSE(service_->create_token(admin, "", kNow));
}

TEST_P(ServiceTest, EverythingSurvivesARestart) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  service_.reset();
  service_ = must(Service::open(location_));
  EXPECT_TRUE(service_->has_organization());
  EXPECT_EQ(must(service_->authenticate_token(setup.token)).person, setup.admin);
  EXPECT_TRUE(service_->authenticate_password("ada@acme.example", "correct horse battery staple"));
}

TEST_P(ServiceTest, TwoInstancesShareSessionsAndSignOutReachesTheOtherWithinTenSeconds) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  auto other = must(Service::open(location_));
  const auto signed_in =
      must(service_->sign_in("ada@acme.example", "correct horse battery staple", "10.0.0.1", kNow));
  EXPECT_EQ(signed_in.principal.address, "10.0.0.1");
  // The other instance knows the session from the store.
  const auto there = must(other->authenticate_session(signed_in.session_id, kNow + 1));
  EXPECT_EQ(there.first.person, setup.admin);
  EXPECT_EQ(there.second, signed_in.csrf_token);

  must(service_->sign_out(signed_in.principal, signed_in.session_id, kNow + 2));
  EXPECT_FALSE(service_->authenticate_session(signed_in.session_id, kNow + 2));
  EXPECT_TRUE(other->authenticate_session(signed_in.session_id, kNow + 1 + 9))
      << "verified less than Sessions::kVerifySeconds ago";
  auto ended = other->authenticate_session(signed_in.session_id, kNow + 1 + 10);
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().code, core::ErrorCode::kUnauthenticated);

  // Both instances read the same security log.
  const Principal admin = must(other->authenticate_token(setup.token));
  const auto events = must(other->read_security_events(admin, {}));
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[0].kind, "sign_out");
  EXPECT_EQ(events[0].address, "10.0.0.1");
  EXPECT_EQ(events[1].kind, "sign_in");
  EXPECT_EQ(events[1].actor, "person:" + std::to_string(setup.admin.value()));
}

TEST_P(ServiceTest, SessionTimeoutsComeFromTheOptions) {
  must(service_->setup(request(), kNow));
  service_.reset();
  // Five minutes idle, two hours in all (`cairn serve --session-idle-minutes 5
  // --session-max-hours 2`).
  service_ = must(Service::open(location_, SessionTimeouts{5 * 60, 2 * 3600}));
  auto sign_in = [&](core::Instant at) {
    return must(service_->sign_in("ada@acme.example", "correct horse battery staple", "10.0.0.1",
                                  at))
        .session_id;
  };
  const std::string idle = sign_in(kNow);
  EXPECT_TRUE(service_->authenticate_session(idle, kNow + 5 * 60 - 1));
  EXPECT_FALSE(service_->authenticate_session(idle, kNow + 2 * 5 * 60)) << "idle for 5 minutes";
  const std::string busy = sign_in(kNow);
  for (core::Instant t = kNow + 240; t < kNow + 2 * 3600; t = t + 240) {
    ASSERT_TRUE(service_->authenticate_session(busy, t)) << t.seconds - kNow.seconds;
  }
  EXPECT_FALSE(service_->authenticate_session(busy, kNow + 2 * 3600 + 1)) << "two hours in all";
  // The defaults are 30 minutes and 12 hours.
  EXPECT_EQ(SessionTimeouts{}.idle_seconds, 30 * 60);
  EXPECT_EQ(SessionTimeouts{}.absolute_seconds, 12 * 3600);
}

TEST_P(ServiceTest, OnlyAdminsReadTheSecurityLog) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  const Principal admin = must(service_->authenticate_token(setup.token));
  core::Person person;
  person.name = "Max";
  person.email = "max@acme.example";
  person.role = core::Role::kMember;
  const auto added = must(service_->execute(admin, AddPerson{person}, kNow));
  const Principal max{setup.organization, core::PersonId{*added.applied.created},
                      core::Role::kMember, 0};
  auto refused = service_->read_security_events(max, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kForbidden);
  // A member changing the organisation is denied, and that is recorded.
  auto denied = service_->execute(
      max,
      UpdatePerson{*service_->read(setup.organization,
                                   [&](const core::Model& m) { return m.person(setup.admin); })},
      kNow);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, core::ErrorCode::kForbidden);
  store::SecurityEventQuery query;
  query.kind = "access_denied";
  const auto events = must(service_->read_security_events(admin, query));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, max.actor());
  EXPECT_EQ(events[0].subject, "person:" + std::to_string(setup.admin.value()));
  EXPECT_EQ(events[0].detail, "update_person");
}

TEST_P(ServiceTest, TheDemoIsCreatedOnceAndEachStartGetsAFreshToken) {
  const SetupResult first = must(service_->ensure_demo(kNow));
  EXPECT_EQ(first.admin_email, "maya@larkspur.example");
  EXPECT_TRUE(service_->authenticate_token(first.token));
  EXPECT_TRUE(service_->authenticate_password(first.admin_email, kDemoPassword));
  const std::size_t objectives =
      service_->read(first.organization, [](const core::Model& m) { return m.objective_count(); });
  EXPECT_GT(objectives, 5u);
  service_.reset();
  service_ = must(Service::open(location_));
  const SetupResult second = must(service_->ensure_demo(kNow + 60));
  EXPECT_EQ(second.organization, first.organization);
  EXPECT_EQ(
      service_->read(second.organization, [](const core::Model& m) { return m.objective_count(); }),
      objectives)
      << "not built twice";
  EXPECT_TRUE(service_->authenticate_token(second.token));
  EXPECT_FALSE(service_->authenticate_token(first.token)) << "the old demo token is revoked";
}

TEST_P(ServiceTest, AWriteGoesThroughTheWriterAndIsPublished) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  const Principal admin = must(service_->authenticate_token(setup.token));
  std::vector<Event> seen;
  const_cast<EventBus&>(service_->events()).subscribe([&](const Event& e) { seen.push_back(e); });
  core::Unit team;
  team.name = "Propulsion";
  const Committed committed = must(service_->execute(admin, AddUnit{team}, kNow));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].kind, "add_unit");
  EXPECT_EQ(seen[0].seq, committed.seq);
  EXPECT_EQ(seen[0].actor, admin.actor());
}

// The store keeps of an entity before a change only the fields that changed
// (audit_before.h); the audit log's readers get it whole again.
TEST_P(ServiceTest, TheAuditLogReadsTheWholeEntityBeforeAChange) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  const Principal admin = must(service_->authenticate_token(setup.token));
  core::Organization before;
  service_->read(setup.organization, [&](const core::Model& m) { before = m.organization(); });
  core::Organization after = before;
  after.mission = "Reach orbit, \"cheaply\"";
  after.settings.status.behind_gap = 0.125;
  must(service_->execute(admin, SetOrganization{after}, kNow + 60));

  store::AuditQuery query;
  query.entity = "organization";
  query.limit = 1;
  const auto entries = must(service_->read_audit(admin, query));
  ASSERT_EQ(entries.size(), 1u);
  ASSERT_TRUE(entries[0].before);
  EXPECT_FALSE(entries[0].before_changed_only);
  EXPECT_EQ(*parse_json(*entries[0].before), to_json(before)) << *entries[0].before;
  EXPECT_EQ(*parse_json(entries[0].after), to_json(after)) << entries[0].after;
}

TEST_P(ServiceTest, EveryWriteIsAuthorizedAndMeetsItsPreconditionOrChangesNothing) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  const Principal admin = must(service_->authenticate_token(setup.token));
  core::Person viewer;
  viewer.name = "Vera";
  viewer.email = "vera@acme.example";
  viewer.role = core::Role::kViewer;
  const core::PersonId vera{
      *must(service_->execute(admin, AddPerson{viewer}, kNow)).applied.created};
  const Principal as_vera{setup.organization, vera, core::Role::kViewer, 0};
  const std::size_t units_before =
      service_->read(setup.organization, [](const core::Model& m) { return m.unit_count(); });

  core::Unit team;
  team.name = "Propulsion";
  auto refused = service_->execute(as_vera, AddUnit{team}, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kForbidden);

  // The precondition runs after the permission check, under the same lock.
  int checked = 0;
  auto stale = service_->execute(admin, AddUnit{team}, kNow, [&](const core::Model&) {
    ++checked;
    return core::Result<void>(core::Error{core::ErrorCode::kStaleVersion, "stale", {}, {}, {}});
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::kStaleVersion);
  EXPECT_EQ(checked, 1);
  EXPECT_EQ(service_->read(setup.organization, [](const core::Model& m) { return m.unit_count(); }),
            units_before);
  must(service_->execute(admin, AddUnit{team}, kNow,
                         [](const core::Model&) { return core::Result<void>{}; }));
  EXPECT_EQ(service_->read(setup.organization, [](const core::Model& m) { return m.unit_count(); }),
            units_before + 1);
}

TEST_P(ServiceTest, ACompositeCommandThatFailsPartWayLeavesNothingBehind) {
  const SetupResult setup = must(service_->setup(request(), kNow));
  const Principal admin = must(service_->authenticate_token(setup.token));
  core::Period quarter;
  quarter.name = "Q2";
  quarter.start_date = core::Date::from_ymd(2026, 4, 1);
  quarter.end_date = core::Date::from_ymd(2026, 6, 30);
  quarter.starts_at = core::start_of_day_utc(quarter.start_date);
  quarter.ends_at = core::start_of_day_utc(core::Date::from_ymd(2026, 7, 1));
  const core::PeriodId q2{
      *must(service_->execute(admin, AddPeriod{quarter}, kNow)).applied.created};
  core::Objective objective;
  objective.title = "Answer faster";
  objective.period = q2;
  objective.owner = core::Owner::of_person(admin.person);
  const core::ObjectiveId parent{
      *must(service_->execute(admin, AddObjective{objective}, kNow)).applied.created};
  // A parent in a period that does not overlap: the model refuses the link
  // only after the objective was added.
  core::Period later = quarter;
  later.name = "Q2 2027";
  later.start_date = core::Date::from_ymd(2027, 4, 1);
  later.end_date = core::Date::from_ymd(2027, 6, 30);
  later.starts_at = core::start_of_day_utc(later.start_date);
  later.ends_at = core::start_of_day_utc(core::Date::from_ymd(2027, 7, 1));
  core::Objective far = objective;
  far.period =
      core::PeriodId{*must(service_->execute(admin, AddPeriod{later}, kNow)).applied.created};
  const core::ObjectiveId next_year{
      *must(service_->execute(admin, AddObjective{far}, kNow)).applied.created};
  auto count = [&] {
    return service_->read(setup.organization, [](const core::Model& m) {
      return std::pair{m.objective_count(), m.link_count()};
    });
  };
  const auto before = count();

  // The objective applies, then its second parent is refused: nothing stays.
  core::AlignmentLink good{.parent = core::NodeRef::of(parent)};
  core::AlignmentLink mismatched{.parent = core::NodeRef::of(next_year)};
  auto refused = service_->execute(admin, CreateObjective{objective, {good, mismatched}}, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kPeriodMismatch);
  EXPECT_EQ(count(), before);
  // Nor in the store: a restart reads the same.
  service_.reset();
  service_ = must(Service::open(location_));
  EXPECT_EQ(count(), before);

  const Principal again = must(service_->authenticate_token(setup.token));
  must(service_->execute(again, CreateObjective{objective, {good}}, kNow));
  EXPECT_EQ(count(), std::pair(before.first + 1, before.second + 1));
}

TEST(Passwords, ThePolicyCountsCharactersAndRefusesCommonOnes) {
  EXPECT_FALSE(check_password_policy("short"));
  EXPECT_FALSE(check_password_policy("ééééééé"));  // 7 characters, 14 bytes
  EXPECT_TRUE(check_password_policy("éééééééé"));
  EXPECT_FALSE(check_password_policy("Password")) << "common, whatever the case";
  EXPECT_FALSE(check_password_policy("iloveyou"));
  EXPECT_TRUE(check_password_policy("a long and unusual passphrase"));
  EXPECT_FALSE(check_password_policy(std::string(1025, 'x')));
  EXPECT_TRUE(check_password_policy(std::string(1024, 'x')));
}

TEST(Passwords, HashesAreArgon2idSaltedAndVerify) {
  const std::string a = must(hash_password("a long and unusual passphrase"));
  const std::string b = must(hash_password("a long and unusual passphrase"));
  EXPECT_TRUE(a.starts_with("$argon2id$"));
  EXPECT_NE(a, b) << "salted";
  EXPECT_TRUE(verify_password(a, "a long and unusual passphrase"));
  EXPECT_FALSE(verify_password(a, "a long and unusual passphrasE"));
  EXPECT_FALSE(verify_password("garbage", "anything"));
  EXPECT_EQ(token_hash("cairn_x").size(), 64u);
  EXPECT_NE(new_token(), new_token());
}

// SQLite only: setup needs an empty store and the PostgreSQL test database is
// shared by every suite; the store and writer suites cover PostgreSQL.
INSTANTIATE_TEST_SUITE_P(Backends, ServiceTest, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
