// Errors that a user can read, and the Result type every fallible core call
// returns.
//
// The codes are the domain's vocabulary (DOMAIN.md "Errors"); the HTTP layer maps
// each code to one problem+json status in one place.
#pragma once

#include <boost/system/result.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace cairn::core {

enum class ErrorCode {
  kMalformed,         // the request itself cannot be read: bad JSON, wrong content type (400)
  kInvalid,           // a value is out of range or malformed (422)
  kNotFound,          // unknown id, or not visible to the caller (404)
  kConflict,          // duplicate or state conflict (409)
  kAlignmentCycle,    // the link would close a cycle; `path` holds it (409)
  kAlignmentTooDeep,  // the alignment would exceed the depth limit (422)
  kPeriodMismatch,    // parent and child periods do not overlap (422)
  kRuleViolation,     // an enforced rule of engagement would break; `rule` names it (422)
  kClosed,            // the objective or period is closed (409)
  kStaleVersion,      // optimistic version check failed (412)
  kUnavailable,       // the store failed or cannot be reached; nothing was changed (503)
  kUnauthenticated,   // no valid credentials (401)
  kForbidden,         // signed in, but not allowed to do this (403)
  kTooManyRequests,   // rate limited, e.g. sign-in failures (429)
};

// The stable name of a code, used as the problem type and in logs.
const char* to_string(ErrorCode code);

struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInvalid;
  std::string message;
  std::vector<FieldError> fields;  // validation errors, one per field
  std::vector<std::string> path;   // for kAlignmentCycle: the nodes of the cycle
  std::string rule;                // for kRuleViolation: the rule's id
  std::int64_t retry_after = 0;    // for kTooManyRequests: seconds until a retry may succeed
};

// Shorthands for the common shapes.
Error invalid(std::string field, std::string message);
Error not_found(std::string what);
Error forbidden(std::string message);
Error unavailable(std::string message);
// kTooManyRequests, with the seconds until a retry may succeed.
Error too_many_requests(std::string message, std::int64_t retry_after);

// Lets boost::system::result<T, Error>::value() throw when it holds an error.
class ErrorException : public std::exception {
 public:
  explicit ErrorException(Error error) : error_(std::move(error)) {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
};

[[noreturn]] void throw_exception_from_error(const Error& error, const boost::source_location&);

template <class T>
using Result = boost::system::result<T, Error>;

// Returns the error of a failed Result<...> expression from the enclosing function.
#define CAIRN_TRY(expression)                                        \
  do {                                                               \
    if (auto cairn_try_result_ = (expression); !cairn_try_result_) { \
      return cairn_try_result_.error();                              \
    }                                                                \
  } while (false)

}  // namespace cairn::core
