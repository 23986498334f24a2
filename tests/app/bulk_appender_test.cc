// A bulk write's changes go into its store transaction on the appender's
// thread (bulk_appender.h): all of them, in order, each followed by its audit
// entries; the first failure is reported and nothing after it is written.
#include "app/bulk_appender.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cairn::app {
namespace {

// Records what is appended, and on which thread; fails from the change with
// seq `fail_at` on.
class RecordingTransaction final : public store::WriteTransaction {
 public:
  std::int64_t fail_at = -1;
  std::vector<std::string> written;  // "change 3", "audit 3.0", ...
  std::vector<std::thread::id> threads;

  std::int64_t head() const override { return 0; }
  core::Result<void> append(const store::Change& c) override {
    threads.push_back(std::this_thread::get_id());
    if (fail_at >= 0 && c.seq >= fail_at) return core::unavailable("disk full");
    written.push_back("change " + std::to_string(c.seq));
    return {};
  }
  core::Result<void> append_audit(const store::AuditEntry& e) override {
    written.push_back("audit " + std::to_string(e.seq) + "." + std::to_string(e.position));
    return {};
  }
  core::Result<std::int64_t> append_notification(const store::NotificationRecord&) override {
    return 0;
  }
  core::Result<std::int64_t> append_delivery(const store::DeliveryRecord&) override { return 0; }
  core::Result<void> set_schedule(const store::ScheduleRecord&) override { return {}; }
  core::Result<void> commit() override { return {}; }
};

ReadyChange ready(std::int64_t seq, int audits) {
  ReadyChange r;
  r.change.seq = seq;
  for (int i = 0; i < audits; ++i) {
    store::AuditEntry e;
    e.seq = seq;
    e.position = i;
    r.audit.push_back(e);
  }
  return r;
}

TEST(BulkAppender, AppendsEveryChangeAndItsAuditInOrderOnItsOwnThread) {
  RecordingTransaction tx;
  {
    BulkAppender appender(tx);
    for (int seq = 1; seq <= 1000; ++seq) ASSERT_TRUE(appender.add(ready(seq, seq % 3)));
    ASSERT_TRUE(appender.finish());
    EXPECT_FALSE(appender.finish()) << "finished once";
  }
  std::vector<std::string> expected;
  for (int seq = 1; seq <= 1000; ++seq) {
    expected.push_back("change " + std::to_string(seq));
    for (int i = 0; i < seq % 3; ++i) {
      expected.push_back("audit " + std::to_string(seq) + "." + std::to_string(i));
    }
  }
  EXPECT_EQ(tx.written, expected);
  ASSERT_FALSE(tx.threads.empty());
  EXPECT_NE(tx.threads.front(), std::this_thread::get_id());
}

TEST(BulkAppender, TheFirstFailureIsReportedAndNothingAfterItIsWritten) {
  RecordingTransaction tx;
  tx.fail_at = 300;
  BulkAppender appender(tx);
  core::Result<void> added;
  for (int seq = 1; seq <= 5000 && added; ++seq) added = appender.add(ready(seq, 1));
  auto finished = appender.finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().message, "disk full");
  if (!added) {
    EXPECT_EQ(added.error().message, "disk full") << "a later add reports it too";
  }
  ASSERT_EQ(tx.written.size(), 2u * 299);
  EXPECT_EQ(tx.written.back(), "audit 299.0");
  EXPECT_EQ(tx.threads.size(), 300u) << "one failed append, then none";
}

TEST(BulkAppender, AbandonedBeforeFinishingItWritesNothingMore) {
  RecordingTransaction tx;
  {
    BulkAppender appender(tx);
    for (int seq = 1; seq <= 10; ++seq) ASSERT_TRUE(appender.add(ready(seq, 1)));
  }  // a batch not yet full was never handed over
  EXPECT_TRUE(tx.written.empty());
}

}  // namespace
}  // namespace cairn::app
