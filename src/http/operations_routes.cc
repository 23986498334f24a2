// GET /healthz and GET /metrics, outside /api/v1.
#include "http/api_errors.h"
#include "http/api_routes.h"

namespace cairn::http {

void add_operations_routes(Router& router, ApiContext& context,
                           std::function<std::string()> server_metrics) {
  router.add("GET", "/healthz", [&context](Request&) {
    auto store = context.service.check_store();
    if (!store) return problem_for(store.error());
    return Response::json(200, R"({"status":"ok"})");
  });
  router.add("GET", "/metrics", [&context, server_metrics](Request&) {
    const app::Service::Totals totals = context.service.totals();
    std::string text = server_metrics();
    auto gauge = [&](const char* name, const char* help, std::size_t value) {
      text += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name +
              " " + std::to_string(value) + "\n";
    };
    gauge("cairn_organizations", "Organisations held in memory.", totals.organizations);
    gauge("cairn_people", "People in all organisations.", totals.people);
    gauge("cairn_objectives", "Objectives in all organisations.", totals.objectives);
    gauge("cairn_key_results", "Key results in all organisations.", totals.key_results);
    gauge("cairn_check_ins", "Check-ins in all organisations.", totals.check_ins);
    Response response;
    response.body = std::move(text);
    response.content_type = "text/plain; version=0.0.4";
    return response;
  });
}

}  // namespace cairn::http
