// Initiatives (F7), comments (F27) and retrospectives (F24): what people add
// around the OKRs. None of it counts toward progress.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/alignment.h"
#include "core/ids.h"
#include "core/time.h"

namespace cairn::core {

enum class InitiativeState { kTodo, kDoing, kDone };

struct Initiative {
  InitiativeId id;
  std::string title;
  NodeRef target;  // the key result or objective it serves
  PersonId owner;
  InitiativeState state = InitiativeState::kTodo;
  std::optional<Date> due_date;
  std::string url;
  Instant created_at;
};

// A person's reaction to a comment. `emoji` is a short name from
// kReactionNames, not an emoji character: the list is fixed so that clients
// draw them as they like and nobody needs Unicode's grapheme rules.
struct Reaction {
  PersonId person;
  std::string emoji;
  Instant at;
};

inline constexpr std::string_view kReactionNames[] = {
    "+1", "-1", "heart", "tada", "laugh", "eyes", "rocket", "clap", "fire", "thinking",
};
bool is_reaction_name(std::string_view name);

struct Comment {
  CommentId id;
  NodeRef target;      // objective or key result (check-in comments attach to their key result)
  CheckInId check_in;  // set when the comment is on a check-in
  PersonId author;
  std::string body;
  Instant at;
  // The people the body mentions as @email (mentions.h), in order, each once;
  // the model sets them from the body, for notifications.
  std::vector<PersonId> mentions;
  // In the order they were given; a person gives each emoji at most once.
  std::vector<Reaction> reactions;
};

// The guiding questions of a review (F24), in the order a team discusses them.
struct RetrospectiveAnswers {
  std::string first_okrs;            // how did the first OKRs go?
  std::string aligned;               // were they aligned?
  std::string went_well;             // what went well?
  std::string improve;               // where could we improve?
  std::string company_changes;       // have the company OKRs changed?
  std::string changed_dependencies;  // has anything changed with the teams we depend on?
  std::string lessons;               // lessons learned, shown again when the next period is planned
};

struct Retrospective {
  RetrospectiveId id;
  UnitId unit;
  PeriodId period;
  RetrospectiveAnswers answers;
  PersonId author;
  Instant recorded_at;
};

}  // namespace cairn::core
