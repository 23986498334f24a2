// Batches of work from one thread to the next, in order, with at most a few
// batches in flight: the producer waits while the consumer is behind, so a
// pipeline of threads holds little in memory. Used by the cold start (rows
// read on one thread, applied on another: parsed_changes.h) and by bulk
// writes (applied on one thread, written to the store on another:
// bulk_appender.h).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "core/result.h"

namespace cairn::app {

template <class T>
class BatchHandoff {
 public:
  explicit BatchHandoff(std::size_t in_flight = 8) : in_flight_(in_flight) {}

  // The producer: waits while the consumer is behind; false once it stopped.
  bool put(std::vector<T>&& batch) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopped_ || batches_.size() < in_flight_; });
    if (stopped_) return false;
    batches_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }
  // Whether the consumer is behind (put() would wait): a producer that can
  // do some of the consumer's work had better do it now than wait.
  bool full() const {
    std::lock_guard lock(mutex_);
    return batches_.size() >= in_flight_;
  }
  // The producer is done: after the batches already put, take() returns
  // nothing, and the consumer reads `result` (why the producer ended).
  void finish(core::Result<void> result = {}) {
    std::lock_guard lock(mutex_);
    result_ = std::move(result);
    finished_ = true;
    ready_.notify_one();
  }
  // The consumer: the next batch, or nothing once the producer has finished.
  std::optional<std::vector<T>> take() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return finished_ || !batches_.empty(); });
    if (batches_.empty()) return std::nullopt;
    std::vector<T> batch = std::move(batches_.front());
    batches_.pop_front();
    room_.notify_one();
    return batch;
  }
  // The consumer gave up: the producer's next put() returns false.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    room_.notify_one();
  }
  bool stopped() const {
    std::lock_guard lock(mutex_);
    return stopped_;
  }
  core::Result<void> result() const {
    std::lock_guard lock(mutex_);
    return result_;
  }

 private:
  const std::size_t in_flight_;
  mutable std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<T>> batches_;
  bool finished_ = false, stopped_ = false;
  core::Result<void> result_;
};

}  // namespace cairn::app
