// The API's JSON form of initiatives and comments (API.md "Collaboration"),
// with the caller's `can` flags. Callers show only what the caller may see
// (app/access.h): these writers do not check.
#pragma once

#include <cstdint>

#include "app/principal.h"
#include "core/model.h"
#include "http/json_writer.h"

namespace cairn::http {

// The objective an initiative or comment belongs to (its key result's objective).
core::ObjectiveId objective_of(const core::Model& model, core::NodeRef target);

// {id, title, key_result_id|null, objective_id, owner_id|null, state,
//  due_date|null, url, created_at, version, can:{edit}}
void write_initiative(JsonWriter& w, const core::Model& model, const app::Principal& who,
                      const core::Initiative& initiative, std::int64_t version);

// {id, target:{objective_id}|{key_result_id, objective_id}|{check_in_id,
//  key_result_id, objective_id}, body, author_id, at, mentions:[person id],
//  reactions:[{emoji, count, mine}], version, can:{comment}}. Reactions are
// counted per emoji in the order each was first given.
void write_comment(JsonWriter& w, const core::Model& model, const app::Principal& who,
                   const core::Comment& comment, std::int64_t version);

}  // namespace cairn::http
