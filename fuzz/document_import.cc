// Fuzz target document_import: an OKRs-as-code document (docs/okrs-as-code.md)
// into the importer, JSON or YAML as the first byte's low bit says, and into
// an empty organisation or the demo one (its people, units and periods
// matched) as its second bit says. A document that imports cleanly into an
// empty organisation must make an export that imports back to the same
// bytes (round_trip.h).
#include <cstdint>
#include <sstream>
#include <string_view>

#include "app/command_target.h"
#include "app/demo_organization.h"
#include "app/exchange/document_io.h"
#include "fuzz/demo_server.h"
#include "fuzz/finding.h"
#include "fuzz/round_trip.h"

namespace cairn::fuzz {
namespace {

namespace exchange = app::exchange;

// Into the demo organisation, built afresh in memory: what matches is reused,
// the rest added. Nothing to compare it with; it must not crash, and the
// organisation must still export.
void import_into_demo(std::string_view text, exchange::DocumentFormat format) {
  core::Model model;
  if (!app::build_demo_organization(model, now())) finding("the demo does not build", "");
  app::ModelTarget target(model);
  exchange::import_document(text, format, target, now());
  std::ostringstream out;
  auto writer = exchange::document_writer(format, out);
  exchange::export_document(model, exchange::ExportScope{}, *writer);
}

}  // namespace
}  // namespace cairn::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cairn::fuzz;
  if (size == 0) return 0;
  const auto format =
      data[0] & 1 ? exchange::DocumentFormat::kYaml : exchange::DocumentFormat::kJson;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 2) {
    import_into_demo(text, format);
    return 0;
  }
  const Reimported first = import_and_export(text, format);
  if (first.problems.empty()) check_round_trip(first.exported, format, "an imported document");
  return 0;
}
