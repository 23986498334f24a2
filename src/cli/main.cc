// The `cairn` command. Exit codes: 0 success, 1 failure, 2 bad usage.
#include <CLI/CLI.hpp>

#include "cli/bench_commands.h"
#include "cli/client_commands.h"
#include "cli/demo_command.h"
#include "cli/exchange_commands.h"
#include "cli/init_command.h"
#include "cli/serve_command.h"
#include "cli/store_commands.h"
#include "cli/token_command.h"
#include "cli/user_command.h"

int main(int argc, char** argv) {
  CLI::App app{"Cairn: objectives and key results you own"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cairn 0.1.0");
  cairn::cli::add_demo_command(app);
  cairn::cli::add_exchange_commands(app);
  cairn::cli::add_client_commands(app);
  cairn::cli::add_init_commands(app);
  cairn::cli::add_store_commands(app);
  cairn::cli::add_bench_commands(app);
  cairn::cli::add_serve_command(app);
  cairn::cli::add_token_command(app);
  cairn::cli::add_user_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return 0;
}
