#include "app/json_fields.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace cairn::app {

namespace json = boost::json;

FieldReader::FieldReader(const json::value& json, std::string_view path)
    : object_(json.if_object()), path_(path) {
  if (object_ == nullptr) error_ = json_detail::field_error(path, "must be a JSON object");
}

const json::value* FieldReader::find(std::string_view key, bool required) {
  if (error_) return nullptr;
  const json::value* value = object_->if_contains(key);
  if (value == nullptr && required) error_ = json_detail::field_error(path_to(key), "is missing");
  return value;
}

std::string_view FieldReader::path_to(std::string_view key) {
  if (path_.empty()) return key;
  scratch_.assign(path_);
  scratch_ += '.';
  scratch_ += key;
  return scratch_;
}

void FieldTextWriter::key(std::string_view key) {
  if (!first_) out_ += ',';
  first_ = false;
  json_detail::append_string(out_, key);
  out_ += ':';
}

std::string FieldTexts::object() const {
  std::string out;
  out.reserve(text_.size() + fields_.size() * 24 + 2);
  FieldTextWriter writer(out);
  for (const Field& f : fields_) writer.raw(f.key, value(f));
  writer.done();
  return out;
}

namespace json_detail {

core::Error field_error(std::string_view path, std::string_view problem) {
  const std::string field(path);
  return core::invalid(field, (field.empty() ? "the value" : field) + " " + std::string(problem));
}

std::string element_path(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

json::value number_json(double value) {
  // JSON has no NaN or infinity; null reads back as an error naming the field.
  return std::isfinite(value) ? json::value(value) : json::value(nullptr);
}

void append_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  // The shortest text that reads back to the same bits; parse_json reads it
  // with from_chars again (json_text.h). A whole number gets ".0" so that it
  // stays a double, and -0.0 keeps its sign.
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void append_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  // Copies the runs between characters that need an escape in one go: most
  // texts have none.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;  // UTF-8 passes through
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (byte) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[byte >> 4];
        out += kHex[byte & 0xF];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

core::Result<double> read_double(const json::value& json, std::string_view path) {
  // An integer is a number too (a hand-written or older row may hold "1").
  if (!json.is_number()) return field_error(path, "must be a number");
  const double value = json.is_double() ? json.get_double() : json.to_number<double>();
  if (!std::isfinite(value)) return field_error(path, "must be a finite number");
  return value;
}

core::Result<std::int64_t> read_integer(const json::value& json, std::string_view path,
                                        std::int64_t min, std::int64_t max) {
  // Integers are written without a fraction, so a double here is a wrong type.
  if (const std::int64_t* value = json.if_int64()) {
    if (*value >= min && *value <= max) return *value;
  } else if (const std::uint64_t* value = json.if_uint64()) {
    if (*value <= static_cast<std::uint64_t>(max)) return static_cast<std::int64_t>(*value);
  } else {
    return field_error(path, "must be an integer");
  }
  return field_error(
      path, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
}

core::Result<std::uint64_t> read_uint64(const json::value& json, std::string_view path) {
  if (const std::uint64_t* value = json.if_uint64()) return *value;
  // The parser keeps integers up to INT64_MAX as int64.
  if (const std::int64_t* value = json.if_int64(); value != nullptr && *value >= 0) {
    return static_cast<std::uint64_t>(*value);
  }
  return field_error(path, "must be an integer from 0 to 2^64-1");
}

core::Result<bool> read_bool(const json::value& json, std::string_view path) {
  if (const bool* value = json.if_bool()) return *value;
  return field_error(path, "must be true or false");
}

core::Result<std::string> read_string(const json::value& json, std::string_view path) {
  if (const json::string* value = json.if_string()) return std::string(*value);
  return field_error(path, "must be a string");
}

core::Result<core::Date> read_date(const json::value& json, std::string_view path) {
  const json::string* text = json.if_string();
  if (text == nullptr) return field_error(path, "must be a date (\"YYYY-MM-DD\")");
  if (auto date = core::Date::parse(std::string_view(text->data(), text->size()))) return *date;
  return field_error(path, "must be a date (\"YYYY-MM-DD\"), not \"" + std::string(*text) + "\"");
}

std::string_view node_kind_name(core::NodeRef::Kind kind) {
  return kind == core::NodeRef::Kind::kObjective ? "objective" : "key_result";
}

std::optional<core::NodeRef::Kind> parse_node_kind(std::string_view name) {
  if (name == "objective") return core::NodeRef::Kind::kObjective;
  if (name == "key_result") return core::NodeRef::Kind::kKeyResult;
  return std::nullopt;
}

}  // namespace json_detail
}  // namespace cairn::app
