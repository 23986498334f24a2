// Streaming writers for the documents Cairn exports (OKRs as code): the same
// sequence of calls gives JSON or YAML, so both formats always hold the same
// fields. Output goes straight to a stream, so an export of millions of
// check-ins never builds a tree in memory.
//
// Both writers are deterministic: the same calls give the same bytes, which is
// what makes export → import → export byte-identical. Numbers are written as
// the shortest text that reads back to the same double (0.25, 2150, 0.1), never
// in Boost.JSON's 2.5E-1 form; a non-finite number is written as null.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::app::exchange {

class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;

  virtual void begin_object() = 0;
  virtual void end_object() = 0;
  virtual void begin_array() = 0;
  virtual void end_array() = 0;
  // Names the next value; only inside an object.
  virtual void key(std::string_view name) = 0;

  virtual void string(std::string_view text) = 0;
  virtual void number(double value) = 0;
  virtual void integer(std::int64_t value) = 0;
  virtual void boolean(bool value) = 0;
  virtual void null() = 0;

  // Ends the document (a final newline) and flushes the stream.
  virtual void finish() = 0;

  // Shorthands for a key and its value.
  void field(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }
  void field(std::string_view name, const char* text) { field(name, std::string_view(text)); }
  void field(std::string_view name, const std::string& text) {
    field(name, std::string_view(text));
  }
  void field(std::string_view name, double value) {
    key(name);
    number(value);
  }
  void field(std::string_view name, int value) {
    key(name);
    integer(value);
  }
  void field(std::string_view name, std::int64_t value) {
    key(name);
    integer(value);
  }
  void field(std::string_view name, bool value) {
    key(name);
    boolean(value);
  }
};

enum class DocumentFormat { kJson, kYaml };

// Pretty-printed JSON, two spaces per level, keys in the order given.
std::unique_ptr<DocumentWriter> json_writer(std::ostream& out);
// Block-style YAML 1.2; strings are quoted whenever a plain scalar could read
// back as something else (a number, a date, true, null …).
std::unique_ptr<DocumentWriter> yaml_writer(std::ostream& out);
std::unique_ptr<DocumentWriter> document_writer(DocumentFormat format, std::ostream& out);

// The shortest decimal text that reads back to exactly `value` ("0.25", "2150").
std::string shortest_number(double value);

}  // namespace cairn::app::exchange
