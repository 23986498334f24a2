// The handler that builds Boost.JSON values with every double read again from
// its text (json_text.h says why), for boost::json::basic_parser.
//
// It pushes into a value_stack it does not own, so that a handler built on it
// can send the parts of one document to different stacks (the import's
// stream, exchange/import_stream.cc, hands each objective over on its own).
#pragma once

#include <boost/json/basic_parser.hpp>
#include <boost/json/value_stack.hpp>
#include <charconv>
#include <string>

namespace cairn::app {

// Builds the value like Boost's own parser does (boost/json/detail/handler.hpp),
// except that a double is read from its text. The parser hands a number's text
// over in parts when it spans input buffers; `number_` gathers them.
class ExactValueHandler {
 public:
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  explicit ExactValueHandler(boost::json::value_stack& stack) : stack_(&stack) {}

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_object_begin(boost::json::error_code&) { return true; }
  bool on_object_end(std::size_t n, boost::json::error_code&) {
    stack_->push_object(n);
    return true;
  }
  bool on_array_begin(boost::json::error_code&) { return true; }
  bool on_array_end(std::size_t n, boost::json::error_code&) {
    stack_->push_array(n);
    return true;
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    stack_->push_chars(s);
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    stack_->push_key(s);
    return true;
  }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    stack_->push_chars(s);
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    stack_->push_string(s);
    return true;
  }
  bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&) {
    number_.clear();
    stack_->push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&) {
    number_.clear();
    stack_->push_uint64(u);
    return true;
  }
  bool on_double(double d, boost::json::string_view s, boost::json::error_code&) {
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
    stack_->push_double(d);
    return true;
  }
  bool on_bool(bool b, boost::json::error_code&) {
    stack_->push_bool(b);
    return true;
  }
  bool on_null(boost::json::error_code&) {
    stack_->push_null();
    return true;
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 protected:
  boost::json::value_stack* stack_;

 private:
  std::string number_;
};

}  // namespace cairn::app
