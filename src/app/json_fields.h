// Stored JSON, field by field: the machinery under entity_json.h and
// command_json.h.
//
// Each struct lists its fields once, in a `fields(f, value)` function that both
// directions call: with a FieldWriter it puts every field into a JSON object,
// with a FieldReader it takes every field out of one. Writing and reading thus
// cannot drift apart, and a field is named the same way in both.
//
// What a field holds becomes JSON through to_json / from_json:
//   bool, int, uint32, uint64          JSON booleans and integers
//   double                             a JSON number read back bit-identical
//                                      (json_text.h); null when not finite
//   std::string, core::CompactText     a string
//   core::Instant                      integer seconds since the epoch
//   core::Date                         "YYYY-MM-DD"
//   core::Id<...>                      its index, or null when invalid
//   enums                              their snake_case name (core/names.h)
//   std::vector, std::set              arrays
//   std::optional, core::OptionalInstant (as a field)
//                                      key absent when empty; absent or null
//                                      reads as empty
//   structs                            objects, by the specialisations in
//                                      entity_json.h
//   a field added later (kAddedLater)  written as usual; an absent key reads as
//                                      the type's default, so rows written
//                                      before the field existed stay readable
// Every other key is required; unknown keys are ignored so that an older
// binary can read rows written by a newer one. A bad value never throws: it is
// a kInvalid error whose field is the path of the value ("key_result.plan[2].at").
#pragma once

#include <boost/json/value.hpp>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/alignment.h"
#include "core/compact.h"
#include "core/ids.h"
#include "core/names.h"
#include "core/result.h"
#include "core/rules.h"
#include "core/time.h"

namespace cairn::app {

// The JSON of one value (see the table above).
template <class T>
boost::json::value to_json(const T& value);

// Reads one value; `path` names it in errors (empty for a whole document).
template <class T>
core::Result<T> from_json(const boost::json::value& json, std::string_view path = {});

// Appends the JSON text of `value` to `out`: the same JSON as
// json_text(to_json(value)), written without building the boost::json tree.
// Closing a quarter writes half a million entities into the audit log, and
// building their trees was a third of its time. A double keeps its exact
// value but not Boost's spelling: 790.0 where Boost writes 7.9E2.
template <class T>
void append_json(std::string& out, const T& value);

class FieldTexts;
// The texts of a struct's fields, one by one (see FieldTexts).
template <class T>
FieldTexts field_texts(const T& value);

// For the `fields(f, value)` functions: `value` is a T, const when writing.
//   void fields(auto& f, OfType<core::Owner> auto& owner) { f("unit", owner.unit); … }
template <class U, class T>
concept OfType = std::same_as<std::remove_const_t<U>, T>;

// Marks a field that rows written before it existed lack:
//   f("mentions", c.mentions, kAddedLater);
struct AddedLater {};
inline constexpr AddedLater kAddedLater;

// Counts a struct's fields, to size a FieldWriter's object:
//   FieldCounter counter;  fields(counter, value);  FieldWriter writer(counter.count);
struct FieldCounter {
  template <class... Rest>
  void operator()(std::string_view, const Rest&...) {
    ++count;
  }
  std::size_t count = 0;
};

// What the three writers below share: `fields` hands them every field, and
// each writer's `field(key, value)` sees those present (an empty optional is
// left out; a field added later is written like any other).
template <class Writer>
class PresentFields {
 public:
  template <class T>
  void operator()(std::string_view key, const T& value) {
    writer().field(key, value);
  }
  template <class T>
  void operator()(std::string_view key, const std::optional<T>& value) {
    if (value) writer().field(key, *value);
  }
  void operator()(std::string_view key, const core::OptionalInstant& value) {
    if (value) writer().field(key, *value);
  }
  template <class T>
  void operator()(std::string_view key, const T& value, AddedLater) {
    writer().field(key, value);
  }

 private:
  Writer& writer() { return static_cast<Writer&>(*this); }
};

// Puts a struct's fields into a JSON object, in the order `fields` lists them.
class FieldWriter : public PresentFields<FieldWriter> {
 public:
  FieldWriter() = default;
  // Room for `fields` keys at once: an object grown key by key rehashes as it
  // doubles, which was most of the cost of writing an entity.
  explicit FieldWriter(std::size_t fields) { object_.reserve(fields); }

  template <class T>
  void field(std::string_view key, const T& value) {
    object_[key] = to_json(value);
  }

  boost::json::value done() && { return std::move(object_); }

 private:
  boost::json::object object_;
};

// Writes a struct's fields as the text of one JSON object, in the order
// `fields` lists them; the text form of FieldWriter.
class FieldTextWriter : public PresentFields<FieldTextWriter> {
 public:
  explicit FieldTextWriter(std::string& out) : out_(out) { out_ += '{'; }

  template <class T>
  void field(std::string_view key, const T& value) {
    this->key(key);
    append_json(out_, value);
  }
  // A field whose value is JSON text already.
  void raw(std::string_view key, std::string_view json) {
    this->key(key);
    out_ += json;
  }

  void done() { out_ += '}'; }

 private:
  void key(std::string_view key);

  std::string& out_;
  bool first_ = true;
};

// A struct's fields as the texts of their values, in the order `fields`
// lists them (an empty optional has none), so that two versions of an
// entity can be compared field by field (app/audit_before.h).
class FieldTexts : public PresentFields<FieldTexts> {
 public:
  struct Field {
    std::string_view key;  // the literal of the field list: lives forever
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };

  template <class T>
  void field(std::string_view key, const T& value) {
    const auto begin = static_cast<std::uint32_t>(text_.size());
    append_json(text_, value);
    fields_.push_back({key, begin, static_cast<std::uint32_t>(text_.size())});
  }

  const std::vector<Field>& fields() const { return fields_; }
  std::string_view value(const Field& f) const {
    return std::string_view(text_).substr(f.begin, f.end - f.begin);
  }
  // The whole object's text: {"key":value,...}.
  std::string object() const;

 private:
  std::string text_;  // the values, one after another
  std::vector<Field> fields_;
};

// Takes a struct's fields out of a JSON object. The first error wins; the
// fields after it are left alone.
class FieldReader {
 public:
  // `json` should be an object; anything else is the first error.
  FieldReader(const boost::json::value& json, std::string_view path);

  template <class T>
  void operator()(std::string_view key, T& out) {
    if (const boost::json::value* value = find(key, /*required=*/true)) {
      take(from_json<T>(*value, path_to(key)), out);
    }
  }
  template <class T>
  void operator()(std::string_view key, std::optional<T>& out) {
    const boost::json::value* value = find(key, /*required=*/false);
    if (value == nullptr || value->is_null()) {
      out.reset();
      return;
    }
    T read{};
    take(from_json<T>(*value, path_to(key)), read);
    out = std::move(read);
  }
  void operator()(std::string_view key, core::OptionalInstant& out) {
    std::optional<core::Instant> read;
    (*this)(key, read);
    out = read;
  }
  template <class T>
  void operator()(std::string_view key, T& out, AddedLater) {
    if (const boost::json::value* value = find(key, /*required=*/false)) {
      take(from_json<T>(*value, path_to(key)), out);
    } else {
      out = T{};
    }
  }

  // `value` when every field was read, else the first error.
  template <class T>
  core::Result<T> done(T value) && {
    if (error_) return std::move(*error_);
    return value;
  }

 private:
  // The value at `key`; nullptr when it is absent (an error if `required`) or
  // when an earlier field failed.
  const boost::json::value* find(std::string_view key, bool required);
  // The field's path for an error message: a view of `scratch_`, valid until
  // the next call. Every field asks (from_json reads it only on an error), so
  // the path is written into the same buffer rather than a new string each.
  std::string_view path_to(std::string_view key);

  template <class T>
  void take(core::Result<T> read, T& out) {
    if (read) {
      out = std::move(*read);
    } else {
      error_ = std::move(read).error();
    }
  }

  const boost::json::object* object_ = nullptr;
  std::string path_;
  std::string scratch_;
  std::optional<core::Error> error_;
};

namespace json_detail {

template <class T>
inline constexpr bool kIsId = false;
template <class Tag>
inline constexpr bool kIsId<core::Id<Tag>> = true;

template <class T>
inline constexpr bool kIsSequence = false;
template <class T>
inline constexpr bool kIsSequence<std::vector<T>> = true;
template <class T>
inline constexpr bool kIsSequence<std::set<T>> = true;

template <class T>
inline constexpr bool kNoJsonFor = false;

// "<path> <problem>" as a kInvalid error on the field `path`.
core::Error field_error(std::string_view path, std::string_view problem);
std::string element_path(std::string_view path, std::size_t index);

boost::json::value number_json(double value);
// The text forms of the leaves, as number_json and Boost's serializer would
// have them: a double read back exactly (null when not finite), a string
// with JSON's escapes.
void append_double(std::string& out, double value);
template <std::integral T>
void append_integer(std::string& out, T value) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}
void append_string(std::string& out, std::string_view text);
core::Result<double> read_double(const boost::json::value& json, std::string_view path);
core::Result<std::int64_t> read_integer(const boost::json::value& json, std::string_view path,
                                        std::int64_t min, std::int64_t max);
core::Result<std::uint64_t> read_uint64(const boost::json::value& json, std::string_view path);
core::Result<bool> read_bool(const boost::json::value& json, std::string_view path);
core::Result<std::string> read_string(const boost::json::value& json, std::string_view path);
core::Result<core::Date> read_date(const boost::json::value& json, std::string_view path);

// NodeRef::Kind has no entry in core/names.h.
std::string_view node_kind_name(core::NodeRef::Kind kind);
std::optional<core::NodeRef::Kind> parse_node_kind(std::string_view name);

template <class E>
std::string_view enum_name(E value) {
  if constexpr (std::is_same_v<E, core::NodeRef::Kind>) {
    return node_kind_name(value);
  } else {
    return core::to_string(value);  // core/names.h, and core/rules.h for RuleId
  }
}

template <class E>
std::optional<E> parse_enum(std::string_view name) {
  if constexpr (std::is_same_v<E, core::NodeRef::Kind>) {
    return parse_node_kind(name);
  } else if constexpr (std::is_same_v<E, core::RuleId>) {
    return core::parse_rule_id(name);
  } else {
    return core::parse<E>(name);
  }
}

}  // namespace json_detail

template <class T>
boost::json::value to_json(const T& value) {
  using namespace json_detail;
  if constexpr (std::is_same_v<T, double>) {
    return number_json(value);
  } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, int> ||
                       std::is_same_v<T, std::uint32_t> || std::is_same_v<T, std::uint64_t>) {
    return boost::json::value(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return boost::json::value(boost::json::string_view(value));
  } else if constexpr (std::is_same_v<T, core::CompactText>) {
    return boost::json::value(boost::json::string_view(value.view()));
  } else if constexpr (std::is_same_v<T, core::Instant>) {
    return boost::json::value(value.seconds);
  } else if constexpr (std::is_same_v<T, core::Date>) {
    return boost::json::value(boost::json::string_view(value.to_string()));
  } else if constexpr (kIsId<T>) {
    return value.valid() ? boost::json::value(value.value()) : boost::json::value(nullptr);
  } else if constexpr (std::is_enum_v<T>) {
    return boost::json::value(boost::json::string_view(enum_name(value)));
  } else if constexpr (kIsSequence<T>) {
    boost::json::array array;
    array.reserve(value.size());
    for (const auto& element : value) array.push_back(to_json(element));
    return array;
  } else {
    static_assert(kNoJsonFor<T>, "declare to_json<T> and from_json<T> in entity_json.h");
  }
}

template <class T>
void append_json(std::string& out, const T& value) {
  using namespace json_detail;
  if constexpr (std::is_same_v<T, double>) {
    append_double(out, value);
  } else if constexpr (std::is_same_v<T, bool>) {
    out += value ? "true" : "false";
  } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::uint32_t> ||
                       std::is_same_v<T, std::uint64_t>) {
    append_integer(out, value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    append_string(out, value);
  } else if constexpr (std::is_same_v<T, core::CompactText>) {
    append_string(out, value.view());
  } else if constexpr (std::is_same_v<T, core::Instant>) {
    append_integer(out, value.seconds);
  } else if constexpr (std::is_same_v<T, core::Date>) {
    append_string(out, value.to_string());
  } else if constexpr (kIsId<T>) {
    if (value.valid()) {
      append_integer(out, value.value());
    } else {
      out += "null";
    }
  } else if constexpr (std::is_enum_v<T>) {
    append_string(out, enum_name(value));
  } else if constexpr (kIsSequence<T>) {
    out += '[';
    bool first = true;
    for (const auto& element : value) {
      if (!first) out += ',';
      first = false;
      append_json(out, element);
    }
    out += ']';
  } else {
    static_assert(kNoJsonFor<T>, "declare to_json<T> and from_json<T> in entity_json.h");
  }
}

template <class T>
core::Result<T> from_json(const boost::json::value& json, std::string_view path) {
  using namespace json_detail;
  if constexpr (std::is_same_v<T, double>) {
    return read_double(json, path);
  } else if constexpr (std::is_same_v<T, bool>) {
    return read_bool(json, path);
  } else if constexpr (std::is_same_v<T, int>) {
    auto read = read_integer(json, path, INT32_MIN, INT32_MAX);
    if (!read) return read.error();
    return static_cast<int>(*read);
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    auto read = read_integer(json, path, 0, UINT32_MAX);
    if (!read) return read.error();
    return static_cast<std::uint32_t>(*read);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    return read_uint64(json, path);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return read_string(json, path);
  } else if constexpr (std::is_same_v<T, core::CompactText>) {
    auto read = read_string(json, path);
    if (!read) return read.error();
    return core::CompactText(*read);
  } else if constexpr (std::is_same_v<T, core::Instant>) {
    auto read = read_integer(json, path, INT64_MIN, INT64_MAX);
    if (!read) return read.error();
    return core::Instant{*read};
  } else if constexpr (std::is_same_v<T, core::Date>) {
    return read_date(json, path);
  } else if constexpr (kIsId<T>) {
    if (json.is_null()) return T{};
    // The largest uint32 is the invalid id, which is written as null.
    auto read = read_integer(json, path, 0, T::kInvalid - 1);
    if (!read) return field_error(path, "must be an id (an integer) or null");
    return T{static_cast<std::uint32_t>(*read)};
  } else if constexpr (std::is_enum_v<T>) {
    auto name = read_string(json, path);
    if (!name) return name.error();
    if (auto value = parse_enum<T>(*name)) return *value;
    return field_error(path, "has an unknown value \"" + *name + "\"");
  } else if constexpr (kIsSequence<T>) {
    const boost::json::array* array = json.if_array();
    if (array == nullptr) return field_error(path, "must be an array");
    T out;
    for (std::size_t i = 0; i < array->size(); ++i) {
      auto element = from_json<typename T::value_type>((*array)[i], element_path(path, i));
      if (!element) return element.error();
      out.insert(out.end(), std::move(*element));
    }
    return out;
  } else {
    static_assert(kNoJsonFor<T>, "declare to_json<T> and from_json<T> in entity_json.h");
  }
}

}  // namespace cairn::app
