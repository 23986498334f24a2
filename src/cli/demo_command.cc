#include "cli/demo_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/command_target.h"
#include "app/demo_organization.h"
#include "app/replay.h"
#include "cli/clock.h"
#include "cli/failure.h"
#include "cli/okr_tree.h"
#include "core/evaluation.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

struct DemoOptions {
  std::string now;    // the demo's clock; default the system clock
  std::string as_of;  // evaluate as of this instant; default now
  bool no_colour = false;
  std::string database;  // keep the demo in this store; default in memory
};

// The demo organisation's slug in a store.
constexpr std::string_view kDemoSlug = "larkspur";

// Loads the demo organisation from the store at `database`, creating it there
// (in one transaction) when the store does not have it yet.
core::Result<std::pair<std::unique_ptr<store::Store>, std::unique_ptr<app::LiveOrganization>>>
open_or_create_demo(const std::string& database, core::Instant now) {
  auto store = store::open_store(database);
  if (!store) return store.error();
  auto record = (*store)->organization(kDemoSlug);
  if (!record) return record.error();
  const bool create = !*record;
  if (create) {
    auto created = (*store)->create_organization(kDemoSlug, now);
    if (!created) return created.error();
    *record = *created;
  }
  auto live = app::load_organization(**store, **record);
  if (!live) return live.error();
  if (create || (*live)->seq == 0) {
    auto bulk = app::BulkTarget::begin(**store, **live, "system");
    if (!bulk) return bulk.error();
    auto demo = app::build_demo_organization(**bulk, now);
    if (!demo) return demo.error();
    auto written = (*bulk)->commit();
    if (!written) return written.error();
  }
  return std::make_pair(std::move(*store), std::move(*live));
}

struct DemoPeriods {
  core::PeriodId current_quarter;   // the quarter holding as_of, else the latest one
  core::PeriodId previous_quarter;  // the quarter before it
  std::string admin_email;
};

DemoPeriods demo_periods(const core::Model& model, core::Instant as_of) {
  std::vector<const core::Period*> quarters;
  for (std::uint32_t i = 0; i < model.period_count(); ++i) {
    const core::Period* p = model.period(core::PeriodId{i});
    if (p->kind == core::PeriodKind::kQuarter) quarters.push_back(p);
  }
  std::sort(quarters.begin(), quarters.end(), [](const core::Period* a, const core::Period* b) {
    return a->starts_at < b->starts_at;
  });
  DemoPeriods out;
  for (std::size_t i = 0; i < quarters.size(); ++i) {
    if (quarters[i]->starts_at <= as_of || i == 0) {
      out.current_quarter = quarters[i]->id;
      if (i > 0) out.previous_quarter = quarters[i - 1]->id;
    }
  }
  if (model.person_count() > 0) out.admin_email = model.person(core::PersonId{0})->email;
  return out;
}

int run_demo(const DemoOptions& options) {
  core::Instant now = system_now();
  if (!options.now.empty()) {
    auto parsed = core::parse_rfc3339(options.now);
    if (!parsed) {
      std::cerr << "cairn demo: --now must be an RFC 3339 instant such as 2026-11-22T09:00:00Z\n";
      return 2;
    }
    now = *parsed;
  }
  core::Instant as_of = now;
  if (!options.as_of.empty()) {
    auto parsed = core::parse_rfc3339(options.as_of);
    if (!parsed) {
      std::cerr << "cairn demo: --as-of must be an RFC 3339 instant such as 2026-11-01T00:00:00Z\n";
      return 2;
    }
    as_of = *parsed;
  }

  // In memory, or stored: created in the store on first use, loaded after.
  std::unique_ptr<core::Model> in_memory;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<app::LiveOrganization> live;
  const core::Model* model = nullptr;
  std::string where = "built in memory";
  if (options.database.empty()) {
    in_memory = std::make_unique<core::Model>();
    auto demo = app::build_demo_organization(*in_memory, now);
    if (!demo) fail("demo", demo.error());
    model = in_memory.get();
  } else {
    auto opened = open_or_create_demo(options.database, now);
    if (!opened) fail("demo", opened.error());
    store = std::move(opened->first);
    live = std::move(opened->second);
    model = live->model.get();
    where = "stored in " + options.database;
  }
  const DemoPeriods demo = demo_periods(*model, as_of);
  const core::Evaluation eval(*model, as_of);
  if (!demo.current_quarter.valid() || !eval.period(demo.current_quarter)) {
    std::cerr << "cairn demo: the demo organisation did not exist yet at "
              << core::to_rfc3339(as_of) << '\n';
    return 1;
  }
  const Style style = Style::for_stdout(options.no_colour);
  std::cout << render_profile(eval, style) << '\n';
  std::cout << render_okr_tree(eval, demo.current_quarter, style) << '\n';
  const core::Period* previous = eval.period(demo.previous_quarter);
  if (previous && previous->state_at(as_of) == core::PeriodState::kClosed) {
    std::cout << render_scores(eval, demo.previous_quarter, style) << '\n';
  }
  std::cout << style.dim("This is the demo organisation, " + where + ". Its admin is " +
                         demo.admin_email + "; `cairn serve --demo` serves it.")
            << '\n';
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* demo = app.add_subcommand(
      "demo", "Print the demo organisation's OKR tree with progress, status and score");
  demo->add_option("--now", options->now, "The demo's clock, RFC 3339 (default: now)");
  demo->add_option("--as-of", options->as_of,
                   "Show everything as it stood at this instant, RFC 3339 (default: now)");
  demo->add_flag("--no-color", options->no_colour, "Plain text without colours");
  demo->add_option("--database", options->database,
                   "Keep the demo in this store (SQLite file or postgres:// URL): created on "
                   "first use, loaded after (default: in memory only)");
  demo->callback([options]() { throw CLI::RuntimeError(run_demo(*options)); });
}

}  // namespace cairn::cli
