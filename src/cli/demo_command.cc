#include "cli/demo_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/demo_organization.h"
#include "cli/okr_tree.h"
#include "core/evaluation.h"

namespace cairn::cli {
namespace {

struct DemoOptions {
  std::string now;    // the demo's clock; default the system clock
  std::string as_of;  // evaluate as of this instant; default now
  bool no_colour = false;
};

core::Instant system_now() {
  return core::Instant{std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count()};
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

  auto model = std::make_unique<core::Model>();
  auto demo = app::build_demo_organization(*model, now);
  if (!demo) {
    std::cerr << "cairn demo: " << demo.error().message << '\n';
    return 1;
  }
  const core::Evaluation eval(*model, as_of);
  if (!eval.period(demo->current_quarter)) {
    std::cerr << "cairn demo: the demo organisation did not exist yet at "
              << core::to_rfc3339(as_of) << '\n';
    return 1;
  }
  const Style style(!options.no_colour && isatty(STDOUT_FILENO) &&
                    std::getenv("NO_COLOR") == nullptr);
  std::cout << render_profile(eval, style) << '\n';
  std::cout << render_okr_tree(eval, demo->current_quarter, style) << '\n';
  const core::Period* previous = eval.period(demo->previous_quarter);
  if (previous && previous->state_at(as_of) == core::PeriodState::kClosed) {
    std::cout << render_scores(eval, demo->previous_quarter, style) << '\n';
  }
  std::cout << style.dim("This is the demo organisation, built in memory. Sign-in: " +
                         demo->admin_email + " (the server arrives in a later release).")
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
  demo->callback([options]() { throw CLI::RuntimeError(run_demo(*options)); });
}

}  // namespace cairn::cli
