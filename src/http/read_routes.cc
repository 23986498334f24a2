#include "http/api_routes.h"

namespace cairn::http {

void add_read_routes(Router& router, ApiContext& context) {
  add_directory_routes(router, context);
  add_objective_routes(router, context);
  add_key_result_routes(router, context);
}

}  // namespace cairn::http
