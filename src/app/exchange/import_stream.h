// Reads a document of OKRs for import: parsed and planned (okr_import.h).
//
// A JSON document whose objectives come after what they refer to (format,
// organization, people, units, periods, kpis), as `cairn export` writes it,
// is planned while it is parsed: each objective is handed to the planner as
// soon as it is read and its memory is used again for the next one, so the
// tree of the document's largest list never exists whole. Any other document
// (YAML, or JSON in another order) is parsed whole first; the plan is the same.
#pragma once

#include <string_view>

#include "app/exchange/document_reader.h"
#include "app/exchange/okr_import.h"

namespace cairn::app::exchange {

struct ReadImport {
  // The document's root; a JSON document read as a stream keeps its
  // "objectives" as an empty list. It refers to the text, as parse_document's.
  ParsedDocument document;
  PlannedImport planned;  // problems located (with their lines)
};

// Parses and plans `text`; a syntax error is parse_document's error.
core::Result<ReadImport> read_import(std::string_view text, DocumentFormat format,
                                     core::Instant now);

// The same, never as a stream: what read_import gives a document it cannot
// stream, for tests that compare the two.
core::Result<ReadImport> read_import_whole(std::string_view text, DocumentFormat format,
                                           core::Instant now);

}  // namespace cairn::app::exchange
