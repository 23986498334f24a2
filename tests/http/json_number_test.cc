// Numbers in answers must read back exactly and look as people write them;
// strings must be valid JSON whatever bytes a path or header brings.
#include "http/json_number.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cstdint>
#include <limits>
#include <random>

namespace cairn::http {
namespace {

struct NumberCase {
  double value;
  const char* text;
};

TEST(JsonNumber, WritesTheShortestPlainText) {
  const NumberCase cases[] = {
      {0, "0"},
      {-0.0, "-0"},
      {1, "1"},
      {-1, "-1"},
      {0.25, "0.25"},
      {0.1, "0.1"},
      {2150, "2150"},
      {0.3, "0.3"},
      {1.0 / 3, "0.3333333333333333"},
      {0.0005, "0.0005"},
      {0.000001, "0.000001"},
      {1e-7, "1e-7"},
      {1e20, "100000000000000000000"},
      {1e21, "1e+21"},
      {-2.5e-300, "-2.5e-300"},
      {123456.789, "123456.789"},
      {9007199254740993.0, "9007199254740992"},
      {std::numeric_limits<double>::max(), "1.7976931348623157e+308"},
      {std::numeric_limits<double>::denorm_min(), "5e-324"},
  };
  for (const auto& c : cases) EXPECT_EQ(json_number(c.value), c.text) << c.value;
}

TEST(JsonNumber, NonFiniteIsNull) {
  EXPECT_EQ(json_number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(json_number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(json_number(-std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonNumber, EveryValueReadsBackExactly) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 100'000; ++i) {
    // Uniform values, and arbitrary bit patterns for every exponent.
    double value = i % 2 == 0 ? unit(random) : std::bit_cast<double>(random());
    if (!std::isfinite(value)) continue;
    std::string text = json_number(value);
    double back = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), back);
    ASSERT_EQ(ec, std::errc()) << text;
    ASSERT_EQ(end, text.data() + text.size()) << text;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(back), std::bit_cast<std::uint64_t>(value)) << text;
  }
}

TEST(JsonNumber, AppendsToWhatIsThere) {
  std::string out = "[";
  append_json_number(out, 0.5);
  EXPECT_EQ(out, "[0.5");
}

struct StringCase {
  std::string_view input;
  const char* json;
};

TEST(JsonString, EscapesWhatJsonRequires) {
  const StringCase cases[] = {
      {"", R"("")"},
      {"plain", R"("plain")"},
      {"say \"hi\"", R"("say \"hi\"")"},
      {"back\\slash", R"("back\\slash")"},
      {"line\nbreak\r\ttab", R"("line\nbreak\r\ttab")"},
      {std::string_view("nul\0end", 7), R"("nul\u0000end")"},
      {"\x01\x1f\x7f", R"("\u0001\u001f\u007f")"},
      {"\b\f", R"("\b\f")"},
      {"</script>", R"("</script>")"},
      {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8E\xAF",
       "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8E\xAF\""},
  };
  for (const auto& c : cases) {
    std::string out;
    append_json_string(out, c.input);
    EXPECT_EQ(out, c.json) << c.input;
  }
}

TEST(JsonString, InvalidUtf8BecomesReplacementCharacters) {
  const StringCase cases[] = {
      {"\xFF", "\"\xEF\xBF\xBD\""},                                                  // never valid
      {"a\xC3", "\"a\xEF\xBF\xBD\""},                                                // cut short
      {"\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},                                  // overlong "/"
      {"\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},                  // a surrogate
      {"\xF4\x90\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},  // > U+10FFFF
      {"\x80ok", "\"\xEF\xBF\xBDok\""},  // a lone continuation byte
  };
  for (const auto& c : cases) {
    std::string out;
    append_json_string(out, c.input);
    EXPECT_EQ(out, c.json);
  }
}

}  // namespace
}  // namespace cairn::http
