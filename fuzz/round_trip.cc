#include "fuzz/round_trip.h"

#include <sstream>

#include "app/command_target.h"
#include "fuzz/demo_server.h"
#include "fuzz/finding.h"

namespace cairn::fuzz {
namespace {

namespace exchange = app::exchange;

// Where two texts part, with some of what comes before, for a finding.
std::string first_difference(std::string_view a, std::string_view b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const std::size_t from = at > 200 ? at - 200 : 0;
  return "at byte " + std::to_string(at) + "\n--- before ---\n" +
         std::string(a.substr(from, at - from + 200)) + "\n--- after ---\n" +
         std::string(b.substr(from, at - from + 200));
}

}  // namespace

Reimported import_and_export(std::string_view text, exchange::DocumentFormat format) {
  core::Model model;
  app::ModelTarget target(model);
  Reimported out;
  out.problems = exchange::import_document(text, format, target, now()).problems;
  if (!out.problems.empty()) return out;
  std::ostringstream written;
  auto writer = exchange::document_writer(format, written);
  exchange::export_document(model, exchange::ExportScope{}, *writer);
  out.exported = std::move(written).str();
  return out;
}

void check_round_trip(const std::string& exported, exchange::DocumentFormat format,
                      std::string_view what) {
  const Reimported again = import_and_export(exported, format);
  if (!again.problems.empty()) {
    finding(std::string(what) + ": an export that does not import",
            exchange::describe(again.problems.front()) + "\n--- document ---\n" + exported);
  }
  if (again.exported != exported) {
    finding(std::string(what) + ": export, import and export again changes the document",
            first_difference(exported, again.exported));
  }
}

}  // namespace cairn::fuzz
