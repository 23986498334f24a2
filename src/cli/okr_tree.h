// Renders a period's OKRs as an alignment tree for the terminal: company
// objectives first, each with its key results and the objectives aligned
// below them, then objectives aligned to nothing, then drafts.
#pragma once

#include <string>

#include "cli/terminal.h"
#include "core/evaluation.h"

namespace cairn::cli {

// The organisation's mission, vision and values.
std::string render_profile(const core::Evaluation& eval, const Style& style);

// The tree of a period as of the evaluation's instant.
std::string render_okr_tree(const core::Evaluation& eval, core::PeriodId period,
                            const Style& style);

// A closed period's objectives with their scores, success and overrides.
std::string render_scores(const core::Evaluation& eval, core::PeriodId period, const Style& style);

}  // namespace cairn::cli
