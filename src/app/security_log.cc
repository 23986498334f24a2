#include "app/security_log.h"

#include <cstdio>

#include "app/passwords.h"

namespace cairn::app {

bool record_security_event(store::Store& store, const store::SecurityEvent& event) {
  auto appended = store.append_security_event(event);
  if (appended) return true;
  // One write of one line, so lines from several threads do not interleave.
  const std::string line = "security event not recorded: kind=" + event.kind +
                           " error=" + appended.error().message + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  return false;
}

store::SecurityEvent event_by(const Principal& who, std::string_view kind, core::Instant now,
                              std::optional<std::string> subject, std::string detail) {
  return store::SecurityEvent{
      0,
      who.organization,
      now,
      std::string(kind),
      who.actor(),
      std::move(subject),
      who.address.empty() ? std::nullopt : std::optional<std::string>(who.address),
      std::move(detail)};
}

std::string url_in_log(std::string_view url) {
  std::size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  std::size_t end = url.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = url.size();
  std::string_view authority = url.substr(start, end - start);
  // user:password@ is a credential too.
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  return clipped(std::string(url.substr(0, start)) + std::string(authority), 300) + " #" +
         token_hash(url).substr(0, 12);
}

std::string clipped(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  // Step back over continuation bytes (10xxxxxx) to a character's start.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

bool RejectionThrottle::should_record(std::string_view address, core::Instant now) {
  std::lock_guard lock(mutex_);
  const std::string key(address);
  if (auto it = last_recorded_.find(key); it != last_recorded_.end()) {
    if (now - it->second < kWindowSeconds) return false;
    it->second = now;
    return true;
  }
  if (last_recorded_.size() >= kMaxAddresses) {
    std::erase_if(last_recorded_,
                  [&](const auto& entry) { return now - entry.second >= kWindowSeconds; });
    if (last_recorded_.size() >= kMaxAddresses) return false;
  }
  last_recorded_.emplace(key, now);
  return true;
}

}  // namespace cairn::app
