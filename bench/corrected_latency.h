// Percentiles of a closed loop's latencies, corrected for coordinated omission
// the way wrk 4 corrects its own before it reports them (stats_correct in
// wrk's stats.c), so that a baseline's p99 and wrk's p99 in bench/run count
// a stall alike.
//
// A closed loop (wrk's connection, the baseline's insert loop) sends its next
// request only when the last one is answered, so a stall of L seconds shows
// up as one slow sample, although every request a steady client would have
// sent meanwhile waited too. wrk therefore adds, for each latency L of at
// least twice the loop's mean interval, the samples L - interval,
// L - 2 interval, ... while they stay above the interval. A p99 so corrected
// is roughly the wait exceeded during 1 % of the run's time.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace cairn::bench {

// The nearest-rank percentile p (0 < p <= 1) of `sorted`, sorted ascending:
// the smallest latency with at least p of them at or below it (less a hair,
// so that 0.99 * 100 is rank 99 whichever way the product rounds); 0 when
// there are none.
inline double percentile_of_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank =
      static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size()) - 1e-9));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

// `latencies` in any unit, `interval` in the same unit: the run's duration
// divided by the requests each loop made (wrk: runtime / (requests /
// connections)). Returns the percentile p of the latencies with wrk's added
// samples; an interval of 0 adds none.
inline double corrected_percentile(std::vector<double> latencies, double interval, double p) {
  if (interval > 0) {
    const std::size_t measured = latencies.size();
    for (std::size_t i = 0; i < measured; ++i) {
      const double latency = latencies[i];
      if (latency < 2 * interval) continue;
      for (double m = latency - interval; m > interval; m -= interval) latencies.push_back(m);
    }
  }
  std::sort(latencies.begin(), latencies.end());
  return percentile_of_sorted(latencies, p);
}

}  // namespace cairn::bench
