// OKRs as code round-trips: export → import into an empty organisation →
// export gives the same bytes, in JSON and in YAML, for the demo organisation
// (a closed and scored quarter, overrides, a rollover, dependencies, comments,
// a KPI with its history feeding a key result)
// and for a generated workload.
#include <gtest/gtest.h>

#include <sstream>

#include "app/demo_organization.h"
#include "app/exchange/import_stream.h"
#include "app/exchange/okr_export.h"
#include "app/exchange/okr_import.h"
#include "app/workload.h"

namespace cairn::app::exchange {
namespace {

const core::Instant kNow = core::instant_utc(2026, 11, 22, 9);

std::string export_text(const core::Model& model, DocumentFormat format,
                        const ExportScope& scope = {}) {
  std::ostringstream out;
  auto writer = document_writer(format, out);
  export_document(model, scope, *writer);
  return out.str();
}

std::string describe(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) {
    out += "line " + std::to_string(p.line) + " " + p.path + ": " + p.message + "\n";
  }
  return out;
}

// Imports `text` into `model` as `cairn import` reads it (JSON as a stream);
// the problems, if any, fail the test.
ImportCounts import_text(const std::string& text, DocumentFormat format, core::Model& model) {
  auto read = read_import(text, format, kNow);
  EXPECT_TRUE(read) << read.error().message;
  if (!read) return {};
  EXPECT_TRUE(read->planned.problems.empty()) << describe(read->planned.problems);
  ModelTarget target(model);
  std::vector<Problem> problems;
  ImportCounts counts = run_import(*read->planned.plan, target, problems);
  read->document.locate(problems);
  EXPECT_TRUE(problems.empty()) << describe(problems);
  return counts;
}

void expect_round_trip(const core::Model& source, DocumentFormat format) {
  const std::string first = export_text(source, format);
  core::Model copy;
  import_text(first, format, copy);
  const std::string second = export_text(copy, format);
  if (first != second) {
    // Point at the first difference rather than printing megabytes.
    std::size_t at = 0;
    while (at < first.size() && at < second.size() && first[at] == second[at]) ++at;
    const std::size_t from = at > 200 ? at - 200 : 0;
    ADD_FAILURE() << "exports differ at byte " << at << "\nfirst:\n"
                  << first.substr(from, 400) << "\nsecond:\n"
                  << second.substr(from, 400);
  }
}

class DemoRoundTrip : public ::testing::TestWithParam<DocumentFormat> {};

TEST_P(DemoRoundTrip, ExportImportExportIsByteIdentical) {
  core::Model demo;
  ASSERT_TRUE(build_demo_organization(demo, kNow));
  expect_round_trip(demo, GetParam());
}

TEST_P(DemoRoundTrip, KeepsWhatCountsForScoresAndProgress) {
  core::Model demo;
  ASSERT_TRUE(build_demo_organization(demo, kNow));
  core::Model copy;
  const ImportCounts counts = import_text(export_text(demo, GetParam()), GetParam(), copy);
  EXPECT_EQ(counts.objectives, demo.objective_count());
  EXPECT_EQ(counts.key_results, demo.key_result_count());
  EXPECT_EQ(counts.check_ins, demo.check_in_count());
  ASSERT_EQ(copy.objective_count(), demo.objective_count());
  for (std::uint32_t i = 0; i < demo.objective_count(); ++i) {
    const core::ObjectiveId id{i};
    EXPECT_EQ(copy.objective(id)->effective_score(), demo.objective(id)->effective_score());
    EXPECT_EQ(copy.rollup().objective(id).progress, demo.rollup().objective(id).progress);
  }
}

TEST_P(DemoRoundTrip, RemakesTheKpiItsValuesAndTheCheckInsTheyFed) {
  core::Model demo;
  ASSERT_TRUE(build_demo_organization(demo, kNow));
  ASSERT_EQ(demo.kpi_count(), 1u);
  core::Model copy;
  import_text(export_text(demo, GetParam()), GetParam(), copy);
  ASSERT_EQ(copy.kpi_count(), 1u);
  const core::KpiId id{0};
  EXPECT_EQ(copy.kpi(id)->name, "Uptime");
  EXPECT_EQ(copy.kpi(id)->low, demo.kpi(id)->low);
  EXPECT_FALSE(copy.kpi(id)->high.has_value());
  const auto before = demo.kpi_values(id);
  const auto after = copy.kpi_values(id);
  ASSERT_EQ(after.size(), before.size());
  ASSERT_GT(before.size(), 20u);  // a CSV history, then weekly pulls
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(after[i].at, before[i].at);
    EXPECT_EQ(after[i].recorded_at, before[i].recorded_at);
    EXPECT_EQ(after[i].value, before[i].value);
    EXPECT_EQ(after[i].origin, before[i].origin);
  }
  // The key result it feeds has the same check-ins, each made by a value.
  std::size_t fed = 0;
  for (std::uint32_t i = 0; i < demo.key_result_count(); ++i) {
    const core::KeyResultId kr{i};
    if (demo.key_result(kr)->source != core::ProgressSource::kKpi) continue;
    EXPECT_EQ(copy.key_result(kr)->kpi, id);
    const auto made = copy.check_ins(kr);
    ASSERT_EQ(made.size(), demo.check_ins(kr).size());
    for (std::size_t c = 0; c < made.size(); ++c) {
      EXPECT_EQ(made[c].kpi, id);
      EXPECT_EQ(made[c].measurement.value, demo.check_ins(kr)[c].measurement.value);
      ++fed;
    }
  }
  EXPECT_GT(fed, 3u);
}

INSTANTIATE_TEST_SUITE_P(Formats, DemoRoundTrip,
                         ::testing::Values(DocumentFormat::kJson, DocumentFormat::kYaml),
                         [](const auto& info) {
                           return info.param == DocumentFormat::kJson ? "Json" : "Yaml";
                         });

// Found by the document_import fuzz target: a document without
// `organization` leaves the organisation unnamed, and its export wrote
// `name: ""`, which the import refuses ("name must not be empty").
TEST(HandWrittenRoundTrip, AnOrganisationADocumentLeftUnnamedExportsWhatImportsBack) {
  for (const DocumentFormat format : {DocumentFormat::kJson, DocumentFormat::kYaml}) {
    core::Model model;
    import_text(R"({"people": [{"email": "ada@acme.example", "name": "Ada"}]})",
                DocumentFormat::kJson, model);
    ASSERT_TRUE(model.organization().name.empty());
    expect_round_trip(model, format);
  }
}

// PERFORMANCE.md's `team` workload: 2,000 people, about 1,000 objectives,
// 4,000 key results and 50,000 check-ins.
TEST(WorkloadRoundTrip, TheTeamWorkloadIsByteIdentical) {
  core::Model model;
  WorkloadOptions options;
  options.people = kTeamPeople;
  ASSERT_TRUE(generate_workload(model, options));
  ASSERT_GT(model.check_in_count(), 40'000u);
  expect_round_trip(model, DocumentFormat::kJson);
}

}  // namespace
}  // namespace cairn::app::exchange
