// Reading a JSON request body: the content type, the document, and its fields
// with errors that name the field (422) — or the request itself (400).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/request.h"

namespace cairn::http {

// The body as a JSON object; 400 (kMalformed) unless the content type is JSON
// and the body is one well-formed object.
core::Result<boost::json::object> json_body(const Request& request);

// A member of `object` as a string: required ones fail with 422 naming `path`
// when missing or not a string; optional ones are nullopt when absent or null.
core::Result<std::string> required_string(const boost::json::object& object, std::string_view key,
                                          std::string_view path);
core::Result<std::optional<std::string>> optional_string(const boost::json::object& object,
                                                         std::string_view key,
                                                         std::string_view path);
// A member that must be an object.
core::Result<const boost::json::object*> required_object(const boost::json::object& object,
                                                         std::string_view key,
                                                         std::string_view path);

// Gathers the problems of several fields, so one 422 lists them all.
class FieldErrors {
 public:
  // Takes the value of a successful result, or records its error.
  template <class T>
  T take(core::Result<T> result) {
    if (result) return std::move(*result);
    add(result.error());
    return T{};
  }
  void add(const core::Error& error);
  bool empty() const { return error_.fields.empty() && error_.message.empty(); }
  // The gathered problems as one error (kMalformed wins over kInvalid).
  const core::Error& error() const { return error_; }

 private:
  core::Error error_{core::ErrorCode::kInvalid, "", {}, {}, {}};
};

}  // namespace cairn::http
