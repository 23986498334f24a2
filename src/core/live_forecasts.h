// The objective forecasts of a model's live state, computed once per state
// and shared by every evaluation that reads it live. An objective's forecast
// rolls up its whole subtree (DOMAIN.md "Forecast"), so the company's walks
// the organisation: without sharing, each read of it did. Any change to the
// model moves its generation on, which forgets them all.
// Thread-safe: readers evaluate concurrently under the organisation's shared
// lock.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace cairn::core {

class LiveForecasts {
 public:
  // The forecast stored for `objective` at `generation`, if any (the forecast
  // itself may be none).
  std::optional<std::optional<double>> find(std::uint64_t generation, std::uint32_t objective) {
    std::lock_guard lock(mutex_);
    if (generation != generation_) return std::nullopt;
    const auto it = forecasts_.find(objective);
    if (it == forecasts_.end()) return std::nullopt;
    return it->second;
  }
  void store(std::uint64_t generation, std::uint32_t objective, std::optional<double> forecast) {
    std::lock_guard lock(mutex_);
    if (generation != generation_) {
      forecasts_.clear();
      generation_ = generation;
    }
    forecasts_.insert_or_assign(objective, forecast);
  }

 private:
  std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::uint32_t, std::optional<double>> forecasts_;
};

}  // namespace cairn::core
