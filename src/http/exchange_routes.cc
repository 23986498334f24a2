// GET /export and POST /import: OKRs as code over HTTP (docs/okrs-as-code.md),
// the same documents as `cairn export` and `cairn import`.
//
// OKRs as code is for admins only: a document holds every person's email and
// every private objective, so there is no partial view of it to give anyone
// else. A period's spreadsheet (?format=csv|xlsx) is for anyone signed in,
// without the objectives they may not see.
// An import is all or nothing, in one store transaction; ?dry_run=true runs
// it and keeps nothing. Its body may be larger than other requests' (the
// server's import body limit, 50 MiB by default).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/access.h"
#include "app/exchange/document_io.h"
#include "app/exchange/spreadsheet_export.h"
#include "core/evaluation.h"
#include "http/api_handler.h"
#include "http/api_ids.h"
#include "http/api_routes.h"
#include "http/json_writer.h"

namespace cairn::http {
namespace {

namespace exchange = app::exchange;

core::Error admins_only(std::string_view what) {
  return core::forbidden("only admins " + std::string(what));
}

const std::string* param(const Request& request, const char* name) {
  const auto it = request.query.find(name);
  return it == request.query.end() ? nullptr : &it->second;
}

// A period's key results as CSV or XLSX, for anyone signed in: what they may
// not see is left out.
Response export_sheet(ApiContext& context, const app::Principal& who, bool xlsx,
                      std::optional<core::PeriodId> period) {
  exchange::Sheet sheet;
  const core::Instant now = context.now();
  const bool found = context.service.read(who.organization, [&](const core::Model& model) {
    const core::Evaluation eval(model, now);
    if (!period) period = eval.running_period();
    if (!period->valid() || !model.period(*period)) return false;
    sheet = exchange::period_sheet(
        eval, *period, [&](core::ObjectiveId id) { return app::can_see(model, who, id); });
    return true;
  });
  if (!found) {
    return problem_for(period ? core::not_found("period")
                              : core::invalid("period_id", "no period is running now: give one"));
  }
  // Who took which period's figures away, as the security log promises.
  const auto recorded = [&] {
    context.service.record_export(who, "period:" + std::to_string(period->value()),
                                  xlsx ? "xlsx" : "csv", now);
  };
  Response response;
  if (!xlsx) {
    std::ostringstream out;
    exchange::write_csv(sheet, out);
    response.body = std::move(out).str();
    response.content_type = "text/csv; charset=utf-8";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"okrs.csv\"");
    recorded();
    return response;
  }
  // libxlsxwriter writes a file: a private temporary one, read back and removed.
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("cairn-export-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()) + ".xlsx");
  auto written = exchange::write_xlsx(sheet, path.string());
  if (written) {
    std::ifstream in(path, std::ios::binary);
    response.body.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (!written) return problem_for(written.error());
  recorded();
  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"okrs.xlsx\"");
  return response;
}

Response export_document(ApiContext& context, const Request& request, const app::Principal& who) {
  std::optional<core::PeriodId> period;
  if (const std::string* id = param(request, "period_id")) {
    auto index = parse_api_id(kPeriodPrefix, *id);
    if (!index) return problem_for(core::invalid("period_id", "is not a period id"));
    period = core::PeriodId{*index};
  }
  const std::string* name = param(request, "format");
  if (name && (*name == "csv" || *name == "xlsx")) {
    return export_sheet(context, who, *name == "xlsx", period);
  }
  if (!context.service.is_admin(who)) return problem_for(admins_only("export OKRs as code"));
  exchange::DocumentFormat format = exchange::DocumentFormat::kJson;
  if (name) {
    auto parsed = exchange::parse_format(*name);
    if (!parsed) return problem_for(core::invalid("format", "is json, yaml, csv or xlsx"));
    format = *parsed;
  }
  std::ostringstream out;
  const bool found = context.service.read(who.organization, [&](const core::Model& model) {
    if (period && !model.period(*period)) return false;
    auto writer = exchange::document_writer(format, out);
    exchange::export_document(model, exchange::ExportScope{period}, *writer);
    return true;
  });
  if (!found) return problem_for(core::not_found("period"));
  const bool json = format == exchange::DocumentFormat::kJson;
  context.service.record_export(who,
                                period ? "period:" + std::to_string(period->value())
                                       : "organization:" + std::to_string(who.organization),
                                json ? "json" : "yaml", context.now());
  Response response;
  response.body = std::move(out).str();
  response.content_type = json ? "application/json" : "application/yaml; charset=utf-8";
  response.headers.emplace_back("Content-Disposition", json ? "attachment; filename=\"okrs.json\""
                                                            : "attachment; filename=\"okrs.yaml\"");
  return response;
}

void write_outcome(JsonWriter& w, const exchange::ImportOutcome& outcome) {
  const exchange::ImportCounts& c = outcome.counts;
  w.key("counts").begin_object();
  w.key("people").value(static_cast<std::int64_t>(c.people));
  w.key("units").value(static_cast<std::int64_t>(c.units));
  w.key("periods").value(static_cast<std::int64_t>(c.periods));
  w.key("kpis").value(static_cast<std::int64_t>(c.kpis));
  w.key("objectives").value(static_cast<std::int64_t>(c.objectives));
  w.key("key_results").value(static_cast<std::int64_t>(c.key_results));
  w.key("check_ins").value(static_cast<std::int64_t>(c.check_ins));
  w.end_object();
}

Response import_document(ApiContext& context, const Request& request, const app::Principal& who) {
  bool dry_run = false;
  if (const std::string* flag = param(request, "dry_run")) {
    if (*flag != "true" && *flag != "false") {
      return problem_for(core::invalid("dry_run", "is true or false"));
    }
    dry_run = *flag == "true";
  }
  exchange::DocumentFormat format = exchange::sniff_format(request.body);
  if (const std::string* type = request.header("content-type")) {
    if (type->starts_with("application/json")) {
      format = exchange::DocumentFormat::kJson;
    } else if (type->find("yaml") != std::string::npos) {
      format = exchange::DocumentFormat::kYaml;
    }
  }
  exchange::ImportOutcome outcome;
  auto committed = context.service.bulk_write(
      who, context.now(), [&](app::CommandTarget& target) -> core::Result<bool> {
        outcome = exchange::import_document(request.body, format, target, context.now());
        return outcome.problems.empty() && !dry_run;
      });
  if (!committed) return problem_for(committed.error());
  if (!outcome.problems.empty()) {
    JsonWriter problems;
    problems.begin_array();
    for (const exchange::Problem& p : outcome.problems) {
      problems.begin_object();
      problems.key("line").value(p.line);
      problems.key("path").value(p.path);
      problems.key("message").value(p.message);
      problems.end_object();
    }
    problems.end_array();
    return Response::problem(
        422, "urn:cairn:problem:import", "The document cannot be imported",
        std::to_string(outcome.problems.size()) + " problem(s); nothing was imported",
        {{"problems", problems.take()}});
  }
  JsonWriter w;
  w.begin_object();
  w.key("dry_run").value(dry_run);
  w.key("committed").value(*committed);
  write_outcome(w, outcome);
  w.end_object();
  return Response::json(200, w.take());
}

}  // namespace

void add_exchange_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/export"),
            "The organisation (or ?period_id's period) as OKRs as code, ?format=json|yaml "
            "(admins), or a period's key results as ?format=csv|xlsx (what you may see)",
            signed_in(context, [&context](Request& request, const app::Principal& who) {
              return export_document(context, request, who);
            }));
  add_route(router, context, "POST", route("/import"),
            "Admins: import OKRs as code (JSON or YAML body), all or nothing; ?dry_run=true "
            "keeps nothing; 422 lists every problem with its line",
            signed_in(context, [&context](Request& request, const app::Principal& who) {
              return import_document(context, request, who);
            }));
}

}  // namespace cairn::http
