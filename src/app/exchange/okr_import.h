// OKRs as code, in: a document (okr_export.h, docs/okrs-as-code.md) turned
// into the commands that rebuild it, run through a CommandTarget.
//
// Into an empty organisation the result exports to the same bytes as the
// document it came from. Into one that already has people, units and periods,
// people are matched by email, units by name under the same parent, periods
// by name and dates; objectives and everything under them are always added.
//
// Every problem is reported with the JSON Pointer of the value and its line:
// first everything the document itself gets wrong (missing or unknown fields,
// wrong types, references to nothing), then what the model refuses when the
// commands run. The caller commits only when there is no problem; a dry run
// never commits.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "app/command_target.h"
#include "app/exchange/document_reader.h"

namespace cairn::app::exchange {

struct ImportCounts {
  std::size_t people = 0;  // added (matched ones are not counted)
  std::size_t units = 0;
  std::size_t periods = 0;
  std::size_t kpis = 0;
  std::size_t objectives = 0;
  std::size_t key_results = 0;
  std::size_t check_ins = 0;
  std::size_t commands = 0;
};

struct ImportPlan;  // import_plan.h

struct PlannedImport {
  std::shared_ptr<const ImportPlan> plan;
  std::vector<Problem> problems;  // the document's own problems
};

// Reads the document into a plan. `now` stands in for instants a hand-written
// document leaves out (objectives and key results created "now").
PlannedImport plan_import(const ParsedDocument& document, core::Instant now);

// A command's refusal as one line: "weight must be a finite number ≥ 0".
std::string refusal_message(const core::Error& error);

// Runs the plan's commands in order; a refused command becomes a problem (at
// its entity's path) and what depends on it is skipped. Problems are appended.
ImportCounts run_import(const ImportPlan& plan, CommandTarget& target,
                        std::vector<Problem>& problems);

}  // namespace cairn::app::exchange
