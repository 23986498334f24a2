#include "http/response.h"

#include "core/text.h"
#include "http/json_number.h"

namespace cairn::http {
namespace {}  // namespace

Response Response::json(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Response::deferred(std::function<void(Resume)> later) {
  Response response;
  response.later = std::move(later);
  return response;
}

Response Response::problem(int status, std::string type, std::string title, std::string detail,
                           const std::vector<std::pair<std::string, std::string>>& extra) {
  std::string body = "{\"type\":";
  append_json_string(body, type.empty() ? "about:blank" : type);
  body += ",\"title\":";
  append_json_string(body, title);
  body += ",\"status\":";
  body += std::to_string(status);
  body += ",\"detail\":";
  append_json_string(body, detail);
  for (const auto& [name, json] : extra) {
    body += ',';
    append_json_string(body, name);
    body += ':';
    body += json;
  }
  body += '}';
  Response response = json(status, std::move(body));
  response.content_type = "application/problem+json";
  return response;
}

const std::string* Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (core::equal_ignoring_ascii_case(key, name)) return &value;
  }
  return nullptr;
}

}  // namespace cairn::http
