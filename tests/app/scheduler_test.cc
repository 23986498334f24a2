// The scheduler with a clock the test moves, on a small organisation in
// Europe/Paris: check-in reminders come on the cadence's day at its local
// hour on both sides of a daylight-saving change, never to whoever checked in
// within the cadence, and each run's notifications are announced (for the
// live stream) once committed; the weekly digest lists exactly a person's
// stale and at-risk key results; a restart repeats nothing and a run missed
// during downtime happens once; a private objective never reaches someone
// who may not see it, in notifications or webhooks.
#include "app/scheduler.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/cadence.h"
#include "app/curl_transport.h"
#include "app/outbox.h"
#include "loopback_receivers.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using namespace cairn::core;
using testing::must;

// A notification's params (what the app writes its message from).
boost::json::object params_of(const store::NotificationRecord& n) {
  return boost::json::parse(n.params).as_object();
}

const Instant kSetup = instant_utc(2026, 3, 2, 10);  // Monday 2 March 2026, 11:00 in Paris

class SchedulerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    folder_ = store::testing::fresh_folder("scheduler");
    location_ = store::testing::location(GetParam(), folder_);
    service_ = must(Service::open(location_));
    const SetupResult made = must(service_->setup(
        SetupRequest{"Acme", "Europe/Paris", "Ada", "ada@acme.example", "correct horse battery"},
        kSetup));
    admin_ = must(service_->authenticate_token(made.token));
    org_ = made.organization;
    bob_ = person("Bob", "bob@acme.example");
    cy_ = person("Cy", "cy@acme.example");
    dee_ = person("Dee", "dee@acme.example");
    Unit team{.name = "Platform", .kind = UnitKind::kTeam, .lead = bob_, .members = {bob_}};
    service_->read(org_, [&](const Model& model) { team.parent = model.company(); });
    team_ = UnitId{run(AddUnit{team})};
    Period q{.name = "Spring 2026",
             .kind = PeriodKind::kCustom,
             .start_date = Date::from_ymd(2026, 3, 2),
             .end_date = Date::from_ymd(2026, 5, 31)};
    q.starts_at = must(local_time(q.start_date, 0, "Europe/Paris"));
    q.ends_at = must(local_time(q.end_date + 1, 0, "Europe/Paris"));
    period_ = PeriodId{run(AddPeriod{q})};
    ship_ = objective("Ship v2", Owner::of_unit(team_), Visibility::kPublic);
    secret_ = objective("Acquire Globex quietly", Owner::of_person(cy_), Visibility::kPrivate);
  }
  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(folder_);
  }

  std::uint32_t run(const Command& command, Instant at = kSetup) {
    return must(service_->execute(admin_, command, at)).applied.created.value_or(0);
  }
  PersonId person(std::string name, std::string email) {
    return PersonId{run(AddPerson{Person{.name = std::move(name), .email = std::move(email)}})};
  }
  ObjectiveId objective(std::string title, Owner owner, Visibility visibility) {
    return ObjectiveId{run(AddObjective{Objective{
        .title = std::move(title), .period = period_, .owner = owner, .visibility = visibility}})};
  }
  KeyResultId key_result(ObjectiveId o, std::string title, PersonId owner,
                         std::vector<PersonId> delegates = {}) {
    return KeyResultId{run(AddKeyResult{KeyResult{.objective = o,
                                                  .title = std::move(title),
                                                  .owner = owner,
                                                  .start = 0,
                                                  .target = 100,
                                                  .delegates = std::move(delegates)}})};
  }
  void check_in(KeyResultId kr, PersonId author, double value, int confidence, Instant at) {
    CheckIn c;
    c.key_result = kr;
    c.author = author;
    c.measurement.value = value;
    c.confidence = confidence;
    c.at = at;
    run(AddCheckIn{c}, at);
  }
  // The person's notifications of one kind, oldest first.
  std::vector<store::NotificationRecord> of(PersonId who, const std::string& kind) {
    const Principal p{org_, who, Role::kMember, 0, {}};
    auto all = must(service_->notifications(p, store::NotificationQuery{INT64_MAX, false, 1000}));
    std::vector<store::NotificationRecord> out;
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      if (it->kind == kind) out.push_back(*it);
    }
    return out;
  }
  std::unique_ptr<Scheduler> scheduler() {
    return std::make_unique<Scheduler>(*service_, [this] { return clock_; });
  }
  // Ticks every hour from the clock's instant up to `until`.
  void tick_until(Scheduler& s, Instant until) {
    for (; clock_ <= until; clock_ = clock_ + 3600) (void)must(s.run_once());
    clock_ = until;
  }

  std::filesystem::path folder_;
  std::string location_;
  std::unique_ptr<Service> service_;
  Principal admin_;
  std::int64_t org_ = 0;
  PersonId bob_, cy_, dee_;
  UnitId team_;
  PeriodId period_;
  ObjectiveId ship_, secret_;
  Instant clock_ = instant_utc(2026, 3, 20, 12);
};

TEST(Cadence, CheckInDaysFollowTheLocalHourAcrossDaylightSaving) {
  const CheckInCadence weekly{Cadence::kWeekly, 1, 9};
  // Paris moves to summer time on Sunday 29 March 2026.
  EXPECT_EQ(must(next_check_in(weekly, "Europe/Paris", instant_utc(2026, 3, 20, 12))),
            instant_utc(2026, 3, 23, 8));
  EXPECT_EQ(must(next_check_in(weekly, "Europe/Paris", instant_utc(2026, 3, 23, 8))),
            instant_utc(2026, 3, 30, 7));
  const CheckInCadence monthly{Cadence::kMonthly, 3, 10};  // first Wednesday
  EXPECT_EQ(must(next_check_in(monthly, "Europe/Paris", instant_utc(2026, 3, 20, 12))),
            instant_utc(2026, 4, 1, 8));
  const CheckInCadence biweekly{Cadence::kBiweekly, 1, 9};
  const Instant first = must(next_check_in(biweekly, "America/New_York", kSetup));
  EXPECT_EQ(must(next_check_in(biweekly, "America/New_York", first)) - first, 14 * 86400 - 3600)
      << "two weeks, one hour shorter across the spring change";
  // 02:30 does not exist on 29 March in Paris: the reminder comes at 03:00.
  EXPECT_EQ(must(local_time(Date::from_ymd(2026, 3, 29), 2, "Europe/Paris")),
            instant_utc(2026, 3, 29, 1));
  EXPECT_FALSE(next_check_in(weekly, "Mars/Olympus", kSetup));
}

TEST_P(SchedulerTest, RemindersComeAtTheLocalHourAcrossDaylightSavingAndNotAfterACheckIn) {
  key_result(ship_, "Cut build time", bob_);
  const KeyResultId cys = key_result(ship_, "Hire two engineers", cy_);
  check_in(cys, cy_, 10, 8, instant_utc(2026, 4, 1, 9));
  std::vector<PersonId> told;  // whom the live stream would tell
  service_->notifier().subscribe([&](std::int64_t, const std::vector<PersonId>& people) {
    told.insert(told.end(), people.begin(), people.end());
  });
  auto s = scheduler();
  tick_until(*s, instant_utc(2026, 4, 7, 0));
  // Every notification the runs made (seq 0: no change caused it) was
  // announced once committed.
  const Principal bob_reads{org_, bob_, Role::kMember, 0, {}};
  const auto bobs = must(service_->notifications(bob_reads, {INT64_MAX, false, 1000}));
  EXPECT_EQ(std::ranges::count(told, bob_),
            std::ranges::count_if(bobs, [](const auto& n) { return n.seq == 0; }));
  EXPECT_GE(std::ranges::count(told, bob_), 3);

  const auto bob = of(bob_, "check_in_reminder");
  ASSERT_EQ(bob.size(), 3u);
  EXPECT_EQ(bob[0].at, instant_utc(2026, 3, 23, 8));  // 09:00 CET
  EXPECT_EQ(bob[1].at, instant_utc(2026, 3, 30, 7));  // 09:00 CEST
  EXPECT_EQ(bob[2].at, instant_utc(2026, 4, 6, 7));
  for (const auto& n : bob) {
    EXPECT_EQ(must(local_date(n.at, "Europe/Paris")).iso_weekday(), 1u);
    EXPECT_NE(n.text.find("Cut build time"), std::string::npos);
    EXPECT_EQ(n.text.find("Hire two engineers"), std::string::npos);
    const boost::json::object params = params_of(n);
    EXPECT_EQ(params.at("count"), 1);
    const auto& items = params.at("key_results").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("title"), "Cut build time");
    EXPECT_EQ(items[0].at("objective_title"), "Ship v2");
    EXPECT_EQ(items[0].at("objective_id").as_string(), "obj_" + std::to_string(ship_.value()));
  }
  const auto cy = of(cy_, "check_in_reminder");
  ASSERT_EQ(cy.size(), 2u) << "checked in on 1 April, within the week before 6 April";
  EXPECT_EQ(cy[1].at, instant_utc(2026, 3, 30, 7));
  EXPECT_TRUE(of(dee_, "check_in_reminder").empty());
}

TEST_P(SchedulerTest, RemindersAndTheDigestArriveByEmailAtTheLocalHourAcrossDaylightSaving) {
  cairn::testing::SmtpReceiver smtp;
  service_->notifier().set_email(true);
  key_result(ship_, "Cut build time", bob_);
  CurlTransport transport(SmtpOptions{smtp.url(), "none", "", "", "cairn@acme.example"});
  Outbox outbox(
      must(store::open_store(location_)), transport,
      [this](std::string_view sealed) { return service_->open_secret(sealed); },
      [this] { return clock_; });
  auto s = scheduler();
  std::vector<std::pair<Instant, std::string>> arrived;  // when each mail left, its text
  for (; clock_ <= instant_utc(2026, 4, 7, 0); clock_ = clock_ + 3600) {
    (void)must(s->run_once());
    const std::size_t before = smtp.mails().size();
    (void)must(outbox.run_once());
    const auto mails = smtp.mails();
    for (std::size_t i = before; i < mails.size(); ++i) arrived.emplace_back(clock_, mails[i].data);
  }
  std::vector<Instant> reminders, digests;
  for (const auto& [at, data] : arrived) {
    EXPECT_NE(data.find("To: bob@acme.example"), std::string::npos) << data;
    if (data.find("wait for your check-in") != std::string::npos) reminders.push_back(at);
    if (data.find("Your week in Cairn") != std::string::npos) digests.push_back(at);
  }
  // Monday 09:00 in Paris: 08:00 UTC before 29 March, 07:00 UTC after.
  EXPECT_EQ(reminders,
            (std::vector<Instant>{instant_utc(2026, 3, 23, 8), instant_utc(2026, 3, 30, 7),
                                  instant_utc(2026, 4, 6, 7)}));
  // Monday 08:00 in Paris; the key result is stale from 11 March on.
  EXPECT_EQ(digests, (std::vector<Instant>{instant_utc(2026, 3, 23, 7), instant_utc(2026, 3, 30, 6),
                                           instant_utc(2026, 4, 6, 6)}));
}

TEST_P(SchedulerTest, ARestartRepeatsNothingAndAMissedRunHappensOnce) {
  key_result(ship_, "Cut build time", bob_);
  (void)must(scheduler()->run_once());  // 20 March: the first times are set, nothing runs
  EXPECT_TRUE(of(bob_, "check_in_reminder").empty());
  // Down from 20 March to 10 April: three Mondays missed, one reminder.
  clock_ = instant_utc(2026, 4, 10, 12);
  EXPECT_EQ(must(scheduler()->run_once()), 3) << "reminder, digest and daily, once each";
  EXPECT_EQ(of(bob_, "check_in_reminder").size(), 1u);
  EXPECT_EQ(of(bob_, "digest").size(), 1u);
  // Restarted again at the same instant, and once more later the same day.
  EXPECT_EQ(must(scheduler()->run_once()), 0);
  clock_ = instant_utc(2026, 4, 10, 20);
  EXPECT_EQ(must(scheduler()->run_once()), 0);
  EXPECT_EQ(of(bob_, "check_in_reminder").size(), 1u);
  for (const store::ScheduleRecord& r : must(service_->schedules(org_))) {
    if (r.job == "check_in_reminder") {
      EXPECT_EQ(r.next_run_at, instant_utc(2026, 4, 13, 7));
    }
    if (r.job == "digest") {
      EXPECT_EQ(r.next_run_at, instant_utc(2026, 4, 13, 6));
    }
    if (r.job == "daily") {
      EXPECT_EQ(r.next_run_at, instant_utc(2026, 4, 11, 5));
    }
  }
}

TEST_P(SchedulerTest, TheDigestListsExactlyThePersonsStaleAndAtRiskKeyResults) {
  // Created 2 March; by Monday 23 March, without a check-in, they are stale.
  key_result(ship_, "Stale and silent", bob_);
  const KeyResultId fine = key_result(ship_, "Fine and fresh", bob_);
  const KeyResultId risky = key_result(ship_, "Risky but fresh", bob_);
  key_result(ship_, "Someone else's", cy_);
  key_result(secret_, "Globex due diligence", cy_, {dee_});  // Dee cannot see it
  must(service_->create_webhook(
      admin_, store::WebhookRecord{0, 0, "http://127.0.0.1:9/", "generic", "*", "k", kSetup, {}},
      kSetup));

  auto s = scheduler();
  clock_ = instant_utc(2026, 3, 5, 12);
  tick_until(*s, instant_utc(2026, 3, 19, 9));
  check_in(fine, bob_, 30, 8, clock_);
  check_in(risky, bob_, 5, 2, clock_);
  tick_until(*s, instant_utc(2026, 3, 23, 12));
  const auto bob = of(bob_, "digest");
  ASSERT_EQ(bob.size(), 2u) << "16 March (all three stale) and 23 March";
  EXPECT_EQ(bob[1].at, instant_utc(2026, 3, 23, 7));  // Monday 08:00 in Paris
  const std::string& text = bob[1].text;
  EXPECT_NE(text.find("At risk:\n  - \u201cRisky but fresh\u201d (Ship v2)\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("(stale):\n  - \u201cStale and silent\u201d (Ship v2)\n"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("Fine and fresh"), std::string::npos);
  EXPECT_EQ(text.find("Someone else"), std::string::npos);
  EXPECT_EQ(text.find("Globex"), std::string::npos);
  // The same lists in the params, for the app.
  const boost::json::object digest = params_of(bob[1]);
  ASSERT_EQ(digest.at("at_risk").as_array().size(), 1u);
  EXPECT_EQ(digest.at("at_risk").as_array()[0].at("title"), "Risky but fresh");
  EXPECT_EQ(digest.at("at_risk").as_array()[0].at("id").as_string(),
            "kr_" + std::to_string(risky.value()));
  ASSERT_EQ(digest.at("stale").as_array().size(), 1u);
  EXPECT_EQ(digest.at("stale").as_array()[0].at("title"), "Stale and silent");
  EXPECT_EQ(digest.at("stale").as_array()[0].at("objective_title"), "Ship v2");

  const auto cy = of(cy_, "digest");
  ASSERT_FALSE(cy.empty());
  EXPECT_NE(cy.back().text.find("Globex due diligence"), std::string::npos);
  EXPECT_NE(cy.back().text.find("Someone else's"), std::string::npos);
  EXPECT_TRUE(of(dee_, "digest").empty());

  // Dee is a delegate of a key result she may not see: nothing about it
  // reaches her, by any kind of notification, nor any webhook.
  const Principal dee{org_, dee_, Role::kMember, 0, {}};
  for (const auto& n : must(service_->notifications(dee, {}))) {
    EXPECT_EQ(n.text.find("Globex"), std::string::npos) << n.kind;
  }
  for (const auto& d : must(service_->deliveries(admin_, {}))) {
    EXPECT_EQ(d.body.find("Globex"), std::string::npos) << d.event;
  }
  // The daily run told Bob when his key results turned stale (after 9 days).
  const auto stale = of(bob_, "stale");
  ASSERT_GE(stale.size(), 1u);
  EXPECT_NE(stale[0].text.find("Stale and silent"), std::string::npos);
  EXPECT_EQ(stale[0].at, instant_utc(2026, 3, 12, 6)) << "the first daily run after it turned";
  const boost::json::object params = params_of(stale[0]);
  EXPECT_EQ(params.at("subject"), "key_result");
  EXPECT_EQ(params.at("title"), "Stale and silent");
  EXPECT_EQ(params.at("objective_title"), "Ship v2");
  EXPECT_EQ(params.at("objective_id").as_string(), "obj_" + std::to_string(ship_.value()));
}

TEST_P(SchedulerTest, PeriodsAndRolloutDatesReachAdminsLeadsAndWebhooks) {
  Period next{.name = "Summer 2026",
              .kind = PeriodKind::kCustom,
              .start_date = Date::from_ymd(2026, 4, 6),
              .end_date = Date::from_ymd(2026, 6, 30)};
  next.starts_at = must(local_time(next.start_date, 0, "Europe/Paris"));
  next.ends_at = must(local_time(next.end_date + 1, 0, "Europe/Paris"));
  run(AddPeriod{next});
  auto s = scheduler();
  tick_until(*s, instant_utc(2026, 4, 7, 0));
  const Principal ada = admin_;
  std::vector<std::string> texts;
  for (const auto& n : must(service_->notifications(ada, {}))) texts.push_back(n.text);
  auto has = [&](std::string_view what) {
    return std::ranges::any_of(
        texts, [&](const std::string& t) { return t.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(has("Rollout of Summer 2026 (starting 2026-04-06): drafts are due today."));
  EXPECT_TRUE(has("Rollout of Summer 2026 (starting 2026-04-06): cross-team review today."));
  EXPECT_TRUE(has("Rollout of Summer 2026 (starting 2026-04-06): commit today."));
  EXPECT_TRUE(has("Summer 2026 runs from 2026-04-06 to 2026-06-30."));
  const auto rollout = of(bob_, "rollout");
  ASSERT_EQ(rollout.size(), 3u) << "Bob leads a unit";
  EXPECT_TRUE(of(cy_, "rollout").empty());
  // The params name each step and its day, 14, 7 and 2 days before the start.
  const std::pair<const char*, const char*> steps[] = {
      {"drafts_due", "2026-03-23"}, {"review", "2026-03-30"}, {"commit", "2026-04-04"}};
  for (std::size_t i = 0; i < 3; ++i) {
    const boost::json::object params = params_of(rollout[i]);
    EXPECT_EQ(params.at("step"), steps[i].first);
    EXPECT_EQ(params.at("date"), steps[i].second);
    EXPECT_EQ(params.at("period"), "Summer 2026");
    EXPECT_EQ(params.at("start_date"), "2026-04-06");
    EXPECT_TRUE(params.at("period_id").as_string().starts_with("prd_"));
  }
  const auto started = of(bob_, "period_changed");
  ASSERT_FALSE(started.empty());
  const boost::json::object change = params_of(started.back());
  EXPECT_EQ(change.at("change"), "started");
  EXPECT_EQ(change.at("period"), "Summer 2026");
  EXPECT_EQ(change.at("end_date"), "2026-06-30");
}

TEST_P(SchedulerTest, AMovedCheckInDayTakesEffectAtOnce) {
  key_result(ship_, "Cut build time", bob_);
  auto s = scheduler();
  (void)must(s->run_once());  // 20 March: the next reminder is Monday 23 March
  Organization org;
  service_->read(org_, [&](const Model& model) { org = model.organization(); });
  org.settings.check_in.weekday = 3;  // Wednesdays
  org.settings.check_in.hour = 14;
  run(SetOrganization{org}, clock_);
  tick_until(*s, instant_utc(2026, 3, 26, 0));
  const auto bob = of(bob_, "check_in_reminder");
  ASSERT_EQ(bob.size(), 1u);
  EXPECT_EQ(bob[0].at, instant_utc(2026, 3, 25, 13)) << "Wednesday 14:00 in Paris";
}

// Not the scheduler, but the same organisation: two instances on one store
// alert once about a change, whichever of them made it.
TEST_P(SchedulerTest, TwoInstancesAlertOnceAboutAStatusChange) {
  const KeyResultId kr = key_result(ship_, "Cut build time", bob_);
  auto other = must(Service::open(location_));
  const Instant at = instant_utc(2026, 3, 20, 12);
  auto check_in_on = [&](Service& service, double value, int confidence, Instant when) {
    CheckIn c;
    c.key_result = kr;
    c.author = bob_;
    c.measurement.value = value;
    c.confidence = confidence;
    c.at = when;
    must(service.execute(admin_, AddCheckIn{c}, when));
  };
  // Bob owns the key result and leads the unit that owns its objective.
  auto alerts = [&] {
    std::size_t n = 0;
    for (const auto& a : of(bob_, "status_changed")) {
      n += a.subject == "key_result:" + std::to_string(kr.value()) ? 1 : 0;
    }
    return n;
  };
  check_in_on(*other, 50, 9, at);          // the other instance knows every status
  check_in_on(*service_, 51, 2, at + 60);  // this one turns it at risk: one alert
  ASSERT_EQ(alerts(), 1u);
  check_in_on(*other, 52, 2, at + 120);  // the other follows first: still at risk
  EXPECT_EQ(alerts(), 1u) << "no second alert for the same change";
  check_in_on(*other, 53, 9, at + 180);     // back on track
  check_in_on(*service_, 54, 2, at + 240);  // at risk again, seen through a followed change
  EXPECT_EQ(alerts(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchedulerTest, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
