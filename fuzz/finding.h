// How a fuzz target reports what it finds besides crashes and sanitizer
// reports: a broken promise of the server (a 5xx, an answer that is not HTTP,
// a body that does not parse, a round trip that changes a document).
#pragma once

#include <string_view>

namespace cairn::fuzz {

// Prints "cairn fuzz finding: <what>" and `detail` to stderr and aborts, so
// libFuzzer keeps the input as a crash.
[[noreturn]] void finding(std::string_view what, std::string_view detail);

}  // namespace cairn::fuzz
