// An audit row's "before" kept as the fields a change altered, not as a
// second whole copy of the entity.
//
// Closing a quarter changes an objective's state, score and closed_at, and a
// key result's score and grade, and writes an audit row for each of them:
// half a million rows at enterprise scale, where the whole "before" was half
// of the 380 MB written and a third of the close's time. The row keeps the
// whole "after"; its "before" is
//
//   {"changed":{"state":"active","graded_done":false},"absent":["closed_at","score"]}
//
// the fields whose value differed (with the value they had) and the fields
// that the entity did not have before (an optional that the change set).
// Reading the row puts the whole "before" together again from "after", so
// the API shows the entity as it was, as it always did.
#pragma once

#include <string>
#include <string_view>

#include "app/json_fields.h"
#include "core/result.h"

namespace cairn::app {

// The compact "before" of an entity that went from `before` to `after`
// (field_texts of the two versions).
std::string changed_fields(const FieldTexts& before, const FieldTexts& after);

// The whole "before" again, as JSON text: `after`'s fields, with the changed
// ones put back and the absent ones taken out. A row that is not of this form
// is a kUnavailable error (the store holds something Cairn did not write).
core::Result<std::string> whole_before(std::string_view changed, std::string_view after);

}  // namespace cairn::app
