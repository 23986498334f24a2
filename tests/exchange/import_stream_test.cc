// A JSON document read as a stream (each objective planned as it is parsed,
// on another thread) gives the same plan and the same problems, at the same
// paths and lines, as the document parsed whole; a document whose order does
// not stream is read whole, with the same result.
#include "app/exchange/import_stream.h"

#include <gtest/gtest.h>

#include <sstream>

#include "app/demo_organization.h"
#include "app/exchange/import_plan.h"
#include "app/exchange/okr_export.h"

namespace cairn::app::exchange {
namespace {

const core::Instant kNow = core::instant_utc(2026, 11, 22, 9);

std::string demo_json() {
  core::Model demo;
  EXPECT_TRUE(build_demo_organization(demo, kNow));
  std::ostringstream out;
  auto writer = document_writer(DocumentFormat::kJson, out);
  export_document(demo, ExportScope{}, *writer);
  return out.str();
}

std::string lines_of(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) {
    out += std::to_string(p.line) + " " + p.path + ": " + p.message + "\n";
  }
  return out;
}

// What a read plans, as text: every step and the problems.
std::string plan_of(const ReadImport& read) {
  std::string out = lines_of(read.planned.problems);
  const ImportPlan& plan = *read.planned.plan;
  out += std::to_string(plan.objectives.size()) + " objectives, " +
         std::to_string(plan.key_results.size()) + " key results, " +
         std::to_string(plan.check_ins.size()) + " check-ins, " +
         std::to_string(plan.comments.size()) + " comments\n";
  for (const Step& step : plan.steps) {
    out += std::to_string(step.at.seconds) + " " + std::to_string(static_cast<int>(step.kind)) +
           " " + std::to_string(step.index) + "\n";
  }
  for (const CheckInEntry& c : plan.check_ins) {
    out += std::to_string(c.key_result) + " " + std::to_string(c.check_in.measurement.value) + " " +
           std::string(c.check_in.note.view()) + "\n";
  }
  return out;
}

bool streamed(const ReadImport& read) {
  const boost::json::value* objectives = read.document.root().as_object().if_contains("objectives");
  return objectives && objectives->is_array() && objectives->get_array().empty() &&
         !read.planned.plan->objectives.empty();
}

struct Both {
  ReadImport stream, whole;
};

Both read_both(const std::string& text) {
  auto stream = read_import(text, DocumentFormat::kJson, kNow);
  auto whole = read_import_whole(text, DocumentFormat::kJson, kNow);
  EXPECT_TRUE(stream && whole);
  return Both{std::move(*stream), std::move(*whole)};
}

TEST(ImportStream, TheDemoStreamsToTheSamePlanAsTheWholeDocument) {
  const std::string text = demo_json();
  Both both = read_both(text);
  EXPECT_TRUE(streamed(both.stream));
  EXPECT_FALSE(streamed(both.whole));
  EXPECT_TRUE(both.stream.planned.problems.empty()) << lines_of(both.stream.planned.problems);
  EXPECT_GT(both.stream.planned.plan->check_ins.size(), 50u);
  EXPECT_EQ(plan_of(both.stream), plan_of(both.whole));
  // The organisation's name, which names a new organisation, is kept.
  EXPECT_EQ(both.stream.document.root().at("organization").at("name"),
            both.whole.document.root().at("organization").at("name"));
}

// Many objectives: several batches cross between the threads, in order.
std::string many_objectives(int count) {
  std::string text = R"({"format": "cairn-okrs/1",
 "people": [{"email": "ada@acme.example", "name": "Ada", "role": "admin"}],
 "units": [{"id": "acme", "name": "Acme", "kind": "company"}],
 "periods": [{"id": "q2", "name": "Q2 2026", "start_date": "2026-04-01", "end_date": "2026-06-30"}],
 "objectives": [
)";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    text += std::string(i ? ",\n" : "") + R"(  {"id": "o)" + n + R"(", "title": "Objective )" + n +
            R"(", "period": "q2", "owner": {"unit": "acme"},)" +
            (i % 7 == 3 ? R"( "weight": "heavy",)" : "") + R"( "key_results": [{"title": "Reach )" +
            n + R"(", "owner": "ada@acme.example", "target": 10, "check_ins": [{"at": "2026-04-0)" +
            std::to_string(1 + i % 9) + R"(T10:00:00Z", "value": )" + std::to_string(i % 11) +
            R"(}]}]})";
  }
  text += "\n ],\n \"retrospectives\": [],\n \"spelt_wrong\": 1\n}\n";
  return text;
}

TEST(ImportStream, ManyObjectivesGiveTheSamePlanAndProblemsAtTheSameLines) {
  const std::string text = many_objectives(300);
  Both both = read_both(text);
  EXPECT_TRUE(streamed(both.stream));
  EXPECT_EQ(both.stream.planned.plan->objectives.size(), 300u);
  // Every 7th objective has a weight that is not a number, and the root a
  // field nobody reads, after the objectives.
  ASSERT_EQ(both.stream.planned.problems.size(), 43u + 1u)
      << lines_of(both.stream.planned.problems);
  EXPECT_EQ(both.stream.planned.problems.front().path, "/objectives/3/weight");
  EXPECT_EQ(both.stream.planned.problems.front().line, 9);
  EXPECT_EQ(both.stream.planned.problems.back().path, "/spelt_wrong");
  EXPECT_EQ(plan_of(both.stream), plan_of(both.whole));
}

// Orders a stream cannot plan are read whole, with the same result.
TEST(ImportStream, WhatObjectivesReferToAfterThemIsReadWhole) {
  const std::string text = R"({"format": "cairn-okrs/1",
 "objectives": [{"title": "Grow", "period": "q2", "owner": {"unit": "acme"}}],
 "units": [{"id": "acme", "name": "Acme", "kind": "company"}],
 "periods": [{"id": "q2", "name": "Q2 2026", "start_date": "2026-04-01", "end_date": "2026-06-30"}]
})";
  Both both = read_both(text);
  EXPECT_FALSE(streamed(both.stream));
  EXPECT_TRUE(both.stream.planned.problems.empty()) << lines_of(both.stream.planned.problems);
  EXPECT_EQ(plan_of(both.stream), plan_of(both.whole));
}

TEST(ImportStream, ObjectivesListedTwiceAreReadWhole) {
  const std::string text = R"({"objectives": [{"title": "A"}], "objectives": [{"title": "B"}, 7]})";
  Both both = read_both(text);
  EXPECT_EQ(plan_of(both.stream), plan_of(both.whole));
  EXPECT_FALSE(both.stream.planned.problems.empty());
}

TEST(ImportStream, ARootThatIsNotAnObjectOrObjectivesNotAListAreTheWholeReadsProblems) {
  for (const std::string text :
       {R"([1, 2])", R"(42)", R"("text")", R"({"objectives": {"title": "A"}})",
        R"({"objectives": [3, {"title": "A"}]})"}) {
    Both both = read_both(text);
    EXPECT_FALSE(both.stream.planned.problems.empty()) << text;
    EXPECT_EQ(lines_of(both.stream.planned.problems), lines_of(both.whole.planned.problems))
        << text;
  }
}

TEST(ImportStream, ASyntaxErrorIsTheParsersErrorWithItsLine) {
  const std::string text = "{\"objectives\": [\n  {\"title\": \"A\"},\n  {\"title\": }\n]}";
  auto read = read_import(text, DocumentFormat::kJson, kNow);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("line 3"), std::string::npos) << read.error().message;
}

TEST(ImportStream, EscapedKeysAndStringsReadTheSame) {
  std::string text = many_objectives(3);
  text.replace(text.find("\"Objective 1\""), 13, "\"Obj\\u00e9ctive \\\"1\\\"\"");
  text.replace(text.find("\"retrospectives\""), 16, "\"retro\\u0073pectives\"");
  Both both = read_both(text);
  EXPECT_TRUE(streamed(both.stream));
  EXPECT_EQ(plan_of(both.stream), plan_of(both.whole));
  EXPECT_EQ(both.stream.planned.plan->objectives[1].objective.title, "Objéctive \"1\"");
}

}  // namespace
}  // namespace cairn::app::exchange
