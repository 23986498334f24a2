// The period report for the all-hands review (issue 9), as data: what the web
// app's printable report shows, assembled from the model as of an instant for
// one caller, so that it can be rendered without the browser (report_pdf.h).
// Every number is the core's; nothing here computes a rule of its own.
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
  std::string title;
  std::optional<double> current;  // metrics only
  std::optional<double> target;
  std::string unit;
  double progress = 0;
  std::optional<double> score;     // once closed
  std::optional<double> forecast;  // while open
};

struct ReportObjective {
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
  std::string name;
  std::vector<ReportObjective> objectives;
};

struct ReportRetrospective {
  std::string unit;
  std::string author;
  core::Instant recorded_at;
  // Question and answer, in the order teams discuss them; unanswered ones left out.
  std::vector<std::pair<std::string, std::string>> answers;
};

struct PeriodReport {
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
