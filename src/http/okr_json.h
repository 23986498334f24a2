// The API's JSON form of the directory (units, periods) and of the OKRs
// (objectives, key results, check-ins) as they stood at an Evaluation's
// `as_of` (API.md, DOMAIN.md). Numbers come from core::Evaluation only: the
// API never recomputes a rule.
//
// Writers that show links to other items take the caller, so a link to an
// objective the caller may not see shows as {"private": true} with no title.
#pragma once

#include <optional>

#include "app/permissions.h"
#include "app/principal.h"
#include "core/evaluation.h"
#include "core/history.h"
#include "core/rules.h"
#include "http/json_writer.h"

namespace cairn::http {

// The number of versions an entity had recorded by `t` (1 for a new one): the
// `version` that If-Match will compare, and the ETag of a read.
template <class T>
std::int64_t version_at(const core::History<T>& history, core::Instant t) {
  std::int64_t count = 0;
  for (const auto& v : history.versions()) count += v.from <= t ? 1 : 0;
  return count;
}

// `"key": "2026-11-24T09:00:00Z"`, or `"key": null` without an instant.
void instant_or_null(JsonWriter& w, std::string_view key, const std::optional<core::Instant>& t);

void write_unit(JsonWriter& w, const core::Unit& unit,
                const std::optional<app::Can>& can = std::nullopt);
// With `state` (planning, active, closed) at `as_of`.
void write_period(JsonWriter& w, const core::Period& period, core::Instant as_of,
                  const std::optional<app::Can>& can = std::nullopt);

// An objective's own fields and numbers, as in lists.
void write_objective(JsonWriter& w, const core::Evaluation& eval, const app::Principal& who,
                     const core::Objective& objective);
// The same with its warnings, key results, parents, children and dependencies.
void write_objective_detail(JsonWriter& w, const core::Evaluation& eval, const app::Principal& who,
                            const core::Objective& objective);

void write_key_result(JsonWriter& w, const core::Evaluation& eval, const app::Principal& who,
                      const core::KeyResult& kr);

// The members naming a linked objective or key result (id and title), or
// only "private": true when the caller may not see it (QUALITY.md); returns
// whether it was visible. The caller opens and closes the object.
bool write_node(JsonWriter& w, const core::Evaluation& eval, const app::Principal& who,
                core::NodeRef node);
void write_check_in(JsonWriter& w, const core::KeyResult& kr, const core::CheckIn& check_in);
// `"warnings": [{rule, message, key_result_id}]` (rules of engagement).
void write_warnings(JsonWriter& w, const std::vector<core::Warning>& warnings);
// {"warnings":[…]}: the answer of the previews of a new objective or key result.
std::string warnings_object(const std::vector<core::Warning>& warnings);

}  // namespace cairn::http
