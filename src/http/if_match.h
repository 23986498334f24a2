// If-Match on writes (API.md "Conventions"): `If-Match: "<version>"` makes a
// change conditional on the entity still having that version; a stale one is
// answered 412. Without the header nothing is checked.
#pragma once

#include <cstdint>
#include <optional>

#include "app/service.h"
#include "core/history.h"
#include "core/result.h"
#include "http/request.h"

namespace cairn::http {

// The version the request expects: nullopt without If-Match (or with "*"),
// kMalformed (400) when the header is not a quoted version number.
core::Result<std::optional<std::int64_t>> if_match(const Request& request);

// A precondition for Service::execute: the entity whose history `history`
// returns (from the model under the writer's lock) still has `expected`
// versions; kStaleVersion otherwise. No check when `expected` is empty.
template <class F>
app::Service::Precondition version_is(std::optional<std::int64_t> expected, F history) {
  if (!expected) return {};
  return [expected, history](const core::Model& model) -> core::Result<void> {
    const auto* h = history(model);
    if (h && static_cast<std::int64_t>(h->versions().size()) == *expected) return {};
    return core::Error{
        core::ErrorCode::kStaleVersion,
        "the item changed since version " + std::to_string(*expected) + "; read it again and retry",
        {},
        {},
        {}};
  };
}

}  // namespace cairn::http
