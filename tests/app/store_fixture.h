// A store for the service tests: a fresh SQLite file, or the PostgreSQL test
// database, with one new organisation in it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../store/must.h"
#include "../store/store_locations.h"
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
