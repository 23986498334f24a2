// gzip for large answers: negotiated with Accept-Encoding, only for textual
// bodies of at least kCompressFrom bytes, and the client gets the same bytes
// back after inflating.
#include "http/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "server_fixture.h"

namespace cairn::http::testing {
namespace {

std::string gunzip(const std::string& input) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(input.size() * 20 + 1024, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(Compression, AcceptEncodingIsReadAsRfc9110Says) {
  const struct {
    const char* header;
    bool gzip;
  } cases[] = {
      {"gzip", true},      {"gzip, deflate, br", true}, {"br;q=1.0, GZIP;q=0.5", true}, {"*", true},
      {"gzip;q=0", false}, {"gzip; q=0.000", false},    {"deflate, br", false},         {"", false},
      {"identity", false}, {"x-gzip-not", false},
  };
  for (const auto& c : cases) EXPECT_EQ(accepts_gzip(c.header), c.gzip) << c.header;
}

class CompressionServer : public ServerTest {
 protected:
  void SetUp() override {
    big_ = "[";
    for (int i = 0; i < 200; ++i)
      big_ += R"({"id":"obj_)" + std::to_string(i) + R"(","progress":0.5},)";
    big_.back() = ']';
    router_.add("GET", "/big", [this](Request&) { return Response::json(200, big_); });
    router_.add("GET", "/small", [](Request&) { return Response::json(200, R"({"ok":true})"); });
    start();
  }
  std::string big_;
};

TEST_F(CompressionServer, LargeJsonIsGzippedForClientsThatAcceptIt) {
  auto reply = fetch(port(), "GET", "/big", "Accept-Encoding: gzip, br\r\n");
  ASSERT_TRUE(reply);
  ASSERT_NE(reply->header("content-encoding"), nullptr);
  EXPECT_EQ(*reply->header("content-encoding"), "gzip");
  EXPECT_EQ(*reply->header("vary"), "Accept-Encoding");
  EXPECT_LT(reply->body.size(), big_.size() / 3);
  EXPECT_EQ(gunzip(reply->body), big_);
}

TEST_F(CompressionServer, OthersGetThePlainBody) {
  auto plain = fetch(port(), "GET", "/big");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->header("content-encoding"), nullptr);
  EXPECT_EQ(plain->body, big_);
  auto refused = fetch(port(), "GET", "/big", "Accept-Encoding: gzip;q=0\r\n");
  EXPECT_EQ(refused->body, big_);
  auto small = fetch(port(), "GET", "/small", "Accept-Encoding: gzip\r\n");
  EXPECT_EQ(small->header("content-encoding"), nullptr);
  EXPECT_EQ(small->body, R"({"ok":true})");
}

}  // namespace
}  // namespace cairn::http::testing
