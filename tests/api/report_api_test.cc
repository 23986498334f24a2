// GET /reports/maturity, /reports/health and /reports/compare over HTTP
// (docs/maturity.md), on scripted histories (report_org.h): five organisations
// in one store, one at each maturity stage, read as of 31 August 2026.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>

#include "../http/test_client.h"
#include "api_fixture.h"
#include "cairn_process.h"
#include "report_org.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;
using testing::kAsOf;
using testing::ReportOrg;
using testing::write_report_org;
using testing::Shape;

// Q3 2026 runs 92 days from 1 July; kAsOf is 61.5 days in.
constexpr double kQ3Expected = 61.5 / 92;

struct Orgs {
  ReportOrg master, excellence, champion, aware, curious;
};

class ReportApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new std::filesystem::path(
        std::filesystem::temp_directory_path() /
        ("cairn-report-api-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand())));
    std::filesystem::create_directories(*folder_);
    const std::string database = (*folder_ / "cairn.db").string();
    {
      auto service = app::Service::open(database);
      if (!service) throw std::runtime_error(service.error().message);
      orgs_ = new Orgs;
      orgs_->master = write_report_org(**service, {"Master Co"}, nullptr);
      // The first organisation's admin founds the others (a server admin).
      const auto first = (*service)->authenticate_token(orgs_->master.admin);
      if (!first) throw std::runtime_error(first.error().message);
      orgs_->excellence =
          write_report_org(**service, {"Excellence Co", Shape::kThreeQuarters, 10}, &*first);
      orgs_->champion =
          write_report_org(**service, {"Champion Co", Shape::kThreeQuarters, 15}, &*first);
      orgs_->aware = write_report_org(**service, {"Aware Co", Shape::kOneObjective}, &*first);
      orgs_->curious = write_report_org(**service, {"Curious Co", Shape::kEmpty}, &*first);
    }
    server_ = new testing::CairnProcess(database);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete orgs_;
    std::filesystem::remove_all(*folder_);
    delete folder_;
  }

  static Reply call(const std::string& target, const std::string& token) {
    const std::string headers = token.empty() ? "" : testing::bearer(token);
    auto reply = http::testing::fetch(server_->port(), "GET", "/api/v1" + target, headers);
    if (!reply) throw std::runtime_error("no answer to " + target);
    return *reply;
  }
  // The JSON of a 200 answer as of kAsOf; fails the test otherwise.
  static json::value get(const std::string& target, const std::string& token) {
    const char* sep = target.find('?') == std::string::npos ? "?" : "&";
    const Reply reply = call(target + sep + "as_of=" + std::string(kAsOf), token);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
    return reply.status == 200 ? json::parse(reply.body) : json::value();
  }
  // The status of a refused read and the field its problem names (if any).
  static std::pair<int, std::string> refused(const std::string& target, const std::string& token) {
    const Reply reply = call(target, token);
    std::string field;
    const json::value body = json::parse(reply.body);
    if (const json::value* errors = body.as_object().if_contains("errors")) {
      for (const json::value& e : errors->as_array()) field += e.at("field").as_string().c_str();
    }
    const std::string* type = reply.header("content-type");
    EXPECT_TRUE(type && *type == "application/problem+json") << target;
    return {reply.status, field};
  }
  static double number(const json::value& v) { return v.to_number<double>(); }
  static const json::object& criterion(const json::value& report, std::string_view id) {
    for (const json::value& c : report.at("criteria").as_array()) {
      if (c.at("id").as_string() == id) return c.as_object();
    }
    ADD_FAILURE() << "no criterion " << id;
    static const json::object none;
    return none;
  }
  // "unit_3: 1 / 2" for each figure, to compare the counts in one line.
  static std::string counts(const json::value& health) {
    std::string out;
    for (const char* name : {"onboarding", "activity", "alignment", "transparency", "focus"}) {
      const json::value& f = health.at("figures").at(name);
      out += std::string(out.empty() ? "" : ", ") + name + " " +
             std::to_string(f.at("numerator").as_int64()) + "/" +
             std::to_string(f.at("denominator").as_int64());
    }
    return out;
  }

  static std::filesystem::path* folder_;
  static Orgs* orgs_;
  static testing::CairnProcess* server_;
};

std::filesystem::path* ReportApi::folder_ = nullptr;
Orgs* ReportApi::orgs_ = nullptr;
testing::CairnProcess* ReportApi::server_ = nullptr;

// ---- Maturity -----------------------------------------------------------------------------

TEST_F(ReportApi, EachOrganisationReachesItsStage) {
  const struct {
    const char* name;
    const ReportOrg& org;
    const char* stage;
    std::int64_t number;
  } cases[] = {
      {"setup only", orgs_->curious, "curious", 1},
      {"one measurable objective", orgs_->aware, "aware", 2},
      {"check-ins every 15 days", orgs_->champion, "champion", 3},
      {"check-ins every 10 days", orgs_->excellence, "excellence", 4},
      {"weekly check-ins and everything else", orgs_->master, "master", 5},
  };
  for (const auto& c : cases) {
    const json::value r = get("/reports/maturity", c.org.admin);
    EXPECT_EQ(r.at("stage"), c.stage) << c.name;
    EXPECT_EQ(r.at("stage_number").as_int64(), c.number) << c.name;
    EXPECT_EQ(r.at("as_of"), kAsOf.data()) << c.name;
    EXPECT_EQ(r.at("criteria").as_array().size(), 19u) << c.name;
  }
}

TEST_F(ReportApi, MaturityListsEveryCriterionWithWhatWasMeasured) {
  const json::value r = get("/reports/maturity", orgs_->excellence.admin);
  const json::object& interval = criterion(r, "master.check_in_interval");
  EXPECT_EQ(interval.at("stage"), "master");
  EXPECT_EQ(number(interval.at("measured")), 10);
  EXPECT_EQ(number(interval.at("threshold")), 7);
  EXPECT_EQ(interval.at("comparison"), "at_most");
  EXPECT_EQ(interval.at("unit"), "days");
  EXPECT_EQ(interval.at("passed"), false);
  EXPECT_EQ(interval.at("next_step"),
            "Make the weekly check-in a ritual: the same day, a few minutes, every week.");
  const json::object& comments = criterion(r, "master.comments");
  EXPECT_EQ(number(comments.at("measured")), 4.0 / 13) << "4 of 13 objectives that count";
  EXPECT_EQ(comments.at("comparison"), "at_least");
  EXPECT_EQ(comments.at("unit"), "ratio");
  EXPECT_EQ(comments.at("passed"), true);
  EXPECT_TRUE(comments.at("next_step").is_null());
  EXPECT_EQ(number(criterion(r, "champion.periods").at("measured")), 3);
  EXPECT_EQ(number(criterion(r, "excellence.teams").at("measured")), 3);

  // Not measurable yet is null, and fails.
  const json::value curious = get("/reports/maturity", orgs_->curious.admin);
  const json::object& none = criterion(curious, "excellence.check_in_interval");
  EXPECT_TRUE(none.at("measured").is_null());
  EXPECT_EQ(none.at("passed"), false);
  EXPECT_TRUE(none.at("next_step").is_string());
}

TEST_F(ReportApi, MaturityHistoryShowsTheStageAtTheEndOfEachPeriod) {
  const json::value r = get("/reports/maturity", orgs_->master.admin);
  const json::array& history = r.at("history").as_array();
  // Q1 and Q2 had ended by 31 August; Q3 and the year had not.
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].at("period_id"), orgs_->master.q1.c_str());
  EXPECT_EQ(history[0].at("name"), "Q1 2026");
  EXPECT_EQ(history[0].at("end_date"), "2026-03-31");
  // At the end of Q1 only one period had OKRs; at the end of Q2 Q1 was scored.
  EXPECT_EQ(history[0].at("stage"), "aware");
  EXPECT_EQ(history[0].at("stage_number").as_int64(), 2);
  EXPECT_EQ(history[1].at("period_id"), orgs_->master.q2.c_str());
  EXPECT_EQ(history[1].at("stage"), "champion");
  EXPECT_EQ(history[1].at("stage_number").as_int64(), 3);
  for (const json::value& h : history) EXPECT_EQ(h.at("total").as_int64(), 19);
  EXPECT_LT(history[0].at("passed").as_int64(), history[1].at("passed").as_int64());

  // Each milestone is the assessment as of that period's end.
  const json::value at_q2_end =
      json::parse(call("/reports/maturity?as_of=2026-07-01T00:00:00Z", orgs_->master.admin).body);
  std::int64_t passed = 0;
  for (const json::value& c : at_q2_end.at("criteria").as_array()) passed += c.at("passed") == true;
  EXPECT_EQ(history[1].at("passed").as_int64(), passed);
  EXPECT_EQ(at_q2_end.at("history").as_array().size(), 2u) << "Q2 ends at that instant";

  const json::value aware = get("/reports/maturity", orgs_->aware.admin);
  ASSERT_EQ(aware.at("history").as_array().size(), 2u) << "its Q1 and Q2 have ended";
  EXPECT_EQ(aware.at("history").as_array()[0].at("stage"), "aware");
  EXPECT_TRUE(get("/reports/maturity", orgs_->curious.admin).at("history").as_array().empty());
}

TEST_F(ReportApi, EveryMemberMayReadTheMaturityReport) {
  const Reply outsider = call("/reports/maturity", orgs_->master.outsider);
  EXPECT_EQ(outsider.status, 200);
  EXPECT_EQ(outsider.body.find("Team two"), std::string::npos) << "no titles, only aggregates";
}

// ---- Program health ---------------------------------------------------------------------

TEST_F(ReportApi, HealthOfTheWholeOrganisationWithItsCounts) {
  const ReportOrg& m = orgs_->master;
  const json::value h = get("/reports/health", m.outsider);
  EXPECT_EQ(h.at("period_id"), m.q3.c_str()) << "the quarter running on 31 August";
  EXPECT_TRUE(h.at("unit_ids").as_array().empty());
  // Dan never signed in; the KPI-fed key result has no value yet; Team two's
  // objective is private; everyone owns one objective.
  EXPECT_EQ(counts(h), "onboarding 3/4, activity 4/5, alignment 3/3, transparency 3/4, focus 4/4");
  EXPECT_EQ(number(h.at("figures").at("onboarding").at("ratio")), 0.75);
  EXPECT_EQ(number(h.at("figures").at("activity").at("ratio")), 0.8);
  EXPECT_EQ(number(h.at("figures").at("alignment").at("ratio")), 1);
  EXPECT_EQ(number(h.at("objectives_per_owner")), 1);
  // P − e: the company's objective is at (0.1 + 0) / 2, the others at 0.1.
  EXPECT_EQ(h.at("attainment").at("kind"), "pace");
  EXPECT_NEAR(number(h.at("attainment").at("value")), (0.05 + 0.1 * 3) / 4 - kQ3Expected, 1e-12);
}

TEST_F(ReportApi, HealthOfAPilotGroupCountsItsUnitsSubUnitsAndPeople) {
  const ReportOrg& m = orgs_->master;
  const json::value teams =
      get("/reports/health?unit_ids=" + m.team_one + "," + m.team_two, m.admin);
  EXPECT_EQ(teams.at("unit_ids"), json::parse("[\"" + m.team_one + "\",\"" + m.team_two + "\"]"));
  EXPECT_EQ(counts(teams),
            "onboarding 1/2, activity 2/2, alignment 2/2, transparency 1/2, focus 2/2");
  EXPECT_NEAR(number(teams.at("attainment").at("value")), 0.1 - kQ3Expected, 1e-12);
  // Function takes its two teams along: Carol, Bob and Dan; three objectives.
  const json::value function = get("/reports/health?unit_ids=" + m.function, m.admin);
  EXPECT_EQ(counts(function),
            "onboarding 2/3, activity 3/3, alignment 3/3, transparency 2/3, focus 3/3");
}

TEST_F(ReportApi, HealthOfAClosedPeriodReportsItsMeanScore) {
  const json::value q2 = get("/reports/health?period_id=" + orgs_->master.q2, orgs_->master.admin);
  EXPECT_EQ(q2.at("attainment").at("kind"), "score");
  EXPECT_DOUBLE_EQ(number(q2.at("attainment").at("value")), 0.6);
  EXPECT_EQ(counts(q2), "onboarding 3/4, activity 0/0, alignment 3/3, transparency 3/4, focus 4/4")
      << "a closed period has no active key results";
  EXPECT_TRUE(q2.at("figures").at("activity").at("ratio").is_null()) << "undefined, not 0 %";
}

TEST_F(ReportApi, TheHealthTrendHasOnePointPerWeekEndingAtAsOf) {
  const json::value h = get("/reports/health", orgs_->master.admin);
  const json::array& trend = h.at("trend").as_array();
  // 1 July + 0, 7, …, 56 days, then 31 August 12:00.
  ASSERT_EQ(trend.size(), 10u);
  EXPECT_EQ(trend[0].at("as_of"), "2026-07-01T00:00:00Z");
  EXPECT_EQ(trend[1].at("as_of"), "2026-07-08T00:00:00Z");
  EXPECT_EQ(trend[8].at("as_of"), "2026-08-26T00:00:00Z");
  EXPECT_EQ(trend[9].at("as_of"), kAsOf.data());
  // Before Q3's objectives were set (2 July) there was nothing to count.
  EXPECT_EQ(counts(trend[0]),
            "onboarding 3/4, activity 0/0, alignment 0/0, transparency 0/0, focus 0/0");
  EXPECT_TRUE(trend[0].at("attainment").at("value").is_null());
  EXPECT_EQ(counts(trend[1]),
            "onboarding 3/4, activity 4/5, alignment 3/3, transparency 3/4, focus 4/4");
  // The last point is the answer itself.
  EXPECT_EQ(trend[9].at("figures"), h.at("figures"));
  EXPECT_EQ(trend[9].at("attainment"), h.at("attainment"));
}

// ---- Comparing periods ------------------------------------------------------------------

TEST_F(ReportApi, CompareShowsAUnitsPeriodsScoresAndRollovers) {
  const ReportOrg& m = orgs_->master;
  const json::value c = get(
      "/reports/compare?unit_id=" + m.team_one + "&period_ids=" + m.q3 + "," + m.q1 + "," + m.q2,
      m.admin);
  EXPECT_EQ(c.at("unit_id"), m.team_one.c_str());
  const json::array& periods = c.at("periods").as_array();
  ASSERT_EQ(periods.size(), 3u);
  // In the order asked.
  const json::value& q3 = periods[0];
  const json::value& q1 = periods[1];
  const json::value& q2 = periods[2];
  EXPECT_EQ(q1.at("period_id"), m.q1.c_str());
  EXPECT_EQ(q1.at("name"), "Q1 2026");
  EXPECT_EQ(q1.at("start_date"), "2026-01-01");
  EXPECT_EQ(q1.at("end_date"), "2026-03-31");
  EXPECT_EQ(q1.at("state"), "closed");
  // Team one (0.4, weight 1) and Team one extra (0.8, weight 3).
  EXPECT_DOUBLE_EQ(number(q1.at("score")), (0.4 * 1 + 0.8 * 3) / 4);
  EXPECT_DOUBLE_EQ(number(q1.at("progress")), (0.4 * 1 + 0.8 * 3) / 4);
  ASSERT_EQ(q1.at("objectives").as_array().size(), 2u);
  const json::value& extra = q1.at("objectives").as_array()[1];
  EXPECT_EQ(extra.at("id"), m.t1_extra.c_str());
  EXPECT_EQ(extra.at("title"), "Team one extra");
  EXPECT_EQ(extra.at("status"), "closed");
  EXPECT_EQ(number(extra.at("score")), 0.8);
  EXPECT_EQ(extra.at("success"), false) << "committed: succeeds at 1.0";
  EXPECT_EQ(extra.at("type"), "committed");
  EXPECT_TRUE(extra.at("rolled_over_from").is_null());

  EXPECT_DOUBLE_EQ(number(q2.at("score")), 0.6);
  EXPECT_EQ(q2.at("objectives").as_array().size(), 1u);

  EXPECT_EQ(q3.at("state"), "active");
  EXPECT_TRUE(q3.at("score").is_null()) << "nothing scored yet";
  // Team one's own objective at 0.1 and the rolled-over draft, starting where
  // the original ended (6 of 10), at 0.
  EXPECT_DOUBLE_EQ(number(q3.at("progress")), 0.05);
  const json::array& q3_objectives = q3.at("objectives").as_array();
  ASSERT_EQ(q3_objectives.size(), 2u);
  EXPECT_EQ(q3_objectives[0].at("id"), m.t1_q3.c_str());
  EXPECT_EQ(q3_objectives[1].at("id"), m.t1_copy.c_str());
  EXPECT_EQ(q3_objectives[1].at("rolled_over_from"), m.t1_q2.c_str());
  EXPECT_TRUE(q3_objectives[1].at("score").is_null());
  EXPECT_TRUE(q3_objectives[1].at("success").is_null());

  EXPECT_EQ(c.at("rollovers"),
            json::parse(R"([{"from":")" + m.t1_q2 + R"(","to":")" + m.t1_copy + R"("}])"));
  // Without Q2 there is nothing to link.
  const json::value q1_q3 =
      get("/reports/compare?unit_id=" + m.team_one + "&period_ids=" + m.q1 + "," + m.q3, m.admin);
  EXPECT_TRUE(q1_q3.at("rollovers").as_array().empty());
}

TEST_F(ReportApi, CompareDefaultsToTheCompany) {
  const ReportOrg& m = orgs_->master;
  const json::value c = get("/reports/compare?period_ids=" + m.q1 + "," + m.q2, m.admin);
  EXPECT_EQ(c.at("unit_id"), m.company.c_str());
  EXPECT_DOUBLE_EQ(number(c.at("periods").as_array()[0].at("score")), 0.4);
  EXPECT_DOUBLE_EQ(number(c.at("periods").as_array()[1].at("score")), 0.6);
}

TEST_F(ReportApi, CompareLeavesOutWhatTheCallerMayNotSee) {
  const ReportOrg& m = orgs_->master;
  const std::string target =
      "/reports/compare?unit_id=" + m.team_two + "&period_ids=" + m.q2 + "," + m.q3;
  const json::value inside = get(target, m.insider);
  const json::value outside = get(target, m.outsider);
  ASSERT_EQ(inside.at("periods").as_array()[1].at("objectives").as_array().size(), 2u);
  EXPECT_EQ(inside.at("rollovers"),
            json::parse(R"([{"from":")" + m.t2_q2 + R"(","to":")" + m.t2_copy + R"("}])"));
  for (const json::value& p : outside.at("periods").as_array()) {
    EXPECT_TRUE(p.at("objectives").as_array().empty());
  }
  EXPECT_TRUE(outside.at("rollovers").as_array().empty());
  // The private objectives still count in the unit's numbers.
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(outside.at("periods").as_array()[i].at("progress"),
              inside.at("periods").as_array()[i].at("progress"));
    EXPECT_EQ(outside.at("periods").as_array()[i].at("score"),
              inside.at("periods").as_array()[i].at("score"));
  }
  const std::string body = call(target + "&as_of=" + std::string(kAsOf), m.outsider).body;
  EXPECT_EQ(body.find("Team two"), std::string::npos);
  EXPECT_EQ(body.find(m.t2_q3 + "\""), std::string::npos);
}

// ---- Bad input ----------------------------------------------------------------------------

TEST_F(ReportApi, ReportsRefuseWhatTheyCannotAnswer) {
  const ReportOrg& m = orgs_->master;
  const std::string two = "period_ids=" + m.q1 + "," + m.q2;
  for (const char* path : {"/reports/maturity", "/reports/health", "/reports/compare"}) {
    EXPECT_EQ(call(path, "").status, 401) << path;
    EXPECT_EQ(refused(std::string(path) + "?as_of=soon&" + two, m.admin),
              std::make_pair(422, std::string("as_of")))
        << path;
  }
  const struct {
    std::string target;
    int status;
    std::string field;
  } cases[] = {
      {"/reports/health?period_id=" + m.team_one, 422, "period_id"},
      {"/reports/health?unit_ids=" + m.team_one + ",team", 422, "unit_ids"},
      {"/reports/health?unit_ids=" + m.team_one + "," + m.team_one, 422, "unit_ids"},
      {"/reports/health?as_of=1990-01-01T00:00:00Z", 422, "period_id"},  // nothing running
      {"/reports/health?unit_ids=unit_999", 404, ""},
      {"/reports/health?period_id=prd_999", 404, ""},
      {"/reports/compare", 422, "period_ids"},
      {"/reports/compare?period_ids=" + m.q1, 422, "period_ids"},
      {"/reports/compare?period_ids=" + m.q1 + "," + m.q1, 422, "period_ids"},
      {"/reports/compare?period_ids=prd_1,prd_2,prd_3,prd_4,prd_5,prd_6,prd_7,prd_8,prd_9", 422,
       "period_ids"},
      {"/reports/compare?period_ids=" + m.q1 + "," + m.team_one, 422, "period_ids"},
      {"/reports/compare?unit_id=" + m.q1 + "&" + two, 422, "unit_id"},
      {"/reports/compare?unit_id=unit_999&" + two, 404, ""},
      {"/reports/compare?period_ids=" + m.q1 + ",prd_999", 404, ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(refused(c.target, m.admin), std::make_pair(c.status, c.field)) << c.target;
  }
  // On 1 November 2025 neither the company nor the periods existed yet.
  EXPECT_EQ(refused("/reports/compare?as_of=2025-11-01T00:00:00Z&" + two, m.admin).first, 404);
}

}  // namespace
}  // namespace cairn::api
