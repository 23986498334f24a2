#include "app/sessions.h"

#include "app/passwords.h"

namespace cairn::app {

Sessions::Started Sessions::start(std::int64_t organization, core::PersonId person,
                                  core::Instant now) {
  Started started{new_token(), new_token()};
  std::lock_guard lock(mutex_);
  sessions_[token_hash(started.id)] = Session{organization, person, started.csrf_token, now, now};
  return started;
}

std::optional<Session> Sessions::touch(std::string_view id, core::Instant now) {
  const std::string key = token_hash(id);
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  Session& s = it->second;
  if (now - s.last_seen > idle_seconds_ || now - s.created_at > absolute_seconds_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  s.last_seen = std::max(s.last_seen, now);
  return s;
}

void Sessions::end(std::string_view id) {
  const std::string key = token_hash(id);
  std::lock_guard lock(mutex_);
  sessions_.erase(key);
}

int Sessions::end_all(std::int64_t organization, core::PersonId person) {
  std::lock_guard lock(mutex_);
  return static_cast<int>(std::erase_if(sessions_, [&](const auto& entry) {
    return entry.second.organization == organization && entry.second.person == person;
  }));
}

}  // namespace cairn::app
