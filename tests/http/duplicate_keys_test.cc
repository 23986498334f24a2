#include "http/duplicate_keys.h"

#include <gtest/gtest.h>

#include <string>

namespace cairn::http {
namespace {

TEST(DuplicateKeys, FindsARepeatedKeyAtAnyDepth) {
  EXPECT_TRUE(has_duplicate_keys(R"({"a":1,"a":2})"));
  EXPECT_TRUE(has_duplicate_keys(R"({"x":{"b":[{"c":1,"c":1}]}})"));
  EXPECT_TRUE(has_duplicate_keys(R"({"a":1,"\u0061":2})")) << "after unescaping";
}

TEST(DuplicateKeys, TheSameKeyInDifferentObjectsIsFine) {
  EXPECT_FALSE(has_duplicate_keys(R"({"a":{"a":1},"b":{"a":2}})"));
  EXPECT_FALSE(has_duplicate_keys(R"([{"a":1},{"a":1}])"));
  EXPECT_FALSE(has_duplicate_keys(R"({"a":1,"b":2})"));
  EXPECT_FALSE(has_duplicate_keys("{not json"));
  EXPECT_FALSE(has_duplicate_keys(""));
}

TEST(DuplicateKeys, LongKeysReadInPartsStillCompareWhole) {
  const std::string key(5000, 'k');
  EXPECT_TRUE(has_duplicate_keys("{\"" + key + "\":1,\"" + key + "\":2}"));
  EXPECT_FALSE(has_duplicate_keys("{\"" + key + "\":1,\"" + key + "x\":2}"));
}

}  // namespace
}  // namespace cairn::http
