// The one line per request the server writes to stderr. It names the path but
// never the query string, headers or body: API tokens and calendar tokens
// travel there, and logs are read by more people than the data.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace cairn::http {

struct AccessLogEntry {
  std::string_view method;  // "-" when the request did not parse
  std::string_view target;  // as sent; the query and fragment are cut off here
  int status = 0;
  double milliseconds = 0;
  std::size_t bytes = 0;  // body bytes sent
};

// "http method=GET path=/api/v1/x status=200 ms=0.42 bytes=123". Bytes outside
// printable ASCII in the method or path are written as %XX, so a request
// cannot forge log lines.
std::string access_log_line(const AccessLogEntry& entry);

// Writes `line` and a newline to stderr in one call, so lines from several
// threads do not interleave.
void write_log_line(std::string_view line);

// Access-log lines gathered and written to stderr together: a write per
// request cost a busy server about as much as answering small reads. The
// server flushes it every 100 ms and when it stops; it writes by itself once
// 32 KiB gather. Thread-safe.
class AccessLog {
 public:
  void add(std::string_view line);
  void flush();

 private:
  static constexpr std::size_t kFlushAt = 32 * 1024;
  std::mutex mutex_;
  std::string pending_;
};

}  // namespace cairn::http
