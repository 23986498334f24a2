// The versions an entity went through, so the model can answer "as of" any
// past instant (DOMAIN.md: every read takes an optional `as_of`).
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "core/time.h"

namespace cairn::core {

template <class T>
class History {
 public:
  struct Version {
    Instant from;  // the version holds from this instant until the next one
    T value;
  };

  // Appends a version. Instants never go backwards: a version recorded with an
  // earlier instant than the last one (clock skew) takes the last one's instant.
  void record(Instant from, T value) {
    if (!versions_.empty() && from < versions_.back().from) from = versions_.back().from;
    versions_.push_back(Version{from, std::move(value)});
  }

  bool empty() const { return versions_.empty(); }
  const T& current() const { return versions_.back().value; }
  Instant created_at() const { return versions_.front().from; }
  std::span<const Version> versions() const { return versions_; }

  // The version in force at `t`, or nullptr when the entity did not exist yet.
  const T* at(Instant t) const {
    auto it = std::upper_bound(versions_.begin(), versions_.end(), t,
                               [](Instant x, const Version& v) { return x < v.from; });
    return it == versions_.begin() ? nullptr : &std::prev(it)->value;
  }

 private:
  std::vector<Version> versions_;
};

}  // namespace cairn::core
