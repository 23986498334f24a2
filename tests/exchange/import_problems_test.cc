// A document with mistakes: every problem is reported with its path and line,
// and nothing is imported.
#include <gtest/gtest.h>

#include <map>

#include "app/exchange/okr_import.h"

namespace cairn::app::exchange {
namespace {

const core::Instant kNow = core::instant_utc(2026, 5, 1, 9);

// A small organisation written by hand, as docs/okrs-as-code.md shows it.
const char* kHandWritten = R"(format: cairn-okrs/1
organization:
  name: Acme
  timezone: Europe/Berlin
people:
  - email: ada@acme.example
    name: Ada
    role: admin
  - email: bo@acme.example
    name: Bo
    manager: ada@acme.example
units:
  - id: acme
    name: Acme
    kind: company
    lead: ada@acme.example
  - id: growth
    name: Growth
    parent: acme
    members: [bo@acme.example]
periods:
  - id: q2
    name: Q2 2026
    start_date: 2026-04-01
    end_date: 2026-06-30
objectives:
  - id: revenue
    title: Grow revenue in Europe
    period: q2
    owner: {unit: acme}
    key_results:
      - id: arr
        title: ARR from 1.0 to 1.5 million
        owner: ada@acme.example
        start: 1.0
        target: 1.5
        unit: M EUR
        check_ins:
          - {at: "2026-04-20T10:00:00Z", value: 1.25, confidence: 7}
  - title: Win the German market
    period: q2
    owner: {unit: growth}
    parents:
      - key_result: arr
    key_results:
      - title: Sign 10 customers in Germany
        owner: bo@acme.example
        target: 10
        unit: customers
)";

struct Outcome {
  std::vector<Problem> problems;
  ImportCounts counts;
};

Outcome import(const std::string& text, core::Model& model) {
  Outcome out;
  auto parsed = parse_document(text, sniff_format(text));
  if (!parsed) {
    out.problems.push_back(Problem{"", 0, parsed.error().message});
    return out;
  }
  PlannedImport planned = plan_import(*parsed, kNow);
  out.problems = planned.problems;
  ModelTarget target(model);
  out.counts = run_import(*planned.plan, target, out.problems);
  parsed->locate(out.problems);
  return out;
}

TEST(HandWrittenDocument, ImportsWithDefaultsAndForwardReferences) {
  core::Model model;
  Outcome out = import(kHandWritten, model);
  ASSERT_TRUE(out.problems.empty())
      << out.problems.front().path << ": " << out.problems.front().message;
  EXPECT_EQ(out.counts.people, 2u);
  EXPECT_EQ(out.counts.units, 2u);
  EXPECT_EQ(out.counts.objectives, 2u);
  EXPECT_EQ(out.counts.key_results, 2u);
  EXPECT_EQ(out.counts.check_ins, 1u);
  // The period starts at midnight in Berlin (UTC+2 in April).
  EXPECT_EQ(model.period(core::PeriodId{0})->starts_at, core::instant_utc(2026, 3, 31, 22));
  // 1.0 → 1.25 of 1.5: p = 0.5; the team objective aligns to that key result.
  EXPECT_DOUBLE_EQ(model.rollup().key_result(core::KeyResultId{0}).progress, 0.5);
  EXPECT_EQ(model.graph().parent_links(core::NodeRef::of(core::ObjectiveId{1})).size(), 1u);
  EXPECT_EQ(model.person(core::PersonId{1})->manager, core::PersonId{0});
}

TEST(DocumentProblems, SyntaxErrorsNameTheirLine) {
  core::Model model;
  Outcome yaml = import("people:\n  - email: a@b.example\n    name: [unclosed\n", model);
  ASSERT_EQ(yaml.problems.size(), 1u);
  EXPECT_NE(yaml.problems[0].message.find("line 4"), std::string::npos) << yaml.problems[0].message;
  Outcome json = import("{\n  \"people\": [\n    {\"email\": \"a@b.example\",}\n  ]\n}\n", model);
  ASSERT_EQ(json.problems.size(), 1u);
  EXPECT_NE(json.problems[0].message.find("line 3"), std::string::npos) << json.problems[0].message;
}

TEST(DocumentProblems, EveryProblemIsReportedWithPathAndLine) {
  std::string text = kHandWritten;
  // Three mistakes: a misspelt field, a person nobody listed, a weight the
  // model refuses.
  text.replace(text.find("    role: admin"), 15, "    rol: admin");
  text.replace(text.find("        owner: bo@acme.example"), 30, "        owner: cy@acme.example");
  text.replace(text.find("    parents:\n"), 13, "    weight: -2\n    parents:\n");
  core::Model model;
  Outcome out = import(text, model);
  ASSERT_EQ(out.problems.size(), 3u);
  std::map<std::string, Problem> by_path;
  for (const Problem& p : out.problems) by_path[p.path] = p;
  ASSERT_TRUE(by_path.count("/people/0/rol"));
  EXPECT_EQ(by_path["/people/0/rol"].line, 8);
  ASSERT_TRUE(by_path.count("/objectives/1/key_results/0/owner"));
  EXPECT_NE(by_path["/objectives/1/key_results/0/owner"].message.find("cy@acme.example"),
            std::string::npos);
  EXPECT_EQ(by_path["/objectives/1/key_results/0/owner"].line, 48);
  ASSERT_TRUE(by_path.count("/objectives/1"));  // refused by the model: its weight
  EXPECT_NE(by_path["/objectives/1"].message.find("weight"), std::string::npos)
      << by_path["/objectives/1"].message;
  EXPECT_EQ(by_path["/objectives/1"].line, 40);
}

TEST(DocumentProblems, JsonProblemsHaveLinesToo) {
  const std::string text = R"({
  "people": [
    {"email": "a@b.example", "name": "A"},
    {"email": "a@b.example", "name": true}
  ]
})";
  core::Model model;
  Outcome out = import(text, model);
  ASSERT_EQ(out.problems.size(), 2u);
  for (const Problem& p : out.problems) EXPECT_EQ(p.line, 4) << p.path << ": " << p.message;
}

TEST(DocumentProblems, AliasesAndDuplicateKeysAreRefused) {
  core::Model model;
  EXPECT_NE(import("a: &x 1\nb: *x\n", model).problems.at(0).message.find("aliases"),
            std::string::npos);
  EXPECT_NE(import("people: []\npeople: []\n", model).problems.at(0).message.find("twice"),
            std::string::npos);
}

// A KPI with two values, feeding a key result.
const char* kWithKpi = R"(format: cairn-okrs/1
organization:
  name: Acme
  timezone: Europe/Berlin
people:
  - email: ada@acme.example
    name: Ada
    role: admin
units:
  - id: acme
    name: Acme
    kind: company
    lead: ada@acme.example
periods:
  - id: q2
    name: Q2 2026
    start_date: 2026-04-01
    end_date: 2026-06-30
kpis:
  - id: wau
    name: Weekly active users
    unit: users
    owner: ada@acme.example
    low: 100
    values:
      - {at: "2026-04-06T09:00:00Z", value: 120, origin: push}
      - {at: "2026-04-13T09:00:00Z", value: 135}
objectives:
  - id: growth
    title: Grow usage
    period: q2
    owner: {unit: acme}
    key_results:
      - id: users
        title: Reach 200 weekly active users
        owner: ada@acme.example
        start: 100
        target: 200
        progress_source: kpi
        kpi: wau
)";

std::map<std::string, Problem> by_path(const std::vector<Problem>& problems) {
  std::map<std::string, Problem> out;
  for (const Problem& p : problems) out[p.path] = p;
  return out;
}

TEST(HandWrittenKpi, ImportsItsValuesAndFeedsTheKeyResultTheLatest) {
  core::Model model;
  Outcome out = import(kWithKpi, model);
  ASSERT_TRUE(out.problems.empty())
      << out.problems.front().path << ": " << out.problems.front().message;
  EXPECT_EQ(out.counts.kpis, 1u);
  ASSERT_EQ(model.kpi_count(), 1u);
  const core::KpiId wau{0};
  EXPECT_EQ(model.kpi(wau)->low, 100);
  ASSERT_EQ(model.kpi_values(wau).size(), 2u);
  EXPECT_EQ(model.kpi_values(wau)[0].origin, core::KpiOrigin::kPush);
  // Recorded when they held, before the key result existed (created now, as
  // a hand-written one is): it takes the latest value when it is tied.
  EXPECT_EQ(model.kpi_values(wau)[1].recorded_at, core::instant_utc(2026, 4, 13, 9));
  const core::KeyResultId users{0};
  ASSERT_EQ(model.check_ins(users).size(), 1u);
  EXPECT_EQ(model.check_ins(users)[0].kpi, wau);
  EXPECT_EQ(model.check_ins(users)[0].measurement.value, 135);
  EXPECT_EQ(out.counts.check_ins, 1u);
  EXPECT_DOUBLE_EQ(model.rollup().key_result(users).progress, 0.35);
}

TEST(KpiProblems, EachBadEntryIsReportedWithPathAndLine) {
  std::string text = kWithKpi;
  // An unknown field, a KPI without its owner, a key result naming a KPI the
  // document does not have.
  text.replace(text.find("    unit: users"), 15, "    colour: red");
  text.replace(text.find("    owner: ada@acme.example\n    low"), 27, "    high: 300");
  text.replace(text.find("        kpi: wau"), 16, "        kpi: nps");
  core::Model model;
  Outcome out = import(text, model);
  auto problems = by_path(out.problems);
  ASSERT_EQ(out.problems.size(), 3u) << out.problems.front().message;
  ASSERT_TRUE(problems.count("/kpis/0/colour"));
  EXPECT_EQ(problems["/kpis/0/colour"].line, 22);
  ASSERT_TRUE(problems.count("/kpis/0/owner"));
  EXPECT_EQ(problems["/kpis/0/owner"].message, "is required");
  EXPECT_EQ(problems["/kpis/0/owner"].line, 20);  // an absent field: its object's line
  ASSERT_TRUE(problems.count("/objectives/0/key_results/0/kpi"));
  EXPECT_NE(problems["/objectives/0/key_results/0/kpi"].message.find("nps"), std::string::npos);
  EXPECT_EQ(problems["/objectives/0/key_results/0/kpi"].line, 40);
}

TEST(KpiProblems, ANonFiniteValueIsRefused) {
  const std::string text = R"({
  "people": [{"email": "ada@acme.example", "name": "Ada"}],
  "kpis": [
    {"name": "Revenue", "owner": "ada@acme.example",
     "values": [{"at": "2026-04-06T09:00:00Z", "value": 1e999}]}
  ]
})";
  core::Model model;
  Outcome out = import(text, model);
  ASSERT_EQ(out.problems.size(), 1u);
  EXPECT_EQ(out.problems[0].path, "/kpis/0/values/0/value");
  EXPECT_EQ(out.problems[0].message, "must be a finite number");
  EXPECT_EQ(out.problems[0].line, 5);
}

TEST(KpiProblems, CheckInsThatTheValuesDoNotMakeAreRefused) {
  // The key result lists a check-in of 140; the KPI's latest value is 135.
  const std::string text = std::string(kWithKpi) +
                           "        check_ins:\n"
                           "          - {at: \"2026-04-13T09:00:00Z\", recorded_at: "
                           "\"2026-05-01T09:00:00Z\", value: 140, kpi: wau}\n";
  core::Model model;
  Outcome out = import(text, model);
  auto problems = by_path(out.problems);
  ASSERT_EQ(out.problems.size(), 2u) << out.problems.front().message;
  // The one the value made, at the list (its first entry's line) …
  ASSERT_TRUE(problems.count("/objectives/0/key_results/0/check_ins"));
  EXPECT_NE(problems["/objectives/0/key_results/0/check_ins"].message.find("135"),
            std::string::npos);
  EXPECT_EQ(problems["/objectives/0/key_results/0/check_ins"].line, 42);
  // … and the one the document lists that no value made.
  ASSERT_TRUE(problems.count("/objectives/0/key_results/0/check_ins/0"));
  EXPECT_EQ(problems["/objectives/0/key_results/0/check_ins/0"].line, 42);

  // With the value the KPI has, the same document imports.
  std::string right = text;
  right.replace(right.find("value: 140"), 10, "value: 135");
  core::Model other;
  EXPECT_TRUE(import(right, other).problems.empty());
}

TEST(KpiProblems, AKpiOfTheSameNameIsReusedWithItsHistory) {
  core::Model model;
  ASSERT_TRUE(import(kWithKpi, model).problems.empty());
  // Importing again adds the objective again, not the KPI nor its values.
  Outcome again = import(kWithKpi, model);
  ASSERT_TRUE(again.problems.empty()) << again.problems.front().message;
  EXPECT_EQ(again.counts.kpis, 0u);
  EXPECT_EQ(model.kpi_count(), 1u);
  EXPECT_EQ(model.kpi_values(core::KpiId{0}).size(), 2u);
  EXPECT_EQ(model.key_result(core::KeyResultId{1})->kpi, core::KpiId{0});
}

}  // namespace
}  // namespace cairn::app::exchange
