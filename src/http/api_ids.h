// The API's opaque ids: a short prefix naming the kind and the core's index
// ("obj_12", "kr_40"). Clients must not read meaning into them; the prefix
// lets the server refuse an id of the wrong kind with a clear message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"

namespace cairn::http {

std::string api_id(std::string_view prefix, std::uint64_t index);
// The index in `text` when it has `prefix`, else nullopt.
std::optional<std::uint32_t> parse_api_id(std::string_view prefix, std::string_view text);

inline constexpr std::string_view kOrganizationPrefix = "org_";
inline constexpr std::string_view kPersonPrefix = "per_";
inline constexpr std::string_view kUnitPrefix = "unit_";
inline constexpr std::string_view kTokenPrefix = "tok_";
inline constexpr std::string_view kPeriodPrefix = "prd_";
inline constexpr std::string_view kObjectivePrefix = "obj_";
inline constexpr std::string_view kKeyResultPrefix = "kr_";
inline constexpr std::string_view kCheckInPrefix = "ci_";
inline constexpr std::string_view kLinkPrefix = "lnk_";
inline constexpr std::string_view kDependencyPrefix = "dep_";
inline constexpr std::string_view kInitiativePrefix = "ini_";
inline constexpr std::string_view kCommentPrefix = "cmt_";
inline constexpr std::string_view kRetrospectivePrefix = "rtr_";
inline constexpr std::string_view kKpiPrefix = "kpi_";

}  // namespace cairn::http
