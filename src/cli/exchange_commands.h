// `cairn export` and `cairn import`: OKRs as code (JSON, YAML) and
// spreadsheets (CSV, XLSX), straight on a store, without a running server.
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

void add_exchange_commands(CLI::App& app);

}  // namespace cairn::cli
