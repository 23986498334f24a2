// GET /reports/maturity?as_of (API.md "Collaboration, data, insight";
// docs/maturity.md): the five-stage assessment with every criterion, and the
// stage at the end of each period that had ended by as_of.
//
// Only aggregates (counts, shares, days), never a title or an id of an
// objective, so every member of the organisation may read it.
#include "core/maturity_history.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/json_writer.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

void write_criterion(JsonWriter& w, const MaturityCriterion& c) {
  w.begin_object();
  w.key("id").value(c.id);
  w.key("stage").value(to_string(c.stage));
  w.key("description").value(c.description);
  w.key("measured").value(c.measured);
  w.key("threshold").value(c.threshold);
  w.key("comparison").value(c.at_most ? "at_most" : "at_least");
  w.key("unit").value(c.unit);
  w.key("passed").value(c.passed);
  w.key("next_step");
  if (c.passed) {
    w.null();
  } else {
    w.value(c.next_step);
  }
  w.end_object();
}

Response maturity(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  return context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, *t);
    const MaturityReport report = assess_maturity(eval);
    JsonWriter w;
    w.begin_object();
    w.key("as_of").value(to_rfc3339(*t));
    w.key("stage").value(to_string(report.stage));
    w.key("stage_number").value(static_cast<int>(report.stage));
    w.key("criteria").begin_array();
    for (const MaturityCriterion& c : report.criteria) write_criterion(w, c);
    w.end_array();
    w.key("history").begin_array();
    for (const MaturityMilestone& m : maturity_history(eval)) {
      w.begin_object();
      w.key("period_id").value(api_id(kPeriodPrefix, m.period.value()));
      w.key("name").value(m.name);
      w.key("end_date").value(m.end_date.to_string());
      w.key("stage").value(to_string(m.stage));
      w.key("stage_number").value(static_cast<int>(m.stage));
      w.key("passed").value(static_cast<std::int64_t>(m.passed));
      w.key("total").value(static_cast<std::int64_t>(m.total));
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return Response::json(200, w.take());
  });
}

}  // namespace

void add_maturity_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/reports/maturity"),
            "The OKR maturity assessment as of `as_of`: the stage (curious … master), every "
            "criterion with its measured value, threshold, pass or fail and next step, and the "
            "stage at the end of each period that had ended",
            signed_in_call(context, maturity));
}

}  // namespace cairn::http
