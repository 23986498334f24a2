// The routes the server tests share, and a server that serves them.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "test_client.h"

namespace cairn::http::testing {

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    router_.add("GET", "/hello",
                [](Request&) { return Response::json(200, R"({"hello":"world"})"); });
    router_.add("GET", "/objectives/{id}",
                [](Request& request) { return Response::json(200, request.params.at("id")); });
    router_.add("DELETE", "/objectives/{id}", [](Request&) { return Response::json(204, ""); });
    router_.add("GET", "/query", [](Request& request) {
      std::string body;
      for (const auto& [name, value] : request.query) body += name + "=" + value + ";";
      return Response::json(200, body);
    });
    router_.add("POST", "/echo", [](Request& request) {
      Response response = Response::json(200, request.body);
      response.content_type = "text/plain";
      return response;
    });
    router_.add("GET", "/remote",
                [](Request& request) { return Response::json(200, request.remote_address); });
    router_.add("GET", "/throw", [](Request&) -> Response {
      throw std::runtime_error("handler failed on purpose");
    });
    router_.add("GET", "/throw-int", [](Request&) -> Response { throw 42; });
    router_.add("GET", "/metrics", [this](Request&) {
      Response response = Response::json(200, server_->server.prometheus_text());
      response.content_type = "text/plain; version=0.0.4";
      return response;
    });
    router_.add("GET", "/events", [this](Request&) {
      Response response;
      response.stream = std::make_shared<EventStream>();
      std::lock_guard lock(mutex_);
      stream_ = response.stream;
      return response;
    });
  }

  void start(ServerOptions options = TestServer::quiet()) {
    server_ = std::make_unique<TestServer>(router_, options);
  }
  unsigned short port() const { return server_->port(); }

  // The stream the last GET /events created, once it has.
  std::shared_ptr<EventStream> last_stream(std::chrono::milliseconds timeout = 2s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mutex_);
        if (stream_) return stream_;
      }
      std::this_thread::sleep_for(5ms);
    }
    return nullptr;
  }

  Router router_;
  std::unique_ptr<TestServer> server_;
  std::mutex mutex_;
  std::shared_ptr<EventStream> stream_;
};

}  // namespace cairn::http::testing
