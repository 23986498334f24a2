// The period report for the all-hands review (issue 9), as data, assembled
// from the model as of an instant for one caller: served as JSON to the web
// app's printable report and drawn as a PDF (report_pdf.h), so both show the
// same selection and numbers. Every number is the core's.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/principal.h"
#include "core/health.h"
#include "core/maturity.h"
#include "core/model.h"
#include "core/status.h"

namespace cairn::app {

struct ReportKeyResult {
  core::KeyResultId id;
  std::string title;
  std::optional<double> current;  // metrics only
  std::optional<double> target;
  std::string unit;
  double progress = 0;
  std::optional<double> score;     // once closed
  std::optional<double> forecast;  // while open
};

struct ReportObjective {
  core::ObjectiveId id;
  std::string title;
  core::ObjectiveType type = core::ObjectiveType::kCommitted;
  double progress = 0;
  core::Status status = core::Status::kNotStarted;
  std::optional<double> score;
  bool success = false;
  std::optional<double> forecast;
  std::vector<ReportKeyResult> key_results;
};

struct ReportUnit {
  core::UnitId id;
  std::string name;
  std::vector<ReportObjective> objectives;
};

// The newest retrospective of a unit for the period, with how many were recorded.
struct ReportRetrospective {
  core::Retrospective retrospective;
  std::int64_t revision = 0;
  std::string unit;
  std::string author;
};

struct PeriodReport {
  core::PeriodId period_id;
  std::string organization;
  std::string mission;
  std::string period;
  core::Date start_date;
  core::Date end_date;
  core::PeriodState state = core::PeriodState::kActive;
  double company_progress = 0;
  std::optional<double> heading_for;  // while the period is open
  core::ProgramHealth health;         // of the whole organisation
  std::size_t objectives = 0;         // the units' objectives listed below
  std::size_t succeeded = 0;
  core::MaturityStage maturity = core::MaturityStage::kCurious;  // at the period's end, or as_of
  std::vector<ReportUnit> units;  // from the company down; only units with objectives
  std::vector<ReportRetrospective> retrospectives;
};

// The report of `period` as of `as_of`, with the objectives `who` may see
// (the units' numbers still count every objective, as in any roll-up).
// Objectives owned by people, drafts and archived ones are left out.
PeriodReport period_report(const core::Model& model, const Principal& who, core::PeriodId period,
                           core::Instant as_of);

}  // namespace cairn::app
