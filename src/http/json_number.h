// The two pieces of JSON text the HTTP layer writes by hand: numbers and
// strings. Handlers that build whole documents may use Boost.JSON instead; these
// exist so that numbers read back exactly and look the way people write them.
#pragma once

#include <string>
#include <string_view>

namespace cairn::http {

// The shortest text that reads back to exactly `value`: 0.25, 1, 2150, 0.1,
// -0; tiny and huge ones with an exponent (1e-7, 1e+21), as JavaScript does. Not a number
// and the infinities have no JSON form and are written as null.
std::string json_number(double value);
void append_json_number(std::string& out, double value);

// Appends `text` as a quoted JSON string. Quotes, backslashes and control
// characters are escaped; bytes that are not valid UTF-8 become U+FFFD, so the
// output is always valid JSON whatever the input (paths, header values).
void append_json_string(std::string& out, std::string_view text);

}  // namespace cairn::http
