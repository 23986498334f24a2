// The stored JSON of every entity of the core and of the types inside them:
// what the change log's payloads carry and what the audit rows record before
// and after a change.
//
// Every field of every struct is written, so that reading gives back exactly
// the value that was written, doubles included (json_fields.h has the rules
// for each kind of field). This is storage, not the public API: instants are
// integer seconds and ids are the core's indexes.
//
//   boost::json::value json = to_json(unit);
//   core::Result<core::Unit> unit = from_json<core::Unit>(json);
//   append_json(text, unit);  // the same JSON as text, without the tree
//
// from_json never throws: a missing key or a wrong type is a kInvalid error
// whose field names the value's path ("settings.status.behind_gap").
#pragma once

#include "app/json_fields.h"
#include "core/alignment.h"
#include "core/check_in.h"
#include "core/collaboration.h"
#include "core/key_result.h"
#include "core/kpi.h"
#include "core/objective.h"
#include "core/organization.h"
#include "core/period.h"
#include "core/settings.h"

namespace cairn::app {

#define CAIRN_ENTITY_JSON(Type)                                                        \
  template <>                                                                          \
  boost::json::value to_json(const Type& value);                                       \
  template <>                                                                          \
  core::Result<Type> from_json(const boost::json::value& json, std::string_view path); \
  template <>                                                                          \
  void append_json(std::string& out, const Type& value);                               \
  template <>                                                                          \
  FieldTexts field_texts(const Type& value);

// The organisation and its settings.
CAIRN_ENTITY_JSON(core::Organization)
CAIRN_ENTITY_JSON(core::Settings)
CAIRN_ENTITY_JSON(core::CheckInCadence)
CAIRN_ENTITY_JSON(core::StatusThresholds)
// Units, people, periods.
CAIRN_ENTITY_JSON(core::Unit)
CAIRN_ENTITY_JSON(core::Person)
CAIRN_ENTITY_JSON(core::Period)
// Objectives and key results.
CAIRN_ENTITY_JSON(core::Objective)
CAIRN_ENTITY_JSON(core::Owner)
CAIRN_ENTITY_JSON(core::ScoreOverride)
CAIRN_ENTITY_JSON(core::KeyResult)
CAIRN_ENTITY_JSON(core::Milestone)
CAIRN_ENTITY_JSON(core::PlanPoint)
// Check-ins.
CAIRN_ENTITY_JSON(core::CheckIn)
CAIRN_ENTITY_JSON(core::Measurement)
// Alignment.
CAIRN_ENTITY_JSON(core::NodeRef)
CAIRN_ENTITY_JSON(core::AlignmentLink)
CAIRN_ENTITY_JSON(core::Dependency)
// Collaboration.
CAIRN_ENTITY_JSON(core::Initiative)
CAIRN_ENTITY_JSON(core::Comment)
CAIRN_ENTITY_JSON(core::Reaction)
CAIRN_ENTITY_JSON(core::RetrospectiveAnswers)
CAIRN_ENTITY_JSON(core::Retrospective)
// KPIs.
CAIRN_ENTITY_JSON(core::Kpi)
CAIRN_ENTITY_JSON(core::KpiValue)

#undef CAIRN_ENTITY_JSON

}  // namespace cairn::app
