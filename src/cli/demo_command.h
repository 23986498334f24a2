// `cairn demo`: builds the demo organisation in memory and prints its OKR tree
// with progress, status and score.
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_demo_command(CLI::App& app);

}  // namespace cairn::cli
