#include "cli/user_command.h"

#include <boost/json.hpp>
#include <chrono>
#include <iostream>

#include "app/service.h"
#include "cli/clock.h"
#include "cli/database_option.h"
#include "cli/failure.h"
#include "core/names.h"

namespace cairn::cli {
namespace {

struct UserOptions {
  std::string database;
  std::string organization;
  std::string email;
  std::string name;
  std::string role = "member";
  bool password_stdin = false;
  bool json = false;
};

// Exits with `code` after printing `message` for `command`.
std::unique_ptr<app::Service> open_service(const UserOptions& o, const std::string& command) {
  const std::string database = database_or_environment(o.database);
  if (database.empty())
    fail("user " + command, "give the store with --database (or CAIRN_DATABASE_URL)", 2);
  auto service = app::Service::open(database);
  if (!service) fail("user " + command, service.error().message);
  return std::move(*service);
}

// The password from standard input (one line): never from the command line,
// where other users of the machine could read it.
std::string read_password(const std::string& command) {
  std::string password;
  if (!std::getline(std::cin, password))
    fail("user " + command, "no password on standard input", 2);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

std::string message_of(const core::Error& error) {
  std::string text = error.message;
  for (const core::FieldError& f : error.fields) {
    if (f.message != error.message) text += "; " + f.field + " " + f.message;
  }
  return text;
}

void add(const UserOptions& o) {
  const auto role = core::parse<core::Role>(o.role);
  if (!role) fail("user add", "--role must be admin, member or viewer", 2);
  const std::string password = o.password_stdin ? read_password("add") : "";
  auto service = open_service(o, "add");
  auto admin = service->administrator(o.organization);
  if (!admin) fail("user add", admin.error().message);
  core::Person person;
  person.name = o.name.empty() ? o.email : o.name;
  person.email = o.email;
  person.role = *role;
  auto added = service->execute(*admin, app::AddPerson{person}, system_now());
  if (!added) fail("user add", message_of(added.error()));
  const core::PersonId id{*added->applied.created};
  if (o.password_stdin) {
    auto set = service->set_password(*admin, id, password, system_now());
    if (!set) fail("user add", "added, but the password was refused: " + message_of(set.error()));
  }
  std::cout << "Added " << person.email << " (" << core::to_string(*role) << ") to "
            << o.organization << (o.password_stdin ? ", with a password" : "") << ".\n";
}

void list(const UserOptions& o) {
  auto service = open_service(o, "list");
  auto admin = service->administrator(o.organization);
  if (!admin) fail("user list", admin.error().message);
  service->read(admin->organization, [&o](const core::Model& model) {
    if (o.json) {
      boost::json::array people;
      for (std::uint32_t i = 0; i < model.person_count(); ++i) {
        const core::Person& p = *model.person(core::PersonId{i});
        people.push_back({{"id", "per_" + std::to_string(i)},
                          {"email", p.email},
                          {"name", p.name},
                          {"role", core::to_string(p.role)},
                          {"active", p.active}});
      }
      std::cout << boost::json::serialize(people) << '\n';
      return;
    }
    std::cout << "email\tname\trole\tactive\n";
    for (std::uint32_t i = 0; i < model.person_count(); ++i) {
      const core::Person& p = *model.person(core::PersonId{i});
      std::cout << p.email << '\t' << p.name << '\t' << core::to_string(p.role) << '\t'
                << (p.active ? "yes" : "no") << '\n';
    }
  });
}

void passwd(const UserOptions& o) {
  const std::string password = read_password("passwd");
  auto service = open_service(o, "passwd");
  auto admin = service->administrator(o.organization);
  if (!admin) fail("user passwd", admin.error().message);
  const core::PersonId person = service->read(
      admin->organization, [&](const core::Model& m) { return m.person_by_email(o.email); });
  if (!person.valid()) fail("user passwd", "no person " + o.email + " in " + o.organization);
  auto set = service->set_password(*admin, person, password, system_now());
  if (!set) fail("user passwd", message_of(set.error()));
  std::cout << "Set the password of " << o.email << "; their sessions ended.\n";
}

}  // namespace

void add_user_command(CLI::App& app) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* user = app.add_subcommand("user", "People and their passwords, on a store");
  user->require_subcommand(1);
  auto common = [&](CLI::App* sub) {
    sub->add_option("--database", options->database, "The store (default $CAIRN_DATABASE_URL)");
    sub->add_option("--organization", options->organization, "The organisation's slug")->required();
  };
  CLI::App* add_app = user->add_subcommand("add", "Add a person");
  common(add_app);
  add_app->add_option("--email", options->email, "Their email")->required();
  add_app->add_option("--name", options->name, "Their name (default: the email)");
  add_app->add_option("--role", options->role, "admin, member (default) or viewer");
  add_app->add_flag("--password-stdin", options->password_stdin,
                    "Read their password from standard input (one line)");
  add_app->callback([options] { add(*options); });

  CLI::App* list_app = user->add_subcommand("list", "List the people, tab-separated (or --json)");
  common(list_app);
  list_app->add_flag("--json", options->json, "Print the people as a JSON array");
  list_app->callback([options] { list(*options); });

  CLI::App* passwd_app =
      user->add_subcommand("passwd", "Set a person's password, read from standard input");
  common(passwd_app);
  passwd_app->add_option("--email", options->email, "Their email")->required();
  passwd_app->callback([options] { passwd(*options); });
}

}  // namespace cairn::cli
