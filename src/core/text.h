// Case in ASCII text: what identifiers, e-mail addresses, header names, file
// names and keywords need. Not a language's rules: "İ" stays as it is.
// Header-only, so that the HTTP server core, which links nothing of the
// domain, shares it too.
#pragma once

#include <string>
#include <string_view>

namespace cairn::core {

// A–Z as a–z, every other byte as it is.
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` with A–Z turned into a–z, every other byte as it was.
inline std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Whether `a` and `b` are the same but for the case of A–Z.
inline bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace cairn::core
