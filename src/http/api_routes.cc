// Every /api/v1 route in one place, so `cairn serve`, the OpenAPI test and the
// outsider walk register exactly the same set.
#include "http/api_routes.h"

#include "http/openapi.h"

namespace cairn::http {

void add_read_routes(Router& router, ApiContext& context) {
  add_directory_routes(router, context);
  add_objective_routes(router, context);
  add_key_result_routes(router, context);
}

void add_api_routes(Router& router, ApiContext& context) {
  add_account_routes(router, context);
  add_check_in_routes(router, context);
  add_read_routes(router, context);
  add_directory_write_routes(router, context);
  add_objective_write_routes(router, context);
  add_key_result_write_routes(router, context);
  add_explain_routes(router, context);
  add_live_routes(router, context);
  add_notification_routes(router, context);
  add_initiative_routes(router, context);
  add_kpi_routes(router, context);
  add_comment_routes(router, context);
  add_retrospective_routes(router, context);
  add_dashboard_routes(router, context);
  add_maturity_routes(router, context);
  add_health_routes(router, context);
  add_compare_routes(router, context);
  add_period_report_routes(router, context);
  add_alignment_routes(router, context);
  add_audit_routes(router, context);
  add_security_event_routes(router, context);
  add_exchange_routes(router, context);
  // Last: the document describes every route added before it.
  add_openapi_route(router, context.docs);
}

}  // namespace cairn::http
