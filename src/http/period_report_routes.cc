// GET /reports/period.pdf?period_id&as_of: the period report for the
// all-hands review as a PDF (app/report), the same content as the web app's
// printable report, with only the objectives the caller may see.
#include "app/report/period_report.h"
#include "app/report/report_pdf.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
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

Response period_pdf(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  FieldErrors errors;
  const auto period_id = errors.take(query_id<PeriodId>(request, "period_id", kPeriodPrefix));
  if (!errors.empty()) return problem_for(errors.error());
  std::optional<app::PeriodReport> report;
  auto refused = context.service.read(who.organization, [&](const Model& model) -> Result<void> {
    const auto period = named_or_running_period(Evaluation(model, *t), period_id);
    if (!period) return period.error();
    report = app::period_report(model, who, *period, *t);
    return {};
  });
  if (!refused) return problem_for(refused.error());
  // Drawing takes a while for a large organisation: outside the read lock.
  Response response;
  response.status = 200;
  response.content_type = "application/pdf";
  response.body = app::render_pdf(*report, *t);
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"" + file_name(report->period) + "\"");
  return response;
}

}  // namespace

void add_period_report_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/reports/period.pdf"),
            "The period report for the all-hands review as a PDF (period_id, default the "
            "running period; as_of)",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return period_pdf(context, r, who);
            }));
}

}  // namespace cairn::http
