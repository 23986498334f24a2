// The query parameters every read shares (API.md "Conventions"): `as_of`,
// `limit` and `cursor`, and ids in paths and filters. Malformed values are a
// 422 that names the parameter; an id that cannot name anything is a 404.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "http/api_ids.h"
#include "http/request.h"

namespace cairn::http {

// The shortest period running at the evaluation's instant (a quarter rather
// than its year); invalid when none is.
core::PeriodId running_period(const core::Evaluation& eval);

// The period a report is about: the one named (404 when it did not exist at
// the evaluation's instant), else the one running then (422 naming
// `period_id` when none is).
core::Result<core::PeriodId> named_or_running_period(const core::Evaluation& eval,
                                                     std::optional<core::PeriodId> named);

// `?as_of=<RFC 3339>`, or `now` when absent.
core::Result<core::Instant> as_of(const Request& request, core::Instant now);

inline constexpr std::size_t kDefaultLimit = 100;
inline constexpr std::size_t kMaxLimit = 1000;

// One page of a list: items [offset, offset + limit) of the filtered list.
struct Page {
  std::size_t offset = 0;
  std::size_t limit = kDefaultLimit;

  // The cursor of the page after this one, or nullopt when `total` items end here.
  std::optional<std::string> next_cursor(std::size_t total) const;
  std::size_t end(std::size_t total) const { return std::min(total, offset + limit); }
};

// `?limit=` (1–1000, default 100) and `?cursor=` (from a previous answer).
core::Result<Page> page(const Request& request);

// The path parameter `{id}` as an id of type I: kNotFound (naming `what`)
// when it is malformed or has another kind's prefix.
template <class I>
core::Result<I> path_id(const Request& request, std::string_view prefix, std::string_view what) {
  const auto it = request.params.find("id");
  if (it == request.params.end()) return core::not_found(std::string(what));
  const auto index = parse_api_id(prefix, it->second);
  if (!index) return core::not_found(std::string(what));
  return I{*index};
}

// A filter `?name=<id>`: nullopt when absent, 422 naming it when malformed.
template <class I>
core::Result<std::optional<I>> query_id(const Request& request, const std::string& name,
                                        std::string_view prefix) {
  const auto it = request.query.find(name);
  if (it == request.query.end()) return std::optional<I>();
  const auto index = parse_api_id(prefix, it->second);
  if (!index) return core::invalid(name, "not an id of the right kind");
  return std::optional<I>(I{*index});
}

// A list filter `?name=<id>,<id>,…` in the order given: empty when absent or
// empty, 422 naming it when any item is malformed or named twice.
template <class I>
core::Result<std::vector<I>> query_ids(const Request& request, const std::string& name,
                                       std::string_view prefix) {
  std::vector<I> out;
  const auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return out;
  std::string_view rest = it->second;
  while (true) {
    const std::size_t comma = rest.find(',');
    const auto index = parse_api_id(prefix, rest.substr(0, comma));
    if (!index) return core::invalid(name, "a comma-separated list of ids of the right kind");
    for (const I& seen : out) {
      if (seen.value() == *index) return core::invalid(name, "each id may be named once");
    }
    out.push_back(I{*index});
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace cairn::http
