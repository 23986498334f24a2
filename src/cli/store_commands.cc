#include "cli/store_commands.h"

#include <iostream>

#include "cli/database_option.h"
#include "cli/failure.h"
#include "store/copy.h"
#include "store/sqlite/backup.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

void print(const store::sqlite::BackupReport& report) {
  std::cout << "  schema version " << report.schema_version << ", " << report.organizations
            << " organisation(s), " << report.changes << " change(s), " << report.bytes
            << " bytes\n";
}

}  // namespace

void add_store_commands(CLI::App& app) {
  struct Options {
    std::string database, output, input, from, to;
    std::vector<std::string> organizations;
  };
  auto options = std::make_shared<Options>();

  CLI::App* backup = app.add_subcommand(
      "backup", "Copy a SQLite store to a new file, consistently, even while a server uses it");
  backup->add_option("--database", options->database, "The store (default $CAIRN_DATABASE_URL)");
  backup->add_option("-o,--output", options->output, "The backup file to create")->required();
  backup->callback([options] {
    const std::string database = database_or_environment(options->database);
    if (database.empty() || store::is_postgres_url(database)) {
      std::cerr << "cairn backup: give a SQLite store with --database (for PostgreSQL, use "
                   "pg_dump; see docs/operations.md)\n";
      throw CLI::RuntimeError(2);
    }
    auto report = store::sqlite::backup(database, options->output);
    if (!report) fail("backup", report.error());
    std::cout << "Backed up " << database << " to " << options->output << '\n';
    print(*report);
  });

  CLI::App* restore = app.add_subcommand(
      "restore", "Replace a SQLite store's content with a backup (stop the server first)");
  restore->add_option("--database", options->database, "The store (default $CAIRN_DATABASE_URL)");
  restore->add_option("backup", options->input, "The backup file")->required();
  restore->callback([options] {
    const std::string database = database_or_environment(options->database);
    if (database.empty() || store::is_postgres_url(database)) {
      std::cerr << "cairn restore: give a SQLite store with --database\n";
      throw CLI::RuntimeError(2);
    }
    auto report = store::sqlite::restore(options->input, database);
    if (!report) fail("restore", report.error());
    std::cout << "Restored " << database << " from " << options->input << '\n';
    print(*report);
  });

  CLI::App* copy = app.add_subcommand(
      "copy", "Copy organisations with their whole history from one store to another");
  copy->add_option("--from", options->from, "The source store: a SQLite file or postgres:// URL")
      ->required();
  copy->add_option("--to", options->to, "The destination store")->required();
  copy->add_option("--organization", options->organizations,
                   "Only this organisation (by slug); repeatable. Default: all");
  copy->callback([options] {
    auto from = store::open_store(options->from);
    if (!from) fail("copy", from.error());
    auto to = store::open_store(options->to);
    if (!to) fail("copy", to.error());
    auto copied = store::copy_organizations(**from, **to, options->organizations);
    if (!copied) fail("copy", copied.error());
    for (const store::CopiedOrganization& org : *copied) {
      std::cout << "Copied " << org.slug << ": " << org.changes << " change(s), "
                << org.audit_entries << " audit entries, " << org.security_events
                << " security event(s)\n";
    }
    if (copied->empty()) std::cout << "Nothing to copy: the source has no organisation.\n";
  });
}

}  // namespace cairn::cli
