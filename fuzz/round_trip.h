// OKRs as code's promise (app/exchange/okr_import.h): a document imported
// into an empty organisation exports to the bytes it came from, when it is
// an export itself. Shared by the targets that check it: document_import on
// what it reads, api_body on the demo's exports after each write.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/exchange/document_io.h"

namespace cairn::fuzz {

struct Reimported {
  std::vector<app::exchange::Problem> problems;  // none when it imported cleanly
  std::string exported;                          // then: the organisation it made, exported
};

// Imports `text` into an empty organisation (a model in memory) and exports it.
Reimported import_and_export(std::string_view text, app::exchange::DocumentFormat format);

// A finding unless `exported`, imported into an empty organisation and
// exported again, gives the same bytes.
void check_round_trip(const std::string& exported, app::exchange::DocumentFormat format,
                      std::string_view what);

}  // namespace cairn::fuzz
