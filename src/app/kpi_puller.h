// The KPI puller (docs/kpis.md): on a thread of its own, it claims the pulls
// that are due (in every organisation, across instances: store.h
// claim_kpi_pulls), GETs each URL, picks the number at the JSON Pointer and,
// when it differs from the KPI's latest value, records it as a new value: one
// check-in on each key result the KPI feeds, with roll-up, status changes and
// alerts like any check-in.
//
// A failed pull (no answer, a timeout, a status other than 200, no JSON, no
// value at the pointer, a value that is not a number) writes nothing: it is
// kept as the source's last error and retried sooner (1, 2, 4 … minutes, never
// later than the pull's own interval).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/curl_transport.h"
#include "app/service.h"

namespace cairn::app {

// The number at `pointer` in a pull's answer, or why there is none (the
// message a KPI shows as its last error).
core::Result<double> read_kpi_value(const HttpAnswer& answer, std::string_view pointer);

struct KpiPullerOptions {
  std::chrono::milliseconds tick = std::chrono::seconds(5);
  int batch = 16;                                        // pulls claimed per round
  std::chrono::seconds lease = std::chrono::minutes(2);  // outlasts a pull's timeout
  std::chrono::milliseconds timeout = std::chrono::seconds(10);
  // The GET itself; tests may point it elsewhere.
  std::function<core::Result<HttpAnswer>(const HttpGet&)> get = http_get;
};

class KpiPuller {
 public:
  KpiPuller(Service& service, std::function<core::Instant()> now, KpiPullerOptions options = {});
  ~KpiPuller();  // stops the thread

  // Runs every pull due now; returns how many ran. Tests call it with their clock.
  core::Result<int> run_once();

  void start();
  void stop();

 private:
  // Runs one pull; the error is the source's new last error.
  core::Result<void> pull(const store::KpiSourceRecord& source, core::Instant now);
  core::Result<std::vector<std::pair<std::string, std::string>>> headers(
      const store::KpiSourceRecord& source);

  Service& service_;
  std::function<core::Instant()> now_;
  KpiPullerOptions options_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cairn::app
