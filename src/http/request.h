// What a handler sees of one HTTP request: plain values, no Beast or Asio, so the
// rest of the server compiles without them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::http {

struct Request {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // as sent: path and query, percent-encoded
  std::string path;    // percent-decoded path, no query
  // Percent-decoded query parameters ("+" is a space). A repeated name keeps its
  // first value; a name without "=" maps to ""; an empty name is left out.
  std::map<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::map<std::string, std::string> params;  // path parameters, filled by the Router
  std::string remote_address;

  // The value of the first header called `name` (any case), or nullptr.
  const std::string* header(std::string_view name) const;
};

// Fills `path` and `query` from `target` (origin form: "/a/b?x=1"). Returns
// false when the target is malformed (not origin form, bad percent escapes, a
// path, parameter name or value that is not UTF-8 once decoded); the request
// then gets a 400 and reaches no handler.
bool parse_target(Request& request);

}  // namespace cairn::http
