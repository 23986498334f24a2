// Spreadsheets: a period exported as CSV (one row per key result, the
// numbers the rules compute) and as XLSX, and the plain layout imported back
// with an error per row.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/demo_organization.h"
#include "app/exchange/csv_import.h"
#include "app/exchange/spreadsheet_export.h"

namespace cairn::app::exchange {
namespace {

const core::Instant kNow = core::instant_utc(2026, 11, 22, 9);

class Spreadsheets : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(build_demo_organization(model_, kNow));
    for (std::uint32_t i = 0; i < model_.period_count(); ++i) {
      if (model_.period(core::PeriodId{i})->name == "Q4 2026") quarter_ = core::PeriodId{i};
    }
    ASSERT_TRUE(quarter_.valid());
  }
  std::string csv() {
    const core::Evaluation eval(model_, kNow);
    std::ostringstream out;
    write_csv(period_sheet(eval, quarter_), out);
    return out.str();
  }
  CsvImportOutcome import(const std::string& text) {
    ModelTarget target(model_);
    return import_csv(text, target, CsvImportOptions{kNow, std::nullopt});
  }
  core::Model model_;
  core::PeriodId quarter_;
};

TEST_F(Spreadsheets, CsvHasOneQuotedRowPerKeyResultWithTheRulesNumbers) {
  const std::string text = csv();
  std::istringstream lines(text);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("\"Objective ID\",\"Objective\",\"Objective owner\",\"Unit\"", 0), 0u);
  std::size_t rows = 0;
  for (std::string line; std::getline(lines, line);) ++rows;
  std::size_t key_results = 0;
  for (core::ObjectiveId o : model_.objectives_in(quarter_)) {
    if (model_.objective(o)->archived()) continue;
    for (core::KeyResultId kr : model_.key_results_of(o))
      key_results += !model_.key_result(kr)->archived;
  }
  EXPECT_EQ(rows, key_results);
  // NPS 30 → 50, last check-in 39.5: progress (39.5 − 30) / 20 = 0.475.
  EXPECT_NE(text.find("\"Increase NPS from 30 to 50\",\"maya@larkspur.example\",\"metric\",\"30\","
                      "\"50\",\"39.5\",\"NPS\",\"0.475\","),
            std::string::npos)
      << text.substr(0, 1200);
  EXPECT_EQ(text.find("0.3999999"), std::string::npos);  // fractions to four decimals
}

TEST_F(Spreadsheets, XlsxIsAWorkbookWithTheSameRows) {
  const core::Evaluation eval(model_, kNow);
  const Sheet sheet = period_sheet(eval, quarter_);
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("cairn-sheet-" + std::to_string(::getpid()) + ".xlsx"))
                               .string();
  ASSERT_TRUE(write_xlsx(sheet, path));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::filesystem::remove(path);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // a zip archive, as every .xlsx is
  EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_FALSE(write_xlsx(sheet, "/nonexistent-folder/x.xlsx"));
}

// Found by the api_body fuzz target: a period called 'Q2 2026' (quotes
// included) made libxlsxwriter refuse the sheet's name and give no sheet, and
// GET /export?format=xlsx crashed the server writing to it.
TEST_F(Spreadsheets, AnyPeriodNameMakesAWorkbookWithASheetExcelAccepts) {
  const struct {
    std::string title, name;
  } kCases[] = {
      {"Q4 2026", "Q4 2026"},
      {"'Q2 2026'", "Q2 2026"},
      {"''", "OKRs"},
      {"", "OKRs"},
      {"History", "OKRs"},
      {"HISTORY", "OKRs"},
      {"Q2 [draft]: a/b\\c*?", "Q2 -draft-- a-b-c--"},
      // 31 characters, never half of one.
      {"Deuxi\u00e8me trimestre \u2014 ventes en Europe",
       "Deuxi\u00e8me trimestre \u2014 ventes en "},
  };
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("cairn-names-" + std::to_string(::getpid()) + ".xlsx"))
                               .string();
  Sheet sheet = period_sheet(core::Evaluation(model_, kNow), quarter_);
  for (const auto& c : kCases) {
    EXPECT_EQ(sheet_name(c.title), c.name) << c.title;
    sheet.title = c.title;
    EXPECT_TRUE(write_xlsx(sheet, path)) << c.title;
  }
  std::filesystem::remove(path);
}

TEST_F(Spreadsheets, ImportingTheExportedSheetBackChangesNothing) {
  const std::size_t objectives = model_.objective_count();
  const std::size_t check_ins = model_.check_in_count();
  const CsvImportOutcome out = import(csv());
  ASSERT_TRUE(out.outcome.problems.empty()) << out.outcome.problems.front().message;
  EXPECT_EQ(model_.objective_count(), objectives);
  EXPECT_EQ(model_.check_in_count(), check_ins);
  EXPECT_FALSE(out.ignored_columns.empty());
}

// Found by the csv_import fuzz target: a current value with more than the
// sheet's twelve significant digits (here from the text of a 98-digit number)
// came back from the exported sheet as a different number, and importing the
// sheet back checked it in.
TEST_F(Spreadsheets, AValueWithMoreDigitsThanTheSheetShowsImportsBackUnchanged) {
  const std::string sheet =
      "Objective,Key result,Owner,Unit,Period,Start,Target,Current,Measure\n"
      "Grow the partner channel,Sign 10 partners,sam@larkspur.example,Sales,Q4 2026,0,10,"
      "77777777777777777777777777777777777777777777777777777777777777777777777777777777777777777777"
      "77"
      "7773,partners\n"
      "Grow the partner channel,Win partners,sam@larkspur.example,Sales,Q4 2026,0,3,"
      "1.2345678901234567,partners\n";
  const CsvImportOutcome first = import(sheet);
  ASSERT_TRUE(first.outcome.problems.empty()) << first.outcome.problems.front().message;
  EXPECT_EQ(first.outcome.counts.key_results, 2u);
  const std::string exported = csv();
  EXPECT_NE(exported.find("\"7.77777777778e+97\""), std::string::npos) << exported;
  EXPECT_NE(exported.find("\"1.23456789012\""), std::string::npos) << exported;
  const std::size_t check_ins = model_.check_in_count();
  const CsvImportOutcome back = import(exported);
  ASSERT_TRUE(back.outcome.problems.empty()) << back.outcome.problems.front().message;
  EXPECT_EQ(model_.check_in_count(), check_ins);
  // A value that differs at the sheet's precision is still checked in.
  const std::size_t before = model_.check_in_count();
  const CsvImportOutcome changed = import(
      "Objective,Key result,Owner,Unit,Period,Start,Target,Current,Measure\n"
      "Grow the partner channel,Win partners,sam@larkspur.example,Sales,Q4 2026,0,3,"
      "1.23456789013,partners\n");
  ASSERT_TRUE(changed.outcome.problems.empty()) << changed.outcome.problems.front().message;
  EXPECT_EQ(model_.check_in_count(), before + 1);
}

TEST_F(Spreadsheets, ThePlainLayoutMakesObjectivesKeyResultsAndCheckIns) {
  const std::size_t objectives = model_.objective_count();
  // Semicolons, a byte order mark, a quoted title with a comma and a newline,
  // thousands separators: as spreadsheets save them.
  const std::string sheet =
      "\xEF\xBB\xBFObjective;Key Result;Owner;Unit;Start;Target;Current;Measure;Confidence\n"
      "Ship the mobile app;\"Publish to both stores,\nApple and Google\";Priya Raman;"
      "Product team;0;2;1;stores;8\n"
      "Ship the mobile app;Reach 1,000 installs;priya@larkspur.example;Product team;0;"
      "1 000;120;installs;\n";
  CsvImportOutcome out = import(sheet);
  ASSERT_TRUE(out.outcome.problems.empty()) << out.outcome.problems.front().message;
  EXPECT_EQ(out.outcome.counts.objectives, 1u);
  EXPECT_EQ(out.outcome.counts.key_results, 2u);
  EXPECT_EQ(out.outcome.counts.check_ins, 2u);
  ASSERT_EQ(model_.objective_count(), objectives + 1);
  const core::ObjectiveId made{static_cast<std::uint32_t>(objectives)};
  const auto krs = model_.key_results_of(made);
  ASSERT_EQ(krs.size(), 2u);
  EXPECT_EQ(model_.key_result(krs[0])->title, "Publish to both stores,\nApple and Google");
  EXPECT_EQ(*model_.key_result(krs[1])->target, 1000);
  EXPECT_DOUBLE_EQ(model_.rollup().key_result(krs[1]).progress, 0.12);
  EXPECT_EQ(model_.latest_check_in(krs[0], kNow)->confidence, 8);

  // The same sheet again with one new value: one check-in, nothing else.
  std::string again = sheet;
  again.replace(again.find(";120;"), 5, ";180;");
  out = import(again);
  ASSERT_TRUE(out.outcome.problems.empty());
  EXPECT_EQ(out.outcome.counts.objectives, 0u);
  EXPECT_EQ(out.outcome.counts.key_results, 0u);
  EXPECT_EQ(out.outcome.counts.check_ins, 1u);
  EXPECT_EQ(out.updated_check_ins, 1u);
}

TEST_F(Spreadsheets, EveryBadRowIsReportedWithItsNumber) {
  const CsvImportOutcome out = import(
      "objective,key result,owner,unit,start,target\n"
      "Grow,Sign 10 customers,Nobody Here,Sales,0,10\n"
      "Grow,Sign 20 customers,maya@larkspur.example,Atlantis,0,20\n"
      "Grow,Sign 30 customers,maya@larkspur.example,Sales,zero,30\n"
      ",Orphan,maya@larkspur.example,Sales,0,1\n"
      "Grow,Same as start,maya@larkspur.example,Sales,5,5\n");
  std::vector<std::pair<int, std::string>> seen;
  for (const Problem& p : out.outcome.problems) seen.emplace_back(p.line, p.message);
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0], std::make_pair(2, std::string("owner: nobody is called Nobody Here")));
  EXPECT_EQ(seen[1], std::make_pair(3, std::string("unit: no unit is called Atlantis")));
  EXPECT_EQ(seen[2], std::make_pair(4, std::string("start: \"zero\" is not a number")));
  EXPECT_EQ(seen[3], std::make_pair(5, std::string("objective: is empty")));
  EXPECT_EQ(seen[4].first, 6);  // the rules refuse a target equal to the start
}

TEST_F(Spreadsheets, AMalformedFileOrMissingColumnsSayWhere) {
  CsvImportOutcome out = import("objective,key result\n\"unclosed,x\n");
  ASSERT_EQ(out.outcome.problems.size(), 1u);
  EXPECT_NE(out.outcome.problems[0].message.find("malformed CSV"), std::string::npos);
  out = import("title,owner\nGrow,maya@larkspur.example\n");
  ASSERT_EQ(out.outcome.problems.size(), 2u);
  EXPECT_EQ(out.outcome.problems[0].line, 1);
  EXPECT_EQ(out.outcome.problems[0].message, "a column \"objective\" is required");
}

}  // namespace
}  // namespace cairn::app::exchange
