// Bad and hostile clients: oversized bodies and headers, garbage, slow and
// idle connections, floods. Each must be refused without hurting the others.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace cairn::http::testing {
namespace {

using Clock = std::chrono::steady_clock;

void expect_status(const std::optional<Reply>& reply, int status) {
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, status) << reply->body;
  if (status >= 400) {
    EXPECT_EQ(*reply->header("content-type"), "application/problem+json");
  }
}

TEST_F(ServerTest, ABodyOverTheLimitIs413BeforeItIsRead) {
  start();
  TestClient client(port());
  // The header announces 2 MiB; only a little follows. The answer comes anyway,
  // so the server did not wait for (or read) the rest.
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n"));
  ASSERT_TRUE(client.send(std::string(64 * 1024, 'x')));
  expect_status(client.read_reply(), 413);
  EXPECT_TRUE(client.closed_within(5s));
  expect_status(fetch(port(), "GET", "/hello"), 200);
}

TEST_F(ServerTest, AWholeBodyOverTheLimitIs413AndOthersAreServed) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send(request_text("POST", "/echo", "", std::string(2 << 20, 'x'))));
  expect_status(client.read_reply(), 413);
  expect_status(fetch(port(), "GET", "/hello"), 200);
}

TEST_F(ServerTest, AChunkedBodyOverTheLimitIs413) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
  std::string chunk = "10000\r\n" + std::string(0x10000, 'y') + "\r\n";
  for (int i = 0; i < 20 && client.send(chunk); ++i) {
  }
  client.send("0\r\n\r\n");
  expect_status(client.read_reply(), 413);
}

TEST_F(ServerTest, ABodyAtTheLimitIsAccepted) {
  start();
  auto reply = fetch(port(), "POST", "/echo", "", std::string(1 << 20, 'z'));
  expect_status(reply, 200);
  EXPECT_EQ(reply->body.size(), 1u << 20);
}

TEST_F(ServerTest, AHeaderOverTheLimitIs431) {
  start();
  auto reply = fetch(port(), "GET", "/hello", "X-Big: " + std::string(20 * 1024, 'h') + "\r\n");
  expect_status(reply, 431);
  expect_status(fetch(port(), "GET", "/hello"), 200);
}

TEST_F(ServerTest, AMalformedRequestIs400AndTheConnectionCloses) {
  start();
  for (std::string garbage : std::vector<std::string>{
           "GARBAGE\r\n\r\n", "GET /hello HTTP/9.9\r\n\r\n",
           "GET /hello HTTP/1.1\r\nNo colon here\r\n\r\n",
           "GET /hello HTTP/1.1\r\nContent-Length: -3\r\n\r\n",
           "GET /hello HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
           std::string("GET /he\0llo HTTP/1.1\r\n\r\n", 24)}) {
    TestClient client(port());
    ASSERT_TRUE(client.send(garbage));
    expect_status(client.read_reply(), 400);
    EXPECT_TRUE(client.closed_within(5s));
  }
  expect_status(fetch(port(), "GET", "/hello"), 200);
}

TEST_F(ServerTest, ASlowClientIsDroppedWhileOthersAreServed) {
  ServerOptions options = TestServer::quiet();
  options.read_timeout = 1s;
  options.idle_timeout = 10s;
  start(options);
  TestClient slow(port());
  const auto start = Clock::now();
  ASSERT_TRUE(slow.send("GET /hello HTTP/1.1\r\nHo"));  // and nothing more
  for (int i = 0; i < 5; ++i) expect_status(fetch(port(), "GET", "/hello"), 200);
  EXPECT_TRUE(slow.closed_within(4s));
  auto waited = Clock::now() - start;
  EXPECT_GE(waited, 900ms);
  EXPECT_LT(waited, 4s);
}

TEST_F(ServerTest, ATricklingClientIsDroppedAfterTheReadTimeout) {
  ServerOptions options = TestServer::quiet();
  options.read_timeout = 1s;
  options.idle_timeout = 10s;
  start(options);
  TestClient slow(port());
  const auto start = Clock::now();
  // One byte every 200 ms keeps the line busy but never finishes the header.
  std::string header = "GET /hello HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  bool closed = false;
  for (char c : header) {
    if (!slow.send(std::string_view(&c, 1)) || slow.closed_within(200ms)) {
      closed = true;
      break;
    }
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(Clock::now() - start, 3s);
}

TEST_F(ServerTest, AnIdleConnectionIsClosed) {
  ServerOptions options = TestServer::quiet();
  options.idle_timeout = 1s;
  start(options);
  TestClient silent(port());
  EXPECT_TRUE(silent.closed_within(4s));

  TestClient kept(port());
  ASSERT_TRUE(kept.send(request_text("GET", "/hello")));
  expect_status(kept.read_reply(), 200);
  EXPECT_TRUE(kept.closed_within(4s));
}

TEST_F(ServerTest, ConnectionsOverTheLimitGet503) {
  ServerOptions options = TestServer::quiet();
  options.max_connections = 2;
  start(options);
  auto a = std::make_unique<TestClient>(port());
  TestClient b(port());
  // Served once each, so both are surely counted.
  for (TestClient* client : {a.get(), &b}) {
    ASSERT_TRUE(client->send(request_text("GET", "/hello")));
    expect_status(client->read_reply(), 200);
  }
  TestClient over(port());
  auto refused = over.read_reply();
  expect_status(refused, 503);
  EXPECT_EQ(*refused->header("retry-after"), "1");
  EXPECT_TRUE(over.closed_within(5s));

  // A place freed is a place given.
  a.reset();
  bool served = false;
  for (auto deadline = Clock::now() + 3s; !served && Clock::now() < deadline;) {
    auto reply = fetch(port(), "GET", "/hello");
    served = reply && reply->status == 200;
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
  // The kept connection was never disturbed.
  ASSERT_TRUE(b.send(request_text("GET", "/hello")));
  expect_status(b.read_reply(), 200);
}

TEST_F(ServerTest, OneAddressOverItsLimitGets503WhileOthersAreServed) {
  ServerOptions options = TestServer::quiet();
  options.max_connections_per_address = 3;
  start(options);
  std::vector<std::unique_ptr<TestClient>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<TestClient>(port()));
    ASSERT_TRUE(held.back()->send(request_text("GET", "/hello")));
    expect_status(held.back()->read_reply(), 200);
  }
  // The fourth from 127.0.0.1 is refused...
  TestClient over(port());
  auto refused = over.read_reply();
  expect_status(refused, 503);
  EXPECT_EQ(*refused->header("retry-after"), "1");
  EXPECT_TRUE(over.closed_within(5s));
  // ...while another address is served, three times over.
  std::vector<std::unique_ptr<TestClient>> others;
  for (int i = 0; i < 3; ++i) {
    others.push_back(std::make_unique<TestClient>(port(), "127.0.0.2"));
    ASSERT_TRUE(others.back()->send(request_text("GET", "/remote")));
    auto reply = others.back()->read_reply();
    expect_status(reply, 200);
    EXPECT_EQ(reply->body, "127.0.0.2");
  }
  // A connection that ends gives its address a place back.
  held.pop_back();
  bool served = false;
  for (auto deadline = Clock::now() + 3s; !served && Clock::now() < deadline;) {
    auto reply = fetch(port(), "GET", "/hello");
    served = reply && reply->status == 200;
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(ServerTest, TheTrustedProxyIsNotLimitedPerAddress) {
  ServerOptions options = TestServer::quiet();
  options.max_connections_per_address = 1;
  options.trusted_proxies = *TrustedProxies::parse({"127.0.0.1"});
  start(options);
  TestClient a(port());
  TestClient b(port());
  for (TestClient* client : {&a, &b}) {
    ASSERT_TRUE(client->send(request_text("GET", "/hello")));
    expect_status(client->read_reply(), 200);
  }
  // Any other address still is.
  TestClient c(port(), "127.0.0.2");
  ASSERT_TRUE(c.send(request_text("GET", "/hello")));
  expect_status(c.read_reply(), 200);
  TestClient d(port(), "127.0.0.2");
  expect_status(d.read_reply(), 503);
}

TEST_F(ServerTest, ManyClientsAtOnceAreAllServed) {
  start();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      TestClient client(port());
      for (int i = 0; i < 50; ++i) {
        if (!client.send(request_text("GET", "/objectives/" + std::to_string(i)))) return;
        auto reply = client.read_reply();
        if (reply && reply->body == std::to_string(i)) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 400);
}

}  // namespace
}  // namespace cairn::http::testing
