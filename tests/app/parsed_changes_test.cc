// Reading the change log on a thread of its own while the caller applies it
// (parsed_changes.h): every change arrives once and in order across batches,
// an error on either side stops both and is the one returned, and a payload
// that cannot be read names its change when an organisation loads.
#include "app/parsed_changes.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "app/batch_handoff.h"
#include "app/command_json.h"
#include "failing_store.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using testing::FailingStore;
using testing::must;

const core::Instant kAt = core::instant_utc(2026, 5, 15, 12);

class ParsedChangesTest : public testing::StoreTest {
 protected:
  // `count` people, one change each, after what the log holds; more than two
  // batches' worth when count is 2500.
  void add_people(int count) {
    auto tx = must(store_->begin_write(record_.id));
    for (int i = 0; i < count; ++i) {
      core::Person person;
      person.name = "Person " + std::to_string(i);
      person.email = "p" + std::to_string(i) + "@larkspur.example";
      store::Change change;
      change.seq = ++head_;
      change.at = kAt;
      change.actor = "system";
      change.kind = "add_person";
      change.payload = command_payload(AddPerson{person});
      must(tx->append(change));
    }
    must(tx->commit());
  }

  // Reads the whole log, expecting add_people's changes from the first, in
  // seq order, each with its person; `also` checks more of each change.
  // Returns how many arrived.
  std::int64_t read_people(const std::function<void(const ParsedChange&)>& also) {
    std::int64_t expected = 1;
    must(read_parsed_changes(*store_, record_.id, 0, [&](ParsedChange& c) -> core::Result<void> {
      also(c);
      EXPECT_EQ(c.seq, expected);
      const auto* add = c.command ? std::get_if<AddPerson>(&*c.command) : nullptr;
      EXPECT_TRUE(add) << c.seq;
      if (add) {
        EXPECT_EQ(add->person.name, "Person " + std::to_string(expected - 1));
      }
      ++expected;
      return {};
    }));
    return expected - 1;
  }

  std::int64_t head_ = 0;
};

TEST_P(ParsedChangesTest, EveryChangeArrivesOnceInOrderAcrossBatches) {
  add_people(2500);
  EXPECT_EQ(read_people([](const ParsedChange& c) {
              EXPECT_EQ(c.at, kAt);
              EXPECT_FALSE(c.unreadable);
            }),
            2500);
}

// While the applier is behind, the reader parses the batches it reads; the
// applier parses the others: either way each change arrives parsed.
TEST_P(ParsedChangesTest, ChangesArriveParsedWhenTheApplierIsBehind) {
  add_people(12000);  // more batches than may wait between the two
  EXPECT_EQ(read_people([](const ParsedChange& c) {
              // Long enough for the reader to fill every place and parse the rest.
              if (c.seq == 1) std::this_thread::sleep_for(std::chrono::milliseconds(200));
              EXPECT_FALSE(c.pending());
              EXPECT_TRUE(c.kind.empty() && c.payload.empty());
            }),
            12000);
}

TEST(ParsedChange, ACommandWaitsToBeParsedOnceAndACheckInIsWhole) {
  core::Person person;
  person.name = "Ada";
  person.email = "ada@larkspur.example";
  store::Change change;
  change.seq = 4;
  change.at = kAt;
  change.kind = "add_person";
  change.payload = command_payload(AddPerson{person});

  ParsedChange parsed = unparsed_change(change);
  EXPECT_TRUE(parsed.pending());
  EXPECT_FALSE(parsed.command);
  finish_parse(parsed);
  EXPECT_FALSE(parsed.pending());
  ASSERT_TRUE(parsed.command);
  EXPECT_EQ(std::get<AddPerson>(*parsed.command).person.name, "Ada");
  EXPECT_TRUE(parsed.kind.empty() && parsed.payload.empty());
  finish_parse(parsed);  // a second time changes nothing
  EXPECT_EQ(std::get<AddPerson>(*parsed.command).person.name, "Ada");

  change.payload = "{not json";
  parsed = unparsed_change(change);
  finish_parse(parsed);
  EXPECT_FALSE(parsed.command);
  EXPECT_TRUE(parsed.unreadable);

  core::CheckIn c;
  c.key_result = core::KeyResultId{3};
  change.check_in = c;
  parsed = unparsed_change(change);
  EXPECT_FALSE(parsed.pending());
  ASSERT_TRUE(parsed.check_in);
  EXPECT_EQ(parsed.check_in->key_result, core::KeyResultId{3});
}

TEST(BatchHandoff, IsFullWhileTheConsumerIsBehind) {
  BatchHandoff<int> handoff(2);
  EXPECT_FALSE(handoff.full());
  EXPECT_TRUE(handoff.put({1}));
  EXPECT_FALSE(handoff.full());
  EXPECT_TRUE(handoff.put({2}));
  EXPECT_TRUE(handoff.full()) << "a third put() would wait";
  EXPECT_EQ(handoff.take(), std::vector<int>{1});
  EXPECT_FALSE(handoff.full());
}

TEST_P(ParsedChangesTest, StartsAfterTheSeqItIsGiven) {
  add_people(10);
  std::vector<std::int64_t> seen;
  must(read_parsed_changes(*store_, record_.id, 7, [&](ParsedChange& c) -> core::Result<void> {
    seen.push_back(c.seq);
    return {};
  }));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{8, 9, 10}));
}

TEST_P(ParsedChangesTest, AnErrorInApplyingStopsTheReadingAndIsReturned) {
  add_people(5000);
  int applied = 0;
  auto result =
      read_parsed_changes(*store_, record_.id, 0, [&](ParsedChange& c) -> core::Result<void> {
        ++applied;
        if (c.seq == 1500) return core::invalid("seq", "change 1500 does not apply");
        return {};
      });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "change 1500 does not apply");
  EXPECT_EQ(applied, 1500) << "nothing is applied after the error";
}

TEST_P(ParsedChangesTest, AnErrorInReadingIsReturnedAfterWhatWasReadBeforeIt) {
  add_people(3000);
  FailingStore failing(*store_);
  failing.fail_reads_after = 2100;
  std::int64_t last = 0;
  auto result =
      read_parsed_changes(failing, record_.id, 0, [&](ParsedChange& c) -> core::Result<void> {
        last = c.seq;
        return {};
      });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "disk read error");
  // Whole batches only reach the caller; none holds a change past the failure.
  EXPECT_LE(last, 2100);
}

TEST_P(ParsedChangesTest, AnUnreadablePayloadNamesItsChangeWhenTheOrganisationLoads) {
  add_people(3);
  {
    auto tx = must(store_->begin_write(record_.id));
    store::Change change;
    change.seq = ++head_;
    change.at = kAt;
    change.actor = "system";
    change.kind = "add_person";
    change.payload = R"({"person": {"name": 7}})";
    must(tx->append(change));
    must(tx->commit());
  }
  auto loaded = load_organization(*store_, record_);
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("change 4 of the store does not apply"), std::string::npos)
      << loaded.error().message;
}

INSTANTIATE_TEST_SUITE_P(Backends, ParsedChangesTest,
                         ::testing::ValuesIn(store::testing::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
