// The API's JSON form of the service's entities (API.md).
#pragma once

#include <cstdint>

#include "core/model.h"
#include "http/json_writer.h"
#include "store/store.h"

namespace cairn::http {

void write_person(JsonWriter& w, const core::Person& person);
void write_organization(JsonWriter& w, std::int64_t id, const core::Organization& organization);
void write_settings(JsonWriter& w, const core::Settings& settings);
void write_token(JsonWriter& w, const store::ApiTokenRecord& token);

}  // namespace cairn::http
