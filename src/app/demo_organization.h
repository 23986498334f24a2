// The demo organisation: a small software company whose OKRs follow the worked
// examples people meet when they learn OKRs — a company objective with three
// key results, a product team aligned to one of them, a sales function whose
// regional targets add up to the company's revenue key result, a content team,
// individual key results, a closed and scored previous quarter, a rollover, a
// dependency and a draft that breaks the rules of engagement.
//
// It is built relative to `now`, so it always looks alive: the current quarter
// is the one holding `now`, with weekly check-ins up to `now`.
#pragma once

#include <string>

#include "app/command_target.h"
#include "core/model.h"

namespace cairn::app {

struct DemoOrganization {
  core::PersonId admin;  // the CEO, an admin
  std::string admin_email;
  core::PeriodId current_quarter;
  core::PeriodId previous_quarter;
};

// Fills an empty model. Fails only if the model is not empty.
core::Result<DemoOrganization> build_demo_organization(CommandTarget& target, core::Instant now);
// The same, straight into a model in memory.
core::Result<DemoOrganization> build_demo_organization(core::Model& model, core::Instant now);

}  // namespace cairn::app
