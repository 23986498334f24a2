// The value of a store call that must succeed in a test; a failure throws
// with the store's message, and the test fails naming it.
#pragma once

#include <stdexcept>
#include <utility>

#include "core/result.h"

namespace cairn::store::testing {

template <class T>
T must(core::Result<T> result) {
  if (!result) throw std::runtime_error(result.error().message);
  return std::move(*result);
}
inline void must(core::Result<void> result) {
  if (!result) throw std::runtime_error(result.error().message);
}

}  // namespace cairn::store::testing
