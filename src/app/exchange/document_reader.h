// OKRs as code, in: a JSON or YAML document read into one tree, with the line
// of every value available for error messages ("line 42: …").
//
// JSON is read with Boost.JSON (fast enough for the enterprise workload's
// hundreds of megabytes; numbers come back bit-identical, app/json_text.h),
// YAML with libyaml, whose plain scalars are resolved by YAML 1.2's core
// schema: null, true/false, integers and floats; everything quoted is a
// string. Anchors, aliases and tags other than !!str are refused: a
// document of OKRs has no use for them and they hide what is imported.
#pragma once

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/exchange/document_writer.h"
#include "core/result.h"

namespace cairn::app::exchange {

// A problem with a document, where it is: `path` is the JSON Pointer of the
// value (RFC 6901, "/objectives/3/title"), `line` its line (0 when unknown).
struct Problem {
  std::string path;
  int line = 0;
  std::string message;
  // The entity can still be tried (an unknown field): running it may find
  // more problems. Otherwise it is not run, so its problem is reported once.
  bool entity_usable = false;
};

class ParsedDocument {
 public:
  // `memory`, when given, is where the root's values live: the document owns
  // it, and frees the tree all at once.
  ParsedDocument(boost::json::value root, DocumentFormat format, std::string_view text,
                 std::unordered_map<std::string, int> lines,
                 std::unique_ptr<boost::json::monotonic_resource> memory = nullptr)
      : memory_(std::move(memory)),
        root_(std::move(root)),
        format_(format),
        text_(text),
        lines_(std::move(lines)) {}

  const boost::json::value& root() const { return root_; }
  DocumentFormat format() const { return format_; }
  // Fills in the line of each problem from its path, in one pass over the text.
  void locate(std::vector<Problem>& problems) const;

 private:
  std::unique_ptr<boost::json::monotonic_resource> memory_;  // before root_: outlives it
  boost::json::value root_;
  DocumentFormat format_;
  std::string_view text_;                       // the caller keeps the text alive while locating
  std::unordered_map<std::string, int> lines_;  // YAML: every value's line, by pointer
};

// Parses `text`; a syntax error is a kInvalid error whose message starts with
// "line N:". The ParsedDocument refers to `text` for locate().
core::Result<ParsedDocument> parse_document(std::string_view text, DocumentFormat format);

// JSON when the text's first non-blank character is { or [, else YAML.
DocumentFormat sniff_format(std::string_view text);

}  // namespace cairn::app::exchange
