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

}  // namespace
}  // namespace cairn::app::exchange
