#include "core/rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

#include "core/text.h"

namespace cairn::core {
namespace {

constexpr std::array<std::pair<RuleId, const char*>, 6> kRuleNames{{
    {RuleId::kMaxObjectivesPerOwner, "max_objectives_per_owner"},
    {RuleId::kKeyResultsPerObjective, "key_results_per_objective"},
    {RuleId::kKeyResultHasOwner, "key_result_has_owner"},
    {RuleId::kMetricIsMeasurable, "metric_is_measurable"},
    {RuleId::kObjectiveHasKeyResults, "objective_has_key_results"},
    {RuleId::kOutputNotOutcome, "output_not_outcome"},
}};

// Verbs that start a task rather than an outcome. Outcome verbs (increase,
// reduce, grow, reach, keep) are deliberately absent.
constexpr std::string_view kTaskVerbs[] = {
    "launch",   "create",   "write",   "build",     "implement", "hold",     "attend",  "organize",
    "organise", "host",     "develop", "design",    "publish",   "release",  "ship",    "complete",
    "finish",   "start",    "conduct", "prepare",   "set",       "deploy",   "migrate", "update",
    "plan",     "schedule", "deliver", "introduce", "roll",      "redesign", "run",     "draft",
    "document", "install",  "hire",    "perform",   "review",    "send"};

std::string lower_first_word(std::string_view title) {
  std::size_t begin = 0;
  while (begin < title.size() && std::isspace(static_cast<unsigned char>(title[begin]))) ++begin;
  std::size_t end = begin;
  while (end < title.size() && std::isalpha(static_cast<unsigned char>(title[end]))) ++end;
  return ascii_lowercase(title.substr(begin, end - begin));
}

}  // namespace

const char* to_string(RuleId rule) {
  for (const auto& [id, name] : kRuleNames) {
    if (id == rule) return name;
  }
  return "unknown_rule";
}

std::optional<RuleId> parse_rule_id(std::string_view text) {
  for (const auto& [id, name] : kRuleNames) {
    if (text == name) return id;
  }
  return std::nullopt;
}

bool reads_like_task(std::string_view title) {
  if (std::any_of(title.begin(), title.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const std::string first = lower_first_word(title);
  return std::find(std::begin(kTaskVerbs), std::end(kTaskVerbs), first) != std::end(kTaskVerbs);
}

std::vector<Warning> objective_rule_warnings(const ObjectiveFacts& facts,
                                             const Settings& settings) {
  std::vector<Warning> out;
  if (facts.state != ObjectiveState::kDraft && facts.state != ObjectiveState::kActive) return out;
  const bool active = facts.state == ObjectiveState::kActive;
  if (facts.owner_objectives > settings.max_objectives_per_owner) {
    out.push_back({RuleId::kMaxObjectivesPerOwner,
                   "the owner has " + std::to_string(facts.owner_objectives) +
                       " objectives in this period; focus on at most " +
                       std::to_string(settings.max_objectives_per_owner),
                   {},
                   true});
  }
  if (facts.key_results < settings.min_key_results ||
      facts.key_results > settings.max_key_results) {
    const bool too_many = facts.key_results > settings.max_key_results;
    out.push_back({RuleId::kKeyResultsPerObjective,
                   "this objective has " + std::to_string(facts.key_results) +
                       " key results; aim for " + std::to_string(settings.min_key_results) +
                       " to " + std::to_string(settings.max_key_results),
                   {},
                   too_many || active});
  }
  if (facts.key_results == 0 && active) {
    out.push_back({RuleId::kObjectiveHasKeyResults,
                   "an active objective needs at least one key result to measure it",
                   {},
                   true});
  }
  return out;
}

std::vector<Warning> key_result_rule_warnings(const KeyResult& kr) {
  std::vector<Warning> out;
  if (kr.archived) return out;
  if (!kr.owner.valid()) {
    out.push_back({RuleId::kKeyResultHasOwner, "\"" + kr.title + "\" has no owner", kr.id, true});
  }
  if (kr.kind == KeyResultKind::kMetric && (!kr.target || kr.unit.empty())) {
    out.push_back({RuleId::kMetricIsMeasurable,
                   "\"" + kr.title + "\" needs " +
                       (!kr.target ? std::string("a target") : std::string("a unit")) +
                       " to be measurable",
                   kr.id, true});
  }
  if (reads_like_task(kr.title)) {
    out.push_back({RuleId::kOutputNotOutcome,
                   "\"" + kr.title +
                       "\" reads like a task; state the outcome it should change, with a number "
                       "(track the work as an initiative)",
                   kr.id, true});
  }
  return out;
}

}  // namespace cairn::core
