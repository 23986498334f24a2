// What a command acts on, named as the security log names it ("objective:17",
// "key_result:4", "person:2"...): the entity it changes, or for a command that
// creates something, the entity it is created under. None when a command
// creates something that hangs under nothing (an objective, a unit...).
#pragma once

#include <optional>
#include <string>

#include "app/command.h"

namespace cairn::app {

std::optional<std::string> command_subject(const Command& command);

}  // namespace cairn::app
