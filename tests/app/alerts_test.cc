// Smart alerts (alerts.h) as the notifier gets them from a committed change,
// without a store: what a comment tells the people it mentions.
#include "app/alerts.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <string>
#include <vector>

#include "../core/fixture.h"
#include "app/json_text.h"

namespace cairn::app {
namespace {

using core::testing::TestOrg;

const core::Instant kNow = core::testing::q1_at(0.5);

// The alerts of a comment by Ada, the admin, on a public objective.
Alerts alerts_of_comment(TestOrg& org, const std::string& body) {
  core::Comment c;
  c.target = core::NodeRef::of(org.objective("Ship the app"));
  c.author = org.ada;
  c.body = body;
  const AddComment command{c};
  org.model.clear_journal();
  EXPECT_TRUE(apply(org.model, command, kNow));
  const std::vector<core::Touched> touched(org.model.journal().begin(), org.model.journal().end());
  StatusMap statuses;
  return alerts_for_change(core::Evaluation(org.model, kNow), command, touched, org.ada, statuses);
}

// Found by the api_body fuzz target: the excerpt was cut at 277 bytes, into
// the middle of a character, and the mentioned person's notifications were
// no longer valid JSON (nor their email and the webhook call valid UTF-8).
TEST(Alerts, AMentionsExcerptIsCutBetweenCharacters) {
  TestOrg org;
  const std::string head = "@bob@example.com ";
  // "é" is two bytes, at 276 and 277: a cut after 277 bytes splits it.
  const std::string body = head + std::string(276 - head.size(), 'x') + "\u00e9 and more";
  const Alerts alerts = alerts_of_comment(org, body);
  ASSERT_EQ(alerts.people.size(), 1u);
  const PersonAlert& mention = alerts.people[0];
  EXPECT_EQ(mention.person, org.bob);
  EXPECT_EQ(mention.kind, "mention");
  EXPECT_EQ(mention.params.at("excerpt").as_string(), body.substr(0, 276) + "...");
  // The notifier stores them as JSON; they must read back.
  EXPECT_TRUE(parse_json(boost::json::serialize(mention.params)));
  EXPECT_TRUE(parse_json(boost::json::serialize(boost::json::value(mention.text))));
  for (const WebhookEvent& event : alerts.webhooks) {
    EXPECT_TRUE(parse_json(boost::json::serialize(boost::json::value(event.text))));
  }
}

TEST(Alerts, AShortCommentIsItsOwnExcerpt) {
  TestOrg org;
  const std::string body = "Over to you @bob@example.com \u2014 th\u00e9 numbers";
  const Alerts alerts = alerts_of_comment(org, body);
  ASSERT_EQ(alerts.people.size(), 1u);
  EXPECT_EQ(alerts.people[0].params.at("excerpt").as_string(), body);
}

}  // namespace
}  // namespace cairn::app
