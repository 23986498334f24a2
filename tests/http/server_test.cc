// The server over real sockets: routing, problems, keep-alive, HEAD, headers,
// metrics.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace cairn::http::testing {
namespace {

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

void expect_problem(const std::optional<Reply>& reply, int status) {
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, status);
  ASSERT_NE(reply->header("content-type"), nullptr);
  EXPECT_EQ(*reply->header("content-type"), "application/problem+json");
  EXPECT_TRUE(has(reply->body, "\"type\":")) << reply->body;
  EXPECT_TRUE(has(reply->body, "\"title\":")) << reply->body;
  EXPECT_TRUE(has(reply->body, "\"status\":" + std::to_string(status))) << reply->body;
  EXPECT_TRUE(has(reply->body, "\"detail\":")) << reply->body;
}

TEST_F(ServerTest, RoutesWithPathParameters) {
  start();
  auto reply = fetch(port(), "GET", "/hello");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, R"({"hello":"world"})");
  EXPECT_EQ(*reply->header("content-type"), "application/json");

  reply = fetch(port(), "GET", "/objectives/o%201");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->body, "o 1");

  TestClient client(port());
  ASSERT_TRUE(client.send(request_text("DELETE", "/objectives/o1")));
  reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 204);
  EXPECT_EQ(reply->header("content-length"), nullptr);
  // No body was sent: the next answer on the connection starts cleanly.
  ASSERT_TRUE(client.send(request_text("GET", "/objectives/o2")));
  EXPECT_EQ(client.read_reply()->body, "o2");
  EXPECT_EQ(fetch(port(), "GET", "/remote")->body, "127.0.0.1");
}

TEST_F(ServerTest, UnknownPathIsA404Problem) {
  start();
  expect_problem(fetch(port(), "GET", "/nowhere"), 404);
  expect_problem(fetch(port(), "GET", "/hello/"), 404);
}

TEST_F(ServerTest, WrongMethodIsA405ProblemWithAllow) {
  start();
  auto reply = fetch(port(), "PUT", "/objectives/o1", "", "{}");
  expect_problem(reply, 405);
  ASSERT_NE(reply->header("allow"), nullptr);
  EXPECT_EQ(*reply->header("allow"), "GET, DELETE, HEAD");
}

TEST_F(ServerTest, DecodesTheQuery) {
  start();
  auto reply = fetch(port(), "GET", "/query?name=caf%C3%A9+bar&x=%26%3D&flag");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->body, "flag=;name=caf\xC3\xA9 bar;x=&=;");
}

TEST_F(ServerTest, MalformedTargetIsA400Problem) {
  start();
  expect_problem(fetch(port(), "GET", "/query?x=%zz"), 400);
  expect_problem(fetch(port(), "GET", "http://elsewhere.example/hello"), 400);
}

TEST_F(ServerTest, KeepsTheConnectionAlive) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send(request_text("GET", "/hello")));
  auto first = client.read_reply();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  ASSERT_TRUE(client.send(request_text("POST", "/echo", "", "second")));
  auto second = client.read_reply();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "second");
  // Two requests in one packet (pipelining) are answered in order.
  ASSERT_TRUE(
      client.send(request_text("GET", "/objectives/a") + request_text("GET", "/objectives/b")));
  EXPECT_EQ(client.read_reply()->body, "a");
  EXPECT_EQ(client.read_reply()->body, "b");
}

TEST_F(ServerTest, ClosesWhenTheClientAsksTo) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send(request_text("GET", "/hello", "Connection: close\r\n")));
  auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(*reply->header("connection"), "close");
  EXPECT_TRUE(client.closed_within(2s));
}

TEST_F(ServerTest, AnswersHttp10AndClosesByDefault) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send("GET /hello HTTP/1.0\r\n\r\n"));
  auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_TRUE(client.closed_within(2s));
}

TEST_F(ServerTest, HeadIsGetWithoutTheBody) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send(request_text("HEAD", "/hello")));
  auto head = client.read_reply(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(*head->header("content-length"), "17");
  EXPECT_EQ(*head->header("content-type"), "application/json");
  // Had a body been sent, it would be read here as the next answer's start.
  ASSERT_TRUE(client.send(request_text("GET", "/objectives/x")));
  auto next = client.read_reply();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->body, "x");
}

TEST_F(ServerTest, EveryAnswerCarriesTheSecurityHeaders) {
  start();
  for (const char* target : {"/hello", "/nowhere", "/throw", "/query?x=%zz"}) {
    auto reply = fetch(port(), "GET", target);
    ASSERT_TRUE(reply) << target;
    EXPECT_EQ(*reply->header("content-security-policy"),
              "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
        << target;
    EXPECT_EQ(*reply->header("x-content-type-options"), "nosniff") << target;
    EXPECT_EQ(*reply->header("referrer-policy"), "same-origin") << target;
    EXPECT_EQ(*reply->header("x-frame-options"), "DENY") << target;
    EXPECT_EQ(*reply->header("strict-transport-security"), "max-age=31536000") << target;
    EXPECT_EQ(*reply->header("x-xss-protection"), "1; mode=block") << target;
    EXPECT_EQ(*reply->header("cache-control"), "no-store") << target;
  }
}

TEST_F(ServerTest, AHandlerThatThrowsIsA500AndTheServerLivesOn) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send(request_text("GET", "/throw")));
  auto reply = client.read_reply();
  expect_problem(reply, 500);
  EXPECT_FALSE(has(reply->body, "on purpose"));  // internals stay in the log
  // The same connection still serves.
  ASSERT_TRUE(client.send(request_text("GET", "/hello")));
  EXPECT_EQ(client.read_reply()->status, 200);
  expect_problem(fetch(port(), "GET", "/throw-int"), 500);
  EXPECT_EQ(fetch(port(), "GET", "/hello")->status, 200);
}

TEST_F(ServerTest, AnswersExpectContinue) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = client.read_reply();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.send("hello"));
  auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->body, "hello");
}

// The value of the sample called `name` in Prometheus text, or -1.
long sample(const std::string& text, const std::string& name) {
  auto at = text.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::atol(text.c_str() + at + name.size() + 2);
}

TEST_F(ServerTest, MetricsCountRequestsByClassWithLatencies) {
  start();
  fetch(port(), "GET", "/hello");
  fetch(port(), "GET", "/nowhere");
  fetch(port(), "GET", "/throw");
  // A request is counted just after its answer is written, so the client may
  // ask for the metrics before all three are in (on a busy machine, even the
  // first one).
  std::string text;
  auto all_in = [&] {
    return sample(text, "cairn_http_requests_total{code=\"2xx\"}") >= 1 &&
           sample(text, "cairn_http_requests_total{code=\"4xx\"}") == 1 &&
           sample(text, "cairn_http_requests_total{code=\"5xx\"}") == 1;
  };
  for (auto deadline = std::chrono::steady_clock::now() + 5s;
       !all_in() && std::chrono::steady_clock::now() < deadline;) {
    auto reply = fetch(port(), "GET", "/metrics");
    ASSERT_TRUE(reply);
    text = reply->body;
  }
  EXPECT_GE(sample(text, "cairn_http_requests_total{code=\"2xx\"}"), 1) << text;
  EXPECT_EQ(sample(text, "cairn_http_requests_total{code=\"4xx\"}"), 1) << text;
  EXPECT_EQ(sample(text, "cairn_http_requests_total{code=\"5xx\"}"), 1) << text;
  EXPECT_EQ(sample(text, "cairn_http_requests_total{code=\"1xx\"}"), 0) << text;
  const long count = sample(text, "cairn_http_request_seconds_count");
  EXPECT_GE(count, 3);
  EXPECT_EQ(sample(text, "cairn_http_request_seconds_bucket{le=\"+Inf\"}"), count);
  EXPECT_GE(sample(text, "cairn_http_request_seconds_bucket{le=\"2.5\"}"), 0);
  EXPECT_TRUE(has(text, "cairn_http_request_seconds_sum ")) << text;
}

TEST_F(ServerTest, RunBlocksUntilStopped) {
  Server server(TestServer::quiet(), router_);
  server.listen("127.0.0.1", 0);
  ASSERT_NE(server.port(), 0);
  std::thread runner([&] { server.run(2); });
  auto reply = fetch(server.port(), "GET", "/hello");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  server.stop();
  runner.join();
}

TEST_F(ServerTest, ListenFailsLoudlyOnABusyPort) {
  start();
  Server other(TestServer::quiet(), router_);
  EXPECT_THROW(other.listen("127.0.0.1", port()), std::runtime_error);
}

}  // namespace
}  // namespace cairn::http::testing
