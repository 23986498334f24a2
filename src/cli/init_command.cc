#include "cli/init_command.h"

#include <chrono>
#include <iostream>

#include "app/service.h"
#include "cli/clock.h"
#include "cli/database_option.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

// Creates the store (or brings its schema up to date) and, with --demo, the
// demo organisation. An existing organisation is never touched.
int init(const std::string& database, bool demo) {
  auto service = app::Service::open(database);
  if (!service) {
    std::cerr << "cairn init: " << service.error().message << '\n';
    return 1;
  }
  if (demo) {
    auto made = (*service)->ensure_demo(system_now());
    if (!made) {
      std::cerr << "cairn init: the demo organisation: " << made.error().message << '\n';
      return 1;
    }
    std::cout << "The store " << database << " holds the demo organisation.\n"
              << "Sign in as " << made->admin_email << " with the password " << app::kDemoPassword
              << ", or use this API token (shown once):\n  " << made->token << '\n';
    return 0;
  }
  if ((*service)->has_organization()) {
    std::cout << "The store " << database << " is ready and already holds an organisation.\n";
  } else {
    std::cout << "The store " << database << " is ready and empty. Start the server with\n"
              << "  cairn serve --database " << database
              << "\nand create the first organisation with POST /api/v1/setup (docs/api.md).\n";
  }
  return 0;
}

int migrate(const std::string& database) {
  // Opening a store runs its pending migrations in one transaction.
  auto store = store::open_store(database);
  if (!store) {
    std::cerr << "cairn migrate: " << store.error().message << '\n';
    return 1;
  }
  auto version = (*store)->schema_version();
  if (!version) {
    std::cerr << "cairn migrate: " << version.error().message << '\n';
    return 1;
  }
  std::cout << "The store " << database << " is at schema version " << *version << ".\n";
  return 0;
}

}  // namespace

void add_init_commands(CLI::App& app) {
  struct Options {
    std::string database;
    bool demo = false;
  };
  auto options = std::make_shared<Options>();

  CLI::App* init_app = app.add_subcommand(
      "init", "Create a store (or bring it up to date), optionally with the demo organisation");
  init_app->add_option("--database", options->database,
                       "A SQLite file or postgres:// URL (default $CAIRN_DATABASE_URL)");
  init_app->add_flag("--demo", options->demo,
                     "Add the demo organisation when the store has none, and print its sign-in");
  init_app->callback([options] {
    throw CLI::RuntimeError(init(required_database(options->database, "init"), options->demo));
  });

  CLI::App* migrate_app = app.add_subcommand(
      "migrate", "Apply the store's pending schema migrations and print its schema version");
  migrate_app->add_option("--database", options->database,
                          "A SQLite file or postgres:// URL (default $CAIRN_DATABASE_URL)");
  migrate_app->callback([options] {
    throw CLI::RuntimeError(migrate(required_database(options->database, "migrate")));
  });
}

}  // namespace cairn::cli
