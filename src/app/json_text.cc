#include "app/json_text.h"

#include <boost/json/basic_parser_impl.hpp>

#include "app/json_exact_handler.h"
#include "app/json_fields.h"

namespace cairn::app {
namespace {

namespace json = boost::json;

// The text of `value`, numbers as json_fields.h writes them (Boost's
// serializer would write 0.25 as 2.5E-1).
void append_value(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      out += "null";
      break;
    case json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      break;
    case json::kind::int64:
      json_detail::append_integer(out, value.get_int64());
      break;
    case json::kind::uint64:
      json_detail::append_integer(out, value.get_uint64());
      break;
    case json::kind::double_:
      json_detail::append_double(out, value.get_double());
      break;
    case json::kind::string: {
      const json::string& text = value.get_string();
      json_detail::append_string(out, std::string_view(text.data(), text.size()));
      break;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const json::value& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append_value(out, element);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const json::key_value_pair& field : value.get_object()) {
        if (!first) out += ',';
        first = false;
        json_detail::append_string(out, std::string_view(field.key().data(), field.key().size()));
        out += ':';
        append_value(out, field.value());
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string json_text(const json::value& value) {
  std::string out;
  append_value(out, value);
  return out;
}

core::Result<json::value> parse_json(std::string_view text, json::storage_ptr storage) {
  json::value_stack stack;
  stack.reset(std::move(storage));
  json::basic_parser<ExactValueHandler> parser{json::parse_options{}, stack};
  json::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used != text.size()) ec = json::error::extra_data;
  if (ec) return core::invalid("payload", "payload is not valid JSON: " + ec.message());
  return stack.release();
}

}  // namespace cairn::app
