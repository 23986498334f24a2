// `cairn user add|list|passwd`: people and passwords, straight on a store.
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_user_command(CLI::App& app);

}  // namespace cairn::cli
