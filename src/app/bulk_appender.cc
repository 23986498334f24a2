#include "app/bulk_appender.h"

#include <utility>

namespace cairn::app {
namespace {

// A batch is a few hundred changes: the threads meet once per batch.
constexpr std::size_t kBatch = 256;

core::Error ended() {
  return core::unavailable("the bulk write has ended");
}

}  // namespace

BulkAppender::BulkAppender(store::WriteTransaction& tx) : tx_(tx) {
  batch_.reserve(kBatch);
  thread_ = std::thread([this] { run(); });
}

BulkAppender::~BulkAppender() {
  if (!thread_.joinable()) return;
  // Abandoned before finish(): whatever is still queued is not appended.
  fail(ended());
  handoff_.finish();
  thread_.join();
}

void BulkAppender::fail(core::Error error) {
  {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::move(error);
  }
  handoff_.stop();
}

bool BulkAppender::failed() const {
  std::lock_guard lock(mutex_);
  return failure_.has_value();
}

core::Error BulkAppender::failure() const {
  std::lock_guard lock(mutex_);
  return failure_ ? *failure_ : ended();
}

void BulkAppender::run() {
  while (auto batch = handoff_.take()) {
    // After a failure the rest is only drained, so that the producer's last
    // put does not wait for room.
    if (failed()) continue;
    for (const ReadyChange& ready : *batch) {
      core::Result<void> appended = tx_.append(ready.change);
      for (std::size_t i = 0; appended && i < ready.audit.size(); ++i) {
        appended = tx_.append_audit(ready.audit[i]);
      }
      if (!appended) {
        fail(appended.error());
        break;
      }
    }
  }
}

core::Result<void> BulkAppender::hand_over() {
  if (batch_.empty()) return {};
  if (!handoff_.put(std::move(batch_))) return failure();
  batch_ = {};
  batch_.reserve(kBatch);
  return {};
}

core::Result<void> BulkAppender::add(ReadyChange change) {
  if (finished_) return ended();
  batch_.push_back(std::move(change));
  if (batch_.size() < kBatch) return {};
  return hand_over();
}

core::Result<void> BulkAppender::finish() {
  if (finished_) return ended();
  finished_ = true;
  (void)hand_over();  // a refused batch means a failure, read below
  handoff_.finish();
  thread_.join();
  if (failed()) return failure();
  return {};
}

}  // namespace cairn::app
