#include "fuzz/wire_check.h"

#include <zlib.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/parse.hpp>
#include <iostream>

#include "fuzz/finding.h"
#include "http/utf8.h"

namespace cairn::fuzz {
namespace {

namespace bhttp = boost::beast::http;

// A gzip body inflated, or nullopt when it is not gzip.
std::optional<std::string> gunzip(std::string_view input) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
  std::string out;
  char chunk[16 * 1024];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  int result = Z_OK;
  while (result == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    result = inflate(&z, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - z.avail_out);
  }
  inflateEnd(&z);
  if (result != Z_STREAM_END || z.avail_in != 0) return std::nullopt;
  return out;
}

bool json_type(std::string_view type) {
  return type.starts_with("application/json") || type.starts_with("application/problem+json");
}

}  // namespace

ReadAnswer check_on_the_wire(http::Response& response, const http::detail::WriteOptions& options,
                             std::string_view request) {
  std::string bytes = http::detail::response_head(response, options);
  bytes += http::detail::body_sent(response, options);
  const std::string what = std::string(request) + "\n--- answer ---\n";

  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(options.head);  // an answer to HEAD says the length of a body it does not send
  parser.eager(true);
  parser.body_limit(std::uint64_t{1} << 32);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (!ec && !parser.is_done() && used < bytes.size()) {
    const std::size_t n =
        parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (n == 0) break;
    used += n;
  }
  if (ec || !parser.is_done() || used != bytes.size()) {
    finding("the answer is not one HTTP message (" + (ec ? ec.message() : "incomplete") + ")",
            what + bytes);
  }
  const auto& message = parser.get();
  ReadAnswer answer;
  answer.status = static_cast<int>(message.result_int());
  if (answer.status != response.status) {
    finding("the status line is not the answer's", what + bytes);
  }
  if (answer.status >= 500) finding("a 5xx answer", what + bytes);
  answer.content_type = std::string(message[bhttp::field::content_type]);
  answer.body = message.body();
  if (message[bhttp::field::content_encoding] == "gzip") {
    auto inflated = gunzip(answer.body);
    if (!inflated) finding("a gzip answer that does not inflate", what + bytes);
    answer.body = std::move(*inflated);
  }
  if (tracing()) {
    // A refusal's problem says why: what a seed needs to get further.
    std::cerr << "cairn fuzz: " << request.substr(0, request.find('\n')) << " -> " << answer.status
              << (answer.status >= 400 ? " " + answer.body.substr(0, 300) : "") << '\n';
  }
  // No body to read: HEAD, and the statuses that never have one.
  const bool bodiless = answer.status < 200 || answer.status == 204 || answer.status == 304;
  if (options.head || bodiless) return answer;
  if (json_type(answer.content_type)) {
    boost::json::parse(answer.body, ec);
    if (ec) finding("a JSON answer that does not parse (" + ec.message() + ")", what + answer.body);
  }
  if (answer.content_type.find("charset=utf-8") != std::string::npos &&
      !http::is_valid_utf8(answer.body)) {
    finding("a UTF-8 answer that is not UTF-8", what + answer.body);
  }
  return answer;
}

}  // namespace cairn::fuzz
