// Fuzz target query: a query string for one of the API's reads (the first
// byte chooses which, and as whom: the demo's admin, a member or a viewer),
// through the router on a fresh copy of the demo organisation. Filters,
// paging cursors, dates (as_of, since), ids and formats all come from the
// query. Bytes that cannot stand in a query are percent-encoded, so the input
// reaches the handlers rather than stopping at the target's grammar; escapes
// in it still decode to whatever bytes they name. A list's next page must be
// there too.
#include <boost/json/parse.hpp>
#include <cstdint>
#include <iterator>
#include <string>

#include "fuzz/api_call.h"
#include "fuzz/demo_server.h"
#include "fuzz/finding.h"

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

// The `next_cursor` of a list's answer, or "" when it has none.
std::string next_cursor(const ReadAnswer& answer) {
  if (answer.status != 200 || !answer.content_type.starts_with("application/json")) return "";
  const boost::json::value body = boost::json::parse(answer.body);
  const boost::json::object* object = body.if_object();
  const boost::json::value* cursor = object ? object->if_contains("next_cursor") : nullptr;
  return cursor && cursor->is_string() ? std::string(cursor->get_string()) : "";
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

std::string query_of(std::string_view text) {
  return query_of(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

}  // namespace
}  // namespace cairn::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cairn::fuzz;
  if (size == 0) return 0;
  const std::string path = "/api/v1" + std::string(kReads[data[0] % kReadCount]);
  const std::string query = query_of(data + 1, size - 1);
  const std::string_view reader = kReaders[data[0] >> 6];
  ServerForInput input_server;
  DemoServer& server = input_server.get();
  const ReadAnswer first = call(server, "GET", path + "?" + query, reader);
  // The next page of a list is there: its cursor, with the same filters
  // (put first, as the first of a repeated parameter counts), answers 200.
  if (const std::string cursor = next_cursor(first); !cursor.empty()) {
    const std::string next = path + "?cursor=" + query_of(cursor) + "&" + query;
    const ReadAnswer second = call(server, "GET", next, reader);
    if (second.status != 200) {
      finding("the next page of a list is refused",
              next + " answered " + std::to_string(second.status) + "\n" + second.body);
    }
  }
  return 0;
}
