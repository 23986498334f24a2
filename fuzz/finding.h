// How a fuzz target reports what it finds besides crashes and sanitizer
// reports: a broken promise of the server (a 5xx, an answer that is not HTTP,
// a body that does not parse, a round trip that changes a document); and
// what it does, when asked.
#pragma once

#include <string_view>

namespace cairn::fuzz {

// Prints "cairn fuzz finding: <what>" and `detail` to stderr and aborts, so
// libFuzzer keeps the input as a crash.
[[noreturn]] void finding(std::string_view what, std::string_view detail);

// Whether CAIRN_FUZZ_TRACE is set: then the targets print what an input does
// (each request and its status, the outbox), for replaying one by hand.
bool tracing();

}  // namespace cairn::fuzz
