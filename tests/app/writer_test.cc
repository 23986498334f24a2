// The single writer and loading: what is committed comes back exactly on the
// next start, a failed command changes nothing anywhere, every change is
// audited and published, and another instance follows.
#include "app/writer.h"

#include <gtest/gtest.h>

#include <thread>

#include "app/audit_before.h"
#include "app/command_target.h"
#include "app/demo_organization.h"
#include "app/entity_json.h"
#include "app/follower.h"
#include "app/json_text.h"
#include "core/evaluation.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using testing::must;

const core::Instant kNow = core::instant_utc(2026, 5, 15, 12);

// Everything a reader can see of an organisation, compared field by field.
void expect_same_state(const core::Model& a, const core::Model& b, core::Instant at) {
  ASSERT_EQ(a.objective_count(), b.objective_count());
  ASSERT_EQ(a.key_result_count(), b.key_result_count());
  ASSERT_EQ(a.check_in_count(), b.check_in_count());
  ASSERT_EQ(a.person_count(), b.person_count());
  ASSERT_EQ(a.link_count(), b.link_count());
  EXPECT_EQ(a.comment_count(), b.comment_count());
  const core::Evaluation ea(a, at), eb(b, at);
  for (std::uint32_t i = 0; i < a.objective_count(); ++i) {
    const core::ObjectiveId id{i};
    EXPECT_EQ(a.objective(id)->title, b.objective(id)->title);
    EXPECT_EQ(a.objective(id)->state, b.objective(id)->state);
    EXPECT_EQ(a.objective(id)->effective_score(), b.objective(id)->effective_score());
    EXPECT_EQ(ea.objective_view(id).progress, eb.objective_view(id).progress) << i;
    EXPECT_EQ(ea.objective_view(id).status, eb.objective_view(id).status) << i;
    EXPECT_EQ(a.objective_history(id).versions().size(), b.objective_history(id).versions().size());
  }
  for (std::uint32_t i = 0; i < a.key_result_count(); ++i) {
    const core::KeyResultId id{i};
    EXPECT_EQ(ea.key_result_view(id).current, eb.key_result_view(id).current) << i;
    EXPECT_EQ(a.key_result(id)->effective_score(), b.key_result(id)->effective_score());
  }
}

class WriterTest : public testing::StoreTest {
 protected:
  DemoOrganization write_demo() { return StoreTest::write_demo(kNow); }
};

TEST_P(WriterTest, TheDemoOrganizationComesBackExactlyOnTheNextStart) {
  write_demo();
  EXPECT_GT(live_->seq, 100);
  auto loaded = load_again();
  EXPECT_EQ(loaded->seq, live_->seq);
  expect_same_state(*live_->model, *loaded->model, kNow);
}

TEST_P(WriterTest, ACheckInIsDurableAndRollsUpOnTheNextStart) {
  const DemoOrganization demo = write_demo();
  const core::KeyResultId kr = some_open_key_result(demo);
  ASSERT_TRUE(kr.valid());
  EventBus events;
  std::vector<Event> seen;
  events.subscribe([&](const Event& e) { seen.push_back(e); });
  Writer writer(*store_, *live_, &events);
  core::CheckIn c;
  c.key_result = kr;
  c.author = demo.admin;
  c.measurement.value = *live_->model->key_result(kr)->target;  // reached
  c.confidence = 9;
  c.note = "done early";
  c.at = kNow;
  const Committed committed = must(writer.execute(AddCheckIn{c}, "person:0", kNow + 60));
  EXPECT_EQ(committed.seq, live_->seq);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].kind, "add_check_in");
  EXPECT_EQ(seen[0].seq, committed.seq);
  EXPECT_EQ(seen[0].actor, "person:0");

  auto loaded = load_again();
  const core::CheckIn* stored =
      loaded->model->check_in(core::CheckInId{*committed.applied.created});
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->note, "done early");
  EXPECT_EQ(stored->confidence, 9);
  EXPECT_EQ(core::Evaluation(*loaded->model, kNow + 60).key_result_view(kr).progress, 1.0);
  expect_same_state(*live_->model, *loaded->model, kNow + 60);
}

TEST_P(WriterTest, AFailedCommandChangesNothingAnywhere) {
  const DemoOrganization demo = write_demo();
  const std::int64_t head = live_->seq;
  Writer writer(*store_, *live_, nullptr);
  core::CheckIn c;
  c.key_result = some_open_key_result(demo);
  c.author = demo.admin;
  c.measurement.value = 1;
  c.confidence = 11;  // out of range
  c.at = kNow;
  auto refused = writer.execute(AddCheckIn{c}, "person:0", kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalid);
  EXPECT_EQ(live_->seq, head);
  EXPECT_EQ(must(store_->head(live_->id)), head);
  // And the next command goes through with the next seq.
  c.confidence = 5;
  EXPECT_EQ(must(writer.execute(AddCheckIn{c}, "person:0", kNow)).seq, head + 1);
}

TEST_P(WriterTest, EveryChangeIsAuditedWithTheEntityBeforeAndAfter) {
  const DemoOrganization demo = write_demo();
  Writer writer(*store_, *live_, nullptr);
  const core::ObjectiveId id = live_->model->objectives_in(demo.current_quarter).front();
  core::Objective renamed = *live_->model->objective(id);
  const std::string old_title = renamed.title;
  renamed.title = "A sharper objective";
  const Committed committed = must(writer.execute(UpdateObjective{renamed}, "person:0", kNow));

  store::AuditQuery query;
  query.entity = "objective";
  query.entity_id = id.value();
  const auto entries = must(store_->read_audit(live_->id, query));
  ASSERT_GE(entries.size(), 2u);  // created, then renamed
  EXPECT_EQ(entries[0].seq, committed.seq);
  EXPECT_EQ(entries[0].actor, "person:0");
  EXPECT_EQ(entries[0].at, kNow);
  ASSERT_TRUE(entries[0].before);
  // The store keeps the whole after and, of the before, what changed.
  EXPECT_TRUE(entries[0].before_changed_only);
  EXPECT_EQ(*entries[0].before, R"({"changed":{"title":")" + old_title + R"("},"absent":[]})");
  EXPECT_NE(entries[0].after.find("A sharper objective"), std::string::npos);
  EXPECT_FALSE(entries.back().before) << "the creation has no before";
  EXPECT_FALSE(entries.back().before_changed_only);
}

// DOMAIN.md "Check-ins": a deletion is kept in the audit log. The check-in
// itself stays, marked deleted; its audit entry holds it as it was before
// (no deleted_at) and after.
TEST_P(WriterTest, ADeletedCheckInIsKeptInTheAuditLog) {
  const DemoOrganization demo = write_demo();
  Writer writer(*store_, *live_, nullptr);
  core::CheckIn c;
  c.key_result = some_open_key_result(demo);
  c.author = demo.admin;
  c.measurement.value = 42;
  c.note = "a typo";
  c.at = kNow;
  const core::CheckInId id{*must(writer.execute(AddCheckIn{c}, "person:0", kNow)).applied.created};
  const core::CheckIn written = *live_->model->check_in(id);
  const Committed deleted = must(writer.execute(DeleteCheckIn{id}, "person:0", kNow + 120));

  store::AuditQuery query;
  query.entity = "check_in";
  query.entity_id = id.value();
  const auto entries = must(store_->read_audit(live_->id, query));
  ASSERT_EQ(entries.size(), 1u)
      << "a new check-in's own row is its record; the deletion is audited";
  EXPECT_EQ(entries[0].seq, deleted.seq);
  ASSERT_TRUE(entries[0].before);
  EXPECT_EQ(*entries[0].before, R"({"changed":{},"absent":["deleted_at"]})");
  const core::CheckIn after = must(from_json<core::CheckIn>(must(parse_json(entries[0].after))));
  EXPECT_EQ(after.deleted_at, kNow + 120);
  EXPECT_EQ(after.note, "a typo");
  const std::string before = must(whole_before(*entries[0].before, entries[0].after));
  EXPECT_EQ(must(parse_json(before)), to_json(written));
}

TEST_P(WriterTest, TheStateRebuiltAsOfAPastInstantIsWhatWasObservedThen) {
  const DemoOrganization demo = write_demo();
  const core::KeyResultId kr = some_open_key_result(demo);
  const core::ObjectiveId objective = live_->model->key_result(kr)->objective;
  Writer writer(*store_, *live_, nullptr);
  struct Observation {
    core::Instant at;
    double key_result_progress;
    double objective_progress;
    core::Status status;
  };
  std::vector<Observation> observed;
  const double target = *live_->model->key_result(kr)->target;
  const double start = live_->model->key_result(kr)->start;
  for (int day = 1; day <= 5; ++day) {
    const core::Instant at = kNow + day * core::kSecondsPerDay;
    core::CheckIn c;
    c.key_result = kr;
    c.author = demo.admin;
    c.measurement.value = start + (target - start) * 0.15 * day;
    c.confidence = 3 + day;
    c.at = at;
    must(writer.execute(AddCheckIn{c}, "person:0", at));
    if (day == 3) {
      core::Objective renamed = *live_->model->objective(objective);
      renamed.title += " (sharpened)";
      must(writer.execute(UpdateObjective{renamed}, "person:0", at + 10));
    }
    const core::Evaluation now(*live_->model, at + 60);
    observed.push_back({at + 60, now.key_result_view(kr).progress,
                        now.objective_view(objective).progress,
                        now.objective_view(objective).status});
  }
  auto loaded = load_again();
  for (const Observation& o : observed) {
    const core::Evaluation then(*loaded->model, o.at);
    EXPECT_EQ(then.key_result_view(kr).progress, o.key_result_progress);
    EXPECT_EQ(then.objective_view(objective).progress, o.objective_progress);
    EXPECT_EQ(then.objective_view(objective).status, o.status);
  }
  EXPECT_EQ(core::Evaluation(*loaded->model, observed[1].at).objective(objective)->title,
            live_->model->objective_history(objective).versions().front().value.title);
}

TEST_P(WriterTest, AnotherInstanceFollowsAWriteWithinOneSecond) {
  const DemoOrganization demo = write_demo();
  auto other = load_again();  // the second instance, with its own connections
  EventBus other_events;
  std::atomic<std::int64_t> followed_seq{0};
  other_events.subscribe([&](const Event& e) { followed_seq = e.seq; });
  Follower follower(open(), *other, &other_events);
  std::jthread following(
      [&](std::stop_token stop) { follower.run(stop, std::chrono::milliseconds(100)); });

  const core::KeyResultId kr = some_open_key_result(demo);
  Writer writer(*store_, *live_, nullptr);
  core::CheckIn c;
  c.key_result = kr;
  c.author = demo.admin;
  c.measurement.value = *live_->model->key_result(kr)->target;
  c.at = kNow;
  const auto started = std::chrono::steady_clock::now();
  const Committed committed = must(writer.execute(AddCheckIn{c}, "person:0", kNow));
  while (followed_seq.load() < committed.seq &&
         std::chrono::steady_clock::now() - started < std::chrono::seconds(5)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto waited = std::chrono::steady_clock::now() - started;
  following.request_stop();
  following.join();
  ASSERT_EQ(followed_seq.load(), committed.seq);
  EXPECT_LT(waited, std::chrono::seconds(1));
  std::shared_lock lock(other->mutex);
  EXPECT_EQ(core::Evaluation(*other->model, kNow).key_result_view(kr).progress, 1.0);
  expect_same_state(*live_->model, *other->model, kNow);
}

TEST_P(WriterTest, AWriterBehindAnotherInstanceCatchesUpBeforeItsCommand) {
  const DemoOrganization demo = write_demo();
  auto other = load_again();
  auto other_store = open();
  Writer mine(*store_, *live_, nullptr);
  Writer theirs(*other_store, *other, nullptr);
  const core::KeyResultId kr = some_open_key_result(demo);
  core::CheckIn c;
  c.key_result = kr;
  c.author = demo.admin;
  c.measurement.value = 1;
  c.at = kNow;
  const Committed first = must(theirs.execute(AddCheckIn{c}, "person:1", kNow));
  const Committed second = must(mine.execute(AddCheckIn{c}, "person:0", kNow + 1));
  EXPECT_EQ(second.seq, first.seq + 1);  // neither overwrote the other
  EXPECT_EQ(*second.applied.created, *first.applied.created + 1);
  EXPECT_EQ(live_->model->check_in_count(), other->model->check_in_count() + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, WriterTest, ::testing::ValuesIn(store::testing::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
