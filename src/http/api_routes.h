// The REST API v1 routes (API.md) and the operations endpoints (/healthz,
// /metrics), added to a Router.
#pragma once

#include <functional>
#include <string>

#include "http/api_context.h"
#include "http/router.h"

namespace cairn::http {

// Adds a route with its one-line documentation (see openapi.h).
void add_route(Router& router, ApiContext& context, std::string method, std::string pattern,
               std::string summary, Handler handler);

// Every /api/v1 route, documented, ending with GET /api/v1/openapi.json.
// `cairn serve` and the tests that walk every route use this one list.
void add_api_routes(Router& router, ApiContext& context);

// Setup, the caller, API tokens and the organisation.
void add_account_routes(Router& router, ApiContext& context);
// POST /key-results/{id}/check-ins.
void add_check_in_routes(Router& router, ApiContext& context);
// The read side of the core API, as of `?as_of=`: the directory (units,
// people, periods), objectives and key results with their check-ins.
void add_read_routes(Router& router, ApiContext& context);
void add_directory_routes(Router& router, ApiContext& context);
void add_objective_routes(Router& router, ApiContext& context);
void add_key_result_routes(Router& router, ApiContext& context);
// The directory's writes: PATCH /organization, units and their members,
// people, periods and closing them.
void add_directory_write_routes(Router& router, ApiContext& context);
// Objectives' and key results' writes: create, change, archive, align,
// close, score, roll over; and how their numbers were computed (explain, tree).
void add_objective_write_routes(Router& router, ApiContext& context);
void add_key_result_write_routes(Router& router, ApiContext& context);
void add_explain_routes(Router& router, ApiContext& context);
// GET /events: Server-Sent Events.
void add_live_routes(Router& router, ApiContext& context);
void add_notification_routes(Router& router, ApiContext& context);
// Initiatives, comments and reactions, the dashboard, the audit log.
void add_initiative_routes(Router& router, ApiContext& context);
void add_comment_routes(Router& router, ApiContext& context);
// GET and POST /retrospectives (retrospective_routes.cc).
void add_retrospective_routes(Router& router, ApiContext& context);
void add_dashboard_routes(Router& router, ApiContext& context);
// The insight reports: GET /reports/maturity, /reports/health, /reports/compare.
void add_maturity_routes(Router& router, ApiContext& context);
void add_health_routes(Router& router, ApiContext& context);
void add_compare_routes(Router& router, ApiContext& context);
// GET /reports/period.pdf: the period report as a PDF.
void add_period_report_routes(Router& router, ApiContext& context);
void add_alignment_routes(Router& router, ApiContext& context);
void add_audit_routes(Router& router, ApiContext& context);
// GET /audit/security: sign-ins, failures, denied access... for admins.
void add_security_event_routes(Router& router, ApiContext& context);
// GET /export and POST /import: OKRs as code, for admins.
void add_exchange_routes(Router& router, ApiContext& context);
// KPIs and their sources (kpi_routes.cc).
void add_kpi_routes(Router& router, ApiContext& context);
// GET /healthz and GET /metrics; `server_metrics` gives the HTTP counters.
void add_operations_routes(Router& router, ApiContext& context,
                           std::function<std::string()> server_metrics);

}  // namespace cairn::http
