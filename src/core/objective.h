// Objectives (F5) and the score override shared with key results (F22).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace cairn::core {

enum class ObjectiveType { kCommitted, kAspirational, kLearning };
enum class ObjectiveState { kDraft, kActive, kClosed, kArchived };
enum class Visibility { kPublic, kPrivate };
enum class ProgressMode : std::uint8_t { kKeyResults, kChildren, kCombined, kManual };

// Who owns an objective: a unit or a person, exactly one.
struct Owner {
  UnitId unit;
  PersonId person;

  static Owner of_unit(UnitId u) { return Owner{u, PersonId{}}; }
  static Owner of_person(PersonId p) { return Owner{UnitId{}, p}; }
  bool is_unit() const { return unit.valid(); }
  friend bool operator==(const Owner&, const Owner&) = default;
};

// A score set by hand: it replaces the computed score everywhere; both are kept.
struct ScoreOverride {
  double score = 0;
  std::string reason;
  PersonId by;
  Instant at;
};

struct Objective {
  ObjectiveId id;
  std::string title;
  std::string description;
  PeriodId period;
  Owner owner;
  ObjectiveType type = ObjectiveType::kCommitted;
  ObjectiveState state = ObjectiveState::kActive;
  Visibility visibility = Visibility::kPublic;
  double weight = 1;
  ProgressMode progress_mode = ProgressMode::kKeyResults;
  double manual_progress = 0;  // used by ProgressMode::kManual
  std::vector<std::string> tags;
  ObjectiveId rolled_over_from;  // the original when this is a rollover copy
  Instant created_at;

  // Set when the objective is closed: the frozen, computed score.
  std::optional<Instant> closed_at;
  std::optional<double> score;
  std::optional<ScoreOverride> score_override;
  std::string retrospective_note;  // a learning objective succeeds once this is written

  bool archived() const { return state == ObjectiveState::kArchived; }
  bool closed() const { return state == ObjectiveState::kClosed; }
  // The score that counts: the override when there is one.
  std::optional<double> effective_score() const {
    return score_override ? std::optional<double>(score_override->score) : score;
  }
};

}  // namespace cairn::core
