// Randomised property test of the roll-up (DOMAIN.md "Weights and roll-up": a
// change anywhere updates every ancestor, and what any reader sees afterwards
// is consistent).
//
// Property: after every single change, the incrementally maintained values are
// EXACTLY (bit for bit) the values of a fresh full recompute.
//  - Model level: random objectives, key results of every kind and source,
//    weights including zeros, multi-alignment, supporting links, key result →
//    key result sums, archiving, check-ins (some back-dated), deletions and
//    edits, all through Model commands (refused commands included), compared
//    after each step with Evaluation(model, now, kRebuild). At the end of each
//    graph, a few past instants are rebuilt and compared with the live values
//    recorded at that step (the as-of path).
//  - Rollup level: the same kinds of changes made directly on an AlignmentGraph
//    and a Rollup, Rollup::update_from(changed node) after each, compared with
//    a fresh Rollup::recompute_all(); update_from must also return exactly the
//    node and its ancestors, each once, children first.
//
// Sizes: 1,000 models of 15–35 objectives and key results (1.75 commands per
// node, each followed by a full rebuild) and 1,000 graphs of 20–60 nodes (2
// changes per node), about 9 s together in a Debug + ASan build. A full
// rebuild after every command is what bounds the model sizes.
//
// Everything is deterministic: std::mt19937 with fixed seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/rollup.h"
#include "test_model.h"

using namespace cairn::core;
using namespace cairn::core::test_model;

namespace {

constexpr std::uint32_t kGraphs = 1000;

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

class Random {
 public:
  explicit Random(std::uint32_t seed) : rng_(seed) {}

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(uniform(0, static_cast<int>(items.size()) - 1))];
  }
  // Weights ≥ 0 with plenty of zeros, round numbers and arbitrary doubles.
  double weight() {
    switch (uniform(0, 6)) {
      case 0:
      case 1:
        return 0;
      case 2:
        return 1;
      case 3:
        return 0.5;
      case 4:
        return 2;
      default:
        return real(0, 5);
    }
  }
  std::optional<int> confidence() {
    return chance(0.5) ? std::optional<int>(uniform(1, 10)) : std::nullopt;
  }
  ProgressMode mode() {
    const int r = uniform(0, 19);
    if (r < 8) return ProgressMode::kKeyResults;
    if (r < 12) return ProgressMode::kChildren;
    if (r < 17) return ProgressMode::kCombined;
    return ProgressMode::kManual;
  }
  KeyResultKind kind() {
    const int r = uniform(0, 9);
    if (r < 5) return KeyResultKind::kMetric;
    if (r < 7) return KeyResultKind::kBoolean;
    if (r < 9) return KeyResultKind::kMilestones;
    return KeyResultKind::kBand;
  }
  ProgressSource source(KeyResultKind kind) {
    const int r = uniform(0, 19);
    if (kind == KeyResultKind::kMetric && r < 5) return ProgressSource::kSum;
    if (r < 9) return ProgressSource::kChildren;
    // A KPI feeds metric and band key results only.
    if (r < 11 && (kind == KeyResultKind::kMetric || kind == KeyResultKind::kBand)) {
      return ProgressSource::kKpi;
    }
    if (r < 11) return ProgressSource::kCheckIns;
    return ProgressSource::kCheckIns;
  }

 private:
  std::mt19937 rng_;
};

// ======================= Model level =======================================

// The values of the first `objectives` objectives and `key_results` key
// results, bit for bit: P per objective, then c, p and attainment per key result.
struct LiveValues {
  Instant at;
  std::size_t objectives = 0;
  std::size_t key_results = 0;
  std::vector<std::uint64_t> values;
  std::vector<bool> started;
};

LiveValues capture(const Rollup& r, std::size_t objectives, std::size_t key_results, Instant at) {
  LiveValues v;
  v.at = at;
  v.objectives = objectives;
  v.key_results = key_results;
  for (std::uint32_t i = 0; i < objectives; ++i) {
    v.values.push_back(bits(r.objective(ObjectiveId{i}).progress));
    v.started.push_back(r.objective(ObjectiveId{i}).started);
  }
  for (std::uint32_t i = 0; i < key_results; ++i) {
    const Rollup::KeyResultValue& k = r.key_result(KeyResultId{i});
    v.values.insert(v.values.end(), {bits(k.current), bits(k.progress), bits(k.attainment)});
    v.started.push_back(k.started);
  }
  return v;
}

std::string describe(NodeRef node, const char* what, double expected, double actual) {
  std::ostringstream out;
  out.precision(17);
  out << to_string(node) << " " << what << ": " << expected << " expected, " << actual;
  return out.str();
}

// "" when `actual` holds exactly the values of `expected` (bit for bit), else
// the first difference.
std::string difference(const LiveValues& expected, const Rollup& actual) {
  std::size_t at = 0;
  for (std::uint32_t i = 0; i < expected.objectives; ++i) {
    const Rollup::ObjectiveValue& a = actual.objective(ObjectiveId{i});
    const NodeRef node = NodeRef::of(ObjectiveId{i});
    if (expected.values[at] != bits(a.progress)) {
      return describe(node, "P", std::bit_cast<double>(expected.values[at]), a.progress);
    }
    if (expected.started[i] != a.started) return to_string(node) + " started differs";
    ++at;
  }
  for (std::uint32_t i = 0; i < expected.key_results; ++i) {
    const Rollup::KeyResultValue& a = actual.key_result(KeyResultId{i});
    const NodeRef node = NodeRef::of(KeyResultId{i});
    const double got[] = {a.current, a.progress, a.attainment};
    const char* names[] = {"c", "p", "attainment"};
    for (int j = 0; j < 3; ++j, ++at) {
      if (expected.values[at] != bits(got[j])) {
        return describe(node, names[j], std::bit_cast<double>(expected.values[at]), got[j]);
      }
    }
    if (expected.started[expected.objectives + i] != a.started) {
      return to_string(node) + " started differs";
    }
  }
  return "";
}

// The same, between two roll-ups over the same ids.
std::string difference(const Rollup& expected, const Rollup& actual, std::size_t objectives,
                       std::size_t key_results) {
  for (std::uint32_t i = 0; i < objectives; ++i) {
    const Rollup::ObjectiveValue& e = expected.objective(ObjectiveId{i});
    const Rollup::ObjectiveValue& a = actual.objective(ObjectiveId{i});
    const NodeRef node = NodeRef::of(ObjectiveId{i});
    if (bits(e.progress) != bits(a.progress)) return describe(node, "P", e.progress, a.progress);
    if (e.started != a.started) return to_string(node) + " started differs";
  }
  for (std::uint32_t i = 0; i < key_results; ++i) {
    const Rollup::KeyResultValue& e = expected.key_result(KeyResultId{i});
    const Rollup::KeyResultValue& a = actual.key_result(KeyResultId{i});
    const NodeRef node = NodeRef::of(KeyResultId{i});
    if (bits(e.current) != bits(a.current)) return describe(node, "c", e.current, a.current);
    if (bits(e.progress) != bits(a.progress)) return describe(node, "p", e.progress, a.progress);
    if (bits(e.attainment) != bits(a.attainment)) {
      return describe(node, "attainment", e.attainment, a.attainment);
    }
    if (e.started != a.started) return to_string(node) + " started differs";
  }
  return "";
}

// What the generated models contained, summed over all graphs: the test
// requires each feature to have appeared.
struct Coverage {
  std::size_t multi_aligned = 0;      // objectives with two or more parents at the end
  std::size_t cascades = 0;           // key result → key result links
  std::size_t explicit_children = 0;  // objective → key result links
  std::size_t supporting = 0;         // links that were supporting at some point
  std::size_t zero_weights = 0;       // links that had weight 0 at some point
  std::size_t archived = 0;           // objectives and key results archived at some point
  std::size_t deleted_check_ins = 0;

  void add(const Coverage& o) {
    multi_aligned += o.multi_aligned;
    cascades += o.cascades;
    explicit_children += o.explicit_children;
    supporting += o.supporting;
    zero_weights += o.zero_weights;
    archived += o.archived;
    deleted_check_ins += o.deleted_check_ins;
  }
};

class ModelRun {
 public:
  explicit ModelRun(std::uint32_t seed) : rnd_(seed) {
    target_nodes_ = rnd_.uniform(15, 35);
    // The KPI (id 0) that KPI-fed key results follow.
    Kpi revenue;
    revenue.name = "Revenue";
    revenue.owner = w_.bob;
    EXPECT_TRUE(w_.model.add_kpi(revenue, now_));
  }

  // Runs the graph; returns "" or a description of the first failure.
  std::string run() {
    const int steps = target_nodes_ * 7 / 4;
    // The steps whose live values are kept, to be rebuilt as of their instant at the end.
    std::set<int> kept;
    for (int i = 0; i < 3; ++i) kept.insert(rnd_.uniform(0, steps - 1));
    for (int step = 0; step < steps; ++step) {
      now_ = now_ + rnd_.uniform(1, 3600);
      const std::string op = one_step();
      const Evaluation rebuilt(w_.model, now_, Evaluation::Mode::kRebuild);
      const std::string diff = difference(w_.model.rollup(), rebuilt.rollup(),
                                          w_.model.objective_count(), w_.model.key_result_count());
      if (!diff.empty()) {
        return "step " + std::to_string(step) + " (" + op + "): live vs rebuilt: " + diff;
      }
      if (kept.contains(step)) {
        history_.push_back(capture(w_.model.rollup(), w_.model.objective_count(),
                                   w_.model.key_result_count(), now_));
      }
    }
    // As of those past instants, a rebuild gives the values that were live then.
    for (const LiveValues& then : history_) {
      const Evaluation past(w_.model, then.at, Evaluation::Mode::kRebuild);
      const std::string diff = difference(then, past.rollup());
      if (!diff.empty()) return "as of " + to_rfc3339(then.at) + ": " + diff;
    }
    return "";
  }

  std::size_t accepted() const { return accepted_; }
  std::size_t refused() const { return refused_; }
  std::size_t nodes() const { return w_.model.objective_count() + w_.model.key_result_count(); }
  std::size_t links() const { return w_.model.link_count(); }

  Coverage coverage() const {
    const Model& m = w_.model;
    Coverage c;
    for (std::uint32_t i = 0; i < m.objective_count(); ++i) {
      const ObjectiveId id{i};
      if (m.graph().parent_links(NodeRef::of(id)).size() >= 2) ++c.multi_aligned;
      for (const auto& v : m.objective_history(id).versions()) {
        if (v.value.archived()) {
          ++c.archived;
          break;
        }
      }
    }
    for (std::uint32_t i = 0; i < m.key_result_count(); ++i) {
      const KeyResultId id{i};
      for (const auto& v : m.key_result_history(id).versions()) {
        if (v.value.archived) {
          ++c.archived;
          break;
        }
      }
      for (const CheckIn& ci : m.check_ins(id)) c.deleted_check_ins += ci.deleted_at ? 1 : 0;
    }
    for (std::uint32_t i = 0; i < m.link_count(); ++i) {
      const auto versions = m.link_history(LinkId{i}).versions();
      const AlignmentLink& first = versions.front().value;
      if (!first.child.is_objective()) ++c.cascades;
      if (first.child.is_objective() && !first.parent.is_objective()) ++c.explicit_children;
      bool supporting = false, zero = false;
      for (const auto& v : versions) {
        supporting = supporting || !v.value.contributes;
        zero = zero || v.value.weight == 0;
      }
      c.supporting += supporting ? 1 : 0;
      c.zero_weights += zero ? 1 : 0;
    }
    return c;
  }

 private:
  template <class T>
  void count(const Result<T>& r) {
    (r ? accepted_ : refused_) += 1;
  }

  std::string one_step() {
    const int nodes = static_cast<int>(nodes_count());
    if (nodes < target_nodes_ && (nodes < 3 || rnd_.chance(0.7))) {
      if (objectives_.empty() || rnd_.chance(0.35)) {
        add_objective();
        return "add objective";
      }
      add_key_result();
      return "add key result";
    }
    // Percent of the steps that are not creations.
    const int r = rnd_.uniform(0, 99);
    if (r < 50) {
      add_link();
      return "add link";
    }
    if (r < 56) {
      update_link();
      return "update link";
    }
    if (r < 60) {
      remove_link();
      return "remove link";
    }
    if (r < 82) {
      check_in();
      return "check-in";
    }
    if (r < 85) {
      delete_check_in();
      return "delete check-in";
    }
    if (r < 94) {
      edit_key_result();
      return "edit key result";
    }
    edit_objective();
    return "edit objective";
  }

  std::size_t nodes_count() const { return objectives_.size() + key_results_.size(); }

  void add_objective() {
    Objective o = w_.objective_spec(rnd_.mode(), {}, rnd_.weight());
    const int period = rnd_.uniform(0, 19);
    o.period = period < 16 ? w_.q1 : period < 19 ? w_.year : w_.q2;
    o.manual_progress = rnd_.real(0, 1);
    const auto r = w_.model.add_objective(o, now_);
    count(r);
    if (r) objectives_.push_back(*r);
  }

  void add_key_result() {
    const ObjectiveId o = rnd_.pick(objectives_);
    KeyResult kr = w_.metric_spec(o, 0, 1, rnd_.weight());
    kr.kind = rnd_.kind();
    kr.source = rnd_.source(kr.kind);
    if (kr.source == ProgressSource::kKpi) kr.kpi = KpiId{0};
    switch (kr.kind) {
      case KeyResultKind::kMetric:
        kr.start = rnd_.real(-1000, 1000);
        kr.target = rnd_.chance(0.05)
                        ? std::nullopt
                        : std::optional<double>(kr.start +
                                                (rnd_.chance(0.7) ? 1 : -1) * rnd_.real(1, 2000));
        break;
      case KeyResultKind::kBoolean:
        kr.target.reset();
        break;
      case KeyResultKind::kMilestones:
        kr.target.reset();
        for (int i = rnd_.uniform(1, 6); i > 0; --i) {
          kr.milestones.push_back(Milestone{"Step", rnd_.weight()});
        }
        break;
      case KeyResultKind::kBand:
        kr.target.reset();
        kr.low = rnd_.real(-50, 50);
        kr.high = kr.low + rnd_.real(0, 100);
        break;
    }
    const auto r = w_.model.add_key_result(kr, now_);
    count(r);
    if (r) key_results_.push_back(*r);
  }

  NodeRef random_node_of_kind(bool objective) {
    return objective ? NodeRef::of(rnd_.pick(objectives_)) : NodeRef::of(rnd_.pick(key_results_));
  }

  // A key result, preferring those with the given source.
  KeyResultId key_result_preferring(ProgressSource source) {
    for (int attempt = 0; attempt < 6; ++attempt) {
      const KeyResultId id = rnd_.pick(key_results_);
      if (w_.model.key_result(id)->source == source) return id;
    }
    return rnd_.pick(key_results_);
  }

  void add_link() {
    if (objectives_.empty()) return;
    AlignmentLink l;
    const int shape = rnd_.uniform(0, 9);
    if (shape < 5 || key_results_.empty()) {
      l.child = random_node_of_kind(true);
      l.parent = random_node_of_kind(true);
    } else if (shape < 8) {
      l.child = random_node_of_kind(true);
      l.parent = NodeRef::of(key_result_preferring(ProgressSource::kChildren));
    } else {
      l.child = random_node_of_kind(false);
      l.parent = NodeRef::of(key_result_preferring(ProgressSource::kSum));
    }
    // Now and then an objective → key result link made the wrong way round.
    if (!key_results_.empty() && rnd_.chance(0.02)) {
      l.child = random_node_of_kind(false);
      l.parent = random_node_of_kind(true);
    }
    l.weight = rnd_.weight();
    l.contributes = rnd_.chance(0.85);
    const auto r = w_.model.add_link(l, now_);
    count(r);
    if (r) links_.push_back(*r);
  }

  void update_link() {
    if (links_.empty()) return;
    const auto r = w_.model.update_link(rnd_.pick(links_), rnd_.weight(), rnd_.chance(0.8), now_);
    count(r);
  }

  void remove_link() {
    if (links_.empty()) return;
    const auto r = w_.model.remove_link(rnd_.pick(links_), now_);
    count(r);
  }

  void check_in() {
    if (key_results_.empty()) return;
    const KeyResultId id = key_result_preferring(ProgressSource::kCheckIns);
    const KeyResult& kr = *w_.model.key_result(id);
    CheckIn c;
    c.key_result = id;
    c.author = w_.bob;
    c.confidence = rnd_.confidence();
    switch (kr.kind) {
      case KeyResultKind::kMetric: {
        const double t = kr.target.value_or(kr.start + 100);
        const double lo = std::min(kr.start, t), hi = std::max(kr.start, t);
        c.measurement.value = rnd_.real(lo - 0.3 * (hi - lo), hi + 0.3 * (hi - lo));
        break;
      }
      case KeyResultKind::kBoolean:
        c.measurement.done = rnd_.chance(0.5);
        break;
      case KeyResultKind::kMilestones:
        c.measurement.milestones_done = static_cast<std::uint64_t>(
            rnd_.uniform(0, (1 << static_cast<int>(kr.milestones.size())) - 1));
        break;
      case KeyResultKind::kBand:
        c.measurement.value = rnd_.real(kr.low - 30, kr.high + 30);
        break;
    }
    // Mostly now; sometimes back-dated, sometimes exactly at an earlier check-in's instant.
    c.at = now_;
    if (rnd_.chance(0.3)) c.at = kQ1Start + rnd_.uniform(0, static_cast<int>(now_ - kQ1Start));
    const auto earlier = w_.model.check_ins(id);
    if (!earlier.empty() && rnd_.chance(0.1)) c.at = earlier[0].at;
    if (kr.source == ProgressSource::kKpi) {
      // Its value comes as the KPI's: one value feeds every key result tied to it.
      count(w_.model.add_kpi_values(KpiId{0}, {KpiValue{c.at, c.measurement.value}}, now_));
      return;
    }
    const auto r = w_.model.add_check_in(c, now_);
    count(r);
    if (r) check_ins_.push_back(*r);
  }

  void delete_check_in() {
    if (check_ins_.empty()) return;
    const auto r = w_.model.delete_check_in(rnd_.pick(check_ins_), now_);
    count(r);
  }

  void edit_key_result() {
    if (key_results_.empty()) return;
    KeyResult kr = *w_.model.key_result(rnd_.pick(key_results_));
    switch (rnd_.uniform(0, 6)) {
      case 0:
        kr.weight = rnd_.weight();
        break;
      case 1:
        if (kr.kind == KeyResultKind::kMetric) {
          kr.target = kr.start + (rnd_.chance(0.5) ? 1 : -1) * rnd_.real(1, 500);
        }
        break;
      case 2:
        if (kr.kind == KeyResultKind::kMetric) kr.start = rnd_.real(-1000, 1000);
        break;
      case 3:
      case 4:
        kr.archived = !kr.archived;
        break;
      case 5:
        kr.source = rnd_.source(kr.kind);
        if (kr.source == ProgressSource::kKpi) kr.kpi = KpiId{0};
        break;
      default:
        for (Milestone& m : kr.milestones) m.weight = rnd_.weight();
        if (kr.kind == KeyResultKind::kBand) kr.high = kr.low + rnd_.real(0, 10);
        break;
    }
    count(w_.model.update_key_result(kr, now_));
  }

  void edit_objective() {
    if (objectives_.empty()) return;
    Objective o = *w_.model.objective(rnd_.pick(objectives_));
    switch (rnd_.uniform(0, 5)) {
      case 0:
      case 1:
        o.progress_mode = rnd_.mode();
        break;
      case 2:
        o.manual_progress = rnd_.real(0, 1);
        break;
      case 3:
      case 4:
        o.state = o.archived() ? ObjectiveState::kActive : ObjectiveState::kArchived;
        break;
      default:
        o.weight = rnd_.weight();
        o.period = rnd_.chance(0.5) ? w_.q1 : w_.year;
        break;
    }
    count(w_.model.update_objective(o, now_));
  }

  World w_;
  Random rnd_;
  int target_nodes_ = 0;
  Instant now_ = kQ1Start + kSecondsPerDay;
  std::vector<ObjectiveId> objectives_;
  std::vector<KeyResultId> key_results_;
  std::vector<LinkId> links_;
  std::vector<CheckInId> check_ins_;
  std::vector<LiveValues> history_;
  std::size_t accepted_ = 0;
  std::size_t refused_ = 0;
};

TEST(DomainRollupRandom, ModelLiveRollupEqualsAFullRebuildAfterEveryStep) {
  std::size_t accepted = 0, refused = 0, nodes = 0, links = 0;
  Coverage coverage;
  for (std::uint32_t seed = 1; seed <= kGraphs; ++seed) {
    ModelRun run(seed);
    const std::string failure = run.run();
    ASSERT_EQ(failure, "") << "seed " << seed;
    accepted += run.accepted();
    refused += run.refused();
    nodes += run.nodes();
    links += run.links();
    coverage.add(run.coverage());
  }
  // The generator really builds graphs, and some commands are refused on the way
  // (cycles, duplicates, archived items, period mismatches).
  EXPECT_GT(nodes, kGraphs * 20);
  EXPECT_GT(links, kGraphs * 4);
  EXPECT_GT(accepted, refused);
  EXPECT_GT(refused, 0u);
  // Every feature the property is about appeared many times.
  EXPECT_GT(coverage.multi_aligned, 100u);
  EXPECT_GT(coverage.cascades, 100u);
  EXPECT_GT(coverage.explicit_children, 100u);
  EXPECT_GT(coverage.supporting, 100u);
  EXPECT_GT(coverage.zero_weights, 100u);
  EXPECT_GT(coverage.archived, 100u);
  EXPECT_GT(coverage.deleted_check_ins, 100u);
  RecordProperty("accepted_commands", static_cast<int>(accepted));
  RecordProperty("refused_commands", static_cast<int>(refused));
}

// ======================= Rollup level ======================================

class RollupRun {
 public:
  explicit RollupRun(std::uint32_t seed) : rnd_(seed) { target_nodes_ = rnd_.uniform(20, 60); }

  std::string run() {
    const int steps = target_nodes_ * 2;
    for (int step = 0; step < steps; ++step) {
      NodeRef changed;
      const std::string op = one_step(changed);
      if (op.empty()) continue;
      const std::vector<NodeRef> order = rollup_.update_from(changed);
      std::string diff = check_order(changed, order);
      if (diff.empty()) diff = compare_with_fresh();
      if (diff.empty()) diff = check_preview();
      if (!diff.empty()) {
        return "step " + std::to_string(step) + " (" + op + " at " + to_string(changed) +
               "): " + diff;
      }
    }
    return "";
  }

  std::size_t nodes() const { return objectives_ + key_results_; }
  std::size_t previews() const { return previews_; }
  std::size_t links_made() const { return links_; }
  std::size_t cycles_refused() const { return cycles_; }

 private:
  Rollup::KeyResultInputs random_key_result_inputs() {
    Rollup::KeyResultInputs in;
    in.kind = rnd_.kind();
    in.source = rnd_.source(in.kind);
    in.weight = rnd_.weight();
    in.archived = rnd_.chance(0.08);
    switch (in.kind) {
      case KeyResultKind::kMetric:
        in.start = rnd_.real(-1000, 1000);
        if (!rnd_.chance(0.05))
          in.target = in.start + (rnd_.chance(0.7) ? 1 : -1) * rnd_.real(1, 2000);
        break;
      case KeyResultKind::kMilestones:
        for (int i = rnd_.uniform(1, 6); i > 0; --i) in.milestone_weights.push_back(rnd_.weight());
        break;
      case KeyResultKind::kBand:
        in.low = rnd_.real(-50, 50);
        in.high = in.low + rnd_.real(0, 100);
        break;
      case KeyResultKind::kBoolean:
        break;
    }
    return in;
  }
  Rollup::ObjectiveInputs random_objective_inputs() {
    return {rnd_.mode(), rnd_.real(0, 1), rnd_.chance(0.08)};
  }
  Measurement random_measurement(KeyResultId id) {
    const Rollup::KeyResultInputs& in = rollup_.key_result_inputs(id);
    Measurement m;
    m.value = rnd_.real(-1500, 1500);
    if (in.kind == KeyResultKind::kBand) m.value = rnd_.real(in.low - 30, in.high + 30);
    m.done = rnd_.chance(0.5);
    const int n = static_cast<int>(in.milestone_weights.size());
    m.milestones_done = n == 0 ? 0 : static_cast<std::uint64_t>(rnd_.uniform(0, (1 << n) - 1));
    return m;
  }

  // A check-in preview (Rollup::preview_measurement) of a random measurement on
  // a random key result gives, for the key result and each node it rolls up
  // into, exactly what the check-in itself would, and names exactly the nodes
  // update_from would compute.
  std::string check_preview() {
    if (key_results_ == 0) return "";
    const KeyResultId kr{random_index(key_results_)};
    const Measurement m = random_measurement(kr);
    const Rollup::Preview preview = rollup_.preview_measurement(kr, m);
    Rollup applied = rollup_;
    applied.set_measurement(kr, m);
    const std::vector<NodeRef> order = applied.update_from(NodeRef::of(kr));
    if (order.size() != preview.key_results.size() + preview.objectives.size()) {
      return "preview of " + to_string(NodeRef::of(kr)) + " covers " +
             std::to_string(preview.key_results.size() + preview.objectives.size()) +
             " nodes, the check-in " + std::to_string(order.size());
    }
    for (const auto& [id, value] : preview.key_results) {
      const Rollup::KeyResultValue& real = applied.key_result(id);
      if (bits(value.progress) != bits(real.progress) ||
          bits(value.current) != bits(real.current) || value.started != real.started) {
        return describe(NodeRef::of(id), "previewed progress", real.progress, value.progress);
      }
    }
    for (const auto& [id, value] : preview.objectives) {
      const Rollup::ObjectiveValue& real = applied.objective(id);
      if (bits(value.progress) != bits(real.progress) || value.started != real.started) {
        return describe(NodeRef::of(id), "previewed progress", real.progress, value.progress);
      }
    }
    ++previews_;
    return "";
  }

  NodeRef random_objective() { return NodeRef::of(ObjectiveId{random_index(objectives_)}); }
  NodeRef random_key_result() { return NodeRef::of(KeyResultId{random_index(key_results_)}); }
  std::uint32_t random_index(std::uint32_t count) {
    return static_cast<std::uint32_t>(rnd_.uniform(0, static_cast<int>(count) - 1));
  }

  // Makes one change and names the node to update from; "" when nothing changed.
  std::string one_step(NodeRef& changed) {
    const int nodes = static_cast<int>(objectives_ + key_results_);
    if (nodes < target_nodes_ && (nodes < 3 || rnd_.chance(0.7))) {
      if (objectives_ == 0 || rnd_.chance(0.35)) {
        const ObjectiveId id{objectives_++};
        graph_.add_objective(id);
        rollup_.set_objective(id, random_objective_inputs());
        changed = NodeRef::of(id);
        return "add objective";
      }
      const KeyResultId id{key_results_++};
      graph_.add_key_result(id, ObjectiveId{random_index(objectives_)});
      rollup_.set_key_result(id, random_key_result_inputs());
      measurements_.emplace_back();
      if (rnd_.chance(0.5)) {
        measurements_.back() = random_measurement(id);
        rollup_.set_measurement(id, measurements_.back());
      }
      changed = NodeRef::of(id);
      return "add key result";
    }
    // Links are made more often than the other changes: cases 0–3 and 12–13.
    int change = rnd_.uniform(0, 13);
    if (change >= 12) change = 0;
    switch (change) {
      case 0:
      case 1:
      case 2:
      case 3: {  // a link
        NodeRef child, parent;
        const int shape = rnd_.uniform(0, 9);
        if (shape < 5 || key_results_ == 0) {
          child = random_objective();
          parent = random_objective();
        } else if (shape < 8) {
          child = random_objective();
          parent = random_key_result();
        } else {
          child = random_key_result();
          parent = random_key_result();
        }
        const Result<void> ok = graph_.check_link(child, parent);
        if (!ok) {
          if (ok.error().code == ErrorCode::kAlignmentCycle) ++cycles_;
          return "";
        }
        const LinkId id{static_cast<std::uint32_t>(links_++)};
        graph_.add_link(id, child, parent, rnd_.weight(), rnd_.chance(0.85));
        active_links_.push_back(id);
        changed = parent;
        return "add link";
      }
      case 4: {  // a link's weight or role
        if (active_links_.empty()) return "";
        const LinkId id = rnd_.pick(active_links_);
        graph_.update_link(id, rnd_.weight(), rnd_.chance(0.8));
        changed = graph_.edge(id).parent;
        return "update link";
      }
      case 5: {  // a link removed
        if (active_links_.empty()) return "";
        const std::size_t at = random_index(static_cast<std::uint32_t>(active_links_.size()));
        const LinkId id = active_links_[at];
        active_links_.erase(active_links_.begin() + static_cast<std::ptrdiff_t>(at));
        changed = graph_.edge(id).parent;
        graph_.remove_link(id);
        return "remove link";
      }
      case 6:
      case 7:
      case 8: {  // a new measurement (a check-in), or none (all deleted)
        if (key_results_ == 0) return "";
        const KeyResultId id = random_key_result().key_result();
        measurements_[id.value()] =
            rnd_.chance(0.05) ? std::nullopt : std::optional<Measurement>(random_measurement(id));
        rollup_.set_measurement(id, measurements_[id.value()]);
        changed = NodeRef::of(id);
        return "measurement";
      }
      case 9:
      case 10: {  // a key result edit: new inputs, same kind when it has a measurement
        if (key_results_ == 0) return "";
        const KeyResultId id = random_key_result().key_result();
        Rollup::KeyResultInputs in = rollup_.key_result_inputs(id);
        switch (rnd_.uniform(0, 3)) {
          case 0:
            in.weight = rnd_.weight();
            break;
          case 1:
            in.archived = !in.archived;
            break;
          case 2:
            in.source = rnd_.source(in.kind);
            break;
          default:
            if (in.kind == KeyResultKind::kMetric) {
              in.start = rnd_.real(-1000, 1000);
              in.target = in.start + rnd_.real(1, 500);
            }
            for (double& mw : in.milestone_weights) mw = rnd_.weight();
            break;
        }
        rollup_.set_key_result(id, std::move(in));
        changed = NodeRef::of(id);
        return "edit key result";
      }
      default: {  // an objective edit
        const ObjectiveId id = random_objective().objective();
        Rollup::ObjectiveInputs in = rollup_.objective_inputs(id);
        if (rnd_.chance(0.5)) {
          in.mode = rnd_.mode();
        } else if (rnd_.chance(0.5)) {
          in.archived = !in.archived;
        } else {
          in.manual_progress = rnd_.real(0, 1);
        }
        rollup_.set_objective(id, in);
        changed = NodeRef::of(id);
        return "edit objective";
      }
    }
  }

  // A dense slot per node: objectives first, then key results.
  std::size_t slot(NodeRef n) const { return n.is_objective() ? n.index : objectives_ + n.index; }

  // Marks the nodes `from` rolls up into (itself included), found independently
  // of update_from; returns how many.
  std::size_t mark_ancestors(NodeRef from, std::vector<char>& marked) const {
    marked.assign(objectives_ + key_results_, 0);
    // An objective's archived flag reaches the key results its own key results
    // feed, so those and their ancestors are recomputed as well.
    std::vector<NodeRef> todo{from};
    if (from.is_objective()) {
      for (KeyResultId k : graph_.key_results(from.objective())) {
        for (LinkId l : graph_.parent_links(NodeRef::of(k))) {
          if (graph_.edge(l).contributes) todo.push_back(graph_.edge(l).parent);
        }
      }
    }
    std::size_t count = 0;
    for (NodeRef n : todo) {
      if (!marked[slot(n)]) {
        marked[slot(n)] = 1;
        ++count;
      }
    }
    while (!todo.empty()) {
      const NodeRef n = todo.back();
      todo.pop_back();
      auto visit = [&](NodeRef up) {
        if (marked[slot(up)]) return;
        marked[slot(up)] = 1;
        ++count;
        todo.push_back(up);
      };
      if (!n.is_objective()) visit(NodeRef::of(graph_.objective_of(n.key_result())));
      for (LinkId l : graph_.parent_links(n)) {
        if (graph_.edge(l).contributes) visit(graph_.edge(l).parent);
      }
    }
    return count;
  }

  std::string check_order(NodeRef from, const std::vector<NodeRef>& order) const {
    if (std::find(order.begin(), order.end(), from) == order.end()) {
      return "update_from did not compute the node";
    }
    std::vector<char> ancestor;
    const std::size_t count = mark_ancestors(from, ancestor);
    // 0: not computed yet, 1: computed.
    std::vector<char> done(ancestor.size(), 0);
    for (NodeRef n : order) {
      if (!ancestor[slot(n)]) return to_string(n) + " is not an ancestor but was computed";
      if (done[slot(n)]) return to_string(n) + " computed twice";
      // Children first: every contributing child among the ancestors is done already.
      for (LinkId l : graph_.child_links(n)) {
        const AlignmentGraph::Edge& e = graph_.edge(l);
        if (e.contributes && ancestor[slot(e.child)] && !done[slot(e.child)]) {
          return to_string(n) + " computed before its child " + to_string(e.child);
        }
      }
      if (n.is_objective()) {
        for (KeyResultId k : graph_.key_results(n.objective())) {
          if (ancestor[slot(NodeRef::of(k))] && !done[slot(NodeRef::of(k))]) {
            return to_string(n) + " computed before its key result";
          }
        }
      }
      done[slot(n)] = 1;
    }
    if (order.size() != count) return "update_from missed an ancestor";
    return "";
  }

  std::string compare_with_fresh() const {
    Rollup fresh(graph_);
    // The last ids first, so that the roll-up sizes its arrays once.
    fresh.set_objective(ObjectiveId{objectives_ - 1},
                        rollup_.objective_inputs(ObjectiveId{objectives_ - 1}));
    if (key_results_ > 0) {
      fresh.set_key_result(KeyResultId{key_results_ - 1},
                           rollup_.key_result_inputs(KeyResultId{key_results_ - 1}));
    }
    for (std::uint32_t i = 0; i < objectives_; ++i) {
      fresh.set_objective(ObjectiveId{i}, rollup_.objective_inputs(ObjectiveId{i}));
    }
    for (std::uint32_t i = 0; i < key_results_; ++i) {
      fresh.set_key_result(KeyResultId{i}, rollup_.key_result_inputs(KeyResultId{i}));
      fresh.set_measurement(KeyResultId{i}, measurements_[i]);
    }
    fresh.recompute_all();
    return difference(fresh, rollup_, objectives_, key_results_);
  }

  Random rnd_;
  int target_nodes_ = 0;
  AlignmentGraph graph_;
  Rollup rollup_{graph_};
  std::uint32_t objectives_ = 0;
  std::uint32_t key_results_ = 0;
  std::size_t links_ = 0;
  std::size_t cycles_ = 0;
  std::size_t previews_ = 0;
  std::vector<LinkId> active_links_;
  std::vector<std::optional<Measurement>> measurements_;
};

TEST(DomainRollupRandom, UpdateFromEqualsAFreshRecomputeAfterEveryChange) {
  std::size_t nodes = 0, links = 0, cycles = 0, previews = 0;
  for (std::uint32_t seed = 1; seed <= kGraphs; ++seed) {
    RollupRun run(seed * 7919);
    const std::string failure = run.run();
    ASSERT_EQ(failure, "") << "seed " << seed * 7919;
    nodes += run.nodes();
    links += run.links_made();
    cycles += run.cycles_refused();
    previews += run.previews();
  }
  EXPECT_GT(previews, kGraphs * 30) << "a check-in preview after nearly every change";
  EXPECT_GT(nodes, kGraphs * 30);
  EXPECT_GT(links, kGraphs * 10);
  EXPECT_GT(cycles, 0u);  // the generator does try to close cycles
}

}  // namespace
