// Serves the web app (API.md "Operations": everything that is not an API path
// serves the web app). Built files are answered by their path; any other GET
// outside /api, /healthz and /metrics gets index.html, so the app's own routes
// (/objectives/obj_3, /company, ...) survive a reload or a shared link.
#pragma once

#include <span>

#include "http/router.h"
#include "http/web_assets.h"

namespace cairn::http {

// Makes `router` answer paths no route matches from `assets` (index.html for
// the app's routes). Hashed files (/assets/...) are cached for a year, since a
// new build names them anew; index.html is revalidated every time. Files are
// gzipped once, here, not per request.
void add_web_app(Router& router, std::span<const WebAsset> assets = web_assets());

}  // namespace cairn::http
