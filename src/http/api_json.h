// The API's JSON form of the service's entities (API.md).
#pragma once

#include <cstdint>
#include <optional>

#include "app/permissions.h"
#include "core/model.h"
#include "http/json_writer.h"
#include "store/store.h"

namespace cairn::http {

// With `can` (edit, delete) when given: what the caller may do with it.
void write_person(JsonWriter& w, const core::Person& person,
                  const std::optional<app::Can>& can = std::nullopt);
void write_organization(JsonWriter& w, std::int64_t id, const core::Organization& organization);
// "can": {edit, delete} of units, people and periods (admins configure them).
void write_configurable_can(JsonWriter& w, const std::optional<app::Can>& can);
void write_settings(JsonWriter& w, const core::Settings& settings);
void write_token(JsonWriter& w, const store::ApiTokenRecord& token);

}  // namespace cairn::http
