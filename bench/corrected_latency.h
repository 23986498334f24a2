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

// `latencies` in any unit, `interval` in the same unit: the run's duration
// divided by the requests each loop made (wrk: runtime / (requests /
// connections)). Returns the nearest-rank percentile p (0 < p <= 1) of the
// latencies with wrk's added samples; 0 when there are none.
inline double corrected_percentile(std::vector<double> latencies, double interval, double p) {
  if (latencies.empty()) return 0;
  if (interval > 0) {
    const std::size_t measured = latencies.size();
    for (std::size_t i = 0; i < measured; ++i) {
      const double latency = latencies[i];
      if (latency < 2 * interval) continue;
      for (double m = latency - interval; m > interval; m -= interval) latencies.push_back(m);
    }
  }
  std::sort(latencies.begin(), latencies.end());
  // The smallest latency with at least p of them at or below it (less a hair,
  // so that 0.99 * 100 is rank 99 whichever way the product rounds).
  const auto rank =
      static_cast<std::size_t>(std::ceil(p * static_cast<double>(latencies.size()) - 1e-9));
  return latencies[std::clamp<std::size_t>(rank, 1, latencies.size()) - 1];
}

}  // namespace cairn::bench
