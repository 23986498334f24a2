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

// The credentials a request carries, checked by `by_token` (the text after
// "Bearer ") or `by_session` (the cookie's value; it answers the caller and
// the session's CSRF token), as authenticate() describes.
template <class Who, class ByToken, class BySession>
core::Result<Who> caller(ApiContext& context, const Request& request, const ByToken& by_token,
                         const BySession& by_session) {
  if (const std::string* header = request.header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!header->starts_with(kBearer)) {
      return core::Error{core::ErrorCode::kUnauthenticated,
                         "send an API token as Authorization: Bearer <token>",
                         {},
                         {},
                         {}};
    }
    return by_token(std::string_view(*header).substr(kBearer.size()));
  }
  if (const auto session = cookie(request, context.session_cookie_name())) {
    auto who = by_session(*session);
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
  return caller<app::Principal>(
      context, request,
      [&](std::string_view token) {
        return context.service.authenticate_token(token, request.remote_address, context.now());
      },
      [&](const std::string& session) {
        return context.service.authenticate_session(session, context.now());
      });
}

core::Result<app::Identity> identify(ApiContext& context, const Request& request) {
  return caller<app::Identity>(
      context, request,
      [&](std::string_view token) {
        return context.service.identify_token(token, request.remote_address, context.now());
      },
      [&](const std::string& session) {
        return context.service.identify_session(session, context.now());
      });
}

}  // namespace cairn::http
