// DOMAIN.md "Expected progress and status": every read takes an `as_of`
// instant and evaluates everything as it stood then — check-ins, edits, links,
// archived items, and e itself. An Evaluation before the model's last change
// rebuilds from history; at or after it, it reads the live roll-up, and a
// forced rebuild there gives the same numbers bit for bit.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <vector>

#include "test_model.h"

using namespace cairn::core;
using namespace cairn::core::test_model;

namespace {

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

double kr_progress(const Model& m, KeyResultId id, double day) {
  return Evaluation(m, q1_day(day)).key_result_view(id).progress;
}
double objective_progress(const Model& m, ObjectiveId id, double day) {
  return Evaluation(m, q1_day(day)).objective_view(id).progress;
}

TEST(DomainAsOf, CheckInsRecordedAfterTAreInvisible) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 20, q1_day(10));
  // Dated day 12, but only written down on day 20.
  w.check_in(kr, 50, q1_day(12), std::nullopt, q1_day(20));
  // Dated day 25, written on day 25, deleted on day 30.
  const CheckInId deleted = w.check_in(kr, 90, q1_day(25));
  must(w.model.delete_check_in(deleted, q1_day(30)));
  struct Case {
    double day;
    double p;
    std::size_t visible;
  };
  const Case cases[] = {
      {5, 0, 0},     // before any check-in
      {10, 0.2, 1},  // recorded at this very instant: visible
      {15, 0.2, 1},  // the day-12 value is not written yet
      {19.99, 0.2, 1}, {20, 0.5, 2}, {25, 0.9, 3},
      {29.99, 0.9, 3}, {30, 0.5, 2},  // deleted: gone from then on
      {80, 0.5, 2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.day);
    const Evaluation e(w.model, q1_day(c.day));
    EXPECT_EQ(e.key_result_view(kr).progress, c.p);
    EXPECT_EQ(e.objective_view(o).progress, c.p);
    EXPECT_EQ(e.check_ins(kr).size(), c.visible);
  }
  // The latest visible check-in and its instant.
  const Evaluation at15(w.model, q1_day(15));
  ASSERT_TRUE(at15.latest_check_in(kr));
  EXPECT_EQ(at15.latest_check_in(kr)->measurement.value, 20.0);
  EXPECT_EQ(*at15.key_result_view(kr).last_check_in, q1_day(10));
  EXPECT_FALSE(Evaluation(w.model, q1_day(5)).key_result_view(kr).last_check_in);
}

TEST(DomainAsOf, TargetAndWeightEditsAreSeenAsTheyStood) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId a = w.metric(o, 0, 100);
  const KeyResultId b = w.metric(o, 0, 100);
  w.check_in(a, 50, q1_day(1));
  w.edit(
      a, [](KeyResult& kr) { kr.target = 200; }, q1_day(30));
  w.edit(
      b, [](KeyResult& kr) { kr.weight = 3; }, q1_day(40));
  w.edit(
      a, [](KeyResult& kr) { kr.start = 40; }, q1_day(50));
  struct Case {
    double day;
    double p_a;
    double objective;
  };
  const Case cases[] = {
      {20, 0.5, 0.25},         // target 100: 50 of 100; (0.5 + 0) / 2
      {30, 0.25, 0.125},       // target 200 from day 30
      {45, 0.25, 0.0625},      // b weighs 3 from day 40: 0.25 / 4
      {55, 0.0625, 0.015625},  // start 40: (50 − 40) / (200 − 40)
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.day);
    EXPECT_EQ(kr_progress(w.model, a, c.day), c.p_a);
    EXPECT_EQ(objective_progress(w.model, o, c.day), c.objective);
    const Evaluation e(w.model, q1_day(c.day));
    EXPECT_EQ(*e.key_result(a)->target, c.day < 30 ? 100.0 : 200.0);
  }
}

TEST(DomainAsOf, KeyResultsAndObjectivesCreatedAfterTDoNotExistYet) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId early = w.metric(o, 0, 100, 1, ProgressSource::kCheckIns, q1_day(1));
  w.check_in(early, 100, q1_day(2));
  const KeyResultId late = w.metric(o, 0, 100, 1, ProgressSource::kCheckIns, q1_day(10));
  const ObjectiveId later = w.objective(ProgressMode::kKeyResults, {}, 1, q1_day(20));
  EXPECT_EQ(objective_progress(w.model, o, 5), 1.0);
  EXPECT_EQ(objective_progress(w.model, o, 10), 0.5);
  const Evaluation e(w.model, q1_day(5));
  EXPECT_EQ(e.key_result(late), nullptr);
  EXPECT_EQ(e.objective(later), nullptr);
  EXPECT_NE(Evaluation(w.model, q1_day(20)).objective(later), nullptr);
}

TEST(DomainAsOf, LinkAdditionsRemovalsAndEditsAreSeenAsTheyStood) {
  World w;
  const ObjectiveId parent = w.objective(ProgressMode::kChildren);
  const ObjectiveId full = w.objective(ProgressMode::kManual);
  w.set_manual(full, 1);
  const ObjectiveId empty = w.objective(ProgressMode::kManual);
  const LinkId empty_link = w.link(NodeRef::of(empty), NodeRef::of(parent));
  const LinkId full_link = w.link(NodeRef::of(full), NodeRef::of(parent), 1, true, q1_day(10));
  must(w.model.update_link(full_link, 3, true, q1_day(20)));
  must(w.model.update_link(full_link, 3, false, q1_day(30)));
  must(w.model.update_link(full_link, 3, true, q1_day(40)));
  must(w.model.remove_link(full_link, q1_day(50)));
  must(w.model.remove_link(empty_link, q1_day(60)));
  struct Case {
    double day;
    double parent;
    bool full_link_exists;
  };
  const Case cases[] = {
      {5, 0, false},     // only the empty child
      {10, 0.5, true},   // (1 + 0) / 2
      {20, 0.75, true},  // weight 3
      {30, 0, true},     // supporting only
      {40, 0.75, true},  // contributing again
      {50, 0, false},    // removed
      {60, 0, false},    // no children: 0
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.day);
    const Evaluation e(w.model, q1_day(c.day));
    EXPECT_EQ(e.objective_view(parent).progress, c.parent);
    EXPECT_EQ(e.link(full_link) != nullptr, c.full_link_exists);
  }
  EXPECT_EQ(Evaluation(w.model, q1_day(59)).link(empty_link)->weight, 1.0);
  EXPECT_EQ(Evaluation(w.model, q1_day(60)).link(empty_link), nullptr);
}

TEST(DomainAsOf, ArchivingIsSeenAsItStood) {
  World w;
  const ObjectiveId parent = w.objective(ProgressMode::kCombined);
  const KeyResultId own = w.metric(parent, 0, 100);
  w.check_in(own, 100, q1_day(1));
  const ObjectiveId child = w.objective(ProgressMode::kManual);
  w.set_manual(child, 0.5);
  w.link(NodeRef::of(child), NodeRef::of(parent));
  const ObjectiveId low = w.objective();
  const KeyResultId kept = w.metric(low, 0, 100);
  const KeyResultId dropped = w.metric(low, 0, 100);
  w.check_in(kept, 25, q1_day(1));
  w.check_in(dropped, 75, q1_day(1));
  w.archive(dropped, q1_day(50));
  w.archive(child, q1_day(60));
  struct Case {
    double day;
    double parent;
    double low;
  };
  const Case cases[] = {
      {45, 0.75, 0.5},  // (1 + 0.5) / 2; (0.25 + 0.75) / 2
      {55, 0.75, 0.25},
      {65, 1, 0.25},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.day);
    EXPECT_EQ(objective_progress(w.model, parent, c.day), c.parent);
    EXPECT_EQ(objective_progress(w.model, low, c.day), c.low);
  }
  EXPECT_FALSE(Evaluation(w.model, q1_day(45)).key_result(dropped)->archived);
  EXPECT_TRUE(Evaluation(w.model, q1_day(55)).key_result(dropped)->archived);
}

TEST(DomainAsOf, ObjectiveEditsAreSeenAsTheyStood) {
  World w;
  const ObjectiveId o = w.objective(ProgressMode::kKeyResults);
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 40, q1_day(1));
  w.edit(
      o,
      [](Objective& x) {
        x.progress_mode = ProgressMode::kManual;
        x.manual_progress = 0.875;
      },
      q1_day(10));
  w.set_manual(o, 0.125, q1_day(20));
  EXPECT_EQ(objective_progress(w.model, o, 5), 0.4);
  EXPECT_EQ(objective_progress(w.model, o, 15), 0.875);
  EXPECT_EQ(objective_progress(w.model, o, 25), 0.125);
  EXPECT_EQ(Evaluation(w.model, q1_day(5)).explain(o).source, "key_results");
  EXPECT_EQ(Evaluation(w.model, q1_day(15)).explain(o).source, "manual");
}

TEST(DomainAsOf, ExpectedAndStatusUseT) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 50, q1_day(1));
  w.check_in(kr, 70, q1_day(80));
  // Read as of day 45 long after: e = 0.5, and p as it was then.
  const Evaluation at45(w.model, q1_day(45));
  EXPECT_EQ(at45.expected(kr), 0.5);
  EXPECT_EQ(at45.key_result_view(kr).expected, 0.5);
  EXPECT_EQ(at45.objective_view(o).expected, 0.5);
  EXPECT_EQ(at45.key_result_view(kr).progress, 0.5);
  EXPECT_STREQ(to_string(at45.key_result_view(kr).status), "on_track");
  // As of day 72 (e 0.8): g = 0.3, at risk then, whatever came later.
  const Evaluation at72(w.model, q1_day(72));
  EXPECT_EQ(at72.expected(kr), 0.8);
  EXPECT_STREQ(to_string(at72.key_result_view(kr).status), "at_risk");
  // On day 81 (e 0.9) the day-80 value 0.7 makes it behind (g 0.2).
  EXPECT_STREQ(to_string(Evaluation(w.model, q1_day(81)).key_result_view(kr).status), "behind");
  // Evaluation::status (what the writer's alerts compare after each change)
  // skips the rest of a view; it must be the view's status on every day.
  for (double day : {1.0, 45.0, 72.0, 81.0, 89.0}) {
    const Evaluation at(w.model, q1_day(day));
    EXPECT_EQ(at.status(NodeRef::of(kr)), at.key_result_view(kr).status) << "day " << day;
    EXPECT_EQ(at.status(NodeRef::of(o)), at.objective_view(o).status) << "day " << day;
    // So must the figures a check-in's answer shows (key_result_figures,
    // objective_figures), which skip the same.
    const KeyResultView view = at.key_result_view(kr);
    const KeyResultView figures = at.key_result_figures(kr);
    EXPECT_EQ(figures.current, view.current) << "day " << day;
    EXPECT_EQ(figures.progress, view.progress) << "day " << day;
    EXPECT_EQ(figures.attainment, view.attainment) << "day " << day;
    EXPECT_EQ(figures.expected, view.expected) << "day " << day;
    EXPECT_EQ(figures.confidence, view.confidence) << "day " << day;
    EXPECT_EQ(figures.status, view.status) << "day " << day;
    EXPECT_FALSE(figures.forecast) << "no forecast: it reads every check-in";
    const ObjectiveView objective = at.objective_view(o);
    EXPECT_EQ(at.objective_figures(o).progress, objective.progress) << "day " << day;
    EXPECT_EQ(at.objective_figures(o).expected, objective.expected) << "day " << day;
    EXPECT_EQ(at.objective_figures(o).status, objective.status) << "day " << day;
  }
  EXPECT_STREQ(to_string(at72.status(NodeRef::of(kr))), "at_risk");
}

TEST(DomainAsOf, PeriodAndDueDateEditsMoveExpected) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  Period shorter = *w.model.period(w.q1);
  shorter.end_date = Date::from_ymd(2026, 2, 14);  // 45 days
  shorter.ends_at = start_of_day_utc(shorter.end_date + 1);
  must(w.model.update_period(shorter, q1_day(20)));
  w.edit(
      kr, [](KeyResult& x) { x.due_at = q1_day(30); }, q1_day(25));
  EXPECT_EQ(Evaluation(w.model, q1_day(10)).expected(kr), 1.0 / 9);  // 10 of 90 days
  EXPECT_EQ(Evaluation(w.model, q1_day(10)).expected(o), 1.0 / 9);
  EXPECT_EQ(Evaluation(w.model, q1_day(22.5)).expected(kr), 0.5);  // 22.5 of 45
  EXPECT_EQ(Evaluation(w.model, q1_day(22.5)).expected(o), 0.5);
  EXPECT_EQ(Evaluation(w.model, q1_day(27)).expected(kr), 0.9);  // 27 of 30
  EXPECT_EQ(Evaluation(w.model, q1_day(27)).expected(o), 0.6);   // 27 of 45
}

// ---- Rebuild at the latest instant equals the live roll-up --------------------------

void expect_same_as_live(const Model& m, Instant t) {
  const Evaluation rebuilt(m, t, Evaluation::Mode::kRebuild);
  ASSERT_NE(&rebuilt.rollup(), &m.rollup());
  for (std::uint32_t i = 0; i < m.objective_count(); ++i) {
    const ObjectiveId id{i};
    SCOPED_TRACE(to_string(NodeRef::of(id)));
    EXPECT_EQ(bits(rebuilt.rollup().objective(id).progress),
              bits(m.rollup().objective(id).progress));
    EXPECT_EQ(rebuilt.rollup().objective(id).started, m.rollup().objective(id).started);
  }
  for (std::uint32_t i = 0; i < m.key_result_count(); ++i) {
    const KeyResultId id{i};
    SCOPED_TRACE(to_string(NodeRef::of(id)));
    const Rollup::KeyResultValue& a = rebuilt.rollup().key_result(id);
    const Rollup::KeyResultValue& b = m.rollup().key_result(id);
    EXPECT_EQ(bits(a.current), bits(b.current));
    EXPECT_EQ(bits(a.progress), bits(b.progress));
    EXPECT_EQ(bits(a.attainment), bits(b.attainment));
    EXPECT_EQ(a.started, b.started);
  }
}

TEST(DomainAsOf, RebuildAtTheLatestInstantEqualsTheLiveRollup) {
  World w;
  const ObjectiveId company = w.objective(ProgressMode::kCombined, w.year);
  const KeyResultId revenue = w.metric(company, 0, 1'000'000, 2, ProgressSource::kSum);
  const KeyResultId nps = w.metric(company, 20, 50, 1, ProgressSource::kChildren);
  const ObjectiveId sales = w.objective(ProgressMode::kKeyResults);
  const KeyResultId emea = w.metric(sales, 0, 600'000, 0.3);
  const KeyResultId apac = w.metric(sales, 0, 300'000, 0.7);
  const ObjectiveId support = w.objective(ProgressMode::kCombined);
  const KeyResultId tickets = w.metric(support, 500, 100);  // decreasing
  const KeyResultId latency = w.band(support, 0.1, 0.3);
  const KeyResultId launch = w.boolean(support);
  const KeyResultId plan = w.milestones(support, {0.5, 1.5, 0});
  w.link(NodeRef::of(emea), NodeRef::of(revenue), 1, true, q1_day(1));
  w.link(NodeRef::of(apac), NodeRef::of(revenue), 1, true, q1_day(1));
  w.link(NodeRef::of(support), NodeRef::of(nps), 0.7, true, q1_day(1));
  w.link(NodeRef::of(sales), NodeRef::of(company), 1.3, true, q1_day(1));
  w.link(NodeRef::of(support), NodeRef::of(company), 0.9, false, q1_day(1));
  const ObjectiveId helper = w.objective(ProgressMode::kManual);
  w.link(NodeRef::of(helper), NodeRef::of(support), 0.1, true, q1_day(1));
  w.set_manual(helper, 0.3, q1_day(2));
  w.check_in(emea, 123'456.7, q1_day(3));
  w.check_in(apac, 99'999.9, q1_day(4));
  w.check_in(tickets, 333.3, q1_day(5));
  w.check_in(latency, 0.2, q1_day(6));
  w.check_in(launch, done_of(true), q1_day(7));
  w.check_in(plan, milestones_of(0b011), q1_day(8));
  w.edit(
      apac, [](KeyResult& kr) { kr.weight = 0.1; }, q1_day(9));
  expect_same_as_live(w.model, w.model.last_change());
  expect_same_as_live(w.model, q1_day(60));
  // The live roll-up is what an automatic evaluation at or after the last change reads.
  EXPECT_EQ(&Evaluation(w.model, w.model.last_change()).rollup(), &w.model.rollup());
  EXPECT_NE(&Evaluation(w.model, w.model.last_change() - 1).rollup(), &w.model.rollup());
  // And the numbers a reader sees are the same either way.
  const Evaluation live(w.model, q1_day(60));
  const Evaluation rebuilt(w.model, q1_day(60), Evaluation::Mode::kRebuild);
  for (ObjectiveId o : {company, sales, support, helper}) {
    EXPECT_EQ(bits(live.objective_view(o).progress), bits(rebuilt.objective_view(o).progress));
    EXPECT_EQ(live.objective_view(o).status, rebuilt.objective_view(o).status);
  }
  for (KeyResultId k : {revenue, nps, emea, apac, tickets, latency, launch, plan}) {
    EXPECT_EQ(bits(live.key_result_view(k).progress), bits(rebuilt.key_result_view(k).progress));
    EXPECT_EQ(live.key_result_view(k).status, rebuilt.key_result_view(k).status);
  }
  // Spot-check two numbers: the sum and the milestones.
  EXPECT_EQ(w.c(revenue), 123'456.7 + 99'999.9);
  EXPECT_EQ(w.p(plan), 1.0);  // milestones of weight 0.5 and 1.5 done, of 2 in all
}

}  // namespace
