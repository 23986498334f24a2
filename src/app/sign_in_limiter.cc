#include "app/sign_in_limiter.h"

#include <algorithm>
#include <cctype>

namespace cairn::app {
namespace {

std::string account_of(std::string_view email) {
  std::string key;
  for (unsigned char c : email) key += static_cast<char>(std::tolower(c));
  return key;
}

std::string account_and_address(std::string_view email, std::string_view address) {
  std::string key(address);
  key += '\n';
  key += account_of(email);
  return key;
}

}  // namespace

void SignInLimiter::forget_old(Failures& failures, core::Instant now) {
  while (!failures.empty() && now - failures.front() >= kWindowSeconds) failures.pop_front();
}

SignInLimiter::Failures* SignInLimiter::recent(FailureMap& map, const std::string& key,
                                               core::Instant now) {
  auto it = map.find(key);
  if (it == map.end()) return nullptr;
  forget_old(it->second, now);
  if (it->second.empty()) {
    map.erase(it);
    return nullptr;
  }
  return &it->second;
}

std::int64_t SignInLimiter::over_budget(const Failures* failures, int limit, core::Instant now) {
  if (!failures || static_cast<int>(failures->size()) < limit) return 0;
  return std::max<std::int64_t>(1, failures->front() + kWindowSeconds - now);
}

std::int64_t SignInLimiter::wait_seconds(std::string_view email, std::string_view address,
                                         core::Instant now, Attempt attempt) {
  std::lock_guard lock(mutex_);
  const std::string pair = account_and_address(email, address);
  std::int64_t wait =
      std::max(over_budget(recent(by_account_and_address_, pair, now), kPerAccountAndAddress, now),
               over_budget(recent(by_address_, std::string(address), now), kPerAddress, now));
  auto known = known_.find(pair);
  const bool is_known = attempt == Attempt::kSignIn && known != known_.end() &&
                        now - known->second < kKnownAddressSeconds;
  if (const Failures* failures = recent(by_account_, account_of(email), now);
      failures && !is_known) {
    const int beyond_free = static_cast<int>(failures->size()) - kFreeAccountFailures;
    if (beyond_free > 0) {
      // 1 s after the 11th failure, doubling; the shift stays small.
      const std::int64_t delay = beyond_free > 7
                                     ? kMaxAccountDelaySeconds
                                     : std::min<std::int64_t>(std::int64_t{1} << (beyond_free - 1),
                                                              kMaxAccountDelaySeconds);
      wait = std::max(wait, failures->back() + delay - now);
    }
  }
  return std::max<std::int64_t>(wait, 0);
}

void SignInLimiter::failed(std::string_view email, std::string_view address, core::Instant now) {
  std::lock_guard lock(mutex_);
  by_account_[account_of(email)].push_back(now);
  by_account_and_address_[account_and_address(email, address)].push_back(now);
  by_address_[std::string(address)].push_back(now);
  if (++changes_since_sweep_ >= 4096) sweep(now);
}

void SignInLimiter::succeeded(std::string_view email, std::string_view address, core::Instant now) {
  std::lock_guard lock(mutex_);
  by_account_.erase(account_of(email));
  known_[account_and_address(email, address)] = now;
  if (++changes_since_sweep_ >= 4096) sweep(now);
}

void SignInLimiter::sweep(core::Instant now) {
  changes_since_sweep_ = 0;
  for (auto* map : {&by_account_, &by_account_and_address_, &by_address_}) {
    for (auto it = map->begin(); it != map->end();) {
      forget_old(it->second, now);
      it = it->second.empty() ? map->erase(it) : std::next(it);
    }
  }
  std::erase_if(known_,
                [&](const auto& entry) { return now - entry.second >= kKnownAddressSeconds; });
}

}  // namespace cairn::app
