#include "http/api_context.h"

namespace cairn::http {

core::Result<app::Principal> authenticate(ApiContext& context, const Request& request) {
  const std::string* header = request.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!header || !header->starts_with(kBearer)) {
    return core::Error{core::ErrorCode::kUnauthenticated,
                       "sign in, or send an API token as Authorization: Bearer <token>",
                       {},
                       {},
                       {}};
  }
  return context.service.authenticate_token(std::string_view(*header).substr(kBearer.size()));
}

}  // namespace cairn::http
