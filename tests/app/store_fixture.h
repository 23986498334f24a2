// A store for the service tests: a fresh SQLite file, or the PostgreSQL test
// database, with one new organisation in it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../store/must.h"
#include "../store/store_locations.h"
#include "app/command_target.h"
#include "app/demo_organization.h"
#include "app/live_organization.h"
#include "app/replay.h"
#include "store/store.h"

namespace cairn::app::testing {

using store::testing::must;

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    folder_ = store::testing::fresh_folder("app");
    store_ = open();
    record_ = must(store_->create_organization(store::testing::unique_slug("larkspur"),
                                               core::instant_utc(2026, 1, 1)));
    live_ = must(load_organization(*store_, record_));
  }
  void TearDown() override {
    live_.reset();
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  // Another connection to the same store, as another thread or instance has.
  std::unique_ptr<store::Store> open() {
    return must(store::open_store(store::testing::location(GetParam(), folder_)));
  }
  // The demo organisation, written in one bulk transaction.
  DemoOrganization write_demo(core::Instant now) {
    auto bulk = must(BulkTarget::begin(*store_, *live_, "system"));
    const DemoOrganization demo = must(build_demo_organization(*bulk, now));
    must(bulk->commit());
    return demo;
  }
  // A metric key result of an active objective of the demo's current quarter.
  core::KeyResultId some_open_key_result(const DemoOrganization& demo) const {
    for (core::ObjectiveId o : live_->model->objectives_in(demo.current_quarter)) {
      if (live_->model->objective(o)->state != core::ObjectiveState::kActive) continue;
      for (core::KeyResultId kr : live_->model->key_results_of(o)) {
        if (live_->model->key_result(kr)->kind == core::KeyResultKind::kMetric) return kr;
      }
    }
    return {};
  }
  // The organisation as a fresh start would load it.
  std::unique_ptr<LiveOrganization> load_again() {
    auto other = open();
    return must(load_organization(*other, must(other->organization(record_.slug)).value()));
  }

  std::filesystem::path folder_;
  std::unique_ptr<store::Store> store_;
  store::OrganizationRecord record_;
  std::unique_ptr<LiveOrganization> live_;
};

}  // namespace cairn::app::testing
