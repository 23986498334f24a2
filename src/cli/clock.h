// The command line's clock: the system's, unless CAIRN_FIXED_NOW (RFC 3339)
// stops it at one instant, for tests that compare screenshots of the demo
// (docs/development.md).
#pragma once

#include "core/time.h"

namespace cairn::cli {

core::Instant system_now();

}  // namespace cairn::cli
