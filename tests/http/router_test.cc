// Routing without a socket: patterns, parameters, 404 and 405.
#include "http/router.h"

#include <gtest/gtest.h>

namespace cairn::http {
namespace {

Handler named(std::string what) {
  return [what](Request& request) {
    std::string body = what;
    for (const auto& [name, value] : request.params) body += " " + name + "=" + value;
    return Response::json(200, body);
  };
}

Response dispatch(const Router& router, std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return router.dispatch(request);
}

Router sample() {
  Router router;
  router.add("GET", "/api/v1/objectives", named("list"));
  router.add("POST", "/api/v1/objectives", named("create"));
  router.add("GET", "/api/v1/objectives/{id}", named("get"));
  router.add("DELETE", "/api/v1/objectives/{id}", named("delete"));
  router.add("GET", "/api/v1/objectives/search", named("search"));
  router.add("GET", "/api/v1/objectives/{id}/key-results/{kr}", named("kr"));
  router.add("GET", "/", named("root"));
  return router;
}

struct RouteCase {
  const char* method;
  const char* path;
  int status;
  const char* body;  // for 200
};

TEST(Router, FindsHandlersAndParameters) {
  const RouteCase cases[] = {
      {"GET", "/api/v1/objectives", 200, "list"},
      {"POST", "/api/v1/objectives", 200, "create"},
      {"GET", "/api/v1/objectives/o1", 200, "get id=o1"},
      {"DELETE", "/api/v1/objectives/o1", 200, "delete id=o1"},
      {"GET", "/api/v1/objectives/search", 200, "search"},  // literal beats {id}
      {"GET", "/api/v1/objectives/o1/key-results/k2", 200, "kr id=o1 kr=k2"},
      {"GET", "/api/v1/objectives/a b", 200, "get id=a b"},  // decoded already
      {"HEAD", "/api/v1/objectives/o1", 200, "get id=o1"},   // HEAD uses GET
      {"GET", "/", 200, "root"},
      {"GET", "/api/v1/objectives/", 404, ""},  // trailing slash is not special
      {"GET", "/api/v1/objectives/o1/", 404, ""},
      {"GET", "/api/v1/objectives/o1/../o2", 404, ""},  // nor is ..
      {"GET", "/api/v1/Objectives", 404, ""},           // case matters
      {"GET", "/nothing", 404, ""},
      {"PUT", "/api/v1/objectives/o1", 405, ""},
      {"POST", "/api/v1/objectives/search", 405, ""},
  };
  Router router = sample();
  for (const auto& c : cases) {
    Response response = dispatch(router, c.method, c.path);
    EXPECT_EQ(response.status, c.status) << c.method << " " << c.path;
    if (c.status == 200) {
      EXPECT_EQ(response.body, c.body) << c.method << " " << c.path;
    } else {
      EXPECT_EQ(response.content_type, "application/problem+json");
    }
  }
}

TEST(Router, MethodNotAllowedListsTheAllowedMethods) {
  Router router = sample();
  Response response = dispatch(router, "PATCH", "/api/v1/objectives/o1");
  ASSERT_EQ(response.status, 405);
  ASSERT_NE(response.header("Allow"), nullptr);
  EXPECT_EQ(*response.header("allow"), "GET, DELETE, HEAD");
}

TEST(Router, AnExplicitHeadRouteWins) {
  Router router;
  router.add("GET", "/x", named("get"));
  router.add("HEAD", "/x", named("head"));
  EXPECT_EQ(dispatch(router, "HEAD", "/x").body, "head");
  EXPECT_EQ(*dispatch(router, "PUT", "/x").header("Allow"), "GET, HEAD");
}

TEST(Router, EmptyParameterDoesNotMatch) {
  Router router;
  router.add("GET", "/a/{id}/b", named("b"));
  EXPECT_EQ(dispatch(router, "GET", "/a//b").status, 404);
}

TEST(Router, ListsEveryRoute) {
  Router router = sample();
  auto routes = router.routes();
  ASSERT_EQ(routes.size(), 7u);
  EXPECT_EQ(routes[0], (std::pair<std::string, std::string>{"GET", "/api/v1/objectives"}));
  EXPECT_EQ(routes[5].second, "/api/v1/objectives/{id}/key-results/{kr}");
}

}  // namespace
}  // namespace cairn::http
