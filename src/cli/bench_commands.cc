#include "cli/bench_commands.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "app/command_target.h"
#include "app/replay.h"
#include "app/workload.h"
#include "cli/failure.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Resident memory of this process, from /proc (Linux).
long long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stoll(line.substr(6));
  }
  return 0;
}

struct GenerateOptions {
  std::string database;
  std::string workload = "team";
  std::size_t people = 0;
  std::uint64_t seed = 1;
  std::string slug;
};

void generate(const GenerateOptions& options) {
  app::WorkloadOptions workload;
  workload.seed = options.seed;
  workload.people = options.people                     ? options.people
                    : options.workload == "enterprise" ? app::kEnterprisePeople
                                                       : app::kTeamPeople;
  const std::string slug = options.slug.empty() ? options.workload : options.slug;
  const auto started = std::chrono::steady_clock::now();
  auto store = store::open_store(options.database);
  if (!store) fail("bench generate", store.error());
  auto record = (*store)->create_organization(slug, core::instant_utc(2026, 1, 1));
  if (!record) fail("bench generate", record.error());
  auto live = app::load_organization(**store, *record);
  if (!live) fail("bench generate", live.error());
  auto bulk = app::BulkTarget::begin(**store, **live, "system");
  if (!bulk) fail("bench generate", bulk.error());
  auto generated = app::generate_workload(**bulk, workload);
  if (!generated) fail("bench generate", generated.error());
  const double built = seconds_since(started);
  auto written = (*bulk)->commit();
  if (!written) fail("bench generate", written.error());
  const core::Model& model = *(*live)->model;
  std::cout << "Generated the " << options.workload << " workload (" << workload.people
            << " people, seed " << workload.seed << ") as organisation " << slug << " in "
            << options.database << ":\n"
            << "  " << model.objective_count() << " objectives, " << model.key_result_count()
            << " key results, " << model.check_in_count() << " check-ins, " << *written
            << " changes\n"
            << std::fixed << std::setprecision(1) << "  built in " << built << " s, committed in "
            << seconds_since(started) - built << " s\n";
}

void load(const std::string& database) {
  const auto started = std::chrono::steady_clock::now();
  auto store = store::open_store(database);
  if (!store) fail("bench load", store.error());
  auto organizations = (*store)->organizations();
  if (!organizations) fail("bench load", organizations.error());
  long long changes = 0, key_results = 0, check_ins = 0;
  std::vector<std::unique_ptr<app::LiveOrganization>> loaded;
  for (const store::OrganizationRecord& record : *organizations) {
    auto live = app::load_organization(**store, record);
    if (!live) fail("bench load", live.error());
    changes += (*live)->seq;
    key_results += static_cast<long long>((*live)->model->key_result_count());
    check_ins += static_cast<long long>((*live)->model->check_in_count());
    loaded.push_back(std::move(*live));
  }
  const double elapsed = seconds_since(started);
  std::cout << std::fixed << std::setprecision(2) << "Cold start of " << database << ": " << elapsed
            << " s to open the store and load " << loaded.size() << " organisation(s), " << changes
            << " changes (" << key_results << " key results, " << check_ins
            << " check-ins); resident memory " << resident_kib() / 1024 << " MiB";
  if (!store::is_postgres_url(database)) {
    std::cout << "; file " << std::filesystem::file_size(database) / (1024 * 1024) << " MiB";
  }
  std::cout << '\n';
}

}  // namespace

void add_bench_commands(CLI::App& app) {
  CLI::App* bench = app.add_subcommand("bench", "Benchmark workloads (see docs/performance.md)");
  bench->require_subcommand(1);

  auto generate_options = std::make_shared<GenerateOptions>();
  CLI::App* gen = bench->add_subcommand(
      "generate", "Write the team or enterprise workload of PERFORMANCE.md into a store");
  gen->add_option("--database", generate_options->database, "A SQLite file or postgres:// URL")
      ->required();
  gen->add_option("--workload", generate_options->workload, "team (2,000 people) or enterprise")
      ->check(CLI::IsMember({"team", "enterprise"}));
  gen->add_option("--people", generate_options->people, "Override the number of people");
  gen->add_option("--seed", generate_options->seed, "Same seed, same organisation");
  gen->add_option("--organization", generate_options->slug,
                  "The new organisation's slug (default: the workload's name)");
  gen->callback([generate_options] { generate(*generate_options); });

  auto database = std::make_shared<std::string>();
  CLI::App* cold = bench->add_subcommand(
      "load", "Measure a cold start: open the store and load every organisation");
  cold->add_option("--database", *database, "A SQLite file or postgres:// URL")->required();
  cold->callback([database] { load(*database); });
}

}  // namespace cairn::cli
