// Commands that work straight on a store, without a server: `cairn backup`,
// `cairn restore` and `cairn copy`.
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_store_commands(CLI::App& app);

}  // namespace cairn::cli
