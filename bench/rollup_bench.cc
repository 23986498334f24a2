// The roll-up benchmarks of PERFORMANCE.md, with their baseline in the same run.
//
//   full_rollup            every objective and key result, topological order cached
//   full_rollup_and_order  the same, recomputing the order first
//   sqlite_cte_rollup      the baseline: the same roll-up in SQLite, a recursive CTE
//                          for the levels and one aggregate UPDATE per level
//   check_in               Model::add_check_in on a key result of a deepest team:
//                          validation, append, and the roll-up up to the company
//   update_from            the incremental roll-up alone for such a key result
//
// It also reports the model's memory: the heap bytes the organisation takes
// without its check-ins, per key result, and what each check-in adds.
//
// Size: CAIRN_BENCH_PEOPLE (default 200,000: `enterprise`; 2,000 is `team`) and
// CAIRN_BENCH_CHECK_INS per key result (default 12). At the end a table prints
// each median with its baseline, the ratio and the target.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/workload.h"
#include "core/evaluation.h"
#include "heap_in_use.h"

namespace {

using namespace cairn;
using core::KeyResultId;
using core::ObjectiveId;

std::size_t env_size(const char* name, std::size_t fallback) {
  const char* value = std::getenv(name);
  return value ? static_cast<std::size_t>(std::strtoull(value, nullptr, 10)) : fallback;
}

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

// The heap bytes generate_workload() leaves in `model`: what the heap gained
// less the workload's own list of key results, which the model does not hold.
std::size_t generate_measured(core::Model& model, const app::WorkloadOptions& options,
                              app::Workload& workload) {
  const std::size_t before = bench::heap_in_use();
  auto generated = app::generate_workload(model, options);
  if (!generated) throw std::runtime_error(generated.error().message);
  workload = std::move(*generated);
  return bench::heap_in_use() - before -
         workload.team_key_results.capacity() * sizeof(core::KeyResultId);
}

// The model's memory, from two organisations that differ only in their
// check-ins: the same people and seed, once without any.
struct ModelMemory {
  std::size_t without_check_ins = 0;  // heap bytes
  std::size_t with_check_ins = 0;
  std::size_t key_results = 0;
  std::size_t check_ins = 0;

  // Each key result with its share of the rest: its objective, links, people, units.
  double per_key_result() const {
    return static_cast<double>(without_check_ins) / static_cast<double>(key_results);
  }
  double per_check_in() const {
    return (static_cast<double>(with_check_ins) - static_cast<double>(without_check_ins)) /
           static_cast<double>(check_ins);
  }
};

// The generated organisation, built once per process.
struct World {
  core::Model model;
  app::Workload workload;
  double generation_seconds = 0;
  ModelMemory memory;
  std::unique_ptr<core::AlignmentGraph> graph;
  std::unique_ptr<core::Rollup> rollup;
  sqlite3* db = nullptr;
  int max_height = 0;

  static World& get() {
    static World world;
    return world;
  }

 private:
  World() {
    app::WorkloadOptions options;
    options.people = env_size("CAIRN_BENCH_PEOPLE", app::kEnterprisePeople);
    options.check_ins_per_key_result = static_cast<int>(env_size("CAIRN_BENCH_CHECK_INS", 12));
    {
      app::WorkloadOptions none = options;
      none.check_ins_per_key_result = 0;
      core::Model structure;
      app::Workload ignored;
      memory.without_check_ins = generate_measured(structure, none, ignored);
      memory.key_results = structure.key_result_count();
    }
    const auto start = std::chrono::steady_clock::now();
    memory.with_check_ins = generate_measured(model, options, workload);
    generation_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    memory.check_ins = model.check_in_count();
    std::fprintf(stderr,
                 "workload: %zu people, %zu objectives, %zu key results, %zu links, %zu check-ins "
                 "in %.1f s\n",
                 model.person_count(), model.objective_count(), model.key_result_count(),
                 model.link_count(), model.check_in_count(), generation_seconds);
    // A private graph and roll-up with the same inputs, so benchmarks can recompute freely.
    graph = std::make_unique<core::AlignmentGraph>(model.graph());
    rollup = std::make_unique<core::Rollup>(*graph);
    for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
      rollup->set_objective(ObjectiveId{i}, core::rollup_inputs(*model.objective(ObjectiveId{i})));
    }
    for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
      const KeyResultId id{i};
      rollup->set_key_result(id, core::rollup_inputs(*model.key_result(id)));
      const core::CheckIn* latest = model.latest_check_in(id, core::Instant::max());
      rollup->set_measurement(
          id, latest ? std::optional<core::Measurement>(latest->measurement) : std::nullopt);
    }
    rollup->recompute_all();
    load_sqlite();
  }

  // The same objectives, key results (with their latest values) and contributing
  // objective → objective links, in an in-memory SQLite database.
  void load_sqlite() {
    check(sqlite3_open(":memory:", &db), db, "open");
    check(sqlite3_exec(
              db,
              "CREATE TABLE objective(id INTEGER PRIMARY KEY, mode INTEGER, manual REAL,"
              "  progress REAL, height INTEGER);"
              "CREATE TABLE key_result(id INTEGER PRIMARY KEY, objective INTEGER, start REAL,"
              "  target REAL, current REAL, weight REAL);"
              "CREATE TABLE link(child INTEGER, parent INTEGER, weight REAL);",
              nullptr, nullptr, nullptr),
          db, "schema");
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* o = nullptr;
    sqlite3_stmt* k = nullptr;
    sqlite3_stmt* l = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO objective VALUES(?,?,?,0,0)", -1, &o, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO key_result VALUES(?,?,?,?,?,?)", -1, &k, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO link VALUES(?,?,?)", -1, &l, nullptr);
    for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
      const core::Objective& obj = *model.objective(ObjectiveId{i});
      sqlite3_bind_int64(o, 1, i);
      sqlite3_bind_int(o, 2, static_cast<int>(obj.progress_mode));
      sqlite3_bind_double(o, 3, obj.manual_progress);
      check(sqlite3_step(o), db, "objective");
      sqlite3_reset(o);
    }
    for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
      const core::KeyResult& kr = *model.key_result(KeyResultId{i});
      sqlite3_bind_int64(k, 1, i);
      sqlite3_bind_int64(k, 2, kr.objective.value());
      sqlite3_bind_double(k, 3, kr.start);
      sqlite3_bind_double(k, 4, *kr.target);
      sqlite3_bind_double(k, 5, rollup->key_result(KeyResultId{i}).current);
      sqlite3_bind_double(k, 6, kr.weight);
      check(sqlite3_step(k), db, "key result");
      sqlite3_reset(k);
    }
    for (std::uint32_t i = 0; i < model.link_count(); ++i) {
      const core::AlignmentLink& link = *model.link(core::LinkId{i});
      if (link.removed || !link.contributes || !link.child.is_objective() ||
          !link.parent.is_objective())
        continue;
      sqlite3_bind_int64(l, 1, link.child.index);
      sqlite3_bind_int64(l, 2, link.parent.index);
      sqlite3_bind_double(l, 3, link.weight);
      check(sqlite3_step(l), db, "link");
      sqlite3_reset(l);
    }
    sqlite3_finalize(o);
    sqlite3_finalize(k);
    sqlite3_finalize(l);
    check(sqlite3_exec(
              db,
              "COMMIT; CREATE INDEX kr_objective ON key_result(objective);"
              "CREATE INDEX link_parent ON link(parent); CREATE INDEX link_child ON link(child);"
              "CREATE INDEX objective_height ON objective(height);",
              nullptr, nullptr, nullptr),
          db, "indexes");
  }
};

// The SQL roll-up: levels by a recursive CTE, then one aggregate UPDATE per
// level from the leaves up, by the same weighted-mean rule. Returns the number
// of levels.
int sqlite_rollup(sqlite3* db) {
  check(
      sqlite3_exec(
          db,
          "WITH RECURSIVE up(id, h) AS ("
          "  SELECT id, 0 FROM objective WHERE id NOT IN (SELECT parent FROM link)"
          "  UNION ALL SELECT link.parent, up.h + 1 FROM up JOIN link ON link.child = up.id)"
          " UPDATE objective SET height = levels.h FROM"
          " (SELECT id, MAX(h) AS h FROM up GROUP BY id) AS levels WHERE levels.id = objective.id;",
          nullptr, nullptr, nullptr),
      db, "levels");
  sqlite3_stmt* top = nullptr;
  sqlite3_prepare_v2(db, "SELECT MAX(height) FROM objective", -1, &top, nullptr);
  sqlite3_step(top);
  const int height = sqlite3_column_int(top, 0);
  sqlite3_finalize(top);
  // Modes: 0 key_results, 1 children, 2 combined, 3 manual.
  sqlite3_stmt* level = nullptr;
  check(sqlite3_prepare_v2(
            db,
            "UPDATE objective SET progress = CASE WHEN mode = 3 THEN manual ELSE (SELECT"
            "  COALESCE(CASE WHEN SUM(w) = 0 THEN AVG(v) ELSE SUM(v * w) / SUM(w) END, 0) FROM ("
            "   SELECT MAX(0.0, MIN(1.0, (current - start) / (target - start))) AS v, weight AS w"
            "     FROM key_result WHERE key_result.objective = objective.id AND objective.mode <> 1"
            "   UNION ALL"
            "   SELECT child.progress AS v, link.weight AS w FROM link JOIN objective AS child"
            "     ON child.id = link.child WHERE link.parent = objective.id AND objective.mode IN "
            "(1, 2)"
            "  )) END WHERE height = ?",
            -1, &level, nullptr),
        db, "prepare level");
  check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  for (int h = 0; h <= height; ++h) {
    sqlite3_bind_int(level, 1, h);
    check(sqlite3_step(level), db, "level");
    sqlite3_reset(level);
  }
  check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_finalize(level);
  return height + 1;
}

void full_rollup(benchmark::State& state) {
  World& w = World::get();
  for (auto _ : state) w.rollup->recompute_all();
  state.counters["objectives"] = static_cast<double>(w.model.objective_count());
  state.counters["key_results"] = static_cast<double>(w.model.key_result_count());
}

void full_rollup_and_order(benchmark::State& state) {
  World& w = World::get();
  for (auto _ : state) {
    w.graph->forget_rollup_order();
    w.rollup->recompute_all();
  }
}

void sqlite_cte_rollup(benchmark::State& state) {
  World& w = World::get();
  int levels = 0;
  for (auto _ : state) levels = sqlite_rollup(w.db);
  // The baseline must compute the same numbers, or the ratio means nothing.
  double max_difference = 0;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(w.db, "SELECT id, progress FROM objective", -1, &s, nullptr);
  while (sqlite3_step(s) == SQLITE_ROW) {
    const auto id = static_cast<std::uint32_t>(sqlite3_column_int64(s, 0));
    max_difference = std::max(
        max_difference,
        std::abs(sqlite3_column_double(s, 1) - w.rollup->objective(ObjectiveId{id}).progress));
  }
  sqlite3_finalize(s);
  state.counters["levels"] = levels;
  state.counters["max_difference"] = max_difference;
  if (max_difference > 1e-9) state.SkipWithError("the SQL roll-up disagrees with Cairn's");
}

void check_in(benchmark::State& state) {
  World& w = World::get();
  const auto& krs = w.workload.team_key_results;
  core::Instant at = w.workload.now;
  std::size_t i = 0;
  for (auto _ : state) {
    core::CheckIn c;
    c.key_result = krs[i++ % krs.size()];
    c.author = w.model.key_result(c.key_result)->owner;
    c.measurement.value = static_cast<double>(i % 100);
    c.confidence = 7;
    c.at = at;
    if (!w.model.add_check_in(c, at)) state.SkipWithError("check-in refused");
  }
}

void update_from(benchmark::State& state) {
  World& w = World::get();
  const auto& krs = w.workload.team_key_results;
  std::size_t i = 0;
  std::size_t touched = 0;
  for (auto _ : state)
    touched = w.rollup->update_from(core::NodeRef::of(krs[i++ % krs.size()])).size();
  state.counters["nodes_updated"] = static_cast<double>(touched);
}

// The same over every key result in a shuffled order, as the server's
// check-ins come: each walk starts from memory the previous one did not touch,
// so it measures the cache misses that update_from's team-by-team order hides.
void update_from_random(benchmark::State& state) {
  World& w = World::get();
  std::vector<core::KeyResultId> krs;
  krs.reserve(w.model.key_result_count());
  for (std::uint32_t k = 0; k < w.model.key_result_count(); ++k) krs.push_back(KeyResultId{k});
  std::shuffle(krs.begin(), krs.end(), std::mt19937_64{42});
  std::size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(w.rollup->update_from(core::NodeRef::of(krs[i++ % krs.size()])));
}

BENCHMARK(full_rollup)->Unit(benchmark::kMillisecond);
BENCHMARK(full_rollup_and_order)->Unit(benchmark::kMillisecond);
BENCHMARK(sqlite_cte_rollup)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(update_from)->Unit(benchmark::kMicrosecond);
BENCHMARK(update_from_random)->Unit(benchmark::kMicrosecond);
BENCHMARK(check_in)->Unit(benchmark::kMicrosecond);

// Keeps the median of each benchmark for the closing table.
class TableReporter : public benchmark::ConsoleReporter {
 public:
  using ConsoleReporter::ConsoleReporter;
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      failed_ = failed_ || run.error_occurred;
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      const bool single =
          run.run_type == Run::RT_Iteration && !medians_.contains(run.run_name.function_name);
      if (median || single)
        medians_[run.run_name.function_name] = run.GetAdjustedRealTime() * to_ms(run.time_unit);
    }
  }
  void print_table() const {
    auto get = [&](const char* name) {
      auto it = medians_.find(name);
      return it == medians_.end() ? std::nan("") : it->second;
    };
    const double full = get("full_rollup"), full_order = get("full_rollup_and_order"),
                 sql = get("sqlite_cte_rollup"), checkin = get("check_in"),
                 update = get("update_from");
    const World& w = World::get();
    std::printf("\n%-44s %12s %12s %9s  %s\n", "figure (median)", "Cairn", "baseline", "ratio",
                "target");
    std::printf("%-44s %9.2f ms %9.1f ms %8.0fx  <= 50 ms; >= 100x faster than SQL\n",
                "full roll-up (order cached)", full, sql, sql / full);
    std::printf("%-44s %9.2f ms %9.1f ms %8.0fx  <= 50 ms; >= 100x faster than SQL\n",
                "full roll-up (order recomputed)", full_order, sql, sql / full_order);
    std::printf("%-44s %9.2f us %12s %9s  (no target for the core alone)\n",
                "one check-in in the model", checkin * 1000, "-", "-");
    std::printf("%-44s %9.2f us %12s %9s\n", "incremental roll-up of one key result", update * 1000,
                "-", "-");
    std::printf("%-44s %9.1f s  %12s %9s\n", "generating the workload", w.generation_seconds, "-",
                "-");
    std::printf("%-44s %9.0f B  %12s %9s  (the model without check-ins, per key result)\n",
                "model memory per key result", w.memory.per_key_result(), "-", "-");
    std::printf("%-44s %9.0f B  %12s %9s\n", "model memory per check-in", w.memory.per_check_in(),
                "-", "-");
    std::printf("%-44s %9.0f MiB %11s %9s\n", "model memory in all",
                static_cast<double>(w.memory.with_check_ins) / (1 << 20), "-", "-");
    std::printf("workload: %zu objectives, %zu key results; %zu check-ins after the run\n",
                w.model.objective_count(), w.model.key_result_count(), w.model.check_in_count());
  }

 private:
  static double to_ms(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kNanosecond:
        return 1e-6;
      case benchmark::kMicrosecond:
        return 1e-3;
      case benchmark::kMillisecond:
        return 1;
      case benchmark::kSecond:
        return 1e3;
    }
    return 1;
  }
  std::map<std::string, double> medians_;
  bool failed_ = false;

 public:
  bool failed() const { return failed_; }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  World::get();  // generate before timing starts
  // Colours only on a terminal: bench/run reads this output from a file.
  TableReporter reporter(isatty(STDOUT_FILENO) ? TableReporter::OO_ColorTabular
                                               : TableReporter::OO_Tabular);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_table();
  benchmark::Shutdown();
  return reporter.failed() ? 1 : 0;
}
