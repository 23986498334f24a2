// The outbox worker (QUALITY.md "Under load and faults"): sends the pending
// deliveries that changes and the scheduler wrote to the store, on its own
// thread and its own store connection, so a slow or dead endpoint never
// holds a request thread or the writer.
//
// Each round claims due deliveries with a lease (store.h claim_deliveries),
// sends them, and records the outcome: delivered, or a retry after an
// exponential backoff (base, 2·base, 4·base, ... up to max_backoff), and
// after max_attempts failed for good. Every attempt keeps its last error for
// admins (GET /outbox). A crash between sending and recording sends that one
// delivery again once the lease ran out (at least once); nothing else is
// ever sent twice, across restarts and instances.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "app/transport.h"
#include "store/store.h"

namespace cairn::app {

struct OutboxOptions {
  std::int64_t base_backoff_seconds = 30;
  std::int64_t max_backoff_seconds = 6 * 3600;
  int max_attempts = 12;
  std::int64_t lease_seconds = 120;
  int batch = 20;
  // How often the thread looks for due deliveries when nothing woke it.
  std::chrono::milliseconds poll = std::chrono::seconds(1);
};

// Opens a sealed webhook secret (Service::open_secret).
using SecretOpener = std::function<core::Result<std::string>(std::string_view sealed)>;

class Outbox {
 public:
  Outbox(std::unique_ptr<store::Store> store, Transport& transport, SecretOpener open_secret,
         std::function<core::Instant()> now, OutboxOptions options = {});
  ~Outbox();  // stops the thread

  // One round: claims what is due now and sends it. Returns how many were
  // attempted. Tests call it directly, with their own clock.
  core::Result<int> run_once();

  // Runs rounds on a thread of its own until stop().
  void start();
  void stop();
  // Asks for a round now (a change just wrote deliveries).
  void wake();

  // The wait before attempt `attempts + 1` after `attempts` failures.
  std::int64_t backoff_seconds(int attempts) const;

 private:
  core::Result<void> attempt(store::DeliveryRecord& delivery);

  std::unique_ptr<store::Store> store_;
  Transport& transport_;
  SecretOpener open_secret_;
  std::function<core::Instant()> now_;
  OutboxOptions options_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cairn::app
