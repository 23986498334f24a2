// When the store fails after the model took a command (disk full, a failed
// fsync, a lost connection), the command fails cleanly and nothing of it
// remains: not in the store, not in the model that readers see, and nobody
// is told of notifications it would have made.
#include <gtest/gtest.h>

#include "app/command_target.h"
#include "app/demo_organization.h"
#include "app/notifier.h"
#include "app/security_log.h"
#include "app/writer.h"
#include "failing_store.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using testing::FailingStore;
using testing::must;

const core::Instant kNow = core::instant_utc(2026, 5, 15, 12);

class FailingStoreTest : public testing::StoreTest {};

TEST_P(FailingStoreTest, AFailedCommitLeavesNeitherStoreNorModelChanged) {
  const DemoOrganization demo = write_demo(kNow);
  const core::KeyResultId kr = some_open_key_result(demo);
  ASSERT_TRUE(kr.valid());
  const std::int64_t head = live_->seq;
  const std::size_t check_ins = live_->model->check_in_count();
  const double current = live_->model->rollup().key_result(kr).current;

  FailingStore failing(*store_);
  Writer writer(failing, *live_, nullptr);
  core::CheckIn c;
  c.key_result = kr;
  c.author = demo.admin;
  c.measurement.value = current + 1000;
  c.at = kNow;
  failing.fail_commits = true;
  auto failed = writer.execute(AddCheckIn{c}, "person:0", kNow);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(failed.error().message, "disk full");
  EXPECT_EQ(must(store_->head(live_->id)), head);
  EXPECT_EQ(live_->seq, head);
  EXPECT_EQ(live_->model->check_in_count(), check_ins) << "the model was rebuilt from the store";
  EXPECT_EQ(live_->model->rollup().key_result(kr).current, current);

  failing.fail_commits = false;
  const Committed committed = must(writer.execute(AddCheckIn{c}, "person:0", kNow));
  EXPECT_EQ(committed.seq, head + 1);
  EXPECT_EQ(*committed.applied.created, check_ins) << "the failed check-in took no id";
  EXPECT_EQ(live_->model->rollup().key_result(kr).current, current + 1000);
}

TEST_P(FailingStoreTest, NotificationsAreAnnouncedOnlyOnceTheirChangeCommitted) {
  {
    auto bulk = must(BulkTarget::begin(*store_, *live_, "system"));
    (void)must(build_demo_organization(*bulk, kNow));
    must(bulk->commit());
  }
  const core::PersonId daniel = live_->model->person_by_email("daniel@larkspur.example");
  core::ObjectiveId target;
  for (std::uint32_t i = 0; i < live_->model->objective_count() && !target.valid(); ++i) {
    const core::Objective* o = live_->model->objective(core::ObjectiveId{i});
    if (o && o->visibility == core::Visibility::kPublic) target = o->id;
  }
  ASSERT_TRUE(target.valid());
  Notifier notifier;
  std::vector<std::pair<std::int64_t, std::vector<core::PersonId>>> told;
  const int handle =
      notifier.subscribe([&](std::int64_t org, const std::vector<core::PersonId>& people) {
        told.emplace_back(org, people);
      });
  FailingStore failing(*store_);
  Writer writer(failing, *live_, nullptr, &notifier);
  core::Comment c;
  c.target = core::NodeRef::of(target);
  c.author = live_->model->person_by_email("maya@larkspur.example");
  c.body = "Could you look, @daniel@larkspur.example?";
  c.at = kNow;

  failing.fail_commits = true;
  ASSERT_FALSE(writer.execute(AddComment{c}, "person:0", kNow));
  EXPECT_TRUE(told.empty()) << "nothing committed, nobody told";

  failing.fail_commits = false;
  must(writer.execute(AddComment{c}, "person:0", kNow));
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].first, live_->id);
  EXPECT_EQ(told[0].second, std::vector<core::PersonId>{daniel});

  notifier.unsubscribe(handle);
  must(writer.execute(AddComment{c}, "person:0", kNow));
  EXPECT_EQ(told.size(), 1u) << "unsubscribed";
}

TEST_P(FailingStoreTest, ASecurityEventThatCannotBeWrittenIsLoggedAndSwallowed) {
  FailingStore failing(*store_);
  const store::SecurityEvent event{
      0, live_->id, kNow, "sign_in_failed", std::nullopt, "ada@acme.example", "10.0.0.1", ""};
  EXPECT_TRUE(record_security_event(failing, event));
  failing.fail_security_events = true;
  ::testing::internal::CaptureStderr();
  EXPECT_FALSE(record_security_event(failing, event));
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("security event not recorded: kind=sign_in_failed error=disk full"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("ada@acme.example"), std::string::npos) << "no subject in the log";
  EXPECT_EQ(must(store_->read_security_events(live_->id, {})).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, FailingStoreTest,
                         ::testing::ValuesIn(store::testing::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
