#include "app/commit_queue.h"

#include <algorithm>
#include <map>

namespace cairn::app {

CommitQueue::~CommitQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void CommitQueue::submit(PendingWrite write) {
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back(std::move(write));
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  }
  wake_.notify_one();
}

void CommitQueue::loop() {
  std::vector<PendingWrite> taken;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;  // stopping, and nothing left to run
      if (waiting_.size() <= kMaxBatch) {
        taken.swap(waiting_);
      } else {
        const auto end = waiting_.begin() + static_cast<std::ptrdiff_t>(kMaxBatch);
        taken.assign(std::make_move_iterator(waiting_.begin()), std::make_move_iterator(end));
        waiting_.erase(waiting_.begin(), end);
      }
    }
    // Each organisation's writes in the order they came; organisations in
    // the order of their first write.
    std::vector<std::int64_t> order;
    std::map<std::int64_t, std::vector<PendingWrite>> by_organization;
    for (PendingWrite& write : taken) {
      auto& batch = by_organization[write.who.organization];
      if (batch.empty()) order.push_back(write.who.organization);
      batch.push_back(std::move(write));
    }
    taken.clear();
    for (std::int64_t organization : order) run_(by_organization[organization]);
  }
}

}  // namespace cairn::app
