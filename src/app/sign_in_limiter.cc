#include "app/sign_in_limiter.h"

#include <algorithm>
#include <cctype>

namespace cairn::app {
namespace {

std::string account_key(std::string_view email, std::string_view address) {
  std::string key(address);
  key += '\n';
  for (unsigned char c : email) key += static_cast<char>(std::tolower(c));
  return key;
}

}  // namespace

void SignInLimiter::forget_old(Failures& failures, core::Instant now) {
  while (!failures.empty() && now - failures.front() >= kWindowSeconds) failures.pop_front();
}

bool SignInLimiter::allowed(std::string_view email, std::string_view address, core::Instant now) {
  std::lock_guard lock(mutex_);
  auto check = [&](std::unordered_map<std::string, Failures>& map, const std::string& key,
                   int limit) {
    auto it = map.find(key);
    if (it == map.end()) return true;
    forget_old(it->second, now);
    if (it->second.empty()) {
      map.erase(it);
      return true;
    }
    return static_cast<int>(it->second.size()) < limit;
  };
  return check(by_account_and_address_, account_key(email, address), kPerAccountAndAddress) &&
         check(by_address_, std::string(address), kPerAddress);
}

void SignInLimiter::failed(std::string_view email, std::string_view address, core::Instant now) {
  std::lock_guard lock(mutex_);
  by_account_and_address_[account_key(email, address)].push_back(now);
  by_address_[std::string(address)].push_back(now);
  if (++failures_since_sweep_ >= 4096) sweep(now);
}

void SignInLimiter::sweep(core::Instant now) {
  failures_since_sweep_ = 0;
  for (auto* map : {&by_account_and_address_, &by_address_}) {
    for (auto it = map->begin(); it != map->end();) {
      forget_old(it->second, now);
      it = it->second.empty() ? map->erase(it) : std::next(it);
    }
  }
}

}  // namespace cairn::app
