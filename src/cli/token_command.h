// `cairn token create`: an API token for a person, straight on a store
// (for scripts, benchmarks and recovering access without a running server).
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_token_command(CLI::App& app);

}  // namespace cairn::cli
