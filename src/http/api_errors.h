// core::Error → application/problem+json (DOMAIN.md "Errors"), in one place:
// each error code has one HTTP status and one title.
#pragma once

#include "core/result.h"
#include "http/response.h"

namespace cairn::http {

int status_of(core::ErrorCode code);
Response problem_for(const core::Error& error);

}  // namespace cairn::http
