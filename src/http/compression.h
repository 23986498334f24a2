// gzip for large answers (RFC 9110 content coding): a JSON list of a few
// hundred objectives shrinks several times over, which matters on slow links.
// Small answers and event streams are sent as they are.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace cairn::http {

// Answers at least this big are compressed when the client accepts gzip.
inline constexpr std::size_t kCompressFrom = 1024;

// `input` compressed with gzip, or nullopt if zlib fails.
std::optional<std::string> gzip(std::string_view input);

// Whether an Accept-Encoding header value accepts gzip (not "gzip;q=0").
bool accepts_gzip(std::string_view accept_encoding);

// Compresses `response`'s body in place with gzip when `request` accepts it,
// the body is large enough and of a textual type; sets Content-Encoding and
// Vary. Leaves the response as it is otherwise (or if zlib fails).
void compress_if_accepted(const Request& request, Response& response);

}  // namespace cairn::http
