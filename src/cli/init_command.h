// `cairn init` and `cairn migrate`: prepare a store without starting a server.
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_init_commands(CLI::App& app);

}  // namespace cairn::cli
