// The versions an entity went through, so the model can answer "as of" any
// past instant (DOMAIN.md: every read takes an optional `as_of`).
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
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

  // Every version, oldest first: a view of the older ones and the latest.
  class Versions {
   public:
    // A copy of the view and a position: it outlives the temporary view
    // `versions()` returns, and reads through the view's own operator[].
    class Iterator {
     public:
      Iterator(Versions versions, std::size_t at) : versions_(versions), at_(at) {}
      const Version& operator*() const { return versions_[at_]; }
      Iterator& operator++() {
        ++at_;
        return *this;
      }
      friend bool operator==(const Iterator& a, const Iterator& b) { return a.at_ == b.at_; }

     private:
      Versions versions_;
      std::size_t at_;
    };

    Versions(const std::vector<Version>& older, const Version* latest)
        : older_(&older), latest_(latest) {}

    std::size_t size() const { return older_->size() + (latest_ ? 1 : 0); }
    const Version& operator[](std::size_t i) const {
      return i < older_->size() ? (*older_)[i] : *latest_;
    }
    const Version& front() const { return (*this)[0]; }
    const Version& back() const { return *latest_; }
    Iterator begin() const { return Iterator(*this, 0); }
    Iterator end() const { return Iterator(*this, size()); }

   private:
    const std::vector<Version>* older_;
    const Version* latest_;
  };

  // Appends a version. Instants never go backwards: a version recorded with an
  // earlier instant than the last one (clock skew) takes the last one's instant.
  //
  // The latest version keeps its own allocation, and a new one takes it over
  // while the one it replaces moves to the older versions. Closing a quarter
  // records a second version of every objective and key result (half a million
  // on the enterprise workload): kept in one vector, each grew from one
  // version's room to two, allocating both again and leaving the first room
  // behind, about 170 MB more than this.
  void record(Instant from, T value) {
    if (!latest_) {
      latest_ = std::make_unique<Version>(Version{from, std::move(value)});
      return;
    }
    if (from < latest_->from) from = latest_->from;
    older_.push_back(std::move(*latest_));
    latest_->from = from;
    latest_->value = std::move(value);
  }

  bool empty() const { return !latest_; }
  const T& current() const { return latest_->value; }
  Instant created_at() const { return older_.empty() ? latest_->from : older_.front().from; }
  Versions versions() const { return Versions(older_, latest_.get()); }

  // The version in force at `t`, or nullptr when the entity did not exist yet.
  const T* at(Instant t) const {
    if (!latest_) return nullptr;
    if (latest_->from <= t) return &latest_->value;
    auto it = std::upper_bound(older_.begin(), older_.end(), t,
                               [](Instant x, const Version& v) { return x < v.from; });
    return it == older_.begin() ? nullptr : &std::prev(it)->value;
  }

 private:
  std::unique_ptr<Version> latest_;
  std::vector<Version> older_;
};

}  // namespace cairn::core
