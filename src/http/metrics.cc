#include "http/metrics.h"

#include <algorithm>
#include <cmath>

#include "http/json_number.h"

namespace cairn::http {

void Metrics::record(int status, double seconds) {
  int cls = std::clamp(status / 100, 1, 5);
  by_class_[cls - 1].fetch_add(1, std::memory_order_relaxed);
  // Buckets are stored non-cumulative so a request touches one counter; the
  // text adds them up.
  auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_nanoseconds_.fetch_add(static_cast<std::uint64_t>(std::llround(std::max(seconds, 0.0) * 1e9)),
                             std::memory_order_relaxed);
}

std::string Metrics::prometheus_text() const {
  std::string out;
  out += "# HELP cairn_http_requests_total HTTP requests answered, by status class.\n";
  out += "# TYPE cairn_http_requests_total counter\n";
  for (int cls = 1; cls <= 5; ++cls) {
    out += "cairn_http_requests_total{code=\"" + std::to_string(cls) + "xx\"} " +
           std::to_string(by_class_[cls - 1].load(std::memory_order_relaxed)) + "\n";
  }
  out += "# HELP cairn_http_request_seconds Time from a complete request to its answer.\n";
  out += "# TYPE cairn_http_request_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= kBuckets.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    std::string le = i < kBuckets.size() ? json_number(kBuckets[i]) : "+Inf";
    out +=
        "cairn_http_request_seconds_bucket{le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  out += "cairn_http_request_seconds_sum " +
         json_number(static_cast<double>(sum_nanoseconds_.load(std::memory_order_relaxed)) / 1e9) +
         "\n";
  out += "cairn_http_request_seconds_count " + std::to_string(cumulative) + "\n";
  return out;
}

}  // namespace cairn::http
