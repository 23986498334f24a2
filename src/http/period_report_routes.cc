// The period report for the all-hands review (app/report), with only the
// objectives the caller may see: GET /reports/period?period_id&as_of as JSON
// (what the web app's printable report shows) and GET /reports/period.pdf,
// the same report drawn as a PDF.
#include "app/report/period_report.h"
#include "app/report/report_pdf.h"
#include "core/names.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/collaboration_json.h"
#include "http/health_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// The period's name as a file name: letters, digits and dashes.
std::string file_name(const std::string& period) {
  std::string out;
  for (char c : period) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep)
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return (out.empty() ? "period" : out) + "-review.pdf";
}

// The report the request asks for, or the problem with it.
Result<app::PeriodReport> report_for(ApiContext& context, Request& request,
                                     const app::Principal& who, Instant& t) {
  auto at = as_of(request, context.now());
  if (!at) return at.error();
  t = *at;
  FieldErrors errors;
  const auto period_id = errors.take(query_id<PeriodId>(request, "period_id", kPeriodPrefix));
  if (!errors.empty()) return errors.error();
  return context.service.read(
      who.organization, [&](const Model& model) -> Result<app::PeriodReport> {
        const auto period = named_or_running_period(Evaluation(model, t), period_id);
        if (!period) return period.error();
        return app::period_report(model, who, *period, t);
      });
}

void write_key_result(JsonWriter& w, const app::ReportKeyResult& kr) {
  w.begin_object();
  w.key("id").value(api_id(kKeyResultPrefix, kr.id.value()));
  w.key("title").value(kr.title);
  w.key("current").value(kr.current);  // metrics only, else null
  w.key("target").value(kr.target);
  w.key("unit").value(kr.unit);
  w.key("progress").value(kr.progress);
  w.key("score").value(kr.score);
  w.key("forecast").value(kr.forecast);
  w.end_object();
}

void write_objective(JsonWriter& w, const app::ReportObjective& o) {
  w.begin_object();
  w.key("id").value(api_id(kObjectivePrefix, o.id.value()));
  w.key("title").value(o.title);
  w.key("type").value(to_string(o.type));
  w.key("progress").value(o.progress);
  w.key("status").value(to_string(o.status));
  w.key("score").value(o.score);
  w.key("success");  // judged on a score: null before there is one
  if (o.score) {
    w.value(o.success);
  } else {
    w.null();
  }
  w.key("forecast").value(o.forecast);
  w.key("key_results").begin_array();
  for (const app::ReportKeyResult& kr : o.key_results) write_key_result(w, kr);
  w.end_array();
  w.end_object();
}

Response period_json(ApiContext& context, Request& request, const app::Principal& who) {
  Instant t;
  auto report = report_for(context, request, who, t);
  if (!report) return problem_for(report.error());
  const app::PeriodReport& r = *report;
  JsonWriter w;
  w.begin_object();
  w.key("period_id").value(api_id(kPeriodPrefix, r.period_id.value()));
  w.key("name").value(r.period);
  w.key("start_date").value(r.start_date.to_string());
  w.key("end_date").value(r.end_date.to_string());
  w.key("state").value(to_string(r.state));
  w.key("as_of").value(to_rfc3339(t));
  w.key("organization").value(r.organization);
  w.key("mission").value(r.mission);
  w.key("company_progress").value(r.company_progress);
  w.key("heading_for").value(r.heading_for);
  w.key("health").begin_object();
  write_health(w, r.health);
  w.end_object();
  w.key("objectives").value(static_cast<std::int64_t>(r.objectives));
  w.key("succeeded").value(static_cast<std::int64_t>(r.succeeded));
  w.key("maturity").begin_object();
  w.key("stage").value(to_string(r.maturity));
  w.key("stage_number").value(static_cast<std::int64_t>(r.maturity));
  w.end_object();
  w.key("units").begin_array();
  for (const app::ReportUnit& u : r.units) {
    w.begin_object();
    w.key("id").value(api_id(kUnitPrefix, u.id.value()));
    w.key("name").value(u.name);
    w.key("objectives").begin_array();
    for (const app::ReportObjective& o : u.objectives) write_objective(w, o);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("retrospectives").begin_array();
  for (const app::ReportRetrospective& rr : r.retrospectives) {
    write_retrospective(w, rr.retrospective, rr.revision, rr.unit);
  }
  w.end_array();
  w.end_object();
  return Response::json(200, w.take());
}

Response period_pdf(ApiContext& context, Request& request, const app::Principal& who) {
  Instant t;
  auto report = report_for(context, request, who, t);
  if (!report) return problem_for(report.error());
  Response response;
  response.content_type = "application/pdf";
  response.body = app::render_pdf(*report, t);
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"" + file_name(report->period) + "\"");
  return response;
}

}  // namespace

void add_period_report_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/reports/period"),
            "The period report for the all-hands review (period_id, default the running "
            "period; as_of): the period's numbers, each unit's objectives with their key "
            "results, the retrospectives",
            signed_in_call(context, period_json));
  add_route(router, context, "GET", route("/reports/period.pdf"), "The same period report as a PDF",
            signed_in_call(context, period_pdf));
}

}  // namespace cairn::http
