// Rules of engagement (DOMAIN.md, F37): quality checks on objectives and key
// results. Each is a warning by default; a rule listed in Settings::enforce
// refuses the write that would break it (422 with the rule's id).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/key_result.h"
#include "core/objective.h"
#include "core/settings.h"

namespace cairn::core {

struct Warning {
  RuleId rule;
  std::string message;
  KeyResultId key_result;  // the key result it is about, if any
  // False for advice that only becomes binding later (a draft may still be
  // short of key results; it is refused only when it becomes active).
  bool blocks = true;
};

const char* to_string(RuleId rule);
std::optional<RuleId> parse_rule_id(std::string_view id);

// What the objective-level rules look at.
struct ObjectiveFacts {
  ObjectiveState state = ObjectiveState::kActive;
  int key_results = 0;       // non-archived key results
  int owner_objectives = 0;  // the owner's non-archived objectives in the period, this one included
};

std::vector<Warning> objective_rule_warnings(const ObjectiveFacts& facts, const Settings& settings);
std::vector<Warning> key_result_rule_warnings(const KeyResult& key_result);

// True when a title reads like a task: it starts with an action verb (launch,
// create, write, build, implement, hold, attend, …) and holds no number.
bool reads_like_task(std::string_view title);

}  // namespace cairn::core
