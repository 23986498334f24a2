#include "app/exchange/spreadsheet_export.h"

#include <csv.h>
#include <xlsxwriter.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "app/exchange/document_writer.h"
#include "core/names.h"
#include "core/status.h"
#include "core/text.h"

namespace cairn::app::exchange {
namespace {

Cell text(std::string value) {
  return Cell{std::move(value), std::nullopt, false};
}
Cell number(std::optional<double> value, bool percent = false) {
  return Cell{"", value, percent};
}

std::string owner_name(const core::Evaluation& eval, const core::Owner& owner) {
  if (owner.is_unit()) return eval.unit(owner.unit)->name;
  return eval.person(owner.person)->email;
}

std::string person_email(const core::Evaluation& eval, core::PersonId id) {
  const core::Person* p = id.valid() ? eval.person(id) : nullptr;
  return p ? p->email : "";
}

// The unit an objective belongs to: its owning unit, or for a person the
// first unit that lists them. The people's units are indexed once per sheet.
class UnitNames {
 public:
  explicit UnitNames(const core::Evaluation& eval) : eval_(eval) {}
  std::string of(const core::Owner& owner) {
    if (owner.is_unit()) return eval_.unit(owner.unit)->name;
    if (!indexed_) index();
    auto found = of_person_.find(owner.person.value());
    return found == of_person_.end() ? "" : eval_.unit(found->second)->name;
  }

 private:
  void index() {
    indexed_ = true;
    const core::Model& model = eval_.model();
    for (std::uint32_t i = 0; i < model.unit_count(); ++i) {
      for (core::PersonId m : model.unit(core::UnitId{i})->members) {
        of_person_.emplace(m.value(), core::UnitId{i});  // the first unit wins
      }
    }
  }
  const core::Evaluation& eval_;
  bool indexed_ = false;
  std::unordered_map<std::uint32_t, core::UnitId> of_person_;
};

// What an objective is aligned to: its parents' titles, "; " between them.
std::string parents_of(const core::Evaluation& eval, core::NodeRef node,
                       const std::function<bool(core::ObjectiveId)>& visible) {
  std::string out;
  for (core::LinkId id : eval.graph().parent_links(node)) {
    const core::AlignmentLink* link = eval.link(id);
    if (!link) continue;
    const core::ObjectiveId parent = link->parent.is_objective()
                                         ? link->parent.objective()
                                         : eval.key_result(link->parent.key_result())->objective;
    if (visible && !visible(parent)) continue;
    const std::string title = link->parent.is_objective()
                                  ? eval.objective(link->parent.objective())->title
                                  : eval.key_result(link->parent.key_result())->title;
    out += (out.empty() ? "" : "; ") + title;
  }
  return out;
}

// Text for CSV: fractions to four decimals (0.4, not 0.3999999999999999),
// other numbers to twelve significant digits; spreadsheets read both.
std::string format_cell(const Cell& cell) {
  if (!cell.number) return cell.text;
  if (cell.percent) return shortest_number(std::round(*cell.number * 10'000) / 10'000);
  return shortest_number(sheet_value(*cell.number));
}

}  // namespace

double sheet_value(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", value);
  return std::strtod(buffer, nullptr);
}

Sheet period_sheet(const core::Evaluation& eval, core::PeriodId period,
                   const std::function<bool(core::ObjectiveId)>& visible) {
  Sheet sheet;
  const core::Period* found = eval.period(period);
  if (!found) return sheet;  // callers check the period; nothing to show without one
  sheet.title = found->name;
  sheet.header = {"Objective ID",  "Objective",  "Objective owner", "Unit",         "Aligned to",
                  "Key result ID", "Key result", "Owner",           "Kind",         "Start",
                  "Target",        "Current",    "Measure",         "Progress",     "Expected",
                  "Status",        "Confidence", "Score",           "Last check-in"};
  const core::Model& model = eval.model();
  UnitNames units(eval);
  for (core::ObjectiveId oid : model.objectives_in(period)) {
    const core::Objective* o = eval.objective(oid);
    if (!o || o->period != period || o->archived() || (visible && !visible(oid))) continue;
    const std::string parents = parents_of(eval, core::NodeRef::of(oid), visible);
    const std::string unit = units.of(o->owner);
    for (core::KeyResultId kid : model.key_results_of(oid)) {
      const core::KeyResult* kr = eval.key_result(kid);
      if (!kr || kr->archived) continue;
      const core::KeyResultView view = eval.key_result_view(kid);
      const bool metric = kr->kind == core::KeyResultKind::kMetric;
      Row row;
      row.push_back(text("obj_" + std::to_string(oid.value())));
      row.push_back(text(o->title));
      row.push_back(text(owner_name(eval, o->owner)));
      row.push_back(text(unit));
      row.push_back(text(parents));
      row.push_back(text("kr_" + std::to_string(kid.value())));
      row.push_back(text(kr->title));
      row.push_back(text(person_email(eval, kr->owner)));
      row.push_back(text(std::string(core::to_string(kr->kind))));
      row.push_back(number(metric ? std::optional<double>(kr->start) : std::nullopt));
      row.push_back(number(metric ? kr->target : std::nullopt));
      row.push_back(number(metric || kr->kind == core::KeyResultKind::kBand
                               ? std::optional<double>(view.current)
                               : std::nullopt));
      row.push_back(text(kr->unit));
      row.push_back(number(view.progress, true));
      row.push_back(number(view.expected, true));
      row.push_back(text(core::to_string(view.status)));
      row.push_back(
          number(view.confidence ? std::optional<double>(*view.confidence) : std::nullopt));
      row.push_back(number(view.score));
      row.push_back(text(view.last_check_in ? core::to_rfc3339(*view.last_check_in) : ""));
      sheet.rows.push_back(std::move(row));
    }
  }
  return sheet;
}

void write_csv(const Sheet& sheet, std::ostream& out) {
  std::string buffer;
  auto field = [&](const std::string& value, bool first) {
    if (!first) out << ',';
    // csv_write quotes the field and doubles its quotes: at most 2n + 2 bytes.
    buffer.resize(value.size() * 2 + 2);
    const std::size_t n = csv_write(buffer.data(), buffer.size(), value.data(), value.size());
    out.write(buffer.data(), static_cast<std::streamsize>(n));
  };
  for (std::size_t i = 0; i < sheet.header.size(); ++i) field(sheet.header[i], i == 0);
  out << "\r\n";
  for (const Row& row : sheet.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) field(format_cell(row[i]), i == 0);
    out << "\r\n";
  }
}

std::string sheet_name(std::string_view title) {
  std::string name;
  int characters = 0;
  for (const char c : title) {
    // Count characters, not bytes, and never keep half of one.
    const bool starts_character = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_character && ++characters > 31) break;
    name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
  }
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  return name.empty() || core::ascii_lowercase(name) == "history" ? "OKRs" : name;
}

core::Result<void> write_xlsx(const Sheet& sheet, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook)
    return core::Error{core::ErrorCode::kUnavailable, "cannot write " + path, {}, {}, {}};
  // A name libxlsxwriter refuses gives no worksheet, and writing to none crashes.
  std::string name = sheet_name(sheet.title);
  if (workbook_validate_sheet_name(workbook, name.c_str()) != LXW_NO_ERROR) name = "OKRs";
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, name.c_str());
  if (!worksheet) {
    workbook_close(workbook);
    return core::Error{core::ErrorCode::kUnavailable, "cannot add a sheet to " + path, {}, {}, {}};
  }
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* percent = workbook_add_format(workbook);
  format_set_num_format(percent, "0%");
  for (std::size_t c = 0; c < sheet.header.size(); ++c) {
    worksheet_write_string(worksheet, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const Cell& cell = sheet.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      if (cell.number) {
        worksheet_write_number(worksheet, row, col, *cell.number, cell.percent ? percent : nullptr);
      } else if (!cell.text.empty()) {
        worksheet_write_string(worksheet, row, col, cell.text.c_str(), nullptr);
      }
    }
  }
  worksheet_freeze_panes(worksheet, 1, 0);
  worksheet_autofilter(worksheet, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                       static_cast<lxw_col_t>(sheet.header.size() - 1));
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    return core::Error{core::ErrorCode::kUnavailable,
                       "writing " + path + " failed: " + lxw_strerror(error),
                       {},
                       {},
                       {}};
  }
  return {};
}

}  // namespace cairn::app::exchange
