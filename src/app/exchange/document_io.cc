#include "app/exchange/document_io.h"

#include <algorithm>

#include "app/exchange/import_stream.h"

namespace cairn::app::exchange {

ImportOutcome import_document(std::string_view text, DocumentFormat format, CommandTarget& target,
                              core::Instant now) {
  auto read = read_import(text, format, now);
  if (!read) {
    // The message already names the line ("line 4: malformed YAML: …").
    ImportOutcome outcome;
    outcome.problems.push_back(Problem{"", 0, read.error().message});
    return outcome;
  }
  return import_document(read->document, read->planned, target);
}

ImportOutcome import_document(const ParsedDocument& document, const PlannedImport& planned,
                              CommandTarget& target) {
  ImportOutcome outcome;
  outcome.problems = planned.problems;
  outcome.counts = run_import(*planned.plan, target, outcome.problems);
  document.locate(outcome.problems);
  std::stable_sort(outcome.problems.begin(), outcome.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  return outcome;
}

std::string describe(const Problem& problem) {
  std::string out;
  if (problem.line > 0) out += "line " + std::to_string(problem.line);
  if (!problem.path.empty())
    out += (out.empty() ? "" : " ") + std::string("(") + problem.path + ")";
  if (!out.empty()) out += ": ";
  return out + problem.message;
}

std::optional<DocumentFormat> parse_format(std::string_view name) {
  if (name == "json") return DocumentFormat::kJson;
  if (name == "yaml" || name == "yml") return DocumentFormat::kYaml;
  return std::nullopt;
}

}  // namespace cairn::app::exchange
