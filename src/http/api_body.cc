#include "http/api_body.h"

#include "app/json_text.h"
#include "http/duplicate_keys.h"

namespace cairn::http {
namespace {

core::Error malformed(std::string message) {
  return core::Error{core::ErrorCode::kMalformed, std::move(message), {}, {}, {}};
}

}  // namespace

core::Result<boost::json::object> json_body(const Request& request) {
  const std::string* type = request.header("content-type");
  if (!type || !type->starts_with("application/json")) {
    return malformed("the body must be JSON (Content-Type: application/json)");
  }
  auto parsed = app::parse_json(request.body);
  if (!parsed) return malformed("the body is not well-formed JSON");
  if (has_duplicate_keys(request.body)) return malformed("the body repeats a key in one object");
  if (!parsed->is_object()) return malformed("the body must be a JSON object");
  return std::move(parsed->as_object());
}

core::Result<std::optional<std::string>> optional_string(const boost::json::object& object,
                                                         std::string_view key,
                                                         std::string_view path) {
  const boost::json::value* found = object.if_contains(key);
  if (!found || found->is_null()) return std::optional<std::string>();
  if (!found->is_string()) return core::invalid(std::string(path), "must be a string");
  return std::optional<std::string>(std::string(found->as_string()));
}

core::Result<std::string> required_string(const boost::json::object& object, std::string_view key,
                                          std::string_view path) {
  auto value = optional_string(object, key, path);
  if (!value) return value.error();
  if (!*value) return core::invalid(std::string(path), "is required");
  return std::move(**value);
}

core::Result<const boost::json::object*> required_object(const boost::json::object& object,
                                                         std::string_view key,
                                                         std::string_view path) {
  const boost::json::value* found = object.if_contains(key);
  if (!found || !found->is_object()) return core::invalid(std::string(path), "must be an object");
  return &found->as_object();
}

void FieldErrors::add(const core::Error& error) {
  if (error.code != core::ErrorCode::kInvalid) {
    if (error_.code == core::ErrorCode::kInvalid) error_ = error;
    return;
  }
  if (error_.code != core::ErrorCode::kInvalid) return;
  if (error_.message.empty()) {
    error_.message = error.message;
  } else if (error_.fields.size() == 1) {
    error_.message = "several fields are invalid";
  }
  for (const core::FieldError& f : error.fields) error_.fields.push_back(f);
}

}  // namespace cairn::http
