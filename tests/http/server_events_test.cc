// Server-Sent Events over a real socket: events pushed from other threads
// arrive promptly, keep-alive comments flow, and either side can end it.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace cairn::http::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Opens GET /events and reads the answer's header.
std::unique_ptr<TestClient> subscribe(unsigned short port) {
  auto client = std::make_unique<TestClient>(port);
  EXPECT_TRUE(client->send(request_text("GET", "/events", "Accept: text/event-stream\r\n")));
  EXPECT_TRUE(client->wait_for("\r\n\r\n"));
  return client;
}

TEST_F(ServerTest, AnEventPushedFromAnotherThreadArrivesWithinASecond) {
  start();
  auto client = subscribe(port());
  const std::string& head = client->received();
  EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Type: text/event-stream"), std::string::npos) << head;
  EXPECT_NE(head.find("Transfer-Encoding: chunked"), std::string::npos) << head;
  EXPECT_NE(head.find("Cache-Control: no-store"), std::string::npos) << head;
  EXPECT_NE(head.find("X-Content-Type-Options: nosniff"), std::string::npos) << head;

  auto stream = last_stream();
  ASSERT_TRUE(stream);
  // Let the writer go to sleep on its timer first: the push must wake it.
  std::this_thread::sleep_for(100ms);
  const auto pushed = Clock::now();
  std::thread producer([stream] { stream->push("check_in", R"({"id":"k1"})"); });
  producer.join();
  EXPECT_TRUE(client->wait_for("event: check_in\ndata: {\"id\":\"k1\"}\n\n", 1s));
  EXPECT_LT(Clock::now() - pushed, 1s);

  // Many events from several threads all arrive.
  std::vector<std::thread> producers;
  for (int t = 0; t < 4; ++t) {
    producers.emplace_back([stream, t] {
      for (int i = 0; i < 25; ++i) stream->push("n", std::to_string(t * 100 + i));
    });
  }
  for (auto& thread : producers) thread.join();
  for (int t = 0; t < 4; ++t) {
    for (int i = 0; i < 25; ++i) {
      EXPECT_TRUE(client->wait_for("data: " + std::to_string(t * 100 + i) + "\n", 2s));
    }
  }
}

TEST_F(ServerTest, CloseEndsTheStreamAndTheConnection) {
  start();
  auto client = subscribe(port());
  auto stream = last_stream();
  ASSERT_TRUE(stream);
  stream->push("last", "bye");
  stream->close();
  EXPECT_TRUE(client->wait_for("data: bye\n\n\r\n0\r\n\r\n", 2s)) << client->received();
  EXPECT_TRUE(client->closed_within(2s));
}

TEST_F(ServerTest, AQuietStreamSendsKeepAliveComments) {
  ServerOptions options = TestServer::quiet();
  options.sse_keepalive = 1s;
  start(options);
  auto client = subscribe(port());
  EXPECT_TRUE(client->wait_for(": keep-alive\n\n", 3s));
  // The stream is still alive after the comment.
  auto stream = last_stream();
  ASSERT_TRUE(stream);
  stream->push("after", "1");
  EXPECT_TRUE(client->wait_for("event: after\ndata: 1\n\n", 1s));
}

TEST_F(ServerTest, AClientThatLeavesClosesTheStream) {
  start();
  auto client = subscribe(port());
  auto stream = last_stream();
  ASSERT_TRUE(stream);
  EXPECT_TRUE(stream->is_open());
  client.reset();
  auto deadline = Clock::now() + 2s;
  while (stream->is_open() && Clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(stream->is_open());
  stream->push("nobody", "listens");  // harmless
  EXPECT_EQ(fetch(port(), "GET", "/hello")->status, 200);
}

TEST_F(ServerTest, StreamsDoNotHoldTheServerUp) {
  start();
  auto client = subscribe(port());
  auto stream = last_stream();
  ASSERT_TRUE(stream);
  server_.reset();  // stops with the stream open
  EXPECT_FALSE(stream->is_open());
  stream->push("late", "nobody");  // after the server is gone: no crash
  EXPECT_TRUE(client->closed_within(2s));
}

}  // namespace
}  // namespace cairn::http::testing
