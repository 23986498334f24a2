// One organisation held in memory: its model, and how far into the store's
// change log the model is (seq). Readers take the mutex shared; the writer and
// the follower take it exclusively, so a reader never sees a command half
// applied or a change that is not committed yet.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>

#include "core/model.h"

namespace cairn::app {

struct LiveOrganization {
  std::int64_t id = 0;  // the store's organisation id
  std::string slug;
  std::int64_t seq = 0;  // the last change applied to `model`
  // Behind a pointer so a failed commit can swap in a model rebuilt from the
  // store (a Model cannot move: its roll-up points into its graph).
  std::unique_ptr<core::Model> model = std::make_unique<core::Model>();
  // The model may hold changes the store does not: a commit failed and so
  // did the rebuild after it (the database was away). Whoever next takes the
  // lock exclusively with a working store rebuilds it first: the writer
  // before its next write, whose ids must follow the store's, and the
  // follower within its interval, so readers see the truth again.
  bool stale = false;
  mutable std::shared_mutex mutex;
};

}  // namespace cairn::app
