// bench/corrected_latency.h: the baselines' p99 counts a stall as wrk does.
#include "corrected_latency.h"

#include <gtest/gtest.h>

#include <vector>

namespace cairn::bench {
namespace {

TEST(CorrectedPercentile, WithoutStallsItIsThePlainNearestRankPercentile) {
  std::vector<double> latencies;
  for (int i = 100; i >= 1; --i) latencies.push_back(i);  // 100 .. 1, unsorted
  // No latency reaches twice the interval: nothing is added.
  EXPECT_DOUBLE_EQ(corrected_percentile(latencies, 60, 0.99), 99);
  EXPECT_DOUBLE_EQ(corrected_percentile(latencies, 60, 0.5), 50);
  EXPECT_DOUBLE_EQ(corrected_percentile(latencies, 0, 1.0), 100);
}

TEST(CorrectedPercentile, AStallCountsTheRequestsASteadyClientWouldHaveSent) {
  // 990 answers of 1 ms and one of 100 ms, a request every 1 ms on average:
  // uncorrected, the p99 is 1 ms. wrk adds 99, 98, ... 2 ms (98 samples), so
  // 1,089 samples in all, of which the 11 slowest are 100 and 99 .. 90 ms.
  std::vector<double> latencies(990, 1.0);
  latencies.push_back(100.0);
  EXPECT_DOUBLE_EQ(corrected_percentile(latencies, 0, 0.99), 1.0);
  EXPECT_DOUBLE_EQ(corrected_percentile(latencies, 1.0, 0.99), 90.0);
  EXPECT_DOUBLE_EQ(corrected_percentile(latencies, 1.0, 1.0), 100.0);
}

TEST(CorrectedPercentile, NoLatenciesGiveZero) {
  EXPECT_EQ(corrected_percentile({}, 1.0, 0.99), 0.0);
}

}  // namespace
}  // namespace cairn::bench
