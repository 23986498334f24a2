-- Loaded by the other bench/wrk scripts: after wrk's own summary, one line of
-- key=value pairs for bench/run to read. Latencies in milliseconds; `errors`
-- counts answers that were not 2xx or 3xx and socket errors (connect, read,
-- write, timeout), so a run that only measured failures shows it.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "wrk-result requests=%d errors=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f\n",
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3))
end
