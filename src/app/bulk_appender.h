// Writes a bulk write's changes into its store transaction on a thread of its
// own, while the caller's thread goes on applying the next commands to the
// model. Importing the enterprise workload spent a third of its time in
// SQLite's inserts (perf, 2026-11-24), time the model's work now overlaps.
//
// The caller makes each change's row and audit entries while the model
// still shows that change (they are read from it), and hands them over;
// nothing here touches the model. The transaction is this thread's alone
// until finish() returns.
#pragma once

#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/batch_handoff.h"
#include "app/change_record.h"
#include "store/store.h"

namespace cairn::app {

class BulkAppender {
 public:
  explicit BulkAppender(store::WriteTransaction& tx);
  // Stops the thread and waits for it; what it had not appended is dropped
  // (the transaction is then the caller's to roll back).
  ~BulkAppender();
  BulkAppender(const BulkAppender&) = delete;
  BulkAppender& operator=(const BulkAppender&) = delete;

  // Queues a change, waiting while the thread is a few batches behind. An
  // error once an earlier append failed (that failure).
  core::Result<void> add(ReadyChange change);
  // Appends everything queued and waits for it: the first failure, if any.
  // Call once, before committing the transaction.
  core::Result<void> finish();

 private:
  void run();
  core::Result<void> hand_over();
  // Records why appending ends (the first reason wins) and stops the producer.
  void fail(core::Error error);
  bool failed() const;
  core::Error failure() const;  // why it ended; "ended" when nothing failed

  store::WriteTransaction& tx_;
  BatchHandoff<ReadyChange> handoff_;
  std::vector<ReadyChange> batch_;  // the producer's, until full
  bool finished_ = false;           // the producer's: finish() was called
  mutable std::mutex mutex_;
  std::optional<core::Error> failure_;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace cairn::app
