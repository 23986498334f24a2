#include "app/json_fields.h"

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

std::string FieldReader::path_to(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
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
