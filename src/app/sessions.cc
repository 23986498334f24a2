#include "app/sessions.h"

#include <cstdio>

#include "app/passwords.h"

namespace cairn::app {
namespace {

Session from_record(const store::SessionRecord& r) {
  return Session{r.organization, core::PersonId{r.person}, r.csrf_token, r.created_at, r.last_seen};
}

void log_line(const std::string& line) {
  // One write, so lines from several threads do not interleave.
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

Sessions::Sessions(std::unique_ptr<store::Store> store, std::int64_t idle_seconds,
                   std::int64_t absolute_seconds)
    : idle_seconds_(idle_seconds), absolute_seconds_(absolute_seconds), store_(std::move(store)) {}

bool Sessions::expired(const Session& s, core::Instant now) const {
  return now - s.last_seen > idle_seconds_ || now - s.created_at > absolute_seconds_;
}

core::Result<Sessions::Started> Sessions::start(std::int64_t organization, core::PersonId person,
                                                core::Instant now) {
  Started started{new_token(), new_token()};
  const std::string key = token_hash(started.id);
  std::lock_guard store_lock(store_mutex_);
  // Housekeeping first: a failure here costs nothing but disk space.
  if (auto swept = store_->delete_expired_sessions(organization, now - absolute_seconds_,
                                                   now - idle_seconds_);
      !swept) {
    log_line("expired sessions not deleted: " + swept.error().message + "\n");
  }
  CAIRN_TRY(store_->create_session(
      store::SessionRecord{key, organization, person.value(), started.csrf_token, now, now}));
  std::lock_guard cache_lock(cache_mutex_);
  // Entries not verified lately would be read again anyway: drop them, so
  // the cache holds only sessions in use.
  std::erase_if(
      cache_, [&](const auto& entry) { return now - entry.second.verified_at >= kVerifySeconds; });
  cache_[key] = Cached{Session{organization, person, started.csrf_token, now, now}, now, now};
  return started;
}

core::Result<std::optional<Session>> Sessions::touch(std::string_view id, core::Instant now) {
  const std::string key = token_hash(id);
  bool verified = false;
  {
    std::lock_guard cache_lock(cache_mutex_);
    auto it = cache_.find(key);
    verified = it != cache_.end() && now >= it->second.verified_at &&
               now - it->second.verified_at < kVerifySeconds;
  }
  if (!verified) {
    // Read the row and update the cache under the store's lock, so an end()
    // on this instance cannot slip between the two and leave a stale entry.
    std::lock_guard store_lock(store_mutex_);
    auto row = store_->find_session(key);
    if (!row) return row.error();
    std::lock_guard cache_lock(cache_mutex_);
    if (!*row) {
      cache_.erase(key);
      return std::optional<Session>();
    }
    Session session = from_record(**row);
    if (auto it = cache_.find(key); it != cache_.end()) {
      // This instance may have seen activity the row does not hold yet.
      session.last_seen = std::max(session.last_seen, it->second.session.last_seen);
    }
    cache_[key] = Cached{std::move(session), now, (*row)->last_seen};
  }
  Session result;
  bool timed_out = false, write_last_seen = false;
  {
    std::lock_guard cache_lock(cache_mutex_);
    auto it = cache_.find(key);
    if (it == cache_.end()) return std::optional<Session>();  // ended meanwhile
    Cached& cached = it->second;
    if (expired(cached.session, now)) {
      cache_.erase(it);
      timed_out = true;
    } else {
      cached.session.last_seen = std::max(cached.session.last_seen, now);
      if (cached.session.last_seen - cached.stored_last_seen >= kTouchSeconds) {
        cached.stored_last_seen = cached.session.last_seen;
        write_last_seen = true;
      }
      result = cached.session;
    }
  }
  if (timed_out) {
    std::lock_guard store_lock(store_mutex_);
    if (auto deleted = store_->delete_session(key); !deleted) {
      log_line("a timed-out session was not deleted: " + deleted.error().message + "\n");
    }
    return std::optional<Session>();
  }
  if (write_last_seen) {
    // Best effort: a missed write only makes the session look idle a little
    // earlier to other instances; the request goes on.
    std::lock_guard store_lock(store_mutex_);
    if (auto touched = store_->touch_session(key, result.last_seen); !touched) {
      log_line("a session's last_seen was not written: " + touched.error().message + "\n");
    }
  }
  return std::optional<Session>(std::move(result));
}

core::Result<void> Sessions::end(std::string_view id) {
  const std::string key = token_hash(id);
  std::lock_guard store_lock(store_mutex_);
  auto deleted = store_->delete_session(key);
  std::lock_guard cache_lock(cache_mutex_);
  cache_.erase(key);
  return deleted;
}

core::Result<int> Sessions::end_all(std::int64_t organization, core::PersonId person) {
  std::lock_guard store_lock(store_mutex_);
  auto deleted = store_->delete_sessions_for_person(organization, person.value());
  std::lock_guard cache_lock(cache_mutex_);
  std::erase_if(cache_, [&](const auto& entry) {
    return entry.second.session.organization == organization &&
           entry.second.session.person == person;
  });
  return deleted;
}

}  // namespace cairn::app
