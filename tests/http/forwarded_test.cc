// The client's address behind a trusted proxy (forwarded.h), as a table, and
// over a real connection.
#include "http/forwarded.h"

#include <gtest/gtest.h>

#include "server_fixture.h"

namespace cairn::http {
namespace {

TEST(NormalizedAddress, AcceptsAddressesOnly) {
  EXPECT_EQ(normalized_address("10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(normalized_address(" 2001:DB8::1 "), "2001:db8::1");
  EXPECT_EQ(normalized_address("::ffff:10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(normalized_address("proxy.example"), std::nullopt);
  EXPECT_EQ(normalized_address("10.0.0.1:8080"), std::nullopt);
  EXPECT_EQ(normalized_address(""), std::nullopt);
}

TEST(ClientAddress, TheLastForwardedAddressOnlyFromTheTrustedProxy) {
  struct Case {
    const char* peer;
    const char* forwarded_for;  // nullptr: no header
    const char* trusted;
    const char* expected;
  };
  const Case cases[] = {
      {"10.0.0.9", "203.0.113.7", "", "10.0.0.9"},                      // no proxy trusted
      {"10.0.0.8", "203.0.113.7", "10.0.0.9", "10.0.0.8"},              // another peer
      {"10.0.0.9", nullptr, "10.0.0.9", "10.0.0.9"},                    // no header
      {"10.0.0.9", "203.0.113.7", "10.0.0.9", "203.0.113.7"},           // the proxy's client
      {"10.0.0.9", "1.2.3.4, 203.0.113.7", "10.0.0.9", "203.0.113.7"},  // the client wrote 1.2.3.4
      {"10.0.0.9", "203.0.113.7,2001:db8::5", "10.0.0.9", "2001:db8::5"},
      {"10.0.0.9", "unknown", "10.0.0.9", "10.0.0.9"},        // not an address
      {"10.0.0.9", "203.0.113.7, ", "10.0.0.9", "10.0.0.9"},  // empty last entry
  };
  for (const Case& c : cases) {
    const std::string header = c.forwarded_for ? c.forwarded_for : "";
    EXPECT_EQ(client_address(c.peer, c.forwarded_for ? &header : nullptr, c.trusted), c.expected)
        << c.peer << " / " << (c.forwarded_for ? c.forwarded_for : "(none)");
  }
}

using testing::fetch;
using testing::ServerTest;
using testing::TestServer;

TEST_F(ServerTest, ARequestFromTheTrustedProxyHasTheForwardedAddress) {
  ServerOptions options = TestServer::quiet();
  options.trusted_proxy = "127.0.0.1";
  start(options);
  EXPECT_EQ(fetch(port(), "GET", "/remote", "X-Forwarded-For: 198.51.100.4\r\n")->body,
            "198.51.100.4");
  EXPECT_EQ(fetch(port(), "GET", "/remote")->body, "127.0.0.1");
}

TEST_F(ServerTest, WithoutATrustedProxyXForwardedForIsIgnored) {
  start();
  EXPECT_EQ(fetch(port(), "GET", "/remote", "X-Forwarded-For: 198.51.100.4\r\n")->body,
            "127.0.0.1");
}

}  // namespace
}  // namespace cairn::http
