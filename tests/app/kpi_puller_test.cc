// KPI pulls against a JSON source on loopback, with a clock the test moves
// (docs/kpis.md): the KPI and the key result it feeds follow the source with
// exactly one check-in per new value; a timeout, a refused connection, a
// status other than 200, an answer that is not JSON, a missing pointer and a
// value that is not a number each leave the value as it was, record the
// error and are retried sooner; sealed headers reach the source and nowhere
// else.
#include "app/kpi_puller.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "loopback_receivers.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using namespace cairn::core;
using testing::must;

const Instant kSetup = instant_utc(2026, 3, 2, 10);

class KpiPullerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = store::testing::fresh_folder("kpi-puller");
    location_ = store::testing::location("sqlite", folder_);
    service_ = must(Service::open(location_));
    const SetupResult made = must(service_->setup(
        SetupRequest{"Acme", "UTC", "Ada", "ada@acme.example", "correct horse battery"}, kSetup));
    admin_ = must(service_->authenticate_token(made.token));
    org_ = made.organization;
    const PeriodId q{run(AddPeriod{Period{.name = "Q1 2026",
                                          .kind = PeriodKind::kQuarter,
                                          .start_date = Date::from_ymd(2026, 1, 1),
                                          .end_date = Date::from_ymd(2026, 3, 31),
                                          .starts_at = instant_utc(2026, 1, 1),
                                          .ends_at = instant_utc(2026, 4, 1)}})};
    UnitId company;
    service_->read(org_, [&](const Model& model) { company = model.company(); });
    const ObjectiveId grow{run(
        AddObjective{Objective{.title = "Grow", .period = q, .owner = Owner::of_unit(company)}})};
    kpi_ = KpiId{run(AddKpi{Kpi{.name = "Weekly active users", .owner = admin_.person}})};
    kr_ = KeyResultId{run(AddKeyResult{KeyResult{.objective = grow,
                                                 .title = "Reach 200 weekly active users",
                                                 .owner = admin_.person,
                                                 .start = 100,
                                                 .target = 200,
                                                 .source = ProgressSource::kKpi,
                                                 .kpi = kpi_}})};
  }
  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(folder_);
  }

  std::uint32_t run(const Command& command) {
    return must(service_->execute(admin_, command, kSetup)).applied.created.value_or(0);
  }
  void pull_from(const std::string& url, std::vector<KpiHeader> headers = {}) {
    must(service_->set_kpi_pull(admin_, kpi_, KpiPull{url, "/data/count", 5, std::move(headers)},
                                clock_));
  }
  std::unique_ptr<KpiPuller> puller() {
    KpiPullerOptions options;
    options.timeout = std::chrono::milliseconds(1000);
    return std::make_unique<KpiPuller>(
        *service_, [this] { return clock_; }, options);
  }
  store::KpiSourceRecord source() { return must(service_->kpi_source(admin_, kpi_)); }
  // The KPI's latest value, the key result's current value and its check-ins.
  std::optional<double> latest() {
    return service_->read(org_, [&](const Model& model) -> std::optional<double> {
      const KpiValue* v = model.latest_kpi_value(kpi_, Instant::max());
      return v ? std::optional<double>(v->value) : std::nullopt;
    });
  }
  std::size_t check_ins() {
    return service_->read(org_, [&](const Model& model) { return model.check_ins(kr_).size(); });
  }
  double current() {
    return service_->read(org_, [&](const Model& model) {
      return Evaluation(model, clock_).key_result_view(kr_).current;
    });
  }
  // Moves the clock to the source's next pull and runs the puller.
  int next_pull(KpiPuller& p) {
    clock_ = *source().next_pull_at;
    return must(p.run_once());
  }

  std::filesystem::path folder_;
  std::string location_;
  std::unique_ptr<Service> service_;
  Principal admin_;
  std::int64_t org_ = 0;
  KpiId kpi_;
  KeyResultId kr_;
  Instant clock_ = instant_utc(2026, 3, 10, 9);  // after the setup
};

TEST_F(KpiPullerTest, TheKpiAndItsKeyResultFollowTheSourceOneCheckInPerNewValue) {
  cairn::testing::JsonSource json;
  json.answer(200, R"({"data":{"count":120}})");
  pull_from(json.url(), {{"Authorization", "Bearer s3cret", ""}});
  auto p = puller();
  EXPECT_EQ(must(p->run_once()), 1);  // a new pull runs at once
  EXPECT_EQ(latest(), 120);
  EXPECT_EQ(check_ins(), 1u);
  EXPECT_EQ(current(), 120);
  ASSERT_EQ(json.requests().size(), 1u);
  EXPECT_EQ(json.requests()[0].headers["authorization"], "Bearer s3cret");
  EXPECT_EQ(json.requests()[0].target, "/metrics.json");
  EXPECT_EQ(source().last_success_at, clock_);
  EXPECT_EQ(source().next_pull_at, clock_ + 5 * 60);
  // The secret is sealed at rest: the stored headers do not hold it.
  EXPECT_EQ(source().headers.find("s3cret"), std::string::npos);

  // Not due yet: nothing runs.
  clock_ = clock_ + 60;
  EXPECT_EQ(must(p->run_once()), 0);
  // The same value again is no new value.
  EXPECT_EQ(next_pull(*p), 1);
  EXPECT_EQ(check_ins(), 1u);
  // A new one is one more check-in.
  json.answer(200, R"({"data":{"count":150.5}})");
  EXPECT_EQ(next_pull(*p), 1);
  EXPECT_EQ(latest(), 150.5);
  EXPECT_EQ(check_ins(), 2u);
  EXPECT_EQ(current(), 150.5);
  service_->read(org_, [&](const Model& model) {
    const CheckIn& last = model.check_ins(kr_).back();
    EXPECT_EQ(last.kpi, kpi_);
    EXPECT_EQ(last.at, clock_);
    EXPECT_EQ(model.kpi_values(kpi_).back().origin, KpiOrigin::kPull);
  });
  EXPECT_EQ(json.requests().size(), 3u);
}

// A pulled value is a check-in like any other: the key result's status
// follows, and its owner hears of the change as after a hand check-in, also
// when the owner keeps the KPI (the source, not the owner, is the actor).
TEST_F(KpiPullerTest, APulledValueChangesTheStatusAndAlertsTheOwner) {
  cairn::testing::JsonSource json;
  json.answer(200, R"({"data":{"count":190}})");  // 90% on 10 March: on track
  pull_from(json.url());
  auto p = puller();
  EXPECT_EQ(must(p->run_once()), 1);
  auto status = [&] {
    return service_->read(org_, [&](const Model& model) {
      return Evaluation(model, clock_).key_result_view(kr_).status;
    });
  };
  EXPECT_EQ(status(), Status::kOnTrack);
  auto alerts = [&] {
    std::vector<store::NotificationRecord> out;
    for (const auto& n :
         must(service_->notifications(admin_, store::NotificationQuery{INT64_MAX, false, 100}))) {
      if (n.kind == "status_changed") out.push_back(n);
    }
    return out;
  };
  EXPECT_TRUE(alerts().empty());

  json.answer(200, R"({"data":{"count":110}})");  // 10% with 76% expected
  EXPECT_EQ(next_pull(*p), 1);
  EXPECT_EQ(status(), Status::kAtRisk);
  const auto changed = alerts();
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].subject, "key_result:" + std::to_string(kr_.value()));
  EXPECT_NE(changed[0].text.find("is now at_risk"), std::string::npos) << changed[0].text;
}

TEST_F(KpiPullerTest, EveryFailureLeavesTheValueRecordsTheErrorAndRetriesSooner) {
  cairn::testing::JsonSource json;
  json.answer(200, R"({"data":{"count":120}})");
  pull_from(json.url());
  auto p = puller();
  must(p->run_once());
  ASSERT_EQ(check_ins(), 1u);

  struct Failure {
    int status;
    std::string body;
    int delay_ms;
    std::string error;
  };
  const std::vector<Failure> failures = {
      {503, R"({"data":{"count":999}})", 0, "HTTP 503"},
      {200, "<html>maintenance</html>", 0, "the answer is not JSON"},
      {200, R"({"data":{}})", 0, "no value at /data/count"},
      {200, R"({"data":{"count":"many"}})", 0,
       "the value at /data/count is a string, not a number"},
      {200, R"({"data":{"count":null}})", 0, "the value at /data/count is null, not a number"},
      {200, R"({"data":{"count":999}})", 2500, "timed out"},
  };
  int in_a_row = 0;
  for (const Failure& f : failures) {
    SCOPED_TRACE(f.error);
    json.answer(f.status, f.body, f.delay_ms);
    const Instant before = *source().next_pull_at;
    EXPECT_EQ(next_pull(*p), 1);
    ++in_a_row;
    EXPECT_EQ(latest(), 120);
    EXPECT_EQ(check_ins(), 1u);
    const store::KpiSourceRecord s = source();
    EXPECT_NE(s.last_error.find(f.error), std::string::npos) << s.last_error;
    EXPECT_EQ(s.failures, in_a_row);
    EXPECT_EQ(s.last_attempt_at, before);
    // Retried after 1, 2, 4 … minutes, never later than the 5-minute interval.
    EXPECT_EQ(*s.next_pull_at - before, std::min<std::int64_t>(60 << (in_a_row - 1), 300));
  }

  // The source answers one request at a time: let it finish the slow one.
  std::this_thread::sleep_for(std::chrono::milliseconds(1600));

  // A source that is gone: the connection is refused.
  const std::string gone = [] {
    cairn::testing::JsonSource closed;
    return closed.url();
  }();
  pull_from(gone);
  EXPECT_EQ(must(p->run_once()), 1);
  EXPECT_FALSE(source().last_error.empty());
  EXPECT_EQ(latest(), 120);

  // Back again: the value follows and the error is gone.
  json.answer(200, R"({"data":{"count":175}})");
  pull_from(json.url());
  EXPECT_EQ(must(p->run_once()), 1);
  EXPECT_EQ(latest(), 175);
  EXPECT_EQ(check_ins(), 2u);
  EXPECT_EQ(source().last_error, "");
  EXPECT_EQ(source().failures, 0);
}

TEST_F(KpiPullerTest, HeadersComeSealedOrFromTheEnvironmentAndAreKeptByName) {
  cairn::testing::JsonSource json;
  json.answer(200, R"({"data":{"count":130}})");
  ::setenv("CAIRN_TEST_KPI_KEY", "from-the-environment", 1);
  pull_from(json.url(),
            {{"Authorization", "Bearer s3cret", ""}, {"X-Api-Key", "", "CAIRN_TEST_KPI_KEY"}});
  // Changing the interval and naming a header alone keeps its sealed value.
  must(service_->set_kpi_pull(
      admin_, kpi_,
      KpiPull{json.url(),
              "/data/count",
              10,
              {{"Authorization", "", ""}, {"X-Api-Key", "", "CAIRN_TEST_KPI_KEY"}}},
      clock_));
  auto p = puller();
  must(p->run_once());
  ASSERT_EQ(json.requests().size(), 1u);
  EXPECT_EQ(json.requests()[0].headers["authorization"], "Bearer s3cret");
  EXPECT_EQ(json.requests()[0].headers["x-api-key"], "from-the-environment");
  EXPECT_EQ(latest(), 130);

  // A variable that is gone is an error, not a request without it.
  ::unsetenv("CAIRN_TEST_KPI_KEY");
  json.answer(200, R"({"data":{"count":140}})");
  EXPECT_EQ(next_pull(*p), 1);
  EXPECT_EQ(source().last_error, "the environment variable CAIRN_TEST_KPI_KEY is not set");
  EXPECT_EQ(json.requests().size(), 1u);
  EXPECT_EQ(latest(), 130);

  // Bad settings are refused, each named, and change nothing.
  const auto refused = service_->set_kpi_pull(
      admin_, kpi_,
      KpiPull{"ftp://example.com/x",
              "data",
              0,
              {{"Bad Name", "x", ""}, {"X-Both", "v", "ENV"}, {"X-New", "", ""}}},
      clock_);
  ASSERT_FALSE(refused);
  std::string fields;
  for (const auto& f : refused.error().fields) fields += f.field + " ";
  EXPECT_EQ(fields, "url pointer interval_minutes headers[0].name headers[1] headers[2] ");
  EXPECT_EQ(source().interval_minutes, 10);
}

TEST_F(KpiPullerTest, TheNumberIsReadExactlyAndOnlyFromAGoodAnswer) {
  EXPECT_EQ(must(read_kpi_value({200, R"({"a":[1,{"b/c":0.1}]})"}, "/a/1/b~1c")), 0.1);
  EXPECT_EQ(must(read_kpi_value({200, "42"}, "")), 42);
  EXPECT_EQ(must(read_kpi_value({200, R"({"n":-7e2})"}, "/n")), -700);
  EXPECT_FALSE(read_kpi_value({404, "42"}, ""));
  EXPECT_FALSE(read_kpi_value({200, R"({"n":true})"}, "/n"));
  EXPECT_FALSE(read_kpi_value({200, R"({"n":[1]})"}, "/n"));
  EXPECT_FALSE(read_kpi_value({200, R"({"n":1})"}, "/m"));
}

TEST_F(KpiPullerTest, PushTokensAuthenticateOneKpiUntilReplacedOrRevoked) {
  const std::string first = must(service_->create_kpi_token(admin_, kpi_, clock_));
  const Principal source = must(service_->authenticate_kpi_token(first));
  EXPECT_EQ(source.kpi_source, kpi_);
  EXPECT_EQ(source.actor(), "kpi:" + std::to_string(kpi_.value()));
  // The source records its KPI's values, and nothing else.
  must(service_->execute(source, AddKpiValues{kpi_, {KpiValue{clock_, 140, KpiOrigin::kPush, {}}}},
                         clock_));
  EXPECT_EQ(latest(), 140);
  const auto other =
      service_->execute(source, AddKpi{Kpi{.name = "Other", .owner = admin_.person}}, clock_);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);

  const std::string second = must(service_->create_kpi_token(admin_, kpi_, clock_));
  EXPECT_FALSE(service_->authenticate_kpi_token(first));
  EXPECT_TRUE(service_->authenticate_kpi_token(second));
  must(service_->revoke_kpi_token(admin_, kpi_, kSetup));
  EXPECT_FALSE(service_->authenticate_kpi_token(second));
  EXPECT_FALSE(service_->authenticate_kpi_token("cairnkpi_not-a-token"));
  EXPECT_FALSE(service_->authenticate_kpi_token(""));
}

}  // namespace
}  // namespace cairn::app
