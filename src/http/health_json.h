// The JSON of program health figures (docs/maturity.md "Program health"),
// shared by GET /reports/health (the answer and each trend point) and the
// period report.
#pragma once

#include "core/health.h"
#include "http/json_writer.h"

namespace cairn::http {

// figures:{onboarding, activity, alignment, transparency, focus:{numerator,
// denominator, ratio|null}}, objectives_per_owner, attainment:{value, kind}
void write_health(JsonWriter& w, const core::ProgramHealth& h);

}  // namespace cairn::http
