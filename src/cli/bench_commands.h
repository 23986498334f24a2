// `cairn bench generate` writes the PERFORMANCE.md workload into a store;
// `cairn bench load` measures a cold start on it (open the store, rebuild every
// organisation's model).
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_bench_commands(CLI::App& app);

}  // namespace cairn::cli
