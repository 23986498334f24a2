#include "http/api_errors.h"

#include <algorithm>
#include <string>

#include "http/api_ids.h"
#include "http/json_writer.h"

namespace cairn::http {
namespace {

// The core names a cycle's nodes "objective/3" and "key_result/5"; the API
// shows them as the ids clients know ("obj_3", "kr_5").
std::string api_node_id(const std::string& node) {
  for (const auto& [core_name, prefix] :
       {std::pair{std::string_view("objective/"), kObjectivePrefix},
        std::pair{std::string_view("key_result/"), kKeyResultPrefix}}) {
    if (node.starts_with(core_name)) return std::string(prefix) + node.substr(core_name.size());
  }
  return node;
}

}  // namespace
namespace {

const char* title_of(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kMalformed:
      return "Malformed request";
    case core::ErrorCode::kInvalid:
      return "Invalid values";
    case core::ErrorCode::kNotFound:
      return "Not found";
    case core::ErrorCode::kConflict:
      return "Conflict";
    case core::ErrorCode::kAlignmentCycle:
      return "The alignment would close a cycle";
    case core::ErrorCode::kAlignmentTooDeep:
      return "The alignment would be too deep";
    case core::ErrorCode::kPeriodMismatch:
      return "The periods do not overlap";
    case core::ErrorCode::kRuleViolation:
      return "A rule of engagement forbids this";
    case core::ErrorCode::kClosed:
      return "Closed";
    case core::ErrorCode::kStaleVersion:
      return "Stale version";
    case core::ErrorCode::kUnavailable:
      return "Service unavailable";
    case core::ErrorCode::kUnauthenticated:
      return "Not signed in";
    case core::ErrorCode::kForbidden:
      return "Forbidden";
    case core::ErrorCode::kTooManyRequests:
      return "Too many requests";
  }
  return "Error";
}

}  // namespace

int status_of(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kMalformed:
      return 400;
    case core::ErrorCode::kInvalid:
    case core::ErrorCode::kAlignmentTooDeep:
    case core::ErrorCode::kPeriodMismatch:
    case core::ErrorCode::kRuleViolation:
      return 422;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kConflict:
    case core::ErrorCode::kAlignmentCycle:
    case core::ErrorCode::kClosed:
      return 409;
    case core::ErrorCode::kStaleVersion:
      return 412;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kUnauthenticated:
      return 401;
    case core::ErrorCode::kForbidden:
      return 403;
    case core::ErrorCode::kTooManyRequests:
      return 429;
  }
  return 500;
}

Response problem_for(const core::Error& error) {
  std::vector<std::pair<std::string, std::string>> extra;
  if (!error.fields.empty()) {
    JsonWriter w;
    w.begin_array();
    for (const core::FieldError& f : error.fields) {
      w.begin_object().key("field").value(f.field).key("message").value(f.message).end_object();
    }
    w.end_array();
    extra.emplace_back("errors", w.take());
  }
  if (!error.path.empty()) {
    JsonWriter w;
    w.begin_array();
    for (const std::string& node : error.path) w.value(api_node_id(node));
    w.end_array();
    extra.emplace_back("path", w.take());
  }
  if (!error.rule.empty()) {
    JsonWriter w;
    w.value(error.rule);
    extra.emplace_back("rule", w.take());
  }
  Response response = Response::problem(
      status_of(error.code), std::string("urn:cairn:problem:") + core::to_string(error.code),
      title_of(error.code), error.message, extra);
  if (error.code == core::ErrorCode::kUnauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"cairn\"");
  }
  if (error.code == core::ErrorCode::kTooManyRequests) {
    response.headers.emplace_back("Retry-After",
                                  std::to_string(std::max<std::int64_t>(error.retry_after, 1)));
  }
  return response;
}

}  // namespace cairn::http
