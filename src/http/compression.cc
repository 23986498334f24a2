#include "http/compression.h"

#include <zlib.h>

#include <cctype>
#include <string>

#include "core/text.h"

namespace cairn::http {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool textual(std::string_view content_type) {
  return content_type.starts_with("application/json") ||
         content_type.starts_with("application/problem+json") ||
         content_type.starts_with("text/") || content_type.starts_with("application/javascript") ||
         content_type.starts_with("image/svg+xml");
}

// gzip (deflate with the gzip wrapper: windowBits 15 + 16).
bool deflate_gzip(std::string_view input, std::string& output) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return false;
  }
  output.resize(deflateBound(&z, static_cast<uLong>(input.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  z.next_out = reinterpret_cast<Bytef*>(output.data());
  z.avail_out = static_cast<uInt>(output.size());
  const int result = deflate(&z, Z_FINISH);
  output.resize(z.total_out);
  deflateEnd(&z);
  return result == Z_STREAM_END;
}

}  // namespace

std::optional<std::string> gzip(std::string_view input) {
  std::string output;
  if (!deflate_gzip(input, output)) return std::nullopt;
  return output;
}

bool accepts_gzip(std::string_view header) {
  const std::string value = core::ascii_lowercase(header);
  std::string_view rest = value;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const std::size_t semicolon = item.find(';');
    const std::string_view coding = trim(item.substr(0, semicolon));
    if (coding != "gzip" && coding != "*") continue;
    if (semicolon == std::string_view::npos) return true;
    // "q=0" (or 0.0, 0.000) refuses it.
    std::string_view q = trim(item.substr(semicolon + 1));
    if (!q.starts_with("q=")) return true;
    q.remove_prefix(2);
    return q.find_first_not_of("0.") != std::string_view::npos;
  }
  return false;
}

void compress_if_accepted(const Request& request, Response& response) {
  if (response.stream || response.body.size() < kCompressFrom || !textual(response.content_type) ||
      response.header("content-encoding")) {
    return;
  }
  response.headers.emplace_back("Vary", "Accept-Encoding");
  const std::string* accept = request.header("accept-encoding");
  if (!accept || !accepts_gzip(*accept)) return;
  std::string compressed;
  if (!deflate_gzip(response.body, compressed) || compressed.size() >= response.body.size()) return;
  response.body = std::move(compressed);
  response.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace cairn::http
