#include "fuzz/api_call.h"

namespace cairn::fuzz {

ReadAnswer call(DemoServer& server, std::string method, std::string target, std::string_view token,
                std::string body) {
  http::Request request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.headers.emplace_back("authorization", "Bearer " + std::string(token));
  if (!body.empty()) request.headers.emplace_back("content-type", "application/json");
  request.body = std::move(body);
  request.remote_address = "203.0.113.7";
  http::Response response = server.answer(request);
  return check_on_the_wire(response, {.keep_alive = true},
                           request.method + " " + request.target + "\n" + request.body);
}

}  // namespace cairn::fuzz
