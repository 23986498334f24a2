#include "http/web_app.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "http/compression.h"

namespace cairn::http {
namespace {

struct ServedFile {
  const WebAsset* asset;
  std::optional<std::string> gzipped;  // when it is worth it
  bool immutable;                      // a hashed name under /assets/
};

Response answer(const ServedFile& file, const Request& request) {
  Response response;
  response.content_type = std::string(file.asset->content_type);
  response.headers.emplace_back(
      "Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.gzipped) {
    response.headers.emplace_back("Vary", "Accept-Encoding");
    const std::string* accept = request.header("accept-encoding");
    if (accept && accepts_gzip(*accept)) {
      response.headers.emplace_back("Content-Encoding", "gzip");
      response.body = *file.gzipped;
      return response;
    }
  }
  response.body = std::string(file.asset->bytes);
  return response;
}

bool is_outside_the_app(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/metrics";
}

}  // namespace

void add_web_app(Router& router, std::span<const WebAsset> assets) {
  auto files = std::make_shared<std::map<std::string, ServedFile, std::less<>>>();
  for (const WebAsset& asset : assets) {
    ServedFile file{&asset, std::nullopt, asset.path.starts_with("/assets/")};
    if (asset.bytes.size() >= kCompressFrom && !asset.content_type.starts_with("image/png")) {
      auto packed = gzip(asset.bytes);
      if (packed && packed->size() < asset.bytes.size()) file.gzipped = std::move(packed);
    }
    files->emplace(std::string(asset.path), std::move(file));
  }
  router.set_fallback([files](Request& request) {
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (!read || is_outside_the_app(request.path)) {
      return Response::problem(404, "not_found", "Not Found", "No resource at this path.");
    }
    if (auto it = files->find(request.path); it != files->end()) {
      return answer(it->second, request);
    }
    // A missing built file is a 404, not the app: a stale page asking for an
    // old bundle must not get HTML back as JavaScript.
    const auto index = files->find("/index.html");
    if (request.path.starts_with("/assets/") || index == files->end()) {
      return Response::problem(404, "not_found", "Not Found", "No resource at this path.");
    }
    return answer(index->second, request);
  });
}

}  // namespace cairn::http
