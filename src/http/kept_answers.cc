#include "http/kept_answers.h"

namespace cairn::http {

std::optional<std::string> KeptAnswers::find(const std::string& key) {
  std::shared_ptr<const std::string> kept;
  {
    std::lock_guard lock(mutex_);
    const auto it = answers_.find(key);
    if (it == answers_.end()) return std::nullopt;
    kept = it->second;
  }
  return *kept;
}

void KeptAnswers::keep(const std::string& key, std::string answer) {
  const std::size_t size = key.size() + answer.size();
  if (size > max_bytes_) return;
  auto shared = std::make_shared<const std::string>(std::move(answer));
  std::lock_guard lock(mutex_);
  // Two threads may compute the same answer at once: the first one kept stays.
  if (answers_.contains(key)) return;
  while (bytes_ + size > max_bytes_ && !oldest_first_.empty()) {
    const auto it = answers_.find(oldest_first_.front());
    bytes_ -= it->first.size() + it->second->size();
    answers_.erase(it);
    oldest_first_.pop_front();
  }
  answers_.emplace(key, std::move(shared));
  oldest_first_.push_back(key);
  bytes_ += size;
}

std::string answer_key(std::string_view route, const app::Principal& who, std::uint64_t generation,
                       core::Instant as_of, std::initializer_list<std::int64_t> parameters) {
  std::string key(route);
  for (const std::int64_t part :
       {who.organization, static_cast<std::int64_t>(generation), as_of.seconds,
        static_cast<std::int64_t>(who.person.value()), static_cast<std::int64_t>(who.role)}) {
    key += '/';
    key += std::to_string(part);
  }
  for (const std::int64_t part : parameters) {
    key += '/';
    key += std::to_string(part);
  }
  return key;
}

std::size_t KeptAnswers::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t KeptAnswers::size() const {
  std::lock_guard lock(mutex_);
  return answers_.size();
}

}  // namespace cairn::http
