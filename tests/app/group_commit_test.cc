// Group commit: the writes that waited together share one store transaction
// and one durable commit, yet each keeps its own outcome. One that fails
// fails alone (also a composite one that failed part way); a commit that
// fails takes every write of its transaction with it and leaves nothing.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "app/command_target.h"
#include "app/commit_queue.h"
#include "app/demo_organization.h"
#include "app/writer.h"
#include "failing_store.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using testing::FailingStore;
using testing::must;

const core::Instant kNow = core::instant_utc(2026, 5, 15, 12);

class GroupCommitTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto bulk = must(BulkTarget::begin(*store_, *live_, "system"));
    demo_ = must(build_demo_organization(*bulk, kNow));
    must(bulk->commit());
  }
  // Metric key results of active objectives in `period` that take check-ins.
  std::vector<core::KeyResultId> metric_key_results(core::PeriodId period) const {
    std::vector<core::KeyResultId> found;
    for (core::ObjectiveId o : live_->model->objectives_in(period)) {
      if (live_->model->objective(o)->state != core::ObjectiveState::kActive) continue;
      for (core::KeyResultId kr : live_->model->key_results_of(o)) {
        const core::KeyResult& k = *live_->model->key_result(kr);
        if (k.kind == core::KeyResultKind::kMetric && k.source == core::ProgressSource::kCheckIns) {
          found.push_back(kr);
        }
      }
    }
    return found;
  }
  AddCheckIn check_in(core::KeyResultId kr, double value) const {
    core::CheckIn c;
    c.key_result = kr;
    c.author = demo_.admin;
    c.measurement.value = value;
    c.at = kNow;
    return AddCheckIn{c};
  }
  static Writer::Job job(const Command& command) { return Writer::Job{&command, "person:0", kNow}; }

  DemoOrganization demo_;
};

TEST_P(GroupCommitTest, WritesThatWaitedTogetherCommitOnceAndEachGetsItsOwnOutcome) {
  const auto krs = metric_key_results(demo_.current_quarter);
  ASSERT_GE(krs.size(), 3u);
  const std::int64_t head = live_->seq;
  const std::size_t check_ins = live_->model->check_in_count();
  EventBus events;
  std::vector<std::int64_t> published;
  events.subscribe([&](const Event& e) { published.push_back(e.seq); });
  FailingStore counting(*store_);
  Writer writer(counting, *live_, &events);

  const Command first = check_in(krs[0], 11);
  const Command unknown = check_in(core::KeyResultId{999'999}, 12);  // the model refuses it
  const Command refused = check_in(krs[1], 13);                      // its check refuses it
  const Command last = check_in(krs[2], 14);
  std::vector<Writer::Job> jobs{job(first), job(unknown), job(refused), job(last)};
  jobs[2].check = [](const core::Model&) -> core::Result<void> {
    return core::Error{core::ErrorCode::kStaleVersion, "changed meanwhile", {}, {}, {}};
  };
  writer.execute(jobs);

  EXPECT_EQ(counting.commits, 1) << "one durable commit for the batch";
  ASSERT_TRUE(jobs[0].result);
  EXPECT_EQ(jobs[0].result->seq, head + 1);
  ASSERT_FALSE(jobs[1].result);
  EXPECT_EQ(jobs[1].result.error().code, core::ErrorCode::kNotFound);
  ASSERT_FALSE(jobs[2].result);
  EXPECT_EQ(jobs[2].result.error().code, core::ErrorCode::kStaleVersion);
  ASSERT_TRUE(jobs[3].result);
  EXPECT_EQ(jobs[3].result->seq, head + 2);
  EXPECT_EQ(live_->seq, head + 2);
  EXPECT_EQ(must(store_->head(live_->id)), head + 2);
  EXPECT_EQ(published, (std::vector<std::int64_t>{head + 1, head + 2}));
  EXPECT_EQ(live_->model->check_in_count(), check_ins + 2);

  auto loaded = load_again();
  EXPECT_EQ(loaded->seq, head + 2);
  EXPECT_EQ(loaded->model->check_in_count(), check_ins + 2);
  EXPECT_EQ(loaded->model->rollup().key_result(krs[0]).current, 11);
  EXPECT_EQ(loaded->model->rollup().key_result(krs[2]).current, 14);
}

TEST_P(GroupCommitTest, ACompositeCommandThatFailsPartWayFailsAloneInItsBatch) {
  const auto krs = metric_key_results(demo_.current_quarter);
  ASSERT_GE(krs.size(), 2u);
  const auto earlier = live_->model->objectives_in(demo_.previous_quarter);
  const auto current = live_->model->objectives_in(demo_.current_quarter);
  ASSERT_FALSE(earlier.empty());
  ASSERT_FALSE(current.empty());
  const std::int64_t head = live_->seq;
  const std::uint32_t objectives = live_->model->objective_count();
  const std::size_t links = live_->model->link_count();

  // The objective applies, then its parent from another quarter is refused.
  core::Objective objective = *live_->model->objective(current.front());
  objective.id = {};
  objective.title = "Half applied";
  const Command composite = CreateObjective{
      objective, {core::AlignmentLink{.parent = core::NodeRef::of(earlier.front())}}};
  const Command before = check_in(krs[0], 21);
  const Command after = check_in(krs[1], 22);
  FailingStore counting(*store_);
  Writer writer(counting, *live_, nullptr);
  std::vector<Writer::Job> jobs{job(before), job(composite), job(after)};
  writer.execute(jobs);

  ASSERT_TRUE(jobs[0].result);
  ASSERT_FALSE(jobs[1].result);
  EXPECT_EQ(jobs[1].result.error().code, core::ErrorCode::kPeriodMismatch);
  ASSERT_TRUE(jobs[2].result);
  EXPECT_EQ(jobs[0].result->seq, head + 1);
  EXPECT_EQ(jobs[2].result->seq, head + 2);
  EXPECT_EQ(counting.commits, 1) << "the others ran again, together, after the rebuild";
  EXPECT_EQ(live_->model->objective_count(), objectives) << "nothing of the composite remains";
  EXPECT_EQ(live_->model->link_count(), links);
  EXPECT_EQ(live_->model->rollup().key_result(krs[0]).current, 21);
  EXPECT_EQ(live_->model->rollup().key_result(krs[1]).current, 22);
  auto loaded = load_again();
  EXPECT_EQ(loaded->seq, head + 2);
  EXPECT_EQ(loaded->model->objective_count(), objectives);
}

TEST_P(GroupCommitTest, AFailedCommitFailsEveryWriteOfItsTransactionAndLeavesNothing) {
  const auto krs = metric_key_results(demo_.current_quarter);
  ASSERT_GE(krs.size(), 2u);
  const std::int64_t head = live_->seq;
  const std::size_t check_ins = live_->model->check_in_count();
  const double current = live_->model->rollup().key_result(krs[0]).current;
  EventBus events;
  int published = 0;
  events.subscribe([&](const Event&) { ++published; });
  FailingStore failing(*store_);
  failing.fail_commits = true;
  Writer writer(failing, *live_, &events);
  const Command a = check_in(krs[0], current + 100);
  const Command b = check_in(krs[1], 5);
  std::vector<Writer::Job> jobs{job(a), job(b)};
  writer.execute(jobs);

  for (const Writer::Job& j : jobs) {
    ASSERT_FALSE(j.result);
    EXPECT_EQ(j.result.error().message, "disk full");
  }
  EXPECT_EQ(published, 0);
  EXPECT_EQ(live_->seq, head);
  EXPECT_EQ(must(store_->head(live_->id)), head);
  EXPECT_EQ(live_->model->check_in_count(), check_ins);
  EXPECT_EQ(live_->model->rollup().key_result(krs[0]).current, current);
}

TEST_P(GroupCommitTest, TheNotificationsOfEveryWriteInABatchAreAnnouncedOnceItCommitted) {
  const core::PersonId daniel = live_->model->person_by_email("daniel@larkspur.example");
  const core::PersonId maya = live_->model->person_by_email("maya@larkspur.example");
  const auto current = live_->model->objectives_in(demo_.current_quarter);
  core::ObjectiveId target;
  for (core::ObjectiveId o : current) {
    if (live_->model->objective(o)->visibility == core::Visibility::kPublic) target = o;
  }
  ASSERT_TRUE(target.valid());
  Notifier notifier;
  std::vector<std::vector<core::PersonId>> told;
  notifier.subscribe(
      [&](std::int64_t, const std::vector<core::PersonId>& people) { told.push_back(people); });
  Writer writer(*store_, *live_, nullptr, &notifier);
  auto comment = [&](std::string body) {
    core::Comment c;
    c.target = core::NodeRef::of(target);
    c.author = maya;
    c.body = std::move(body);
    c.at = kNow;
    return Command{AddComment{c}};
  };
  const Command first = comment("Could you look, @daniel@larkspur.example?");
  const Command second = comment("And this too, @daniel@larkspur.example.");
  std::vector<Writer::Job> jobs{job(first), job(second)};
  writer.execute(jobs);
  ASSERT_TRUE(jobs[0].result);
  ASSERT_TRUE(jobs[1].result);
  ASSERT_EQ(told.size(), 1u) << "once, after the one commit";
  EXPECT_EQ(told[0], (std::vector<core::PersonId>{daniel, daniel}));
}

// A job's observer reads what its answer needs right after the commit, under
// the writer's lock: the state with the whole batch in it, and only for the
// jobs that committed.
TEST_P(GroupCommitTest, AnObserverReadsTheCommittedStateOfTheJobsThatCommitted) {
  const auto krs = metric_key_results(demo_.current_quarter);
  ASSERT_GE(krs.size(), 2u);
  const std::int64_t head = live_->seq;
  const std::size_t check_ins = live_->model->check_in_count();
  Writer writer(*store_, *live_, nullptr);
  const Command first = check_in(krs[0], 11);
  const Command unknown = check_in(core::KeyResultId{999'999}, 12);  // the model refuses it
  const Command last = check_in(krs[1], 14);
  std::vector<Writer::Job> jobs{job(first), job(unknown), job(last)};
  struct Seen {
    std::size_t job;
    std::int64_t seq;
    std::size_t check_ins;
    double current;
  };
  std::vector<Seen> seen;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    jobs[i].observe = [&, i](const core::Model& model, const Committed& committed) {
      const core::CheckIn& c = *model.check_in(core::CheckInId{*committed.applied.created});
      seen.push_back({i, committed.seq, model.check_in_count(), c.measurement.value});
    };
  }
  writer.execute(jobs);

  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].job, 0u);
  EXPECT_EQ(seen[0].seq, head + 1);
  EXPECT_EQ(seen[0].current, 11);
  EXPECT_EQ(seen[1].job, 2u);
  EXPECT_EQ(seen[1].seq, head + 2);
  EXPECT_EQ(seen[1].current, 14);
  for (const Seen& s : seen) EXPECT_EQ(s.check_ins, check_ins + 2) << "after the whole commit";
  EXPECT_FALSE(jobs[1].result);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupCommitTest, ::testing::ValuesIn(store::testing::backends()),
                         [](const auto& info) { return info.param; });

// The queue, with a batch runner that records what it was given.
class Recorder {
 public:
  void run(std::vector<PendingWrite>& writes) {
    std::unique_lock lock(mutex_);
    batches_.emplace_back();
    for (const PendingWrite& w : writes) batches_.back().push_back(w.who.organization);
    changed_.notify_all();
    // The first batch holds the commit thread until released, as a slow
    // disk would, while the next writes gather.
    if (batches_.size() == 1) changed_.wait(lock, [this] { return released_; });
    lock.unlock();
    for (PendingWrite& w : writes) w.done(Committed{});
  }
  void wait_for_batches(std::size_t n) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return batches_.size() >= n; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  std::vector<std::vector<std::int64_t>> batches() {
    std::lock_guard lock(mutex_);
    return batches_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool released_ = false;
  std::vector<std::vector<std::int64_t>> batches_;
};

PendingWrite write_for(std::int64_t organization, std::atomic<int>& done) {
  PendingWrite w;
  w.who.organization = organization;
  w.done = [&done](core::Result<Committed> r) {
    if (r) ++done;
  };
  return w;
}

TEST(CommitQueue, WritesArrivingDuringACommitGoTogetherIntoTheNextOnePerOrganization) {
  Recorder recorder;
  std::atomic<int> done{0};
  {
    CommitQueue queue([&](std::vector<PendingWrite>& w) { recorder.run(w); });
    queue.submit(write_for(1, done));
    recorder.wait_for_batches(1);  // the commit thread is now busy with it
    for (std::int64_t org : {1, 2, 1, 1, 2}) queue.submit(write_for(org, done));
    recorder.release();
    recorder.wait_for_batches(3);
  }
  EXPECT_EQ(done.load(), 6);
  EXPECT_EQ(recorder.batches(), (std::vector<std::vector<std::int64_t>>{{1}, {1, 1, 1}, {2, 2}}));
}

TEST(CommitQueue, ABatchHoldsAtMostTheLimitAndNothingQueuedIsLostOnStop) {
  Recorder recorder;
  std::atomic<int> done{0};
  const int n = static_cast<int>(CommitQueue::kMaxBatch) + 10;
  {
    CommitQueue queue([&](std::vector<PendingWrite>& w) { recorder.run(w); });
    queue.submit(write_for(7, done));
    recorder.wait_for_batches(1);
    for (int i = 0; i < n; ++i) queue.submit(write_for(7, done));
    recorder.release();
  }  // the destructor runs what was queued
  EXPECT_EQ(done.load(), n + 1);
  const auto batches = recorder.batches();
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[1].size(), CommitQueue::kMaxBatch);
  EXPECT_EQ(batches[2].size(), 10u);
}

}  // namespace
}  // namespace cairn::app
