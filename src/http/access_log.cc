#include "http/access_log.h"

#include <unistd.h>

#include <cstdio>

namespace cairn::http {
namespace {

void append_printable(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7F) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
}

}  // namespace

std::string access_log_line(const AccessLogEntry& entry) {
  std::string_view path = entry.target.substr(0, entry.target.find_first_of("?#"));
  std::string line = "http method=";
  append_printable(line, entry.method.empty() ? "-" : entry.method);
  line += " path=";
  append_printable(line, path.empty() ? "-" : path);
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, " status=%d ms=%.3f bytes=%zu", entry.status,
                entry.milliseconds, entry.bytes);
  line += numbers;
  return line;
}

void write_log_line(std::string_view line) {
  std::string text(line);
  text += '\n';
  // A short write to a pipe or terminal is unlikely and not worth a loop that
  // could interleave with other threads; the line is best effort.
  [[maybe_unused]] auto written = ::write(STDERR_FILENO, text.data(), text.size());
}

namespace {

void write_all(const std::string& text) {
  // Best effort, as for single lines; a short write leaves the rest out.
  [[maybe_unused]] auto written = ::write(STDERR_FILENO, text.data(), text.size());
}

}  // namespace

void AccessLog::add(std::string_view line) {
  std::string full;
  {
    std::lock_guard lock(mutex_);
    pending_ += line;
    pending_ += '\n';
    if (pending_.size() < kFlushAt) return;
    full.swap(pending_);
  }
  write_all(full);
}

void AccessLog::flush() {
  std::string text;
  {
    std::lock_guard lock(mutex_);
    text.swap(pending_);
  }
  if (!text.empty()) write_all(text);
}

}  // namespace cairn::http
