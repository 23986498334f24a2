// Targets and headers as handlers see them.
#include "http/request.h"

#include <gtest/gtest.h>

namespace cairn::http {
namespace {

Request parsed(std::string target) {
  Request request;
  request.target = std::move(target);
  EXPECT_TRUE(parse_target(request)) << request.target;
  return request;
}

TEST(ParseTarget, DecodesPathAndQuery) {
  Request request = parsed("/api/v1/search?q=caf%C3%A9+au+lait&limit=10&flag&empty=&a%26b=c%3Dd");
  EXPECT_EQ(request.path, "/api/v1/search");
  EXPECT_EQ(request.query["q"], "caf\xC3\xA9 au lait");
  EXPECT_EQ(request.query["limit"], "10");
  EXPECT_EQ(request.query.count("flag"), 1u);
  EXPECT_EQ(request.query["flag"], "");
  EXPECT_EQ(request.query["empty"], "");
  EXPECT_EQ(request.query["a&b"], "c=d");
}

TEST(ParseTarget, DecodesThePath) {
  EXPECT_EQ(parsed("/objectives/a%20b").path, "/objectives/a b");
  EXPECT_EQ(parsed("/").path, "/");
  EXPECT_TRUE(parsed("/x?").query.empty());
}

TEST(ParseTarget, ARepeatedNameKeepsItsFirstValue) {
  EXPECT_EQ(parsed("/x?a=1&a=2").query.at("a"), "1");
}

TEST(ParseTarget, RefusesMalformedTargets) {
  for (const char* target : {"", "x", "http://example.com/x", "*", "/a%zz", "/a%", "/a b",
                             "/a?q=%G1", "//host/x#frag"}) {
    Request request;
    request.target = target;
    EXPECT_FALSE(parse_target(request)) << target;
  }
}

TEST(ParseTarget, RefusesWhatIsNotUtf8OnceDecoded) {
  for (const char* target : {
           "/objectives/%FF",    // a byte that never starts a character
           "/x?q=%C3",           // a character cut short
           "/x?q=caf%E9",        // Latin-1, not UTF-8
           "/x?q=%C0%AF",        // an overlong "/"
           "/x?q=%ED%A0%80",     // a surrogate
           "/x?q=%F4%90%80%80",  // above U+10FFFF
           "/x?%FF=1",           // in a name
           "/x?ok=1&q=%80",      // after a good one
       }) {
    Request request;
    request.target = target;
    EXPECT_FALSE(parse_target(request)) << target;
  }
  EXPECT_EQ(parsed("/x?q=%F0%9F%8F%94").query.at("q"), "\xF0\x9F\x8F\x94") << "U+1F3D4 is fine";
}

TEST(RequestHeader, FindsNamesInAnyCase) {
  Request request;
  request.headers = {{"content-type", "text/plain"}, {"x-a", "1"}, {"x-a", "2"}};
  ASSERT_NE(request.header("Content-Type"), nullptr);
  EXPECT_EQ(*request.header("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(*request.header("x-a"), "1");
  EXPECT_EQ(request.header("authorization"), nullptr);
}

}  // namespace
}  // namespace cairn::http
