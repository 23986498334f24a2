// Rate limiting of password sign-in (QUALITY.md): at most 100 failures an hour
// for one account from one address, and 300 an hour from one address across
// accounts. Counting per account *and address* means an attacker elsewhere
// cannot lock the real user out. A refused attempt gets 429 and is not
// checked, so it reveals nothing about the password.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.h"

namespace cairn::app {

class SignInLimiter {
 public:
  static constexpr int kPerAccountAndAddress = 100;
  static constexpr int kPerAddress = 300;
  static constexpr std::int64_t kWindowSeconds = 3600;

  // Whether an attempt for `email` from `address` may be checked now.
  bool allowed(std::string_view email, std::string_view address, core::Instant now);
  void failed(std::string_view email, std::string_view address, core::Instant now);

 private:
  // Failure instants within the window, oldest first.
  using Failures = std::deque<core::Instant>;
  static void forget_old(Failures& failures, core::Instant now);

  // Drops keys whose failures are all older than the window, so many
  // addresses cannot grow the maps without bound.
  void sweep(core::Instant now);

  std::mutex mutex_;
  int failures_since_sweep_ = 0;
  std::unordered_map<std::string, Failures> by_account_and_address_;
  std::unordered_map<std::string, Failures> by_address_;
};

}  // namespace cairn::app
