// GET /reports/period.pdf over HTTP: the period report as a PDF, read back
// with poppler's pdftotext (as a reader would see it): the period, its
// objectives and their key results, the retrospectives; a private objective
// only for those who may see it; bad input is a problem, not a PDF.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class PeriodReportApi : public CollabApiTest {
 protected:
  // The text of a PDF, as pdftotext extracts it.
  std::string text_of(const std::string& pdf) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("cairn-report-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf;
    std::string text;
    if (FILE* p = ::popen(("pdftotext -layout " + path.string() + " -").c_str(), "r")) {
      char buffer[4096];
      while (std::size_t n = std::fread(buffer, 1, sizeof buffer, p)) text.append(buffer, n);
      ::pclose(p);
    }
    std::filesystem::remove(path);
    return text;
  }
  std::string header(const http::testing::Reply& reply, const std::string& name) {
    const std::string* value = reply.header(name);
    return value ? *value : "";
  }
};

// A score as the report prints it: up to two decimals, no trailing zeros.
std::string score_text(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", score);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

TEST_F(PeriodReportApi, ThePdfTellsThePeriodsStoryToThoseWhoMaySeeIt) {
  const auto insider = get("/reports/period.pdf?period_id=" + org_.period, org_.insider);
  ASSERT_EQ(insider.status, 200) << insider.body;
  EXPECT_EQ(header(insider, "content-type"), "application/pdf");
  EXPECT_NE(header(insider, "content-disposition").find("-review.pdf\""), std::string::npos);
  ASSERT_EQ(insider.body.substr(0, 5), "%PDF-");
  const std::string seen = text_of(insider.body);
  EXPECT_NE(seen.find("review · Larkspur Labs"), std::string::npos) << seen;
  EXPECT_NE(seen.find("Delight our customers"), std::string::npos);
  EXPECT_NE(seen.find("Company progress:"), std::string::npos);
  EXPECT_NE(seen.find("OKR maturity:"), std::string::npos);
  EXPECT_NE(seen.find("Migrate to the new data centre quietly"), std::string::npos)
      << "Lucía leads the Platform team";
  EXPECT_NE(seen.find("Move 40 services"), std::string::npos);

  const auto outsider = get("/reports/period.pdf?period_id=" + org_.period, org_.outsider);
  ASSERT_EQ(outsider.status, 200);
  const std::string outside = text_of(outsider.body);
  EXPECT_NE(outside.find("Delight our customers"), std::string::npos);
  EXPECT_EQ(outside.find("quietly"), std::string::npos) << "a private objective stays private";
  EXPECT_EQ(outside.find("Move 40 services"), std::string::npos);

  // Without period_id: the period running now.
  const auto running = get("/reports/period.pdf", org_.viewer);
  ASSERT_EQ(running.status, 200);
  EXPECT_NE(text_of(running.body).find("Delight our customers"), std::string::npos);
}

TEST_F(PeriodReportApi, LastQuartersReportHasItsScoresAndRetrospective) {
  const json::value list = expect(get("/retrospectives", org_.viewer), 200);
  const std::string last(list.at("items").at(0).at("period_id").as_string());
  const auto reply = get("/reports/period.pdf?period_id=" + last, org_.viewer);
  ASSERT_EQ(reply.status, 200);
  const std::string text = text_of(reply.body);
  EXPECT_NE(text.find("Objectives that succeeded:"), std::string::npos) << text;
  // Every scored unit objective with the score the API gives it.
  const json::value objectives =
      expect(get("/objectives?limit=1000&period_id=" + last, org_.viewer), 200);
  int scored = 0;
  for (const json::value& o : objectives.at("items").as_array()) {
    if (o.at("score").is_null() || !o.at("owner").as_object().contains("unit_id")) continue;
    ++scored;
    EXPECT_NE(text.find("score " + score_text(o.at("score").to_number<double>())),
              std::string::npos)
        << o.at("title");
  }
  EXPECT_GT(scored, 0);
  EXPECT_NE(text.find("Set the metric's baseline before the quarter starts."), std::string::npos);
  EXPECT_NE(text.find("How did our first OKRs go?"), std::string::npos);
}

TEST_F(PeriodReportApi, TheJsonReportHasTheApisNumbersAndHidesWhatTheCallerMayNotSee) {
  const json::value list = expect(get("/retrospectives", org_.viewer), 200);
  const std::string last(list.at("items").at(0).at("period_id").as_string());
  const json::value report = expect(get("/reports/period?period_id=" + last, org_.viewer), 200);
  EXPECT_EQ(report.at("state"), "closed");
  EXPECT_EQ(report.at("organization"), "Larkspur Labs");
  // Each listed objective has the score and success GET /objectives gives it;
  // succeeded counts the listed ones that succeeded.
  std::int64_t listed = 0, succeeded = 0;
  for (const json::value& unit : report.at("units").as_array()) {
    for (const json::value& o : unit.at("objectives").as_array()) {
      ++listed;
      const json::value api =
          expect(get("/objectives/" + std::string(o.at("id").as_string()), org_.viewer), 200);
      EXPECT_EQ(o.at("score"), api.at("score")) << o.at("title");
      EXPECT_EQ(o.at("success"), api.at("success")) << o.at("title");
      if (o.at("success") == true) ++succeeded;
    }
  }
  EXPECT_GT(listed, 0);
  EXPECT_EQ(report.at("objectives"), listed);
  EXPECT_EQ(report.at("succeeded"), succeeded);
  ASSERT_EQ(report.at("retrospectives").as_array().size(), 1u);
  EXPECT_EQ(report.at("retrospectives").at(0).at("unit_name"), "Larkspur Labs");
  EXPECT_EQ(report.at("retrospectives").at(0).at("answers").at("lessons"),
            "Set the metric's baseline before the quarter starts.");

  // This quarter: the private objective only for those who may see it.
  const std::string path = "/reports/period?period_id=" + org_.period;
  EXPECT_NE(get(path, org_.insider).body.find(org_.secret_objective + "\""), std::string::npos);
  EXPECT_EQ(get(path, org_.outsider).body.find(org_.secret_objective + "\""), std::string::npos);
  EXPECT_EQ(get(path, org_.outsider).body.find("quietly"), std::string::npos);
}

TEST_F(PeriodReportApi, BadInputIsAProblem) {
  EXPECT_EQ(get("/reports/period.pdf?period_id=prd_9999", org_.viewer).status, 404);
  EXPECT_EQ(get("/reports/period.pdf?period_id=unit_1", org_.viewer).status, 422);
  EXPECT_EQ(get("/reports/period.pdf?as_of=soon", org_.viewer).status, 422);
  EXPECT_EQ(get("/reports/period.pdf", "").status, 401);
  EXPECT_EQ(get("/reports/period?period_id=prd_9999", org_.viewer).status, 404);
  EXPECT_EQ(get("/reports/period?period_id=x", org_.viewer).status, 422);
}

}  // namespace
}  // namespace cairn::api
