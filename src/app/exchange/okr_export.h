// OKRs as code, out: a whole organisation, or one period of it, as a document
// (docs/okrs-as-code.md describes every field). The document is the state, not
// the audit trail: each entity as it stands now, plus the full check-in
// history, frozen scores and overrides. Importing it into an empty
// organisation and exporting again gives the same bytes.
#pragma once

#include <optional>

#include "app/exchange/document_writer.h"
#include "core/model.h"

namespace cairn::app::exchange {

// The version written in every document's `format` field.
inline constexpr std::string_view kDocumentFormat = "cairn-okrs/1";

struct ExportScope {
  // Only this period's objectives (with the period, its enclosing periods, and
  // the alignment among what is exported). Empty: everything.
  std::optional<core::PeriodId> period;
};

struct ExportCounts {
  std::size_t objectives = 0;
  std::size_t key_results = 0;
  std::size_t check_ins = 0;
};

ExportCounts export_document(const core::Model& model, const ExportScope& scope,
                             DocumentWriter& out);

// The document's reference for an entity: the API's id ("unit_3", "obj_12").
std::string unit_ref(core::UnitId id);
std::string period_ref(core::PeriodId id);
std::string objective_ref(core::ObjectiveId id);
std::string key_result_ref(core::KeyResultId id);
std::string kpi_ref(core::KpiId id);

}  // namespace cairn::app::exchange
