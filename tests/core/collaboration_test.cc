// Initiatives, comments and reactions (F7, F27): updates keep a history that
// as_of reads, @mentions are found in a comment's body, the same reaction twice
// is one reaction, and a refused command changes nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/mentions.h"
#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1Start;
using testing::ok;
using testing::q1_at;
using testing::TestOrg;

// ---- @mentions ----------------------------------------------------------------

TEST(Mentions, AreEmailsAfterAnAt) {
  const struct {
    std::string body;
    std::vector<std::string> emails;
  } cases[] = {
      {"no mention", {}},
      {"@ana@example.com please look", {"ana@example.com"}},
      {"Thanks @Ana@Example.COM.", {"ana@example.com"}},
      {"(@ana@example.com) and @bo.b+x@mail.example.org!",
       {"ana@example.com", "bo.b+x@mail.example.org"}},
      {"twice @ana@example.com @ana@example.com", {"ana@example.com"}},
      {"an address alone ana@example.com is no mention", {}},
      {"@ana is a name, not an address", {}},
      {"@ana@localhost has no dot", {}},
      {"@@ana@example.com", {}},
      {"@ana@example.com-", {"ana@example.com"}},
      {"@", {}},
      {"line\n@ana@example.com", {"ana@example.com"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(mentioned_emails(c.body), c.emails) << c.body;
  }
}

// ---- Initiatives ------------------------------------------------------------------

class CollaborationTest : public ::testing::Test {
 protected:
  CollaborationTest() {
    objective_ = org_.objective("Delight customers");
    kr_ = org_.metric(objective_, 0, 100);
    Initiative i;
    i.title = "Run the survey";
    i.target = NodeRef::of(kr_);
    i.owner = org_.bob;
    initiative_ = ok(org_.model.add_initiative(i, q1_at(0.1)));
    Comment c;
    c.target = NodeRef::of(objective_);
    c.author = org_.ada;
    c.body = "Can you help, @bob@example.com? And @nobody@example.com.";
    comment_ = ok(org_.model.add_comment(c, q1_at(0.2)));
  }

  TestOrg org_;
  ObjectiveId objective_;
  KeyResultId kr_;
  InitiativeId initiative_;
  CommentId comment_;
};

TEST_F(CollaborationTest, AnInitiativeUpdateIsANewVersion) {
  Initiative next = *org_.model.initiative(initiative_);
  next.state = InitiativeState::kDoing;
  next.title = "Run the customer survey";
  next.url = "https://example.com/survey";
  next.due_date = Date::from_ymd(2026, 2, 1);
  ok(org_.model.update_initiative(next, q1_at(0.3)));

  const History<Initiative>& history = org_.model.initiative_history(initiative_);
  ASSERT_EQ(history.versions().size(), 2u);
  EXPECT_EQ(history.at(q1_at(0.2))->state, InitiativeState::kTodo);
  EXPECT_EQ(history.at(q1_at(0.2))->title, "Run the survey");
  EXPECT_EQ(history.at(q1_at(0.3))->state, InitiativeState::kDoing);
  EXPECT_EQ(org_.model.initiative(initiative_)->created_at, q1_at(0.1));
  EXPECT_EQ(org_.model.initiative(initiative_)->url, "https://example.com/survey");
  EXPECT_EQ(history.at(kQ1Start), nullptr);
}

TEST_F(CollaborationTest, ARefusedInitiativeUpdateChangesNothing) {
  const Initiative before = *org_.model.initiative(initiative_);
  const struct {
    const char* what;
    std::function<void(Initiative&)> edit;
    ErrorCode code;
    const char* field;
  } cases[] = {
      {"empty title", [](Initiative& i) { i.title = ""; }, ErrorCode::kInvalid, "title"},
      {"long title", [](Initiative& i) { i.title = std::string(201, 'x'); }, ErrorCode::kInvalid,
       "title"},
      {"unknown owner", [](Initiative& i) { i.owner = PersonId{99}; }, ErrorCode::kInvalid,
       "owner_id"},
      {"script url", [](Initiative& i) { i.url = "javascript:alert(1)"; }, ErrorCode::kInvalid,
       "url"},
      {"url with a space", [](Initiative& i) { i.url = "https://a b"; }, ErrorCode::kInvalid,
       "url"},
      {"other target", [&](Initiative& i) { i.target = NodeRef::of(objective_); },
       ErrorCode::kInvalid, "target"},
      {"unknown initiative", [](Initiative& i) { i.id = InitiativeId{42}; }, ErrorCode::kNotFound,
       ""},
  };
  for (const auto& c : cases) {
    Initiative next = before;
    c.edit(next);
    const auto result = org_.model.update_initiative(next, q1_at(0.3));
    ASSERT_FALSE(result) << c.what;
    EXPECT_EQ(result.error().code, c.code) << c.what;
    if (*c.field) {
      ASSERT_FALSE(result.error().fields.empty()) << c.what;
      EXPECT_EQ(result.error().fields[0].field, c.field) << c.what;
    }
    EXPECT_EQ(org_.model.initiative_history(initiative_).versions().size(), 1u) << c.what;
    EXPECT_EQ(org_.model.initiative(initiative_)->title, before.title) << c.what;
    EXPECT_EQ(org_.model.initiative_count(), 1u) << c.what;
  }
}

TEST_F(CollaborationTest, AnInitiativeLinksOnlyToWebAddresses) {
  Initiative i;
  i.title = "Write the playbook";
  i.target = NodeRef::of(objective_);
  i.url = "ftp://example.com/file";
  EXPECT_FALSE(org_.model.add_initiative(i, q1_at(0.3)));
  i.url = "http://example.com/playbook";
  EXPECT_TRUE(org_.model.add_initiative(i, q1_at(0.3)));
}

// ---- Comments and reactions ---------------------------------------------------------

TEST_F(CollaborationTest, ACommentMentionsThePeopleItNames) {
  const Comment& c = *org_.model.comment(comment_);
  // The unknown address is left out: nobody there to notify.
  EXPECT_EQ(c.mentions, std::vector<PersonId>{org_.bob});
  EXPECT_TRUE(c.reactions.empty());
}

TEST_F(CollaborationTest, MentionsComeFromTheBodyNotTheCaller) {
  Comment c;
  c.target = NodeRef::of(kr_);
  c.author = org_.bob;
  c.body = "No mention here";
  c.mentions = {org_.ada};
  c.reactions = {Reaction{org_.ada, "+1", q1_at(0.1)}};
  const CommentId id = ok(org_.model.add_comment(c, q1_at(0.3)));
  EXPECT_TRUE(org_.model.comment(id)->mentions.empty());
  EXPECT_TRUE(org_.model.comment(id)->reactions.empty());
}

TEST_F(CollaborationTest, TheSameReactionTwiceIsOne) {
  ok(org_.model.add_reaction(comment_, org_.bob, "+1", q1_at(0.3)));
  ok(org_.model.add_reaction(comment_, org_.bob, "+1", q1_at(0.4)));
  ok(org_.model.add_reaction(comment_, org_.ada, "+1", q1_at(0.4)));
  ok(org_.model.add_reaction(comment_, org_.bob, "tada", q1_at(0.5)));
  const Comment& c = *org_.model.comment(comment_);
  ASSERT_EQ(c.reactions.size(), 3u);
  EXPECT_EQ(c.reactions[0].person, org_.bob);
  EXPECT_EQ(c.reactions[0].at, q1_at(0.3));
  EXPECT_EQ(c.reactions[2].emoji, "tada");
  // One version for the comment and one per reaction that changed it.
  const History<Comment>& history = org_.model.comment_history(comment_);
  EXPECT_EQ(history.versions().size(), 4u);
  EXPECT_EQ(history.at(q1_at(0.35))->reactions.size(), 1u);
}

TEST_F(CollaborationTest, ARefusedReactionChangesNothing) {
  const struct {
    const char* what;
    CommentId comment;
    PersonId person;
    std::string emoji;
    ErrorCode code;
  } cases[] = {
      {"unknown emoji", comment_, org_.bob, "party", ErrorCode::kInvalid},
      {"an emoji character", comment_, org_.bob, "\xF0\x9F\x8E\x89", ErrorCode::kInvalid},
      {"empty emoji", comment_, org_.bob, "", ErrorCode::kInvalid},
      {"unknown person", comment_, PersonId{99}, "+1", ErrorCode::kInvalid},
      {"unknown comment", CommentId{99}, org_.bob, "+1", ErrorCode::kNotFound},
  };
  for (const auto& c : cases) {
    const auto result = org_.model.add_reaction(c.comment, c.person, c.emoji, q1_at(0.3));
    ASSERT_FALSE(result) << c.what;
    EXPECT_EQ(result.error().code, c.code) << c.what;
    EXPECT_EQ(org_.model.comment_history(comment_).versions().size(), 1u) << c.what;
  }
  EXPECT_TRUE(org_.model.comment(comment_)->reactions.empty());
}

TEST(Reactions, AreAFixedListOfShortNames) {
  EXPECT_TRUE(is_reaction_name("+1"));
  EXPECT_TRUE(is_reaction_name("thinking"));
  EXPECT_FALSE(is_reaction_name("Heart"));
  EXPECT_FALSE(is_reaction_name("heart "));
}

}  // namespace
}  // namespace cairn::core
