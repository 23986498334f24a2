#include "cli/client_commands.h"

#include <boost/json.hpp>
#include <charconv>
#include <iostream>
#include <sstream>

#include "cli/server_client.h"
#include "cli/terminal.h"
#include "core/text.h"

namespace cairn::cli {
namespace {

namespace json = boost::json;

struct ConnectionOptions {
  std::string server, token;
  bool json = false;
  bool no_colour = false;
};

void add_connection_options(CLI::App* command, ConnectionOptions& options) {
  command->add_option("--server", options.server,
                      "The server's address (default $CAIRN_SERVER, the config file, or "
                      "http://localhost:8080)");
  command->add_option("--token", options.token,
                      "An API token (default $CAIRN_TOKEN or the config file)");
  command->add_flag("--json", options.json, "Print the server's answer as JSON");
  command->add_flag("--no-color", options.no_colour, "Plain text without colours");
}

std::string text(const json::value& v, std::string_view key) {
  const auto* o = v.if_object();
  const auto* field = o ? o->if_contains(key) : nullptr;
  return field && field->is_string() ? std::string(field->get_string()) : std::string();
}
std::optional<double> number(const json::value& v, std::string_view key) {
  const auto* o = v.if_object();
  const auto* field = o ? o->if_contains(key) : nullptr;
  if (!field) return std::nullopt;
  if (field->is_double()) return field->get_double();
  if (field->is_int64()) return static_cast<double>(field->get_int64());
  return std::nullopt;
}

core::Status status_named(std::string_view name) {
  for (core::Status s : {core::Status::kNotStarted, core::Status::kOnTrack, core::Status::kBehind,
                         core::Status::kAtRisk, core::Status::kDone, core::Status::kClosed}) {
    if (name == core::to_string(s)) return s;
  }
  return core::Status::kNotStarted;
}

// "█████░░░░░  48%  on track"
std::string progress_line(const Style& style, const json::value& item) {
  const double progress = number(item, "progress").value_or(0);
  std::string status = text(item, "status");
  return style.bar(progress) + "  " + fit(percent(progress), 4) + "  " +
         style.status(status_named(status));
}

// Every item of a list, following its cursor.
json::array all_items(const ServerClient& client, const std::string& path) {
  json::array items;
  std::string cursor;
  for (int page = 0; page < 10'000; ++page) {
    const std::string separator = path.find('?') == std::string::npos ? "?" : "&";
    const json::value reply =
        client.get_ok(path + separator + "limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (const json::value& item : reply.at("items").as_array()) items.push_back(item);
    cursor = text(reply, "next_cursor");
    if (cursor.empty()) break;
  }
  return items;
}

// The key result named by `name`: its id (kr_12), or its title, exactly or
// as the only title that contains it (any case). Mine first, then any.
json::value find_key_result(const ServerClient& client, const std::string& name) {
  if (name.starts_with("kr_")) {
    const ApiReply reply = client.get("/key-results/" + name);
    if (reply.status != 200) client.fail(kExitRefused, "no key result " + name);
    return reply.body;
  }
  const std::string me = text(client.get_ok("/me").at("user"), "id");
  const std::string wanted = core::ascii_lowercase(name);
  for (const std::string& path : {"/key-results?owner_id=" + me, "/key-results?delegate_id=" + me,
                                  std::string("/key-results")}) {
    const json::array items = all_items(client, path);
    std::vector<const json::value*> exact, partial;
    for (const json::value& kr : items) {
      const std::string title = core::ascii_lowercase(text(kr, "title"));
      if (title == wanted) exact.push_back(&kr);
      if (title.find(wanted) != std::string::npos) partial.push_back(&kr);
    }
    const auto& found = exact.empty() ? partial : exact;
    if (found.size() == 1) return *found.front();
    if (found.size() > 1) {
      std::string names;
      for (const json::value* kr : found)
        names += "\n  " + text(*kr, "id") + "  " + text(*kr, "title");
      client.fail(kExitRefused,
                  "several key results match \"" + name + "\"; give one's id:" + names);
    }
  }
  client.fail(kExitRefused, "no key result you may see is called \"" + name + "\"");
}

// ---- check-in ---------------------------------------------------------------

struct CheckInOptions : ConnectionOptions {
  std::string key_result, value, note;
  int confidence = 0;
};

json::object measurement(const ServerClient& client, const json::value& kr,
                         const std::string& value) {
  const std::string kind = text(kr, "kind");
  json::object body;
  if (kind == "boolean") {
    if (value != "done" && value != "not-done") {
      client.fail(kExitUsage, "this key result is done or not: give done or not-done");
    }
    body["done"] = value == "done";
  } else if (kind == "milestones") {
    // "0,2": the indexes of the milestones done.
    json::array done;
    std::stringstream list(value);
    for (std::string part; std::getline(list, part, ',');) {
      int index = -1;
      const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
      if (error != std::errc() || end != part.data() + part.size() || index < 0) {
        client.fail(kExitUsage, "give the milestones done as their numbers, e.g. 0,2");
      }
      done.push_back(index);
    }
    body["milestones_done"] = std::move(done);
  } else {
    double number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size()) {
      client.fail(kExitUsage, "\"" + value + "\" is not a number");
    }
    body["value"] = number;
  }
  return body;
}

void check_in(const CheckInOptions& options) {
  const ServerClient client(client_settings(options.server, options.token, "check-in"), "check-in");
  const json::value kr = find_key_result(client, options.key_result);
  json::object body = measurement(client, kr, options.value);
  if (options.confidence != 0) body["confidence"] = options.confidence;
  if (!options.note.empty()) body["note"] = options.note;
  const ApiReply reply = client.post("/key-results/" + text(kr, "id") + "/check-ins", body);
  if (reply.status != 201) client.fail(kExitRefused, problem_detail(reply));
  if (options.json) {
    std::cout << reply.text << '\n';
    return;
  }
  const Style style = Style::for_stdout(options.no_colour);
  const json::value& after = reply.body.at("key_result");
  const json::value& objective = reply.body.at("objective");
  std::cout << "Checked in " << options.value << " on " << style.bold(text(kr, "title")) << '\n'
            << "  key result  " << progress_line(style, after) << '\n'
            << "  objective   " << progress_line(style, objective) << '\n';
}

// ---- status -------------------------------------------------------------------

struct StatusOptions : ConnectionOptions {
  std::string unit, period;
};

std::string unit_id(const ServerClient& client, const std::string& name) {
  if (name.starts_with("unit_")) return name;
  std::string found;
  for (const json::value& u : all_items(client, "/units")) {
    if (core::ascii_lowercase(text(u, "name")) != core::ascii_lowercase(name)) continue;
    if (!found.empty()) client.fail(kExitRefused, "several units are called " + name);
    found = text(u, "id");
  }
  if (found.empty()) client.fail(kExitRefused, "no unit is called " + name);
  return found;
}

void print_key_result(const Style& style, const json::value& kr, const std::string& indent) {
  std::string numbers;
  if (auto current = number(kr, "current"); current && text(kr, "kind") == "metric") {
    numbers = format_value(*current) + " / " +
              (number(kr, "target") ? format_value(*number(kr, "target")) : "?") + " " +
              text(kr, "unit");
  }
  std::cout << indent << "○ " << fit(text(kr, "title"), 50) << "  " << progress_line(style, kr);
  if (auto confidence = number(kr, "confidence")) {
    std::cout << "  confidence " << format_value(*confidence);
  }
  std::cout << '\n';
  if (!numbers.empty()) std::cout << indent << "    " << style.dim(numbers) << '\n';
}

void status(const StatusOptions& options) {
  const ServerClient client(client_settings(options.server, options.token, "status"), "status");
  std::string query;
  std::string whose;
  std::string my_id;  // empty for a unit's status
  if (!options.unit.empty()) {
    query = "unit_id=" + unit_id(client, options.unit);
  } else {
    const json::value me = client.get_ok("/me");
    my_id = text(me.at("user"), "id");
    query = "person_id=" + my_id;
    whose = text(me.at("user"), "name");
  }
  if (!options.period.empty()) query += "&period_id=" + options.period;
  const ApiReply dashboard = client.get("/dashboard?" + query);
  if (dashboard.status != 200) client.fail(kExitRefused, problem_detail(dashboard));
  std::vector<std::pair<json::value, json::array>> objectives;
  for (const json::value& o : dashboard.body.at("objectives").as_array()) {
    objectives.emplace_back(o, all_items(client, "/key-results?objective_id=" + text(o, "id")));
  }
  json::array mine;
  if (!my_id.empty()) {
    mine = all_items(client, "/key-results?owner_id=" + my_id +
                                 "&period_id=" + text(dashboard.body, "period_id"));
  }
  if (options.json) {
    json::object out;
    out["dashboard"] = dashboard.body;
    json::array list;
    for (const auto& [o, krs] : objectives)
      list.push_back({{"objective", o}, {"key_results", krs}});
    out["objectives"] = std::move(list);
    if (!my_id.empty()) out["my_key_results"] = mine;
    std::cout << json::serialize(out) << '\n';
    return;
  }
  const Style style = Style::for_stdout(options.no_colour);
  const json::value period = client.get_ok("/periods/" + text(dashboard.body, "period_id"));
  std::cout << style.bold(whose.empty() ? options.unit : whose) << "  " << text(period, "name")
            << "  as of " << text(dashboard.body, "as_of") << '\n'
            << "Progress " << style.bar(number(dashboard.body, "progress").value_or(0)) << "  "
            << percent(number(dashboard.body, "progress").value_or(0)) << "\n\n";
  for (const auto& [o, krs] : objectives) {
    std::cout << "◆ " << fit(text(o, "title"), 52) << "  " << progress_line(style, o) << '\n';
    for (const json::value& kr : krs) print_key_result(style, kr, "  ");
  }
  if (objectives.empty()) std::cout << "No objectives in this period.\n";
  if (!mine.empty()) {
    std::cout << "\nKey results I own\n";
    for (const json::value& kr : mine) print_key_result(style, kr, "");
  }
}

// ---- report -------------------------------------------------------------------

struct ReportOptions : ConnectionOptions {
  std::string period;
};

void report(const ReportOptions& options) {
  const ServerClient client(client_settings(options.server, options.token, "report"), "report");
  const std::string path =
      "/dashboard" + (options.period.empty() ? std::string() : "?period_id=" + options.period);
  const ApiReply dashboard = client.get(path);
  if (dashboard.status != 200) client.fail(kExitRefused, problem_detail(dashboard));
  if (options.json) {
    std::cout << dashboard.text << '\n';
    return;
  }
  const Style style = Style::for_stdout(options.no_colour);
  const json::value& d = dashboard.body;
  const json::value period = client.get_ok("/periods/" + text(d, "period_id"));
  std::cout << style.bold(text(period, "name")) << "  " << text(period, "start_date") << " – "
            << text(period, "end_date") << "  as of " << text(d, "as_of") << '\n'
            << "Company progress " << style.bar(number(d, "progress").value_or(0)) << "  "
            << percent(number(d, "progress").value_or(0)) << '\n';
  const json::value& counts = d.at("status_counts");
  std::cout << "Objectives and key results: ";
  bool first = true;
  for (const auto& [key, shown] :
       {std::pair{"on_track", "on track"}, std::pair{"behind", "behind"},
        std::pair{"at_risk", "at risk"}, std::pair{"not_started", "not started"},
        std::pair{"done", "done"}, std::pair{"closed", "closed"}}) {
    std::cout << (first ? "" : ", ") << number(counts, key).value_or(0) << ' ' << shown;
    first = false;
  }
  std::cout << "\n\n";
  std::cout << "Company objectives\n";
  for (const json::value& o : d.at("objectives").as_array()) {
    std::cout << "  ◆ " << fit(text(o, "title"), 52) << "  " << progress_line(style, o) << '\n';
  }
  for (const auto& [key, title] :
       {std::pair{"at_risk", "At risk"}, std::pair{"behind", "Behind"}}) {
    const json::array& items = d.at(key).as_array();
    if (items.empty()) continue;
    std::cout << '\n' << title << " (" << items.size() << ")\n";
    for (const json::value& item : items) {
      std::cout << "  " << (text(item, "kind") == "objective" ? "◆ " : "○ ")
                << fit(text(item, "title"), 52) << "  " << progress_line(style, item) << '\n';
    }
  }
  const json::array& stale = d.at("stale_key_results").as_array();
  if (!stale.empty()) {
    std::cout << "\nNo recent check-in (" << stale.size() << ")\n";
    for (const json::value& item : stale) {
      const std::string last = text(item, "last_check_in");
      std::cout << "  ○ " << fit(text(item, "title"), 52) << "  "
                << style.dim(last.empty() ? "never checked in" : "last " + last) << '\n';
    }
  }
}

}  // namespace

void add_client_commands(CLI::App& app) {
  auto check_in_options = std::make_shared<CheckInOptions>();
  CLI::App* c = app.add_subcommand(
      "check-in", "Check in on a key result on a running server (by its title or kr_ id)");
  c->add_option("key_result", check_in_options->key_result,
                "The key result: its id (kr_12) or its title, or part of it")
      ->required();
  c->add_option("value", check_in_options->value,
                "The new value; done or not-done for a done-or-not key result; the milestones "
                "done as 0,2")
      ->required();
  c->add_option("--confidence", check_in_options->confidence, "How sure you are, 1–10")
      ->check(CLI::Range(1, 10));
  c->add_option("--note", check_in_options->note, "What happened");
  add_connection_options(c, *check_in_options);
  c->callback([check_in_options] { check_in(*check_in_options); });

  auto status_options = std::make_shared<StatusOptions>();
  CLI::App* s = app.add_subcommand(
      "status", "My OKRs (or a unit's) on a running server, with progress and status");
  s->add_option("--unit", status_options->unit, "A unit's name or id instead of mine");
  s->add_option("--period", status_options->period,
                "A period id (prd_3); default the period running now");
  add_connection_options(s, *status_options);
  s->callback([status_options] { status(*status_options); });

  auto report_options = std::make_shared<ReportOptions>();
  CLI::App* r =
      app.add_subcommand("report",
                         "A period's summary on a running server: progress, status counts, what is "
                         "behind, at risk or not checked in");
  r->add_option("--period", report_options->period,
                "A period id (prd_3); default the period running now");
  add_connection_options(r, *report_options);
  r->callback([report_options] { report(*report_options); });
}

}  // namespace cairn::cli
