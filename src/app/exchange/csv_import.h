// Spreadsheets in: objectives and key results from the plain layout people
// keep (F33), one row per key result, into an organisation that has its
// people, units and periods already.
//
// Columns are found by their header, in any order and any case:
//   objective, key result   required
//   owner                   the key result's owner: an email or a full name
//   unit                    the unit that owns the objective (default: the company)
//   objective owner         instead: a person's email, or a unit's name
//   period                  its name (default: the period given, or running now)
//   start, target           numbers (start defaults to 0)
//   current                 a number: checked in now when it differs
//   measure                 the key result's unit of measure ("%", "EUR", …)
//   confidence              1–10, with the check-in
// Other columns are ignored (so a sheet exported by Cairn imports back).
// Rows with the same objective, unit and period belong to one objective; an
// objective or key result that exists already is reused, so importing the
// same sheet again only checks in the values that changed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/command_target.h"
#include "app/exchange/document_io.h"

namespace cairn::app::exchange {

struct CsvImportOptions {
  core::Instant now;
  std::optional<core::PeriodId> period;  // for rows without a period
};

struct CsvImportOutcome {
  ImportOutcome outcome;  // problems' `line` is the row (the header is row 1)
  std::vector<std::string> ignored_columns;
  std::size_t updated_check_ins = 0;  // check-ins on key results that existed
};

CsvImportOutcome import_csv(std::string_view text, CommandTarget& target,
                            const CsvImportOptions& options);

}  // namespace cairn::app::exchange
