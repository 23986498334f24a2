// For builders of whole organisations (the demo, the benchmark workload): a
// failed command there is a bug in the builder, so it throws, and the builder's
// public function turns the exception back into a Result at its boundary.
#pragma once

#include "core/result.h"

namespace cairn::app {

template <class T>
T must(core::Result<T> result) {
  if (!result) throw core::ErrorException(result.error());
  return std::move(*result);
}

inline void must(core::Result<void> result) {
  if (!result) throw core::ErrorException(result.error());
}

}  // namespace cairn::app
