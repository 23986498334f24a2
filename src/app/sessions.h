// Signed-in browser sessions (QUALITY.md "Authentication and sessions"):
// random 256-bit ids, a new one at every sign-in, an idle timeout (30 minutes)
// and an absolute one (12 hours), ended on the server at sign-out. Each carries
// the CSRF token that cookie-authenticated writes must echo. Ids are kept only
// as hashes, like API tokens.
//
// Sessions live in this instance's memory: a restart signs people out, and
// several instances need sticky sessions until sessions move to the store.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/ids.h"
#include "core/time.h"

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
  Sessions(std::int64_t idle_seconds = 30 * 60, std::int64_t absolute_seconds = 12 * 3600)
      : idle_seconds_(idle_seconds), absolute_seconds_(absolute_seconds) {}

  struct Started {
    std::string id;  // goes into the cookie
    std::string csrf_token;
  };
  Started start(std::int64_t organization, core::PersonId person, core::Instant now);
  // The live session with this id, its idle clock restarted; nullopt when
  // unknown, ended or timed out (a timed-out session is removed).
  std::optional<Session> touch(std::string_view id, core::Instant now);
  void end(std::string_view id);
  // Ends every session of a person (password change, deactivation); returns
  // how many there were.
  int end_all(std::int64_t organization, core::PersonId person);

 private:
  std::int64_t idle_seconds_;
  std::int64_t absolute_seconds_;
  std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;  // by id hash
};

}  // namespace cairn::app
