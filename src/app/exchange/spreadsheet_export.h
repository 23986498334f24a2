// A period as a spreadsheet (F33): one row per key result, with its
// objective, owners, unit, what it is aligned to, its numbers as the rules
// compute them (progress, expected, status, confidence) and its score.
// Written as CSV (RFC 4180, every field quoted, by libcsv) or XLSX (one
// sheet, numbers as numbers, progress as percentages, by libxlsxwriter).
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation.h"
#include "core/result.h"

namespace cairn::app::exchange {

struct Cell {
  std::string text;              // for text cells
  std::optional<double> number;  // for numbers; empty text and no number: blank
  bool percent = false;          // a fraction shown as a percentage
};
using Row = std::vector<Cell>;

struct Sheet {
  std::string title;  // the period's name
  std::vector<std::string> header;
  std::vector<Row> rows;
};

// The period's key results that are not archived, objective by objective,
// evaluated at eval.as_of(). Private objectives are included: callers decide
// who may have the sheet. An unknown period gives an empty sheet.
// `visible`, when given, leaves out the objectives it refuses (and their
// titles from "Aligned to"): a sheet for someone who may not see everything.
Sheet period_sheet(const core::Evaluation& eval, core::PeriodId period,
                   const std::function<bool(core::ObjectiveId)>& visible = {});

void write_csv(const Sheet& sheet, std::ostream& out);

// A number as a CSV sheet shows it: twelve significant digits, which every
// spreadsheet reads. The CSV importer takes a value equal to a key result's
// current one at this precision as unchanged, so an exported sheet imports
// back without a check-in for every value with more digits than that.
double sheet_value(double value);
// The name of a sheet for a period called `title`, as Excel accepts one: at
// most 31 characters, none of []:*?/\ (each becomes '-'), not starting or
// ending with an apostrophe, not "History"; "OKRs" when nothing is left.
std::string sheet_name(std::string_view title);

// XLSX is a zip file: libxlsxwriter writes it to a path.
core::Result<void> write_xlsx(const Sheet& sheet, const std::string& path);

}  // namespace cairn::app::exchange
