// Whether a JSON text repeats a key within one object ({"a":1,"a":2}). Boost
// 1.81's parser keeps one of them silently; a request body that says two
// things at once is refused instead (QUALITY.md "Bad input").
#pragma once

#include <string_view>

namespace cairn::http {

// True when some object of `json` has the same key twice (after unescaping,
// so "a" and "\u0061" are the same key). Malformed text is not its concern:
// it answers false and the real parse reports it.
bool has_duplicate_keys(std::string_view json);

}  // namespace cairn::http
