// Group commit: writes handed over without waiting (Service::submit) queue up
// here, and one thread of their own takes everything waiting at once and runs
// it organisation by organisation, each organisation's writes in one store
// transaction with one durable commit. While a commit waits for the disk, the
// next writes gather; the more there are, the fewer syncs per write. Nobody's
// thread is held meanwhile: each write's `done` is called on this thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "app/command.h"
#include "app/principal.h"
#include "app/writer.h"

namespace cairn::app {

struct PendingWrite {
  Principal who;
  Command command;
  core::Instant now;
  Writer::Check precondition;
  // Called once with the outcome, on the commit thread: keep it short (hand
  // the work back to the caller's own thread).
  std::function<void(core::Result<Committed>)> done;
  // Set for a write whose request has not read the model (a submitted
  // Identity, principal.h): under the writer's lock, before anything else is
  // checked, it confirms `who` (an active person, and their role) and makes
  // `command` from the state. Its error is the write's.
  std::function<core::Result<void>(const core::Model&, Principal&, Command&)> resolve;
  Writer::Observe observe;  // may be empty
};

class CommitQueue {
 public:
  // Runs one organisation's writes, in the order they came, and calls their
  // `done`. Called on the commit thread only.
  using RunBatch = std::function<void(std::vector<PendingWrite>&)>;

  // At most this many writes share a transaction, so that readers never
  // wait long behind the organisation's lock.
  static constexpr std::size_t kMaxBatch = 512;

  explicit CommitQueue(RunBatch run) : run_(std::move(run)) {}
  // Runs everything already queued, then stops the thread.
  ~CommitQueue();
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  void submit(PendingWrite write);

 private:
  void loop();

  RunBatch run_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<PendingWrite> waiting_;
  bool stopping_ = false;
  std::thread thread_;  // started by the first submit()
};

}  // namespace cairn::app
