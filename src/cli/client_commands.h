// The commands that work against a running server with an API token:
// `cairn check-in`, `cairn status` and `cairn report` (server_client.h).
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_client_commands(CLI::App& app);

}  // namespace cairn::cli
