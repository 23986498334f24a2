// Finds the handler for a request by method and path pattern.
//
// A pattern is a path whose segments are literals or `{name}` parameters, e.g.
// "/api/v1/objectives/{id}". Matching is segment by segment on the decoded path,
// exact and case-sensitive: a trailing slash is one more (empty) segment and
// ".." is just a segment, since no route maps to files. When two patterns
// match, the one with a literal earlier wins ("/objectives/new" over
// "/objectives/{id}"), whatever the order they were added in.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace cairn::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // Adds a route. HEAD is answered by the GET route unless one is added for it.
  void add(std::string method, std::string pattern, Handler handler);

  // Answers the paths no route matches (the web app's client-side routes);
  // without one, they are a 404 problem.
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  // Calls the matching handler with `request.params` filled in. An unknown
  // path goes to the fallback, or is a 404 problem; a known path without this method is a 405
  // problem with an Allow header. Exceptions from the handler pass through.
  Response dispatch(Request& request) const;

  // Every (method, pattern) in the order added, so tests can walk them all.
  std::vector<std::pair<std::string, std::string>> routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{name}" for a parameter
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace cairn::http
