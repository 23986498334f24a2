#include "app/audit_before.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "app/json_text.h"

namespace cairn::app {

namespace json = boost::json;

namespace {

// The field of `texts` named `key`, looked for from `from` on and then from
// the start: both versions list their fields in the same order, so the
// first place looked at is nearly always the one.
const FieldTexts::Field* find(const FieldTexts& texts, std::string_view key, std::size_t& from) {
  const auto& fields = texts.fields();
  for (std::size_t n = 0; n < fields.size(); ++n) {
    const std::size_t i = (from + n) % fields.size();
    if (fields[i].key == key) {
      from = i + 1;
      return &fields[i];
    }
  }
  return nullptr;
}

}  // namespace

std::string changed_fields(const FieldTexts& before, const FieldTexts& after) {
  std::string out = R"({"changed":)";
  FieldTextWriter changed(out);
  std::size_t cursor = 0;
  for (const FieldTexts::Field& field : before.fields()) {
    const FieldTexts::Field* now = find(after, field.key, cursor);
    const std::string_view was = before.value(field);
    if (now == nullptr || after.value(*now) != was) changed.raw(field.key, was);
  }
  changed.done();
  out += R"(,"absent":[)";
  bool first = true;
  cursor = 0;
  for (const FieldTexts::Field& field : after.fields()) {
    if (find(before, field.key, cursor) != nullptr) continue;
    if (!first) out += ',';
    first = false;
    json_detail::append_string(out, field.key);
  }
  out += "]}";
  return out;
}

core::Result<std::string> whole_before(std::string_view changed, std::string_view after) {
  auto broken = [] {
    return core::unavailable("an audit row's before is not in the form Cairn writes");
  };
  auto patch = parse_json(changed);
  auto whole = parse_json(after);
  if (!patch || !whole || !patch->is_object() || !whole->is_object()) return broken();
  const json::value* set = patch->as_object().if_contains("changed");
  const json::value* absent = patch->as_object().if_contains("absent");
  if (set == nullptr || !set->is_object() || absent == nullptr || !absent->is_array()) {
    return broken();
  }
  json::object& out = whole->as_object();
  for (const json::value& key : absent->as_array()) {
    if (!key.is_string()) return broken();
    out.erase(key.as_string());
  }
  for (const json::key_value_pair& field : set->as_object()) out[field.key()] = field.value();
  return json_text(out);
}

}  // namespace cairn::app
