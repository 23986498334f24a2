#include "http/duplicate_keys.h"

#include <boost/json/basic_parser_impl.hpp>
#include <string>
#include <unordered_set>
#include <vector>

namespace cairn::http {
namespace {

using boost::json::string_view;
using boost::system::error_code;

// A SAX handler that only tracks the keys of the open objects.
struct KeyChecker {
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  std::vector<std::unordered_set<std::string>> open;  // one per open object
  std::string key;                                    // the key being read
  bool duplicate = false;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_object_begin(error_code&) {
    open.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    open.pop_back();
    return true;
  }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code& ec) {
    key.append(s.data(), s.size());
    if (!open.back().insert(std::move(key)).second) {
      duplicate = true;
      ec = boost::json::error::syntax;  // stop here: the answer is known
      return false;
    }
    key.clear();
    return true;
  }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double, string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

bool has_duplicate_keys(std::string_view json) {
  boost::json::basic_parser<KeyChecker> parser(boost::json::parse_options{});
  error_code ec;
  parser.write_some(false, json.data(), json.size(), ec);
  return parser.handler().duplicate;
}

}  // namespace cairn::http
