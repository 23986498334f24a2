// Signed-in browser sessions (QUALITY.md "Authentication and sessions"):
// random 256-bit ids, a new one at every sign-in, an idle timeout (30 minutes)
// and an absolute one (12 hours), ended on the server at sign-out. Each carries
// the CSRF token that cookie-authenticated writes must echo. Ids are kept only
// as hashes, like API tokens.
//
// Sessions live in the store (the `sessions` table), so they survive a restart
// and every instance on one database shares them. This class is a cache in
// front of the table, on a store connection of its own: reads of sessions
// never wait behind the writer's transactions and their fsyncs.
//
//  - A cached session verified against the store less than kVerifySeconds
//    (10 s) ago is trusted; otherwise its row is read again. So a session
//    ended on another instance stops working here within 10 s; ended on this
//    instance, at once.
//  - last_seen is written to the store at most once every kTouchSeconds
//    (a minute) per session. With a 30-minute idle timeout that minute of
//    slack is harmless: another instance may see a session as idle up to a
//    minute early.
//  - Expired rows of an organisation are deleted at each sign-in to it.
//
// Thread-safe. Lock order: the store connection's mutex, then the cache's.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace cairn::app {

struct Session {
  std::int64_t organization = 0;
  core::PersonId person;
  std::string csrf_token;
  core::Instant created_at;
  core::Instant last_seen;
};

class Sessions {
 public:
  static constexpr std::int64_t kVerifySeconds = 10;
  static constexpr std::int64_t kTouchSeconds = 60;

  // `store` is a connection for the sessions alone.
  explicit Sessions(std::unique_ptr<store::Store> store, std::int64_t idle_seconds = 30 * 60,
                    std::int64_t absolute_seconds = 12 * 3600);

  struct Started {
    std::string id;  // goes into the cookie
    std::string csrf_token;
  };
  // Stores a new session (durable on return) and deletes the organisation's
  // expired ones.
  core::Result<Started> start(std::int64_t organization, core::PersonId person, core::Instant now);
  // The live session with this id, its idle clock restarted; nullopt when
  // unknown, ended or timed out (a timed-out session is deleted). Fails only
  // when the store cannot be read.
  core::Result<std::optional<Session>> touch(std::string_view id, core::Instant now);
  core::Result<void> end(std::string_view id);
  // Ends every session of a person (password change, deactivation); returns
  // how many there were.
  core::Result<int> end_all(std::int64_t organization, core::PersonId person);

 private:
  struct Cached {
    Session session;
    core::Instant verified_at;       // when the row was last read
    core::Instant stored_last_seen;  // last_seen as the row holds it
  };
  bool expired(const Session& session, core::Instant now) const;

  std::int64_t idle_seconds_;
  std::int64_t absolute_seconds_;
  std::mutex store_mutex_;
  std::unique_ptr<store::Store> store_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, Cached> cache_;  // by id hash
};

}  // namespace cairn::app
