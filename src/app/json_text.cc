#include "app/json_text.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>
#include <charconv>

#include "app/json_fields.h"

namespace cairn::app {
namespace {

namespace json = boost::json;

// Builds the value like Boost's own parser does (boost/json/detail/handler.hpp),
// except that a double is read from its text. The parser hands a number's text
// over in parts when it spans input buffers; `number_` gathers them.
class ExactHandler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack stack;

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) { return true; }
  bool on_object_end(std::size_t n, json::error_code&) {
    stack.push_object(n);
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t n, json::error_code&) {
    stack.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    stack.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    stack.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view s, json::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    number_.clear();
    stack.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    number_.clear();
    stack.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view s, json::error_code&) {
    number_.append(s.data(), s.size());
    double exact = 0;
    const char* end = number_.data() + number_.size();
    // JSON numbers are a subset of what from_chars reads. Out of range (1e999)
    // keeps Boost's value; the readers refuse it as not finite.
    if (auto [ptr, ec] = std::from_chars(number_.data(), end, exact);
        ec == std::errc() && ptr == end) {
      d = exact;
    }
    number_.clear();
    stack.push_double(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    stack.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    stack.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  std::string number_;
};

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
  json::basic_parser<ExactHandler> parser{json::parse_options{}};
  parser.handler().stack.reset(std::move(storage));
  json::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used != text.size()) ec = json::error::extra_data;
  if (ec) return core::invalid("payload", "payload is not valid JSON: " + ec.message());
  return parser.handler().stack.release();
}

}  // namespace cairn::app
