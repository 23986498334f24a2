// Fuzz target csv_import: a spreadsheet saved as CSV into the CSV importer
// (app/exchange/csv_import.h), on the demo organisation built in memory.
// Rows without a period go to the quarter running now or, when the first
// byte is odd, to the year (a period given with the import). A sheet that imports cleanly must
// import again without a problem and without adding an objective or key result (what exists is
// reused: importing a sheet twice only checks in what changed), and the
// quarter's sheet, exported, must import back changing nothing.
#include "app/exchange/csv_import.h"

#include <cstdint>
#include <sstream>
#include <string_view>

#include "app/command_target.h"
#include "app/demo_organization.h"
#include "app/exchange/spreadsheet_export.h"
#include "core/evaluation.h"
#include "fuzz/demo_server.h"
#include "fuzz/finding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cairn;
  namespace exchange = app::exchange;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  core::Model model;
  const auto demo = app::build_demo_organization(model, fuzz::now());
  if (!demo) fuzz::finding("the demo does not build", demo.error().message);
  app::ModelTarget target(model);
  exchange::CsvImportOptions options{fuzz::now(), std::nullopt};
  if (data[0] & 1) options.period = model.period(demo->current_quarter)->parent;

  const exchange::CsvImportOutcome first = exchange::import_csv(text, target, options);
  if (!first.outcome.problems.empty()) return 0;
  const exchange::CsvImportOutcome again = exchange::import_csv(text, target, options);
  if (!again.outcome.problems.empty()) {
    fuzz::finding("a sheet that imported cleanly is refused the second time",
                  exchange::describe(again.outcome.problems.front()));
  }
  if (again.outcome.counts.objectives != 0 || again.outcome.counts.key_results != 0) {
    fuzz::finding("importing a sheet again added objectives or key results", text);
  }

  // The quarter's sheet as Cairn writes it imports back changing nothing.
  const core::Evaluation eval(model, fuzz::now());
  std::ostringstream csv;
  exchange::write_csv(exchange::period_sheet(eval, demo->current_quarter), csv);
  const std::size_t objectives = model.objective_count();
  const std::size_t key_results = model.key_result_count();
  const std::size_t check_ins = model.check_in_count();
  const exchange::CsvImportOutcome back =
      exchange::import_csv(csv.str(), target, {fuzz::now(), demo->current_quarter});
  if (!back.outcome.problems.empty()) {
    fuzz::finding("the quarter's sheet does not import back",
                  exchange::describe(back.outcome.problems.front()) + "\n" + csv.str());
  }
  if (model.objective_count() != objectives || model.key_result_count() != key_results ||
      model.check_in_count() != check_ins) {
    fuzz::finding("importing the quarter's sheet back changed the organisation", csv.str());
  }
  return 0;
}
