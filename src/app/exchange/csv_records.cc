#include "app/exchange/csv_records.h"

#include <csv.h>

#include <algorithm>
#include <cctype>

namespace cairn::app::exchange {
namespace {

struct Collector {
  std::vector<CsvRow> rows;
  CsvRow current;
};

void on_field(void* field, std::size_t length, void* data) {
  auto* c = static_cast<Collector*>(data);
  c->current.emplace_back(field ? static_cast<const char*>(field) : "", field ? length : 0);
}
void on_record(int, void* data) {
  auto* c = static_cast<Collector*>(data);
  c->rows.push_back(std::move(c->current));
  c->current.clear();
}

}  // namespace

CsvRecords read_csv(std::string_view text) {
  CsvRecords out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // Excel's byte order mark
  csv_parser parser;
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  const std::string_view first_line = text.substr(0, text.find('\n'));
  if (first_line.find(';') != std::string_view::npos &&
      first_line.find(',') == std::string_view::npos) {
    csv_set_delim(&parser, ';');
  }
  Collector collector;
  const std::size_t parsed =
      csv_parse(&parser, text.data(), text.size(), on_field, on_record, &collector);
  const bool broken =
      parsed != text.size() || csv_fini(&parser, on_field, on_record, &collector) != 0;
  if (broken) {
    const std::size_t at = std::min(parsed, text.size());
    out.error_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    out.error = std::string("malformed CSV: ") + csv_strerror(csv_error(&parser));
  } else {
    out.rows = std::move(collector.rows);
  }
  csv_free(&parser);
  return out;
}

std::string normalized_header(std::string_view header) {
  std::string out;
  for (const char c : header) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace cairn::app::exchange
