#include "http/api_context.h"

#include <sodium.h>

namespace cairn::http {
namespace {

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool same_secret(std::string_view a, std::string_view b) {
  // Constant time, so the comparison's duration says nothing about the token.
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<std::string> cookie(const Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const std::size_t end = std::min(rest.find(';'), rest.size());
      std::string_view pair = rest.substr(0, end);
      rest.remove_prefix(std::min(end + 1, rest.size()));
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const std::size_t equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
        return std::string(pair.substr(equals + 1));
      }
    }
  }
  return std::nullopt;
}

core::Result<app::Principal> authenticate(ApiContext& context, const Request& request) {
  if (const std::string* header = request.header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!header->starts_with(kBearer)) {
      return core::Error{core::ErrorCode::kUnauthenticated,
                         "send an API token as Authorization: Bearer <token>",
                         {},
                         {},
                         {}};
    }
    return context.service.authenticate_token(std::string_view(*header).substr(kBearer.size()),
                                              request.remote_address, context.now());
  }
  if (const auto session = cookie(request, context.session_cookie_name())) {
    auto who = context.service.authenticate_session(*session, context.now());
    if (!who) return who.error();
    if (changes_state(request.method)) {
      const std::string* csrf = request.header("x-csrf-token");
      if (!csrf || !same_secret(*csrf, who->second)) {
        return core::Error{core::ErrorCode::kForbidden,
                           "a change made with the session cookie needs the X-CSRF-Token header "
                           "given at sign-in",
                           {},
                           {},
                           {}};
      }
    }
    who->first.address = request.remote_address;
    return who->first;
  }
  return core::Error{core::ErrorCode::kUnauthenticated,
                     "sign in, or send an API token as Authorization: Bearer <token>",
                     {},
                     {},
                     {}};
}

}  // namespace cairn::http
