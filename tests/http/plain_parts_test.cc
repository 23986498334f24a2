// The small plain pieces of the server: problems, security headers, the
// access log line, metrics text and the formatting of events.
#include <gtest/gtest.h>

#include <thread>

#include "http/access_log.h"
#include "http/event_stream.h"
#include "http/metrics.h"
#include "http/response.h"
#include "http/security_headers.h"

namespace cairn::http {
namespace {

TEST(Problem, HasTheRfc9457Members) {
  Response response = Response::problem(422, "invalid", "Invalid", "Title is \"too\" long.",
                                        {{"errors", R"([{"field":"title"}])"}});
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.content_type, "application/problem+json");
  EXPECT_EQ(response.body,
            R"({"type":"invalid","title":"Invalid","status":422,"detail":"Title is \"too\" long.",)"
            R"("errors":[{"field":"title"}]})");
  EXPECT_EQ(Response::problem(400, "", "Bad", "x").body.substr(0, 22), R"({"type":"about:blank",)");
}

TEST(SecurityHeaders, AddsEachUnlessSet) {
  Response response = Response::json(200, "{}");
  response.headers.emplace_back("cache-control", "max-age=60");
  add_security_headers(response);
  EXPECT_EQ(*response.header("Content-Security-Policy"),
            "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'");
  EXPECT_EQ(*response.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(*response.header("Referrer-Policy"), "same-origin");
  EXPECT_EQ(*response.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(*response.header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(*response.header("X-XSS-Protection"), "1; mode=block");
  EXPECT_EQ(*response.header("Cache-Control"), "max-age=60");
}

TEST(SecurityHeaders, DropsHeadersThatWouldSplitTheResponse) {
  Response response;
  response.headers = {{"Location", "/x\r\nSet-Cookie: a=b"}, {"X-Ok", "fine"}, {"X\nBad", "v"}};
  add_security_headers(response);
  EXPECT_EQ(response.header("Location"), nullptr);
  EXPECT_EQ(response.header("X\nBad"), nullptr);
  EXPECT_NE(response.header("X-Ok"), nullptr);
}

TEST(AccessLog, NamesThePathButNeverTheQuery) {
  EXPECT_EQ(access_log_line({"GET", "/api/v1/x?token=secret", 200, 1.25, 17}),
            "http method=GET path=/api/v1/x status=200 ms=1.250 bytes=17");
  EXPECT_EQ(access_log_line({"GET", "/cal.ics#token=secret", 200, 0, 0}).find("secret"),
            std::string::npos);
  // A request cannot write a line of its own into the log.
  EXPECT_EQ(access_log_line({"GET", "/a\nhttp method=FAKE", 404, 0, 0}),
            "http method=GET path=/a%0Ahttp%20method=FAKE status=404 ms=0.000 bytes=0");
  EXPECT_EQ(access_log_line({"", "", 400, 0, 0}),
            "http method=- path=- status=400 ms=0.000 bytes=0");
}

TEST(Metrics, CountsByClassAndBucket) {
  Metrics metrics;
  metrics.record(200, 0.0002);
  metrics.record(204, 0.003);
  metrics.record(404, 0.003);
  metrics.record(503, 30);
  std::string text = metrics.prometheus_text();
  EXPECT_NE(text.find("cairn_http_requests_total{code=\"2xx\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("cairn_http_requests_total{code=\"4xx\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("cairn_http_requests_total{code=\"5xx\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("cairn_http_requests_total{code=\"1xx\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("cairn_http_request_seconds_bucket{le=\"0.0005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("cairn_http_request_seconds_bucket{le=\"0.005\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("cairn_http_request_seconds_bucket{le=\"2.5\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("cairn_http_request_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("cairn_http_request_seconds_count 4\n"), std::string::npos);
  EXPECT_NE(text.find("cairn_http_request_seconds_sum 30.0062\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE cairn_http_request_seconds histogram"), std::string::npos);
}

TEST(Metrics, IsSafeFromManyThreads) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10'000; ++i) metrics.record(200, 0.001);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_NE(metrics.prometheus_text().find("code=\"2xx\"} 40000\n"), std::string::npos);
}

TEST(EventStream, FormatsEventsAndSplitsDataLines) {
  EventStream stream;
  stream.push("check_in", R"({"id":"k1"})");
  stream.push("multi", "one\ntwo\r\nthree\rfour");
  stream.push("bad\r\nname", "x");
  stream.push("", "no name");
  bool closed = true;
  EXPECT_EQ(stream.take(closed),
            "event: check_in\ndata: {\"id\":\"k1\"}\n\n"
            "event: multi\ndata: one\ndata: two\ndata: three\ndata: four\n\n"
            "event: badname\ndata: x\n\n"
            "data: no name\n\n");
  EXPECT_FALSE(closed);
  EXPECT_EQ(stream.take(closed), "");
}

TEST(EventStream, CloseKeepsWhatWasPushedAndRefusesMore) {
  EventStream stream;
  stream.push("a", "1");
  EXPECT_TRUE(stream.is_open());
  stream.close();
  stream.push("b", "2");
  EXPECT_FALSE(stream.is_open());
  bool closed = false;
  EXPECT_EQ(stream.take(closed), "event: a\ndata: 1\n\n");
  EXPECT_TRUE(closed);
}

TEST(EventStream, AClientThatFallsBehindIsDropped) {
  EventStream stream;
  std::string big(64 * 1024, 'x');
  for (int i = 0; i < 100 && stream.is_open(); ++i) stream.push("e", big);
  EXPECT_FALSE(stream.is_open());
  bool closed = false;
  EXPECT_LE(stream.take(closed).size(), EventStream::kMaxPending);
}

TEST(EventStream, WakesItsWriterUntilDetached) {
  EventStream stream;
  int wakes = 0;
  stream.attach([&] { ++wakes; });
  stream.push("a", "1");
  stream.close();
  EXPECT_EQ(wakes, 2);
  stream.detach();
  stream.push("b", "2");
  EXPECT_EQ(wakes, 2);
}

}  // namespace
}  // namespace cairn::http
