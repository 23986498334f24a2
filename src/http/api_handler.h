// What every API route file shares: the /api/v1 prefix and the wrapper that
// authenticates the caller before a handler runs.
#pragma once

#include <string>
#include <string_view>

#include "app/principal.h"
#include "http/api_context.h"
#include "http/api_errors.h"
#include "http/router.h"

namespace cairn::http {

inline constexpr std::string_view kApi = "/api/v1";

// "/api/v1" + path.
inline std::string route(std::string_view path) {
  return std::string(kApi) + std::string(path);
}

// Runs `handler(request, principal)` for an authenticated caller; 401 otherwise.
template <class F>
Handler signed_in(ApiContext& context, F handler) {
  return [&context, handler](Request& request) -> Response {
    auto who = authenticate(context, request);
    if (!who) return problem_for(who.error());
    return handler(request, *who);
  };
}

// signed_in() for handlers written as `handler(context, request, principal)`.
template <class F>
Handler signed_in_call(ApiContext& context, F handler) {
  return signed_in(context, [&context, handler](Request& request, const app::Principal& who) {
    return handler(context, request, who);
  });
}

}  // namespace cairn::http
