#include "app/exchange/document_writer.h"

#include <charconv>
#include <cmath>

#include "core/text.h"

namespace cairn::app::exchange {

// http/json_number.h does the same for the API's answers; the HTTP layer sits
// above this one (and its server core stays free of the service), so the few
// lines are kept here rather than shared across the layers.
std::string shortest_number(double value) {
  if (!std::isfinite(value)) return "null";
  if (value == 0) return "0";  // also -0: "-0" would read back as an integer in some tools
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

namespace {

// JSON string escaping; YAML's double-quoted style accepts the same escapes.
void write_quoted(std::ostream& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out << '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out << "\\\"";
        break;
      case '\\':
        out << "\\\\";
        break;
      case '\n':
        out << "\\n";
        break;
      case '\r':
        out << "\\r";
        break;
      case '\t':
        out << "\\t";
        break;
      case '\b':
        out << "\\b";
        break;
      case '\f':
        out << "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out << "\\u00" << kHex[c >> 4] << kHex[c & 15];
        } else {
          out << ch;
        }
    }
  }
  out << '"';
}

class JsonWriter final : public DocumentWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}

  void begin_object() override { open('{'); }
  void end_object() override { close('}'); }
  void begin_array() override { open('['); }
  void end_array() override { close(']'); }
  void key(std::string_view name) override {
    Frame& frame = frames_.back();
    separate(frame);
    write_quoted(out_, name);
    out_ << ": ";
    after_key_ = true;
  }
  void string(std::string_view text) override {
    before_value();
    write_quoted(out_, text);
  }
  void number(double value) override {
    before_value();
    out_ << shortest_number(value);
  }
  void integer(std::int64_t value) override {
    before_value();
    out_ << value;
  }
  void boolean(bool value) override {
    before_value();
    out_ << (value ? "true" : "false");
  }
  void null() override {
    before_value();
    out_ << "null";
  }
  void finish() override {
    out_ << '\n';
    out_.flush();
  }

 private:
  struct Frame {
    int count = 0;
  };

  void separate(Frame& frame) {
    out_ << (frame.count++ > 0 ? ",\n" : "\n");
    indent();
  }
  void indent() {
    for (std::size_t i = 0; i < frames_.size(); ++i) out_ << "  ";
  }
  void before_value() {
    if (after_key_ || frames_.empty()) {
      after_key_ = false;
      return;
    }
    separate(frames_.back());
  }
  void open(char bracket) {
    before_value();
    out_ << bracket;
    frames_.push_back(Frame{});
  }
  void close(char bracket) {
    const bool had_children = frames_.back().count > 0;
    frames_.pop_back();
    if (had_children) {
      out_ << '\n';
      indent();
    }
    out_ << bracket;
  }

  std::ostream& out_;
  std::vector<Frame> frames_;
  bool after_key_ = false;
};

bool is_plain_safe(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ' || text.back() == ':') return false;
  static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`~+.=";
  if (kIndicators.find(text.front()) != std::string_view::npos) return false;
  if (text.front() >= '0' && text.front() <= '9') return false;  // numbers, dates, times
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos) {
    return false;
  }
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return false;
  }
  // Words that YAML 1.1 or 1.2 readers take for null or booleans.
  const std::string lower = core::ascii_lowercase(text);
  static constexpr std::string_view kReserved[] = {"null", "true", "false", "yes",  "no",  "on",
                                                   "off",  "y",    "n",     ".nan", ".inf"};
  for (std::string_view word : kReserved) {
    if (lower == word) return false;
  }
  return true;
}

// Block-style YAML. A container's first line ("\n" after its key, or "- "
// for a sequence item) is written only when its first child arrives, so an
// empty container can still be written as [] or {} on its key's line.
class YamlWriter final : public DocumentWriter {
 public:
  explicit YamlWriter(std::ostream& out) : out_(out) {}

  void begin_object() override { open(true); }
  void end_object() override { close(); }
  void begin_array() override { open(false); }
  void end_array() override { close(); }
  void key(std::string_view name) override {
    flush_openers();
    Frame& frame = frames_.back();
    line_start(frame);
    frame.count++;
    out_ << name << ':';
    after_key_ = true;
  }
  void string(std::string_view text) override {
    begin_scalar();
    if (is_plain_safe(text)) {
      out_ << text;
    } else {
      write_quoted(out_, text);
    }
    out_ << '\n';
  }
  void number(double value) override { scalar(shortest_number(value)); }
  void integer(std::int64_t value) override { scalar(std::to_string(value)); }
  void boolean(bool value) override { scalar(value ? "true" : "false"); }
  void null() override { scalar("null"); }
  void finish() override { out_.flush(); }

 private:
  struct Frame {
    bool map = true;
    int indent = 0;
    int count = 0;
    std::string opener;  // written before the first child
    bool opener_written = false;
    bool inline_first = false;  // the first child continues the opener's line
  };

  std::string spaces(int n) const { return std::string(static_cast<std::size_t>(n), ' '); }
  void line_start(const Frame& frame) {
    if (!(frame.count == 0 && frame.inline_first)) out_ << spaces(frame.indent);
  }
  void flush_openers() {
    for (Frame& frame : frames_) {
      if (!frame.opener_written) {
        out_ << frame.opener;
        frame.opener_written = true;
      }
    }
  }
  void scalar(std::string_view text) {
    begin_scalar();
    out_ << text << '\n';
  }
  void begin_scalar() {
    if (after_key_) {
      after_key_ = false;
      out_ << ' ';
      return;
    }
    if (frames_.empty()) return;
    flush_openers();
    Frame& frame = frames_.back();
    line_start(frame);
    frame.count++;
    out_ << "- ";
  }
  void open(bool map) {
    Frame frame;
    frame.map = map;
    if (frames_.empty()) {
      frame.opener_written = true;
    } else if (after_key_) {
      after_key_ = false;
      frame.indent = frames_.back().indent + 2;
      frame.opener = "\n";
      empty_after_key_.push_back(true);
    } else {
      Frame& parent = frames_.back();
      frame.opener = (parent.count == 0 && parent.inline_first ? "" : spaces(parent.indent)) + "- ";
      frame.indent = parent.indent + 2;
      frame.inline_first = true;
      parent.count++;
      empty_after_key_.push_back(false);
    }
    frames_.push_back(std::move(frame));
    if (frames_.size() == 1) empty_after_key_.push_back(false);
  }
  void close() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    const bool after_key = empty_after_key_.back();
    empty_after_key_.pop_back();
    if (frame.count > 0) return;
    const char* empty = frame.map ? "{}" : "[]";
    if (after_key) {
      out_ << ' ' << empty << '\n';  // the key's line is open
    } else {
      flush_openers();
      out_ << frame.opener << empty << '\n';
    }
  }

  std::ostream& out_;
  std::vector<Frame> frames_;
  std::vector<bool> empty_after_key_;
  bool after_key_ = false;
};

}  // namespace

std::unique_ptr<DocumentWriter> json_writer(std::ostream& out) {
  return std::make_unique<JsonWriter>(out);
}
std::unique_ptr<DocumentWriter> yaml_writer(std::ostream& out) {
  return std::make_unique<YamlWriter>(out);
}
std::unique_ptr<DocumentWriter> document_writer(DocumentFormat format, std::ostream& out) {
  return format == DocumentFormat::kJson ? json_writer(out) : yaml_writer(out);
}

}  // namespace cairn::app::exchange
