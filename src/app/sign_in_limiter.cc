#include "app/sign_in_limiter.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/text.h"

namespace cairn::app {
namespace {

std::string account_of(std::string_view email) {
  return core::ascii_lowercase(email);
}

// Seconds until the oldest of `count` failures leaves the window, once
// `limit` of them are in it.
std::int64_t over_budget(int count, core::Instant oldest, int limit, core::Instant now) {
  if (count < limit) return 0;
  return std::max<std::int64_t>(1, oldest + SignInLimiter::kWindowSeconds - now);
}

}  // namespace

core::Result<std::int64_t> SignInLimiter::wait_seconds(std::string_view email,
                                                       std::string_view address, core::Instant now,
                                                       Attempt attempt) {
  std::lock_guard lock(mutex_);
  // A failure an hour old no longer counts.
  auto counts = store_->sign_in_counts(account_of(email), address, now - (kWindowSeconds - 1));
  if (!counts) return counts.error();
  std::int64_t wait = std::max(
      over_budget(counts->pair_failures, counts->first_pair_failure, kPerAccountAndAddress, now),
      over_budget(counts->address_failures, counts->first_address_failure, kPerAddress, now));
  const bool is_known = attempt == Attempt::kSignIn && counts->last_success &&
                        now - *counts->last_success < kKnownAddressSeconds;
  const int beyond_free = counts->account_failures - kFreeAccountFailures;
  if (beyond_free > 0 && !is_known) {
    // 1 s after the 11th failure, doubling; the shift stays small.
    const std::int64_t delay =
        beyond_free > 7
            ? kMaxAccountDelaySeconds
            : std::min<std::int64_t>(std::int64_t{1} << (beyond_free - 1), kMaxAccountDelaySeconds);
    wait = std::max(wait, counts->last_account_failure + delay - now);
  }
  return std::max<std::int64_t>(wait, 0);
}

core::Result<void> SignInLimiter::failed(std::string_view email, std::string_view address,
                                         core::Instant now) {
  std::lock_guard lock(mutex_);
  return store_->add_sign_in_failure(account_of(email), address, now);
}

core::Result<void> SignInLimiter::succeeded(std::string_view email, std::string_view address,
                                            core::Instant now) {
  std::lock_guard lock(mutex_);
  return store_->add_sign_in_success(account_of(email), address, now);
}

core::Result<int> SignInLimiter::sweep_if_due(core::Instant now) {
  std::lock_guard lock(mutex_);
  // Every server sweeps; a sweep that finds nothing costs two index reads.
  if (now - last_sweep_ < kSweepSeconds) return 0;
  last_sweep_ = now;
  return store_->forget_sign_ins(now - (kWindowSeconds - 1), now - (kKnownAddressSeconds - 1));
}

}  // namespace cairn::app
