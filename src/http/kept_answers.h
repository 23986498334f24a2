// Answers kept from one request for the next: for a read whose answer is a
// pure function of the organisation's state (its model's generation), the
// instant it is as of (in seconds) and what the caller may see. The route
// puts all of these in the key, so a kept answer can never be one of another
// state, instant or caller; a change moves the generation on, and the answers
// of earlier generations are never asked for again and leave as new ones come.
//
// For the reads that cost most or are read most: an objective's alignment
// tree (docs/performance.md: the tree of a company objective is some 1,300
// objectives and 120 KB of JSON, and the executive review opens it for
// everyone in the room) and an objective with its key results.
//
// Thread-safe: the server's threads read concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/principal.h"
#include "core/time.h"

namespace cairn::http {

class KeptAnswers {
 public:
  // At most `max_bytes` of answers (keys included); the oldest go first.
  explicit KeptAnswers(std::size_t max_bytes = kDefaultMaxBytes) : max_bytes_(max_bytes) {}

  static constexpr std::size_t kDefaultMaxBytes = 32 << 20;

  std::optional<std::string> find(const std::string& key);
  // Keeps `answer` under `key`, unless it alone is larger than the limit.
  void keep(const std::string& key, std::string answer);

  // The answer kept under `key`, else the one `compute()` gives (a
  // std::optional<std::string>: none when there is nothing to answer, which
  // is not kept), kept for the next request.
  template <class Compute>
  std::optional<std::string> find_or_keep(const std::string& key, Compute&& compute) {
    if (auto kept = find(key)) return kept;
    std::optional<std::string> answer = compute();
    if (answer) keep(key, *answer);
    return answer;
  }

  std::size_t bytes() const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  // Shared, so that a reader copies an answer out after letting go of the
  // lock rather than while holding it.
  std::unordered_map<std::string, std::shared_ptr<const std::string>> answers_;
  std::deque<std::string> oldest_first_;
  std::size_t bytes_ = 0;
  std::size_t max_bytes_;
};

// The key of a read's answer: the route, the caller's organisation, its
// model's `generation`, the instant, what the caller may see (their person
// and role) and the route's own `parameters` (ids, depth).
std::string answer_key(std::string_view route, const app::Principal& who, std::uint64_t generation,
                       core::Instant as_of, std::initializer_list<std::int64_t> parameters);

}  // namespace cairn::http
