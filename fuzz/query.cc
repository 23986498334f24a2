// Fuzz target query: a query string for one of the API's reads (the first
// byte chooses which, and as whom: the demo's admin, a member or a viewer),
// through the router on a fresh copy of the demo organisation. Filters,
// paging cursors, dates (as_of, since), ids and formats all come from the
// query. Bytes that cannot stand in a query are percent-encoded, so the input
// reaches the handlers rather than stopping at the target's grammar; escapes
// in it still decode to whatever bytes they name.
#include <cstdint>
#include <iterator>
#include <string>

#include "fuzz/api_call.h"
#include "fuzz/demo_server.h"

namespace cairn::fuzz {
namespace {

// Under /api/v1; ids are the demo organisation's (app/demo_organization.cc).
constexpr const char* kReads[] = {
    "/objectives",
    "/objectives/obj_2",
    "/objectives/obj_2/tree",
    "/objectives/obj_2/explain",
    "/key-results",
    "/key-results/kr_6",
    "/key-results/kr_6/history",
    "/key-results/kr_6/check-ins",
    "/key-results/kr_9/explain",
    "/units",
    "/people",
    "/periods",
    "/dashboard",
    "/alignment",
    "/comments",
    "/initiatives",
    "/kpis",
    "/kpis/kpi_0/values",
    "/audit",
    "/audit/security",
    "/notifications",
    "/retrospectives",
    "/reports/maturity",
    "/reports/health",
    "/reports/compare",
    "/reports/period",
    "/export",
    "/outbox",
    "/organization",
    "/me",
    "/tokens",
    "/webhooks",
};
constexpr std::size_t kReadCount = std::size(kReads);
static_assert(kReadCount == 32, "the first byte's low 5 bits choose the read");

// The first byte's two high bits: who reads.
constexpr std::string_view kReaders[] = {kAdminToken, kAdminToken, kMemberToken, kViewerToken};

// What RFC 3986 allows in a query as it is, '%' included so that escapes
// pass through; everything else is escaped.
bool allowed_in_query(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("-._~!$&'()*+,;=:@/?%").find(static_cast<char>(c)) !=
             std::string_view::npos;
}

std::string query_of(const std::uint8_t* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string query;
  for (std::size_t i = 0; i < size; ++i) {
    if (allowed_in_query(data[i])) {
      query += static_cast<char>(data[i]);
    } else {
      query += '%';
      query += kHex[data[i] >> 4];
      query += kHex[data[i] & 15];
    }
  }
  return query;
}

}  // namespace
}  // namespace cairn::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cairn::fuzz;
  if (size == 0) return 0;
  const std::string target =
      "/api/v1" + std::string(kReads[data[0] % kReadCount]) + "?" + query_of(data + 1, size - 1);
  ServerForInput input_server;
  DemoServer& server = input_server.get();
  call(server, "GET", target, kReaders[data[0] >> 6]);
  return 0;
}
