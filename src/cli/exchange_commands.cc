#include "cli/exchange_commands.h"

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "app/exchange/csv_import.h"
#include "app/exchange/document_io.h"
#include "app/exchange/import_stream.h"
#include "app/exchange/spreadsheet_export.h"
#include "app/replay.h"
#include "app/service.h"
#include "cli/clock.h"
#include "cli/database_option.h"
#include "cli/failure.h"
#include "cli/mapped_file.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

namespace exchange = app::exchange;

// The organisation named by --organization, or the store's only one.
std::optional<store::OrganizationRecord> find_organization(store::Store& store,
                                                           const std::string& slug,
                                                           const std::string& command) {
  auto all = store.organizations();
  if (!all) fail(command, all.error().message);
  if (!slug.empty()) {
    for (const store::OrganizationRecord& r : *all) {
      if (r.slug == slug) return r;
    }
    return std::nullopt;
  }
  if (all->size() == 1) return all->front();
  if (all->empty()) return std::nullopt;
  std::string names;
  for (const store::OrganizationRecord& r : *all) names += " " + r.slug;
  fail(command, "the store holds several organisations; choose one with --organization:" + names,
       2);
}

exchange::DocumentFormat format_of(const std::string& given, const std::string& path,
                                   std::string_view text, const std::string& command) {
  if (!given.empty()) {
    auto format = exchange::parse_format(given);
    if (!format) fail(command, "--format is yaml, json or csv", 2);
    return *format;
  }
  if (path.ends_with(".json")) return exchange::DocumentFormat::kJson;
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return exchange::DocumentFormat::kYaml;
  return exchange::sniff_format(text);
}

// ---- export -------------------------------------------------------------------

struct ExportOptions {
  std::string database, organization, format = "yaml", period, output;
};

core::PeriodId find_period(const core::Model& model, const std::string& name,
                           const std::string& command) {
  core::PeriodId found;
  for (std::uint32_t i = 0; i < model.period_count(); ++i) {
    const core::Period& p = *model.period(core::PeriodId{i});
    if (p.name == name || exchange::period_ref(p.id) == name) {
      if (found.valid()) fail(command, "several periods are called " + name + "; give its id");
      found = p.id;
    }
  }
  if (!found.valid()) fail(command, "no period is called " + name);
  return found;
}

// A period's key results as CSV or XLSX; by default the period running now.
void export_sheet(const ExportOptions& options, const core::Model& model,
                  std::optional<core::PeriodId> period) {
  const core::Evaluation eval(model, system_now());
  if (!period) {
    period = eval.running_period();
    if (!period->valid()) fail("export", "no period is running now; choose one with --period");
  }
  const exchange::Sheet sheet = exchange::period_sheet(eval, *period);
  if (options.format == "xlsx") {
    auto written = exchange::write_xlsx(sheet, options.output);
    if (!written) fail("export", written.error().message);
  } else if (options.output.empty() || options.output == "-") {
    exchange::write_csv(sheet, std::cout);
    return;
  } else {
    std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
    if (!file) fail("export", "cannot write " + options.output);
    exchange::write_csv(sheet, file);
    file.close();
    if (!file) fail("export", "writing " + options.output + " failed");
  }
  std::cerr << "Exported " << sheet.rows.size() << " key results of " << sheet.title << " to "
            << options.output << '\n';
}

void run_export(const ExportOptions& options) {
  const std::string database = required_database(options.database, "export");
  const bool sheet = options.format == "csv" || options.format == "xlsx";
  auto format = exchange::parse_format(options.format);
  if (!format && !sheet) fail("export", "--format is yaml, json, csv or xlsx", 2);
  if (options.format == "xlsx" && (options.output.empty() || options.output == "-")) {
    fail("export", "give the XLSX file to write with -o", 2);
  }
  auto store = store::open_store(database);
  if (!store) fail("export", store.error().message);
  auto record = find_organization(**store, options.organization, "export");
  if (!record) {
    fail("export", options.organization.empty()
                       ? "the store " + database + " holds no organisation"
                       : "no organisation " + options.organization + " in " + database);
  }
  auto live = app::load_organization(**store, *record);
  if (!live) fail("export", live.error().message);
  const core::Model& model = *(*live)->model;
  exchange::ExportScope scope;
  if (!options.period.empty()) scope.period = find_period(model, options.period, "export");
  if (sheet) {
    export_sheet(options, model, scope.period);
    return;
  }

  std::ofstream file;
  if (!options.output.empty() && options.output != "-") {
    file.open(options.output, std::ios::binary | std::ios::trunc);
    if (!file) fail("export", "cannot write " + options.output);
  }
  std::ostream& out = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  auto writer = exchange::document_writer(*format, out);
  const exchange::ExportCounts counts = exchange::export_document(model, scope, *writer);
  if (file.is_open()) {
    file.close();
    if (!file) fail("export", "writing " + options.output + " failed");
    std::cerr << "Exported " << record->slug << " to " << options.output << ": "
              << counts.objectives << " objectives, " << counts.key_results << " key results, "
              << counts.check_ins << " check-ins\n";
  }
}

// ---- import -------------------------------------------------------------------

struct ImportOptions {
  std::string database, organization, format, file, period;
  bool dry_run = false;
  bool json = false;
};

std::string organization_name(const boost::json::value& root) {
  const auto* object = root.if_object();
  const auto* org = object ? object->if_contains("organization") : nullptr;
  const auto* fields = org ? org->if_object() : nullptr;
  const auto* name = fields ? fields->if_contains("name") : nullptr;
  return name && name->is_string() ? std::string(name->get_string()) : std::string();
}

double elapsed(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void print_outcome(const ImportOptions& options, const std::string& slug,
                   const exchange::ImportOutcome& outcome, double seconds) {
  const exchange::ImportCounts& c = outcome.counts;
  const std::string shown = slug.empty() ? "a new organisation" : slug;
  if (options.json) {
    boost::json::object out;
    out["organization"] = slug;
    out["dry_run"] = options.dry_run;
    out["committed"] = outcome.committed;
    out["counts"] = {{"people", c.people},         {"units", c.units},
                     {"periods", c.periods},       {"kpis", c.kpis},
                     {"objectives", c.objectives}, {"key_results", c.key_results},
                     {"check_ins", c.check_ins}};
    boost::json::array problems;
    for (const exchange::Problem& p : outcome.problems) {
      problems.push_back({{"line", p.line}, {"path", p.path}, {"message", p.message}});
    }
    out["problems"] = std::move(problems);
    std::cout << boost::json::serialize(out) << '\n';
    return;
  }
  for (const exchange::Problem& p : outcome.problems) {
    std::cerr << options.file << ':' << (p.line > 0 ? std::to_string(p.line) + ": " : " ")
              << (p.path.empty() ? "" : p.path + ": ") << p.message << '\n';
  }
  if (!outcome.problems.empty()) {
    std::cerr << outcome.problems.size() << " problem(s); nothing was imported.\n";
    return;
  }
  std::cout << (options.dry_run ? "Dry run: the document is valid and would import " : "Imported ")
            << c.people << " people, " << c.units << " units, " << c.periods << " periods, "
            << c.kpis << (c.kpis == 1 ? " KPI, " : " KPIs, ") << c.objectives << " objectives, "
            << c.key_results << " key results and " << c.check_ins << " check-ins into " << shown
            << (options.dry_run ? " (nothing was changed)" : "") << std::fixed
            << std::setprecision(1) << " in " << seconds << " s.\n";
}

// A spreadsheet of objectives and key results into an organisation that
// has its people, units and periods.
void import_spreadsheet(const ImportOptions& options, const std::string& database,
                        std::string_view text, std::chrono::steady_clock::time_point started) {
  auto store = store::open_store(database);
  if (!store) fail("import", store.error().message);
  auto record = find_organization(**store, options.organization, "import");
  if (!record) fail("import", "a spreadsheet imports into an organisation that exists");
  auto live = app::load_organization(**store, *record);
  if (!live) fail("import", live.error().message);
  exchange::CsvImportOptions csv;
  csv.now = system_now();
  if (!options.period.empty()) csv.period = find_period(*(*live)->model, options.period, "import");
  auto bulk = app::BulkTarget::begin(**store, **live, "import");
  if (!bulk) fail("import", bulk.error().message);
  exchange::CsvImportOutcome result = exchange::import_csv(text, **bulk, csv);
  exchange::ImportOutcome& outcome = result.outcome;
  if (outcome.problems.empty() && !options.dry_run) {
    auto committed = (*bulk)->commit();
    if (!committed) fail("import", "the store refused the import: " + committed.error().message);
    outcome.committed = true;
  }
  print_outcome(options, record->slug, outcome, elapsed(started));
  if (!options.json && outcome.problems.empty()) {
    if (result.updated_check_ins > 0) {
      std::cout << result.updated_check_ins << " of the check-ins update key results that "
                << "existed already.\n";
    }
    if (!result.ignored_columns.empty()) {
      std::cout << "Columns left out:";
      for (const std::string& c : result.ignored_columns) std::cout << " \"" << c << '"';
      std::cout << '\n';
    }
  }
  if (!outcome.problems.empty()) throw CLI::RuntimeError(1);
}

void run_import(const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const std::string database = required_database(options.database, "import");
  const MappedFile file(options.file, "import");
  const std::string_view text = file.text();
  if (options.format == "csv" || (options.format.empty() && options.file.ends_with(".csv"))) {
    import_spreadsheet(options, database, text, started);
    return;
  }
  const exchange::DocumentFormat format = format_of(options.format, options.file, text, "import");
  auto read = exchange::read_import(text, format, system_now());
  if (!read) {
    exchange::ImportOutcome outcome;
    outcome.problems.push_back(exchange::Problem{"", 0, read.error().message});
    print_outcome(options, options.organization, outcome, 0);
    throw CLI::RuntimeError(1);
  }
  const exchange::ParsedDocument& parsed = read->document;
  const exchange::PlannedImport& planned = read->planned;

  auto store = store::open_store(database);
  if (!store) fail("import", store.error().message);
  auto record = find_organization(**store, options.organization, "import");
  std::unique_ptr<store::WriteTransaction> write;
  if (!record && options.dry_run) {
    // Nothing is created: the dry run into a new organisation runs in memory.
    // (One into an existing organisation runs in a store transaction that is
    // never committed.)
    core::Model scratch;
    app::ModelTarget target(scratch);
    scratch.begin_bulk_load();  // one roll-up at the end, as the store's bulk target does
    const exchange::ImportOutcome trial = exchange::import_document(parsed, planned, target);
    scratch.end_bulk_load();
    print_outcome(options, options.organization, trial, elapsed(started));
    if (!trial.problems.empty()) throw CLI::RuntimeError(1);
    return;
  }
  if (!record) {
    // A new organisation, named by --organization or after the document's,
    // created in the import's own transaction: a refused import leaves no
    // empty organisation behind.
    const std::string slug = options.organization.empty()
                                 ? app::slug_of(organization_name(parsed.root()))
                                 : options.organization;
    auto begun = (*store)->begin_new_organization(slug, system_now());
    if (!begun) fail("import", begun.error().message);
    record = begun->record;
    write = std::move(begun->write);
  }
  const bool created = write != nullptr;
  auto live = app::load_organization(**store, *record);
  if (!live) fail("import", live.error().message);
  auto bulk = write ? app::BulkTarget::begin(**store, **live, "import", std::move(write))
                    : app::BulkTarget::begin(**store, **live, "import");
  if (!bulk) fail("import", bulk.error().message);
  exchange::ImportOutcome outcome = exchange::import_document(parsed, planned, **bulk);
  if (outcome.problems.empty() && !options.dry_run) {
    auto committed = (*bulk)->commit();
    if (!committed) fail("import", "the store refused the import: " + committed.error().message);
    outcome.committed = true;
  }
  // A refused import into a new organisation created none.
  const bool exists = !created || outcome.committed;
  print_outcome(options, exists ? record->slug : options.organization, outcome, elapsed(started));
  if (!outcome.problems.empty()) throw CLI::RuntimeError(1);
}

}  // namespace

void add_exchange_commands(CLI::App& app) {
  auto export_options = std::make_shared<ExportOptions>();
  CLI::App* out = app.add_subcommand(
      "export",
      "Write an organisation, or one period, as OKRs as code (YAML, JSON) or a spreadsheet of "
      "its key results (CSV, XLSX)");
  out->add_option("--database", export_options->database,
                  "The store: a SQLite file or postgres:// URL (default $CAIRN_DATABASE_URL)");
  out->add_option("--organization", export_options->organization,
                  "The organisation's slug (default: the store's only organisation)");
  out->add_option("--format", export_options->format,
                  "yaml (default), json, csv or xlsx (a spreadsheet: one row per key result of "
                  "--period, by default the period running now)");
  out->add_option("--period", export_options->period,
                  "Only this period (its name, e.g. \"Q2 2026\", or its id prd_N)");
  out->add_option("-o,--output", export_options->output, "The file to write (default stdout)");
  out->callback([export_options] { run_export(*export_options); });

  auto import_options = std::make_shared<ImportOptions>();
  CLI::App* in = app.add_subcommand(
      "import",
      "Read OKRs as code (YAML, JSON) or a spreadsheet of key results (CSV) into an "
      "organisation, all or nothing");
  in->add_option("--database", import_options->database,
                 "The store: a SQLite file or postgres:// URL (default $CAIRN_DATABASE_URL)");
  in->add_option("--organization", import_options->organization,
                 "The organisation's slug; created when it does not exist (default: the store's "
                 "only organisation, or a new one named after the document's)");
  in->add_option("--format", import_options->format,
                 "yaml, json or csv (default: from the file's extension or content)");
  in->add_option("--period", import_options->period,
                 "CSV: the period of rows without a period column (default: the one running now)");
  in->add_flag("--dry-run", import_options->dry_run,
               "Check everything and report every problem; change nothing");
  in->add_flag("--json", import_options->json, "Print the outcome as JSON");
  in->add_option("file", import_options->file, "The document")->required();
  in->callback([import_options] { run_import(*import_options); });
}

}  // namespace cairn::cli
