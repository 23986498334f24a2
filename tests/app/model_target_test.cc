// ModelTarget applies commands to a model that lives in memory only (the
// workload generator, a dry-run import): it must not keep the journal of
// what each command touched, which nobody reads there and which would grow
// by an entry for every change.
#include <gtest/gtest.h>

#include "app/command_target.h"
#include "app/workload.h"
#include "core/model.h"

namespace cairn::app {
namespace {

TEST(ModelTarget, KeepsNoJournalOfTheCommandsItRan) {
  core::Model model;
  const WorkloadOptions options{.people = 300, .seed = 7, .check_ins_per_key_result = 3};
  ASSERT_TRUE(generate_workload(model, options));
  ASSERT_GT(model.check_in_count(), 0u);
  EXPECT_TRUE(model.journal().empty()) << model.journal().size() << " entries kept";
}

TEST(ModelTarget, KeepsNoJournalOfACommandThatFailed) {
  core::Model model;
  ModelTarget target(model);
  core::Organization org;
  org.name = "Acme";
  ASSERT_TRUE(target.run(SetOrganization{org}, core::instant_utc(2026, 5, 15, 12)));
  core::Person nobody;  // no name, no email: refused
  EXPECT_FALSE(target.run(AddPerson{nobody}, core::instant_utc(2026, 5, 15, 12)));
  EXPECT_TRUE(model.journal().empty());
}

}  // namespace
}  // namespace cairn::app
