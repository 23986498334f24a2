// @mentions in a comment's body (F27). A mention is `@` followed by a
// person's email address, as in "Thanks @ana@example.com!": people know each
// other's addresses, they survive renames, and the body stays readable as
// plain text. The `@` must start the body or follow a character that cannot
// be part of an address, so "ana@example.com" alone mentions nobody.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cairn::core {

// The addresses mentioned in `body`, in order of appearance, lowercased, each
// once. Punctuation that ends a sentence ("@ana@example.com.") is not part of
// the address.
std::vector<std::string> mentioned_emails(std::string_view body);

}  // namespace cairn::core
