#include "http/openapi.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "http/json_writer.h"

namespace cairn::http {
namespace {

constexpr std::string_view kApiPrefix = "/api/v1";

// "{id}" segments of a pattern, in order.
std::vector<std::string> parameters(const std::string& pattern) {
  std::vector<std::string> out;
  for (std::size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open + 1)) {
    out.push_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  return out;
}

// Setup, sign-in and the document itself need no credentials.
bool is_public(const std::string& pattern) {
  return pattern == "/api/v1/setup" || pattern == "/api/v1/auth/login" ||
         pattern == "/api/v1/openapi.json" || pattern == "/api/v1/calendar.ics";
}

}  // namespace

void ApiDocs::describe(std::string method, std::string pattern, std::string summary) {
  summaries_[{std::move(method), std::move(pattern)}] = std::move(summary);
}

const std::string* ApiDocs::summary(const std::string& method, const std::string& pattern) const {
  auto it = summaries_.find({method, pattern});
  return it == summaries_.end() ? nullptr : &it->second;
}

std::string openapi_document(const Router& router, const ApiDocs& docs) {
  // Group the routes by path, keeping the router's order.
  std::vector<std::pair<std::string, std::vector<std::string>>> paths;
  for (const auto& [method, pattern] : router.routes()) {
    if (!pattern.starts_with(kApiPrefix)) continue;
    // Compared through `path`: clang 14 cannot capture a structured binding.
    const std::string& path = pattern;
    auto it = std::find_if(paths.begin(), paths.end(),
                           [&](const auto& entry) { return entry.first == path; });
    if (it == paths.end()) it = paths.insert(paths.end(), {pattern, {}});
    it->second.push_back(method);
  }
  JsonWriter w;
  w.begin_object();
  w.key("openapi").value("3.1.0");
  w.key("info")
      .begin_object()
      .key("title")
      .value("Cairn API")
      .key("version")
      .value("1")
      .key("description")
      .value("Objectives and key results you own. See docs/api.md.")
      .end_object();
  w.key("servers")
      .begin_array()
      .begin_object()
      .key("url")
      .value(kApiPrefix)
      .end_object()
      .end_array();
  w.key("paths").begin_object();
  for (const auto& [pattern, methods] : paths) {
    w.key(pattern.substr(kApiPrefix.size()));
    w.begin_object();
    for (const std::string& method : methods) {
      w.key(core::ascii_lowercase(method)).begin_object();
      const std::string* summary = docs.summary(method, pattern);
      w.key("summary").value(summary ? *summary : std::string("(undocumented)"));
      w.key("operationId").value(core::ascii_lowercase(method) + pattern.substr(kApiPrefix.size()));
      const auto params = parameters(pattern);
      if (!params.empty()) {
        w.key("parameters").begin_array();
        for (const std::string& p : params) {
          w.begin_object()
              .key("name")
              .value(p)
              .key("in")
              .value("path")
              .key("required")
              .value(true)
              .key("schema")
              .begin_object()
              .key("type")
              .value("string")
              .end_object()
              .end_object();
        }
        w.end_array();
      }
      if (is_public(pattern)) {
        w.key("security").begin_array().end_array();
      }
      w.key("responses")
          .begin_object()
          .key("default")
          .begin_object()
          .key("description")
          .value("An answer, or an application/problem+json error")
          .end_object()
          .end_object();
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();
  w.key("security")
      .begin_array()
      .begin_object()
      .key("bearer")
      .begin_array()
      .end_array()
      .end_object()
      .begin_object()
      .key("session")
      .begin_array()
      .end_array()
      .end_object()
      .end_array();
  w.key("components")
      .begin_object()
      .key("securitySchemes")
      .begin_object()
      .key("bearer")
      .begin_object()
      .key("type")
      .value("http")
      .key("scheme")
      .value("bearer")
      .end_object()
      .key("session")
      .begin_object()
      .key("type")
      .value("apiKey")
      .key("in")
      .value("cookie")
      .key("name")
      .value("cairn_session")
      .end_object()
      .end_object()
      .end_object();
  w.end_object();
  return w.take();
}

void add_openapi_route(Router& router, ApiDocs& docs) {
  const std::string pattern = std::string(kApiPrefix) + "/openapi.json";
  docs.describe("GET", pattern, "This document: every implemented endpoint (OpenAPI 3.1)");
  router.add("GET", pattern, [&router, &docs](Request&) {
    return Response::json(200, openapi_document(router, docs));
  });
}

}  // namespace cairn::http
