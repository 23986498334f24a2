#include "http/request.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "core/text.h"
#include "http/utf8.h"

namespace cairn::http {

const std::string* Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (core::equal_ignoring_ascii_case(key, name)) return &value;
  }
  return nullptr;
}

bool parse_target(Request& request) {
  // Boost.URL checks the whole grammar, percent escapes included, so anything it
  // accepts decodes without surprises.
  auto parsed = boost::urls::parse_origin_form(request.target);
  if (!parsed) return false;
  const boost::urls::url_view& url = *parsed;
  request.path = url.path();
  // Text reaches the handlers only as UTF-8: "%FF" would otherwise travel
  // into names, searches and logs as bytes that no reader can show.
  if (!is_valid_utf8(request.path)) return false;
  request.query.clear();
  for (const auto& param : url.params()) {
    // "/x?" and "/x?a=1&&b=2" hold parameters without a name; they mean nothing.
    if (param.key.empty()) continue;
    if (!is_valid_utf8(param.key) || (param.has_value && !is_valid_utf8(param.value))) {
      return false;
    }
    request.query.emplace(param.key, param.has_value ? param.value : std::string());
  }
  return true;
}

}  // namespace cairn::http
