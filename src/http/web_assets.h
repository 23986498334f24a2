// The web app's built files (web/, built by Vite), compiled into the binary so
// that one file is the whole server. The table is generated at build time by
// cmake/embed_web.cmake from Vite's output.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace cairn::http {

struct WebAsset {
  std::string_view path;          // "/index.html", "/assets/index-3f2a.js", ...
  std::string_view content_type;  // from the file's extension
  std::string_view bytes;
};

std::span<const WebAsset> web_assets();

}  // namespace cairn::http
