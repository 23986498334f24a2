// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the
// router itself, so an implemented endpoint cannot be missing from it. Each
// route's summary is registered beside it (describe()); a test checks that
// every API route has one.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "http/router.h"

namespace cairn::http {

class ApiDocs {
 public:
  // Documents `method pattern` in one line.
  void describe(std::string method, std::string pattern, std::string summary);
  const std::string* summary(const std::string& method, const std::string& pattern) const;

 private:
  std::map<std::pair<std::string, std::string>, std::string> summaries_;
};

// The document for every route of `router` under /api/v1: path parameters,
// security (bearer token or session cookie), the summary, and the
// problem+json error answers.
std::string openapi_document(const Router& router, const ApiDocs& docs);

// Adds GET /api/v1/openapi.json (documenting itself).
void add_openapi_route(Router& router, ApiDocs& docs);

}  // namespace cairn::http
