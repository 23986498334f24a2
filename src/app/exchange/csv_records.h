// Reading CSV into rows of fields with libcsv, as spreadsheets write it:
// quotes, embedded newlines, an Excel byte order mark, and semicolons as the
// separator when a European locale wrote the first line with them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cairn::app::exchange {

using CsvRow = std::vector<std::string>;

struct CsvRecords {
  std::vector<CsvRow> rows;
  // Empty when the text was well-formed; else what is wrong and on which line.
  std::string error;
  int error_line = 0;
};

CsvRecords read_csv(std::string_view text);

// "Key result" → "keyresult": headers match whatever their case and spacing.
std::string normalized_header(std::string_view header);

}  // namespace cairn::app::exchange
