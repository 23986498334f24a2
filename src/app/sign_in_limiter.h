// Rate limiting of password checks (QUALITY.md): sign-ins, and the current
// password a password change asks for. Three budgets, all counted over a
// sliding hour (kWindowSeconds) from the failures the store keeps (store.h,
// "Sign-in failures"): every server on one store counts the same failures,
// and a restart forgets none.
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
//
// Every check reads the store, on a connection of the limiter's own; next to
// the password hash it guards (argon2id, tens of milliseconds) that read is
// small. When the store cannot be read or written, the attempt is refused
// (kUnavailable): a limiter that let guesses through while the store is down
// would be no limit.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace cairn::app {

class SignInLimiter {
 public:
  static constexpr int kFreeAccountFailures = 10;
  static constexpr std::int64_t kMaxAccountDelaySeconds = 60;
  static constexpr int kPerAccountAndAddress = 100;
  static constexpr int kPerAddress = 300;
  static constexpr std::int64_t kWindowSeconds = 3600;
  static constexpr std::int64_t kKnownAddressSeconds = 30 * 24 * 3600;
  // How often sweep_if_due() deletes anything.
  static constexpr std::int64_t kSweepSeconds = 600;

  enum class Attempt { kSignIn, kCurrentPassword };

  // `store` is a connection for the limiter alone.
  explicit SignInLimiter(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}

  // 0 when an attempt for `email` from `address` may be checked now;
  // otherwise the seconds to wait (for Retry-After). Emails compare without
  // regard to ASCII case.
  core::Result<std::int64_t> wait_seconds(std::string_view email, std::string_view address,
                                          core::Instant now, Attempt attempt = Attempt::kSignIn);
  core::Result<void> failed(std::string_view email, std::string_view address, core::Instant now);
  // A correct password: clears the account's failures and makes `address`
  // known for the account.
  core::Result<void> succeeded(std::string_view email, std::string_view address, core::Instant now);
  // Deletes the failures and known addresses no budget reads any more, when
  // this limiter last did so kSweepSeconds ago or more; returns how many rows
  // went. Without it, failures from many addresses would grow the tables
  // without bound. The service calls it after each password check.
  core::Result<int> sweep_if_due(core::Instant now);

 private:
  std::mutex mutex_;  // the store connection is used by one thread at a time
  std::unique_ptr<store::Store> store_;
  core::Instant last_sweep_;
};

}  // namespace cairn::app
