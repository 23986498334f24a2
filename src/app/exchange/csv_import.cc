#include "app/exchange/csv_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <map>
#include <unordered_map>

#include "app/exchange/csv_records.h"
#include "app/exchange/spreadsheet_export.h"
#include "core/evaluation.h"

namespace cairn::app::exchange {
namespace {

using Record = CsvRow;

std::string normalized(std::string_view header) {
  return normalized_header(header);
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// A number as people type it: "1,200" and "1 200" read as 1200, "45%" as 45.
std::optional<double> parse_number(std::string text) {
  std::erase_if(text, [](char c) { return c == ',' || c == ' ' || c == '%' || c == '_'; });
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

class CsvImporter {
 public:
  CsvImporter(CommandTarget& target, const CsvImportOptions& options, CsvImportOutcome& out)
      : target_(target), options_(options), out_(out) {}

  void run(std::vector<Record>& rows) {
    if (rows.empty()) {
      problem(1, "the file is empty: the first row names the columns");
      return;
    }
    if (!read_header(rows[0])) return;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const Record& row = rows[i];
      if (std::all_of(row.begin(), row.end(),
                      [](const std::string& f) { return trimmed(f).empty(); })) {
        continue;  // blank lines between blocks
      }
      import_row(static_cast<int>(i + 1), row);
    }
  }

 private:
  const core::Model& model() const { return target_.model(); }
  void problem(int row, std::string message) {
    out_.outcome.problems.push_back(Problem{"", row, std::move(message)});
  }
  std::string field(const Record& row, const char* column) const {
    auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= row.size()) return "";
    return trimmed(row[it->second]);
  }

  bool read_header(const Record& header) {
    static constexpr const char* kKnown[] = {"objective", "keyresult",  "owner",         "unit",
                                             "period",    "start",      "target",        "current",
                                             "measure",   "confidence", "objectiveowner"};
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string name = normalized(header[i]);
      if (std::find(std::begin(kKnown), std::end(kKnown), name) != std::end(kKnown)) {
        if (!columns_.emplace(name, i).second) {
          problem(1, "the column \"" + header[i] + "\" appears twice");
        }
      } else if (!trimmed(header[i]).empty()) {
        out_.ignored_columns.push_back(trimmed(header[i]));
      }
    }
    bool ok = true;
    for (const char* required : {"objective", "keyresult"}) {
      if (!columns_.count(required)) {
        problem(1, std::string("a column \"") +
                       (std::string_view(required) == "objective" ? "objective" : "key result") +
                       "\" is required");
        ok = false;
      }
    }
    return ok && out_.outcome.problems.empty();
  }

  // A person by email, else by exact full name when only one person has it.
  std::optional<core::PersonId> person(int row, const std::string& text) {
    if (text.find('@') != std::string::npos) {
      const core::PersonId id = model().person_by_email(text);
      if (id.valid()) return id;
      problem(row, "owner: nobody has the email " + text);
      return std::nullopt;
    }
    if (people_by_name_.empty()) {
      for (std::uint32_t i = 0; i < model().person_count(); ++i) {
        people_by_name_.emplace(model().person(core::PersonId{i})->name, core::PersonId{i});
      }
    }
    const auto [first, last] = people_by_name_.equal_range(text);
    if (first == last) {
      problem(row, "owner: nobody is called " + text);
      return std::nullopt;
    }
    if (std::next(first) != last) {
      problem(row, "owner: several people are called " + text + "; give the email");
      return std::nullopt;
    }
    return first->second;
  }

  std::optional<core::UnitId> unit(int row, const std::string& name) {
    if (name.empty()) {
      if (model().company().valid()) return model().company();
      problem(row, "unit: the organisation has no company unit; name the unit");
      return std::nullopt;
    }
    if (units_by_name_.empty()) {
      for (std::uint32_t i = 0; i < model().unit_count(); ++i) {
        const core::Unit& u = *model().unit(core::UnitId{i});
        if (!u.archived) units_by_name_.emplace(u.name, u.id);
      }
    }
    const auto [first, last] = units_by_name_.equal_range(name);
    if (first == last) {
      problem(row, "unit: no unit is called " + name);
      return std::nullopt;
    }
    if (std::next(first) != last) {
      problem(row, "unit: several units are called " + name);
      return std::nullopt;
    }
    return first->second;
  }

  std::optional<core::PeriodId> period(int row, const std::string& name) {
    if (name.empty()) {
      if (options_.period) return options_.period;
      const core::Evaluation eval(model(), options_.now);
      const core::PeriodId running = eval.running_period();
      if (running.valid()) return running;
      problem(row, "period: no period is running now; add a period column or choose one");
      return std::nullopt;
    }
    for (std::uint32_t i = 0; i < model().period_count(); ++i) {
      if (model().period(core::PeriodId{i})->name == name) return core::PeriodId{i};
    }
    problem(row, "period: no period is called " + name);
    return std::nullopt;
  }

  std::optional<double> number(int row, const Record& record, const char* column,
                               const char* shown) {
    const std::string text = field(record, column);
    if (text.empty()) return std::nullopt;
    auto value = parse_number(text);
    if (!value) problem(row, std::string(shown) + ": \"" + text + "\" is not a number");
    return value;
  }

  // Runs a command; a refusal is a problem of the row.
  std::optional<std::uint32_t> run(int row, const Command& command) {
    out_.outcome.counts.commands++;
    auto applied = target_.run(command, options_.now);
    if (!applied) {
      problem(row, refusal_message(applied.error()));
      return std::nullopt;
    }
    return applied->created.value_or(0);
  }

  void import_row(int row, const Record& record) {
    const std::size_t problems_before = out_.outcome.problems.size();
    const std::string objective_title = field(record, "objective");
    const std::string key_result_title = field(record, "keyresult");
    if (objective_title.empty()) problem(row, "objective: is empty");
    if (key_result_title.empty()) problem(row, "key result: is empty");
    // Who owns the objective: "objective owner" (a person's email or a unit's
    // name) when the sheet has it, else the row's unit.
    std::optional<core::Owner> objective_owner;
    const std::string owner_text = field(record, "objectiveowner");
    if (owner_text.find('@') != std::string::npos) {
      if (auto p = person(row, owner_text)) objective_owner = core::Owner::of_person(*p);
    } else if (auto u = unit(row, owner_text.empty() ? field(record, "unit") : owner_text)) {
      objective_owner = core::Owner::of_unit(*u);
    }
    const auto period_id = period(row, field(record, "period"));
    std::optional<core::PersonId> owner;
    if (const std::string text = field(record, "owner"); !text.empty()) owner = person(row, text);
    const double start = number(row, record, "start", "start").value_or(0);
    const auto target = number(row, record, "target", "target");
    const auto current = number(row, record, "current", "current");
    std::optional<int> confidence;
    if (auto c = number(row, record, "confidence", "confidence")) {
      if (*c < 1 || *c > 10 || *c != std::floor(*c)) {
        problem(row, "confidence: is a whole number from 1 to 10");
      } else {
        confidence = static_cast<int>(*c);
      }
    }
    if (out_.outcome.problems.size() != problems_before || !objective_owner || !period_id) return;

    // The objective: made once for its (title, owner, period), or found.
    const std::uint64_t owner_key =
        objective_owner->is_unit() ? objective_owner->unit.value()
                                   : (std::uint64_t{1} << 32) | objective_owner->person.value();
    const auto key = std::make_tuple(objective_title, owner_key, period_id->value());
    core::ObjectiveId objective;
    if (auto seen = objectives_.find(key); seen != objectives_.end()) {
      objective = seen->second;
    } else {
      objective = existing_objective(objective_title, *objective_owner, *period_id);
      if (!objective.valid()) {
        core::Objective o;
        o.title = objective_title;
        o.period = *period_id;
        o.owner = *objective_owner;
        auto made = run(row, AddObjective{o});
        if (!made) return;
        objective = core::ObjectiveId{*made};
        out_.outcome.counts.objectives++;
      }
      objectives_.emplace(key, objective);
    }

    core::KeyResultId key_result = existing_key_result(objective, key_result_title);
    const bool existed = key_result.valid();
    if (!existed) {
      core::KeyResult kr;
      kr.objective = objective;
      kr.title = key_result_title;
      kr.owner = owner.value_or(core::PersonId{});
      kr.start = start;
      kr.target = target;
      kr.unit = field(record, "measure");
      auto made = run(row, AddKeyResult{kr});
      if (!made) return;
      key_result = core::KeyResultId{*made};
      out_.outcome.counts.key_results++;
    }
    if (!current) return;
    const core::KeyResult& kr = *model().key_result(key_result);
    // A value computed from other key results (or a KPI) is not checked in:
    // a sheet exported by Cairn shows it, and importing it back changes nothing.
    if (kr.source != core::ProgressSource::kCheckIns) return;
    const core::CheckIn* latest = model().latest_check_in(key_result, options_.now);
    const double now_value = latest ? latest->measurement.value : kr.start;
    // As the sheet shows the current value (spreadsheet_export.h): a sheet
    // exported by Cairn leaves 45.57777777777778 at 45.5777777778.
    if (*current == now_value || *current == sheet_value(now_value)) return;
    core::CheckIn c;
    c.key_result = key_result;
    c.author = kr.owner.valid() ? kr.owner : owner.value_or(core::PersonId{});
    c.measurement.value = *current;
    c.confidence = confidence;
    c.at = options_.now;
    if (!c.author.valid()) {
      problem(row, "owner: a key result without an owner cannot be checked in");
      return;
    }
    if (run(row, AddCheckIn{c})) {
      out_.outcome.counts.check_ins++;
      if (existed) out_.updated_check_ins++;
    }
  }

  core::ObjectiveId existing_objective(const std::string& title, const core::Owner& owner,
                                       core::PeriodId period) const {
    for (core::ObjectiveId id : model().objectives_in(period)) {
      const core::Objective& o = *model().objective(id);
      if (o.period == period && o.title == title && o.owner == owner && !o.archived()) {
        return id;
      }
    }
    return {};
  }
  core::KeyResultId existing_key_result(core::ObjectiveId objective,
                                        const std::string& title) const {
    for (core::KeyResultId id : model().key_results_of(objective)) {
      const core::KeyResult& kr = *model().key_result(id);
      if (kr.title == title && !kr.archived) return id;
    }
    return {};
  }

  CommandTarget& target_;
  const CsvImportOptions& options_;
  CsvImportOutcome& out_;
  std::map<std::string, std::size_t> columns_;
  // Names → people and units, made on first use: a sheet of thousands of rows
  // must not scan the whole organisation for each.
  std::unordered_multimap<std::string, core::PersonId> people_by_name_;
  std::unordered_multimap<std::string, core::UnitId> units_by_name_;
  std::map<std::tuple<std::string, std::uint64_t, std::uint32_t>, core::ObjectiveId> objectives_;
};

}  // namespace

CsvImportOutcome import_csv(std::string_view text, CommandTarget& target,
                            const CsvImportOptions& options) {
  CsvImportOutcome out;
  CsvRecords records = read_csv(text);
  if (!records.error.empty()) {
    out.outcome.problems.push_back(Problem{"", records.error_line, records.error});
    return out;
  }
  CsvImporter(target, options, out).run(records.rows);
  return out;
}

}  // namespace cairn::app::exchange
