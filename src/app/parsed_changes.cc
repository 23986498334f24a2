#include "app/parsed_changes.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "app/command_json.h"

namespace cairn::app {
namespace {

// Changes travel in batches, so that the threads meet once per thousand
// changes, not once per change; a few batches in flight keep the reader
// ahead without holding much of the log in memory.
constexpr std::size_t kBatch = 1024;
constexpr std::size_t kBatchesInFlight = 8;

class Handoff {
 public:
  // The reader: waits while the consumer is behind; false once it stopped.
  bool put(std::vector<ParsedChange>&& batch) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopped_ || batches_.size() < kBatchesInFlight; });
    if (stopped_) return false;
    batches_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }
  void finish(core::Result<void> read) {
    std::lock_guard lock(mutex_);
    read_ = std::move(read);
    finished_ = true;
    ready_.notify_one();
  }
  // The consumer: the next batch, or nothing when the reader has finished.
  std::optional<std::vector<ParsedChange>> take() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return finished_ || !batches_.empty(); });
    if (batches_.empty()) return std::nullopt;
    std::vector<ParsedChange> batch = std::move(batches_.front());
    batches_.pop_front();
    room_.notify_one();
    return batch;
  }
  // The consumer failed: the reader stops at its next batch.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    room_.notify_one();
  }
  core::Result<void> read_result() {
    std::lock_guard lock(mutex_);
    return read_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<ParsedChange>> batches_;
  bool finished_ = false, stopped_ = false;
  core::Result<void> read_;
};

core::Error stopped() {
  return core::Error{core::ErrorCode::kUnavailable, "reading the change log stopped", {}, {}, {}};
}

}  // namespace

ParsedChange parse_change(const store::Change& change) {
  ParsedChange parsed;
  parsed.seq = change.seq;
  parsed.at = change.at;
  if (change.check_in) {
    parsed.check_in = change.check_in;
    return parsed;
  }
  auto command = parse_command(change.kind, change.payload);
  if (command) {
    parsed.command = std::move(*command);
  } else {
    parsed.unreadable = command.error();
  }
  return parsed;
}

core::Result<void> read_parsed_changes(
    store::Store& store, std::int64_t organization, std::int64_t after_seq,
    const std::function<core::Result<void>(ParsedChange&)>& apply) {
  Handoff handoff;
  std::thread reader([&] {
    std::vector<ParsedChange> batch;
    batch.reserve(kBatch);
    auto read = store.read_changes(organization, after_seq,
                                   [&](const store::Change& change) -> core::Result<void> {
                                     batch.push_back(parse_change(change));
                                     if (batch.size() < kBatch) return {};
                                     if (!handoff.put(std::move(batch))) return stopped();
                                     batch = {};
                                     batch.reserve(kBatch);
                                     return {};
                                   });
    if (read && !batch.empty() && !handoff.put(std::move(batch))) read = stopped();
    handoff.finish(std::move(read));
  });

  // However the loop below ends, the reader is told and waited for.
  struct Joined {
    Handoff& handoff;
    std::thread& reader;
    ~Joined() {
      handoff.stop();
      reader.join();
    }
  };
  core::Result<void> applied;
  {
    Joined joined{handoff, reader};
    while (applied) {
      auto batch = handoff.take();
      if (!batch) break;
      for (ParsedChange& change : *batch) {
        applied = apply(change);
        if (!applied) break;
      }
    }
  }
  CAIRN_TRY(applied);
  return handoff.read_result();
}

}  // namespace cairn::app
