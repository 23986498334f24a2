#include "cli/token_command.h"

#include <chrono>
#include <iostream>

#include "app/service.h"
#include "cli/database_option.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

struct TokenOptions {
  std::string database;
  std::string organization;
  std::string email;
  std::string name = "cli";
};

int create(const TokenOptions& options) {
  const std::string database = database_or_environment(options.database);
  if (database.empty()) {
    std::cerr << "cairn token create: give the store with --database (or CAIRN_DATABASE_URL)\n";
    return 2;
  }
  auto service = app::Service::open(database);
  if (!service) {
    std::cerr << "cairn token create: " << service.error().message << '\n';
    return 1;
  }
  const core::Instant now{std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count()};
  auto who = (*service)->principal_by_email(options.organization, options.email);
  if (!who) {
    std::cerr << "cairn token create: " << who.error().message << '\n';
    return 1;
  }
  auto token = (*service)->create_token(*who, options.name, now);
  if (!token) {
    std::cerr << "cairn token create: " << token.error().message << '\n';
    return 1;
  }
  std::cout << token->token << '\n';
  return 0;
}

}  // namespace

void add_token_command(CLI::App& app) {
  auto options = std::make_shared<TokenOptions>();
  CLI::App* token = app.add_subcommand("token", "API tokens");
  token->require_subcommand(1);
  CLI::App* make =
      token->add_subcommand("create", "Create an API token for a person and print it (shown once)");
  make->add_option("--database", options->database, "The store (default $CAIRN_DATABASE_URL)");
  make->add_option("--organization", options->organization, "The organisation's slug")->required();
  make->add_option("--email", options->email, "The person's email")->required();
  make->add_option("--name", options->name, "What the token is for (default: cli)");
  make->callback([options] { throw CLI::RuntimeError(create(*options)); });
}

}  // namespace cairn::cli
