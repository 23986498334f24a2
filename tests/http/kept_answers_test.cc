#include "http/kept_answers.h"

#include <gtest/gtest.h>

namespace cairn::http {
namespace {

TEST(KeptAnswers, FindsWhatWasKeptAndNothingElse) {
  KeptAnswers kept;
  EXPECT_FALSE(kept.find("tree/1/7").has_value());
  kept.keep("tree/1/7", "{\"a\":1}");
  EXPECT_EQ(kept.find("tree/1/7"), "{\"a\":1}");
  EXPECT_FALSE(kept.find("tree/1/8").has_value());
  // The first answer kept under a key stays: two threads computed the same.
  kept.keep("tree/1/7", "{\"a\":2}");
  EXPECT_EQ(kept.find("tree/1/7"), "{\"a\":1}");
  EXPECT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept.bytes(), 8u + 7u);
}

TEST(KeptAnswers, TheOldestLeaveWhenTheLimitIsReached) {
  KeptAnswers kept(30);  // keys and answers of 10 bytes: three fit
  kept.keep("key1", "answer");
  kept.keep("key2", "answer");
  kept.keep("key3", "answer");
  EXPECT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept.bytes(), 30u);
  kept.keep("key4", "answer");
  EXPECT_FALSE(kept.find("key1").has_value());
  EXPECT_TRUE(kept.find("key2").has_value());
  EXPECT_TRUE(kept.find("key4").has_value());
  EXPECT_EQ(kept.bytes(), 30u);
  // An answer larger than the whole limit is not kept, and drops nothing.
  kept.keep("key5", std::string(40, 'x'));
  EXPECT_FALSE(kept.find("key5").has_value());
  EXPECT_EQ(kept.size(), 3u);
}

}  // namespace
}  // namespace cairn::http
