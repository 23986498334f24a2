#include "core/result.h"

namespace cairn::core {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return "validation_failed";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kAlignmentCycle:
      return "alignment_cycle";
    case ErrorCode::kAlignmentTooDeep:
      return "alignment_too_deep";
    case ErrorCode::kPeriodMismatch:
      return "period_mismatch";
    case ErrorCode::kRuleViolation:
      return "rule_violation";
    case ErrorCode::kClosed:
      return "closed";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kMalformed:
      return "malformed";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kTooManyRequests:
      return "too_many_requests";
    case ErrorCode::kStaleVersion:
      return "stale_version";
  }
  return "error";
}

Error invalid(std::string field, std::string message) {
  Error error{ErrorCode::kInvalid, message, {}, {}, {}};
  error.fields.push_back({std::move(field), std::move(message)});
  return error;
}

Error not_found(std::string what) {
  return Error{ErrorCode::kNotFound, what + " not found", {}, {}, {}};
}

Error forbidden(std::string message) {
  return Error{ErrorCode::kForbidden, std::move(message), {}, {}, {}};
}

Error unavailable(std::string message) {
  return Error{ErrorCode::kUnavailable, std::move(message), {}, {}, {}};
}

Error too_many_requests(std::string message, std::int64_t retry_after) {
  return Error{ErrorCode::kTooManyRequests, std::move(message), {}, {}, {}, retry_after};
}

void throw_exception_from_error(const Error& error, const boost::source_location&) {
  throw ErrorException(error);
}

}  // namespace cairn::core
