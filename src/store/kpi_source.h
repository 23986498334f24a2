// What the store keeps about where a KPI's values come from (docs/kpis.md):
// its push token (as a hash), its pull (a URL, a JSON Pointer into the answer,
// how often, and the request's headers), and the pull's last outcome.
//
// This is configuration and state of the servers, not history: it is kept
// beside the change log, which records the values themselves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"

namespace cairn::store {

struct KpiSourceRecord {
  std::int64_t organization = 0;
  std::uint32_t kpi = 0;
  // The hash of the push token (app/sessions.h hashing); empty: no token.
  std::string token_hash;
  std::optional<core::Instant> token_created_at;
  // The pull: none when `url` is empty.
  std::string url;
  std::string pointer;  // RFC 6901, "" for the whole document
  int interval_minutes = 0;
  // A JSON array of {"name", and one of "value" (sealed, app/secret_box.h)
  // or "env" (the name of an environment variable read at each pull)}.
  std::string headers = "[]";
  // The pull's state: when it runs next (also the lease of a claim), and
  // how the last attempts went.
  std::optional<core::Instant> next_pull_at;
  std::optional<core::Instant> last_attempt_at;
  std::optional<core::Instant> last_success_at;
  std::string last_error;  // empty after a success
  int failures = 0;        // in a row
};

}  // namespace cairn::store
