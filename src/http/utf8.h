// UTF-8 as RFC 3629 defines it: what the server accepts in paths, query
// strings and JSON text. Overlong forms, surrogates (U+D800 to U+DFFF) and
// code points above U+10FFFF are invalid.
#pragma once

#include <cstddef>
#include <string_view>

namespace cairn::http {

// The length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0
// when none starts there.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

bool is_valid_utf8(std::string_view text);

}  // namespace cairn::http
