// Request counts by status class and a latency histogram, in Prometheus text
// format. Lock-free: every request records into atomics, so metrics never
// serialise the request threads.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace cairn::http {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};

  void record(int status, double seconds);

  // cairn_http_requests_total{code="2xx"} and the cairn_http_request_seconds
  // histogram (_bucket with cumulative counts, _sum, _count).
  std::string prometheus_text() const;

 private:
  std::array<std::atomic<std::uint64_t>, 5> by_class_{};                   // 1xx … 5xx
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};  // last is +Inf
  std::atomic<std::uint64_t> sum_nanoseconds_{0};
};

}  // namespace cairn::http
