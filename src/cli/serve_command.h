// `cairn serve`: the server, on a store, until SIGINT or SIGTERM.
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_serve_command(CLI::App& app);

}  // namespace cairn::cli
