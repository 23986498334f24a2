// Commands as rows of the change log: a kind (command_kind) and a payload, the
// compact JSON of the command's fields. Replaying the rows in order rebuilds
// the model (command.h).
//
//   {"unit":{"id":null,"name":"Platform","kind":"team",…}}        add_unit
//   {"id":4,"weight":5E-1,"contributes":true}                      update_link
//
// Each payload key is the struct's field name ("override" for `override_`);
// the entities inside are written as entity_json.h says. A payload parses back
// to the same command, doubles bit-identical, and writing that command again
// gives the same text.
#pragma once

#include <string>
#include <string_view>

#include "app/command.h"
#include "core/result.h"

namespace cairn::app {

// The compact JSON of the command's fields.
std::string command_payload(const Command& command);

// The command of kind `kind` stored as `payload`. An unknown kind, malformed
// JSON, a missing key or a value of the wrong type is a kInvalid error naming
// the field ("kind", "payload", "key_result.plan[0].at"); nothing throws.
core::Result<Command> parse_command(std::string_view kind, std::string_view payload);

}  // namespace cairn::app
