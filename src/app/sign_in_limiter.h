// Rate limiting of password checks (QUALITY.md): sign-ins, and the current
// password a password change asks for. Three budgets, all counted in this
// server's memory over a sliding hour (kWindowSeconds):
//
// - Per account, from any address: the first kFreeAccountFailures failures
//   cost nothing; after each further one the account takes no attempt for
//   1, 2, 4, ... seconds, at most kMaxAccountDelaySeconds. Many addresses
//   therefore get few guesses (at most about 75 in the first hour, then 60 an
//   hour), yet an attacker can hold the account for at most a minute past
//   their last guess, and never from a known address: one that signed in to
//   the account in the last kKnownAddressSeconds. A success clears the
//   account's failures.
// - Per account and address: kPerAccountAndAddress failures an hour, for
//   guesses from a known address.
// - Per address, across accounts: kPerAddress failures an hour, so one
//   address cannot spray a common password over many accounts.
//
// The current password asked for by a password change is counted the same
// way, but a known address does not skip the account's delay there: whoever
// guesses on that form already holds a session, most likely from the user's
// own address, and being held only delays the change, never a sign-in.
//
// A refused attempt gets 429 and is not checked, so it reveals nothing about
// the password; it is not counted either.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.h"

namespace cairn::app {

class SignInLimiter {
 public:
  static constexpr int kFreeAccountFailures = 10;
  static constexpr std::int64_t kMaxAccountDelaySeconds = 60;
  static constexpr int kPerAccountAndAddress = 100;
  static constexpr int kPerAddress = 300;
  static constexpr std::int64_t kWindowSeconds = 3600;
  static constexpr std::int64_t kKnownAddressSeconds = 30 * 24 * 3600;

  enum class Attempt { kSignIn, kCurrentPassword };

  // 0 when an attempt for `email` from `address` may be checked now;
  // otherwise the seconds to wait (for Retry-After). Emails compare without
  // regard to ASCII case.
  std::int64_t wait_seconds(std::string_view email, std::string_view address, core::Instant now,
                            Attempt attempt = Attempt::kSignIn);
  bool allowed(std::string_view email, std::string_view address, core::Instant now,
               Attempt attempt = Attempt::kSignIn) {
    return wait_seconds(email, address, now, attempt) == 0;
  }
  void failed(std::string_view email, std::string_view address, core::Instant now);
  // A correct password: clears the account's failures and makes `address`
  // known for the account.
  void succeeded(std::string_view email, std::string_view address, core::Instant now);

 private:
  // Failure instants within the window, oldest first.
  using Failures = std::deque<core::Instant>;
  using FailureMap = std::unordered_map<std::string, Failures>;
  static void forget_old(Failures& failures, core::Instant now);
  // The failures under `key`, without those older than the window; nullptr
  // when none are left (the key is then dropped).
  static Failures* recent(FailureMap& map, const std::string& key, core::Instant now);
  // Seconds until the oldest of `failures` leaves the window when `limit` is reached.
  static std::int64_t over_budget(const Failures* failures, int limit, core::Instant now);

  // Drops keys whose failures are all older than the window, and addresses
  // no longer known, so many addresses cannot grow the maps without bound.
  void sweep(core::Instant now);

  std::mutex mutex_;
  int changes_since_sweep_ = 0;
  FailureMap by_account_;
  FailureMap by_account_and_address_;
  FailureMap by_address_;
  std::unordered_map<std::string, core::Instant> known_;  // account and address → last success
};

}  // namespace cairn::app
