#include "app/exchange/document_reader.h"

#include <yaml.h>

#include <algorithm>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/stream_parser.hpp>
#include <charconv>
#include <memory>
#include <optional>
#include <unordered_set>

#include "app/json_text.h"

namespace cairn::app::exchange {
namespace {

core::Error syntax_error(int line, std::string_view message) {
  return core::invalid("document", "line " + std::to_string(line) + ": " + std::string(message));
}

void append_pointer_segment(std::string& path, std::string_view key) {
  path += '/';
  for (const char c : key) {
    if (c == '~') {
      path += "~0";
    } else if (c == '/') {
      path += "~1";
    } else {
      path += c;
    }
  }
}

int line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// ---- JSON ------------------------------------------------------------------

// Walks JSON text already known to be valid, noting the line of each value
// whose pointer is wanted.
class JsonLineScanner {
 public:
  JsonLineScanner(std::string_view text, const std::unordered_set<std::string>& wanted,
                  std::unordered_map<std::string, int>& found)
      : text_(text), wanted_(wanted), found_(found) {}

  void run() {
    skip_space();
    if (pos_ < text_.size()) value();
  }

 private:
  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }
  void note() {
    if (wanted_.count(path_) != 0) found_.emplace(path_, line_);
  }
  std::string string_body() {  // at the opening quote; returns the raw content
    std::string out;
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        ++pos_;
        const char e = text_[pos_];
        out += (e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else {
        out += text_[pos_];
      }
      ++pos_;
    }
    ++pos_;
    return out;
  }
  void value() {
    note();
    const char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      const std::size_t base = path_.size();
      skip_space();
      while (pos_ < text_.size() && text_[pos_] != '}') {
        const std::string key = string_body();
        skip_space();
        ++pos_;  // ':'
        skip_space();
        append_pointer_segment(path_, key);
        value();
        path_.resize(base);
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
        skip_space();
      }
      ++pos_;
    } else if (c == '[') {
      ++pos_;
      const std::size_t base = path_.size();
      std::size_t index = 0;
      skip_space();
      while (pos_ < text_.size() && text_[pos_] != ']') {
        path_ += '/';
        path_ += std::to_string(index++);
        value();
        path_.resize(base);
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
        skip_space();
      }
      ++pos_;
    } else if (c == '"') {
      string_body();
    } else {
      while (pos_ < text_.size() &&
             std::string_view(",]} \t\r\n").find(text_[pos_]) == std::string_view::npos) {
        ++pos_;
      }
    }
  }

  std::string_view text_;
  const std::unordered_set<std::string>& wanted_;
  std::unordered_map<std::string, int>& found_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::string path_;
};

core::Result<ParsedDocument> parse_json_document(std::string_view text) {
  // The tree lives in one monotonic resource: the enterprise workload's
  // document is tens of millions of values, each a heap block otherwise,
  // allocated one by one and freed one by one (seconds of a large import).
  // The document owns the resource; the storage pointer does not share it,
  // so that destroying the tree does not walk it (Boost skips that for a
  // resource whose deallocation is trivial and not shared).
  auto memory = std::make_unique<boost::json::monotonic_resource>();
  auto parsed = parse_json(text, boost::json::storage_ptr(memory.get()));
  if (parsed) {
    return ParsedDocument(std::move(*parsed), DocumentFormat::kJson, text, {}, std::move(memory));
  }
  // Find where it broke: the stream parser says how far it got.
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  const std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  const std::string what = ec ? ec.message() : "not a JSON document";
  return syntax_error(line_at(text, consumed), "malformed JSON: " + what);
}

// ---- YAML ------------------------------------------------------------------

struct YamlParser {
  yaml_parser_t parser;
  YamlParser() { yaml_parser_initialize(&parser); }
  ~YamlParser() { yaml_parser_delete(&parser); }
};
struct YamlEvent {
  yaml_event_t event{};
  bool held = false;
  ~YamlEvent() { clear(); }
  void clear() {
    if (held) yaml_event_delete(&event);
    held = false;
  }
};

std::optional<boost::json::value> plain_scalar(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::string_view digits = s;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
  if (!digits.empty() &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::int64_t value = 0;
    const char* begin = s.data() + (s.front() == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(begin, s.data() + s.size(), value);
    if (error == std::errc() && end == s.data() + s.size()) return value;
  }
  // A float of the core schema: digits with a point and/or an exponent.
  const bool looks_numeric =
      !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
      });
  if (looks_numeric) {
    double value = 0;
    const char* begin = s.data() + (s.front() == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(begin, s.data() + s.size(), value);
    if (error == std::errc() && end == s.data() + s.size()) return value;
  }
  return std::nullopt;  // a string
}

class YamlBuilder {
 public:
  explicit YamlBuilder(std::string_view text) {
    yaml_parser_set_input_string(&parser_.parser,
                                 reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }

  core::Result<ParsedDocument> build(std::string_view text) {
    YamlEvent event;
    CAIRN_TRY(next(event));  // stream start
    event.clear();
    CAIRN_TRY(next(event));
    if (event.event.type == YAML_STREAM_END_EVENT) return syntax_error(1, "the document is empty");
    if (event.event.type != YAML_DOCUMENT_START_EVENT) {
      return syntax_error(line(event), "expected a document");
    }
    event.clear();
    CAIRN_TRY(next(event));
    auto root = node(event);
    if (!root) return root.error();
    event.clear();
    CAIRN_TRY(next(event));  // document end
    event.clear();
    CAIRN_TRY(next(event));
    if (event.event.type != YAML_STREAM_END_EVENT) {
      return syntax_error(line(event), "give one document only (a second one starts here)");
    }
    return ParsedDocument(std::move(*root), DocumentFormat::kYaml, text, std::move(lines_));
  }

 private:
  static int line(const YamlEvent& e) { return static_cast<int>(e.event.start_mark.line) + 1; }

  core::Result<void> next(YamlEvent& event) {
    event.clear();
    if (!yaml_parser_parse(&parser_.parser, &event.event)) {
      const int at = static_cast<int>(parser_.parser.problem_mark.line) + 1;
      return syntax_error(at, std::string("malformed YAML: ") +
                                  (parser_.parser.problem ? parser_.parser.problem : "error"));
    }
    event.held = true;
    return {};
  }

  core::Result<boost::json::value> node(YamlEvent& event) {
    lines_.emplace(path_, line(event));
    if (++depth_ > 64) return syntax_error(line(event), "nested too deeply");
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    const yaml_event_t& e = event.event;
    switch (e.type) {
      case YAML_ALIAS_EVENT:
        return syntax_error(line(event), "anchors and aliases are not supported");
      case YAML_SCALAR_EVENT: {
        if (e.data.scalar.anchor) {
          return syntax_error(line(event), "anchors and aliases are not supported");
        }
        const std::string_view text(reinterpret_cast<const char*>(e.data.scalar.value),
                                    e.data.scalar.length);
        const char* tag = reinterpret_cast<const char*>(e.data.scalar.tag);
        if (tag && std::string_view(tag) != YAML_STR_TAG) {
          return syntax_error(line(event), "tags other than !!str are not supported");
        }
        if (e.data.scalar.plain_implicit && !tag) {
          if (auto typed = plain_scalar(text)) return *typed;
        }
        return boost::json::value(boost::json::string_view(text.data(), text.size()));
      }
      case YAML_SEQUENCE_START_EVENT: {
        boost::json::array array;
        const std::size_t base = path_.size();
        for (std::size_t index = 0;; ++index) {
          YamlEvent item;
          CAIRN_TRY(next(item));
          if (item.event.type == YAML_SEQUENCE_END_EVENT) break;
          path_ += '/';
          path_ += std::to_string(index);
          auto value = node(item);
          if (!value) return value.error();
          array.push_back(std::move(*value));
          path_.resize(base);
        }
        return array;
      }
      case YAML_MAPPING_START_EVENT: {
        boost::json::object object;
        const std::size_t base = path_.size();
        for (;;) {
          YamlEvent key;
          CAIRN_TRY(next(key));
          if (key.event.type == YAML_MAPPING_END_EVENT) break;
          if (key.event.type != YAML_SCALAR_EVENT) {
            return syntax_error(line(key), "a key must be a plain name");
          }
          const std::string name(reinterpret_cast<const char*>(key.event.data.scalar.value),
                                 key.event.data.scalar.length);
          if (object.contains(name)) {
            return syntax_error(line(key), "the key \"" + name + "\" appears twice");
          }
          append_pointer_segment(path_, name);
          YamlEvent value_event;
          CAIRN_TRY(next(value_event));
          auto value = node(value_event);
          if (!value) return value.error();
          object.emplace(name, std::move(*value));
          path_.resize(base);
        }
        return object;
      }
      default:
        return syntax_error(line(event), "unexpected YAML content");
    }
  }

  YamlParser parser_;
  std::string path_;
  std::unordered_map<std::string, int> lines_;
  int depth_ = 0;
};

}  // namespace

void ParsedDocument::locate(std::vector<Problem>& problems) const {
  std::unordered_set<std::string> wanted;
  for (const Problem& p : problems) {
    if (p.line != 0 || format_ != DocumentFormat::kJson) continue;
    // The value and every value enclosing it: an absent key has no line of
    // its own, its object has.
    for (std::string path = p.path; !path.empty(); path.resize(path.rfind('/'))) {
      if (!wanted.insert(path).second) break;
    }
    wanted.insert("");
  }
  std::unordered_map<std::string, int> found;
  if (!wanted.empty() && format_ == DocumentFormat::kJson) {
    JsonLineScanner(text_, wanted, found).run();
  }
  for (Problem& p : problems) {
    if (p.line != 0) continue;
    // The value itself, or the nearest enclosing one that has a line.
    for (std::string path = p.path;; path.resize(path.rfind('/'))) {
      if (auto it = lines_.find(path); it != lines_.end()) {
        p.line = it->second;
        break;
      }
      if (auto it = found.find(path); it != found.end()) {
        p.line = it->second;
        break;
      }
      if (path.empty()) break;
    }
  }
}

core::Result<ParsedDocument> parse_document(std::string_view text, DocumentFormat format) {
  if (format == DocumentFormat::kJson) return parse_json_document(text);
  return YamlBuilder(text).build(text);
}

DocumentFormat sniff_format(std::string_view text) {
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' || c == '[' ? DocumentFormat::kJson : DocumentFormat::kYaml;
  }
  return DocumentFormat::kYaml;
}

}  // namespace cairn::app::exchange
