#include "http/router.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace cairn::http {
namespace {

// "/a/b/" → {"a", "b", ""}; "/" → {""}. Keeping empty segments makes "/a" and
// "/a/" different paths, so no route answers under two spellings.
std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_parameter(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// Fills `params` when every segment matches. `literal_at` ranks candidates: a
// literal beats a parameter, and earlier segments count more.
bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::map<std::string, std::string>& params, std::vector<bool>& literal_at) {
  if (pattern.size() != path.size()) return false;
  params.clear();
  literal_at.clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_parameter(pattern[i])) {
      // An empty segment is not a value: "/objectives/" is not objective "".
      if (path[i].empty()) return false;
      params[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
      literal_at.push_back(false);
    } else if (pattern[i] == path[i]) {
      literal_at.push_back(true);
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  auto segments = split_path(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

Response Router::dispatch(Request& request) const {
  const auto path = split_path(request.path);
  std::map<std::string, std::string> params;
  std::vector<bool> literals;

  // The best pattern that matches the path, whatever the method: routes on
  // that pattern decide between the handler and 405.
  const Route* best = nullptr;
  std::vector<bool> best_literals;
  for (const auto& route : routes_) {
    if (!match(route.segments, path, params, literals)) continue;
    if (best == nullptr || literals > best_literals) {
      best = &route;
      best_literals = literals;
    }
  }
  if (best == nullptr) {
    if (fallback_) return fallback_(request);
    return Response::problem(404, "not_found", "Not Found", "No resource at this path.");
  }

  auto find = [&](std::string_view method) -> const Route* {
    for (const auto& route : routes_) {
      if (route.pattern == best->pattern && route.method == method) return &route;
    }
    return nullptr;
  };
  const Route* route = find(request.method);
  if (route == nullptr && request.method == "HEAD") route = find("GET");
  if (route == nullptr) {
    std::vector<std::string> methods;
    auto list = [&](const std::string& method) {
      if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
        methods.push_back(method);
      }
    };
    for (const auto& other : routes_) {
      if (other.pattern == best->pattern) list(other.method);
    }
    if (find("GET")) list("HEAD");
    std::string allow;
    for (const auto& method : methods) allow += (allow.empty() ? "" : ", ") + method;
    Response response = Response::problem(405, "method_not_allowed", "Method Not Allowed",
                                          "This resource does not answer " + request.method + ".");
    response.headers.emplace_back("Allow", allow);
    return response;
  }

  match(route->segments, path, request.params, literals);
  return route->handler(request);
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& route : routes_) out.emplace_back(route.method, route.pattern);
  return out;
}

}  // namespace cairn::http
