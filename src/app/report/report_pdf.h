// The period report as a PDF (issue 9): A4 pages drawn with Pango and Cairo
// (Debian's libpango1.0 and libcairo2), so the all-hands review can be sent or
// archived without a browser. The same content as the web app's printable
// report, in English.
#pragma once

#include <string>

#include "app/report/period_report.h"

namespace cairn::app {

// The PDF's bytes; `generated` is the instant printed as "as of".
std::string render_pdf(const PeriodReport& report, core::Instant generated);

}  // namespace cairn::app
