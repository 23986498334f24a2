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

TrustedProxies trusted(std::vector<std::string> entries) {
  return *TrustedProxies::parse(entries);
}

TEST(TrustedProxies, AddressesAndRangesInBothFamilies) {
  const TrustedProxies proxies = trusted({"10.0.0.0/8", "192.168.1.7", "fd00::/8", "2001:db8::2"});
  EXPECT_EQ(proxies.describe(), "10.0.0.0/8, 192.168.1.7, fd00::/8, 2001:db8::2");
  for (const char* inside : {"10.0.0.0", "10.255.255.255", "10.1.2.3", "::ffff:10.1.2.3",
                             "192.168.1.7", "fd12:3456::1", "2001:db8::2"}) {
    EXPECT_TRUE(proxies.contains(inside)) << inside;
  }
  for (const char* outside : {"11.0.0.1", "9.255.255.255", "192.168.1.8", "fe80::1", "2001:db8::3",
                              "::a00:1", "not an address", ""}) {
    EXPECT_FALSE(proxies.contains(outside)) << outside;
  }
  // Prefixes that are not whole bytes, and the whole space.
  EXPECT_TRUE(trusted({"172.16.0.0/12"}).contains("172.31.255.1"));
  EXPECT_FALSE(trusted({"172.16.0.0/12"}).contains("172.32.0.1"));
  EXPECT_TRUE(trusted({"0.0.0.0/0"}).contains("203.0.113.9"));
  EXPECT_FALSE(trusted({"0.0.0.0/0"}).contains("2001:db8::1"));
  EXPECT_TRUE(trusted({}).empty());
}

TEST(TrustedProxies, ABadEntryIsNamed) {
  for (const char* bad : {"proxy.example", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/x",
                          "10.0.0.1/8", "10.0.0.0/-1", "10.0.0.0/8/8", ""}) {
    const auto parsed = TrustedProxies::parse({"127.0.0.1", bad});
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error(), bad);
  }
}

TEST(ClientAddress, TheLastForwardedAddressOnlyFromTheTrustedProxy) {
  struct Case {
    const char* peer;
    const char* forwarded_for;  // nullptr: no header
    const char* trusted;        // "": none
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
      // Chains of proxies: a load balancer in front of the proxy, both trusted.
      {"10.0.0.9", "1.2.3.4, 203.0.113.7, 10.0.0.3", "10.0.0.0/24", "203.0.113.7"},
      {"10.0.0.9", "203.0.113.7, 10.0.0.3, 10.0.0.4", "10.0.0.0/24", "203.0.113.7"},
      // Every hop trusted: the leftmost is as far as anyone knows.
      {"10.0.0.9", "10.0.0.1, 10.0.0.3", "10.0.0.0/24", "10.0.0.1"},
      // A garbled entry behind a trusted hop: that hop is the client.
      {"10.0.0.9", "203.0.113.7, junk, 10.0.0.3", "10.0.0.0/24", "10.0.0.3"},
      // A range that does not hold the peer believes nothing.
      {"10.0.1.9", "203.0.113.7", "10.0.0.0/24", "10.0.1.9"},
  };
  for (const Case& c : cases) {
    const std::string header = c.forwarded_for ? c.forwarded_for : "";
    const TrustedProxies proxies =
        *c.trusted ? trusted({c.trusted}) : *TrustedProxies::parse({});
    EXPECT_EQ(client_address(c.peer, c.forwarded_for ? &header : nullptr, proxies), c.expected)
        << c.peer << " / " << (c.forwarded_for ? c.forwarded_for : "(none)") << " / " << c.trusted;
  }
}

using testing::fetch;
using testing::ServerTest;
using testing::TestServer;

TEST_F(ServerTest, ARequestFromTheTrustedProxyHasTheForwardedAddress) {
  ServerOptions options = TestServer::quiet();
  options.trusted_proxies = trusted({"127.0.0.0/8"});
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
