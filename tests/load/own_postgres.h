// A fixture for the load tests that need a PostgreSQL cluster of their own
// (load_support.h), with the `team` workload in it and the servers' clock set
// after the workload's data. Skipped where PostgreSQL's server programs are
// not installed.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "load_support.h"

namespace cairn::load {

class OwnPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fresh_folder("postgres");
    try {
      cluster_.emplace(folder_);
    } catch (const std::exception& e) {
      GTEST_SKIP() << "no PostgreSQL server programs on this machine: " << e.what();
    }
    workload_ = generate_team(cluster_->url());
    now_ = std::make_unique<ScopedEnvironment>("CAIRN_FIXED_NOW", "2026-12-31T00:00:00Z");
  }
  void TearDown() override {
    now_.reset();
    cluster_.reset();
    std::filesystem::remove_all(folder_);
  }

  const std::string& url() const { return cluster_->url(); }
  // Where a server started by the test writes its log.
  std::string log(const std::string& name) const { return (folder_ / (name + ".log")).string(); }

  std::filesystem::path folder_;
  std::optional<PostgresCluster> cluster_;
  Workload workload_;
  std::unique_ptr<ScopedEnvironment> now_;
};

}  // namespace cairn::load
