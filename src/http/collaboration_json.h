// The API's JSON form of initiatives and comments (API.md "Collaboration"),
// with the caller's `can` flags. Callers show only what the caller may see
// (app/access.h): these writers do not check.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

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

// A retrospective's answers under their API names, in the order teams
// discuss them (API.md: answers:{first_okrs, aligned, went_well, …}).
inline constexpr std::pair<const char*, std::string core::RetrospectiveAnswers::*>
    kRetrospectiveAnswers[] = {
        {"first_okrs", &core::RetrospectiveAnswers::first_okrs},
        {"aligned", &core::RetrospectiveAnswers::aligned},
        {"went_well", &core::RetrospectiveAnswers::went_well},
        {"improve", &core::RetrospectiveAnswers::improve},
        {"company_changes", &core::RetrospectiveAnswers::company_changes},
        {"changed_dependencies", &core::RetrospectiveAnswers::changed_dependencies},
        {"lessons", &core::RetrospectiveAnswers::lessons},
};

// {id, unit_id, period_id, author_id, recorded_at, answers:{…}, revision};
// revision is 1 for the first one recorded for its unit and period, 2 for the next…
// With `unit_name`, also {unit_name}, for answers that do not list the units.
void write_retrospective(JsonWriter& w, const core::Retrospective& r, std::int64_t revision,
                         std::string_view unit_name = {});

}  // namespace cairn::http
