// /api/v1/openapi.json cannot drift from the code: it is generated from the
// router, and every API route must carry its documentation.
#include "http/openapi.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>

#include "app/service.h"
#include "http/api_routes.h"

namespace cairn::http {
namespace {

TEST(OpenApi, EveryApiRouteIsDocumentedAndInTheDocument) {
  const auto folder =
      std::filesystem::temp_directory_path() / ("cairn-openapi-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  auto service = app::Service::open((folder / "cairn.db").string());
  ASSERT_TRUE(service) << service.error().message;
  Router router;
  ApiContext context{**service, [] { return core::Instant{0}; }};
  // The same registration as `cairn serve`.
  add_api_routes(router, context);

  Request request;
  request.method = "GET";
  request.path = "/api/v1/openapi.json";
  const Response response = router.dispatch(request);
  ASSERT_EQ(response.status, 200);
  const boost::json::value document = boost::json::parse(response.body);
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  const boost::json::object& paths = document.at("paths").as_object();

  int checked = 0;
  for (const auto& [method, pattern] : router.routes()) {
    if (!pattern.starts_with("/api/v1")) continue;
    ++checked;
    const std::string* summary = context.docs.summary(method, pattern);
    EXPECT_NE(summary, nullptr) << method << " " << pattern << " has no documentation";
    const std::string path = pattern.substr(7);
    ASSERT_TRUE(paths.contains(path)) << path;
    std::string lower = method;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(paths.at(path).as_object().contains(lower)) << method << " " << path;
  }
  EXPECT_GE(checked, 19);
  // Path parameters are declared.
  EXPECT_TRUE(paths.at("/tokens/{id}").at("delete").as_object().contains("parameters"));
  // Setup and sign-in need no credentials.
  EXPECT_TRUE(paths.at("/setup").at("post").at("security").as_array().empty());
  // The live event hub is subscribed to the service: it goes first.
  context.event_hub.reset();
  service->reset();
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace cairn::http
