// The cadence calendar (F19) as an iCalendar feed (RFC 5545) that calendar
// apps subscribe to: check-in days (from four weeks back to a quarter ahead),
// each period's start and end, and its rollout dates (drafts due, cross-team
// review, commit). It names periods and the organisation only, never an
// objective or key result, so nothing private can leak through it.
#pragma once

#include <string>

#include "core/model.h"

namespace cairn::app {

// The feed for the organisation of `model` at `now`; `slug` makes the UIDs
// unique across organisations.
std::string calendar_feed(const core::Model& model, std::string_view slug, core::Instant now);

// A text value escaped for iCalendar (backslash, semicolon, comma, newline).
std::string ical_text(std::string_view text);

}  // namespace cairn::app
