// What every API handler needs: the service, the clock, and the caller.
#pragma once

#include <functional>

#include "app/service.h"
#include "core/time.h"
#include "http/request.h"

namespace cairn::http {

struct ApiContext {
  app::Service& service;
  std::function<core::Instant()> now;
};

// The caller of a request: `Authorization: Bearer <api token>`. Tokens are
// never accepted in the URL. kUnauthenticated otherwise.
core::Result<app::Principal> authenticate(ApiContext& context, const Request& request);

}  // namespace cairn::http
