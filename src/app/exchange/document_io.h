// Whole imports and exports in one call, for the faces (the CLI and the API):
// text in, an organisation's store and model changed in one bulk transaction;
// a model out, a document's bytes.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/command_target.h"
#include "app/exchange/okr_export.h"
#include "app/exchange/okr_import.h"

namespace cairn::app::exchange {

struct ImportOutcome {
  ImportCounts counts;
  std::vector<Problem> problems;  // sorted by line
  bool committed = false;
};

// Parses `text` and runs it into `target`: what the document gets wrong, then
// what the model refuses, every problem with its line. The caller commits
// (a BulkTarget) only when there is no problem; `committed` stays false.
ImportOutcome import_document(std::string_view text, DocumentFormat format, CommandTarget& target,
                              core::Instant now);
// The same for a document read and planned already (read_import,
// import_stream.h): the CLI plans before it opens the store.
ImportOutcome import_document(const ParsedDocument& document, const PlannedImport& planned,
                              CommandTarget& target);

// "line 12 (/objectives/3/title): is required"
std::string describe(const Problem& problem);

// Parses a format name: "json", "yaml" (or "yml"); nullopt otherwise.
std::optional<DocumentFormat> parse_format(std::string_view name);

}  // namespace cairn::app::exchange
