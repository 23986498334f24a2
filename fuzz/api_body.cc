// Fuzz target api_body: a JSON body for one of the API's writes (the first
// byte chooses which), sent as the demo's admin to a fresh copy of the demo
// organisation. Whatever the write did, the reads people rely on must still
// answer 200 with output that parses: the objective, the dashboard, the
// alignment tree, what the write created, and every export, whose JSON and
// YAML must also import back into the same documents (round_trip.h); and
// every person's notifications and the emails and webhook calls queued must
// be sound (outbox_check.h). A bad value that a write lets in shows up here,
// in whichever read it breaks.
#include <cstdint>
#include <iterator>
#include <string>

#include "app/exchange/csv_records.h"
#include "fuzz/api_call.h"
#include "fuzz/demo_server.h"
#include "fuzz/finding.h"
#include "fuzz/outbox_check.h"
#include "fuzz/round_trip.h"

namespace cairn::fuzz {
namespace {

namespace exchange = app::exchange;

// Things of the demo organisation (app/demo_organization.cc) at now().
constexpr std::string_view kObjective = "obj_2";        // Delight our customers (company)
constexpr std::string_view kTeamObjective = "obj_4";    // Make onboarding effortless
constexpr std::string_view kPersonObjective = "obj_9";  // Grow as an engineering mentor
constexpr std::string_view kClosedObjective = "obj_0";  // of the closed previous quarter
constexpr std::string_view kCurrentQuarter = "prd_2";

struct Write {
  const char* method;
  const char* path;  // under /api/v1
};

// The first byte of an input, modulo the count, picks the write.
constexpr Write kWrites[] = {
    {"POST", "/objectives"},
    {"PATCH", "/objectives/obj_2"},
    {"POST", "/objectives/preview"},
    {"POST", "/objectives/obj_5/parents"},
    {"POST", "/objectives/obj_7/dependencies"},
    {"POST", "/objectives/obj_9/close"},
    {"PUT", "/objectives/obj_0/score"},
    {"POST", "/objectives/obj_0/rollover"},
    {"POST", "/key-results"},
    {"PATCH", "/key-results/kr_6"},
    {"POST", "/key-results/preview"},
    {"POST", "/key-results/kr_6/check-ins"},
    {"POST", "/key-results/kr_29/check-ins"},  // a yes/no key result
    {"POST", "/key-results/kr_14/check-ins"},  // milestones
    {"POST", "/key-results/kr_6/check-ins/preview"},
    {"POST", "/comments"},
    {"POST", "/comments/cmt_0/reactions"},
    {"POST", "/initiatives"},
    {"POST", "/units"},
    {"PATCH", "/units/unit_2"},
    {"POST", "/units/unit_2/members"},
    {"POST", "/people"},
    {"PATCH", "/people/per_3"},
    {"POST", "/periods"},
    {"PATCH", "/periods/prd_2"},
    {"POST", "/periods/prd_2/close"},
    {"PATCH", "/organization"},
    {"POST", "/kpis"},
    {"POST", "/kpis/kpi_0/values"},
    {"PUT", "/kpis/kpi_0/pull"},
    {"POST", "/retrospectives"},
    {"PUT", "/notifications/preferences"},
    {"POST", "/webhooks"},
    {"POST", "/import"},
};

std::string api(std::string_view path) {
  return "/api/v1" + std::string(path);
}

// A read that must answer 200.
ReadAnswer read_ok(DemoServer& server, const std::string& target) {
  ReadAnswer answer = call(server, "GET", target, kAdminToken);
  if (answer.status != 200) {
    finding("a read no longer answers 200 after a write",
            target + " answered " + std::to_string(answer.status) + "\n" + answer.body);
  }
  return answer;
}

// The path of what an answer created ({"id":"kr_40",...}), or "" when none.
std::string created_path(const ReadAnswer& written) {
  static constexpr std::pair<std::string_view, std::string_view> kCollections[] = {
      {"obj_", "/objectives/"}, {"kr_", "/key-results/"}, {"unit_", "/units/"},
      {"per_", "/people/"},     {"prd_", "/periods/"},    {"ini_", "/initiatives/"},
      {"kpi_", "/kpis/"}};
  if (written.status != 201) return "";
  const std::size_t at = written.body.find("\"id\":\"");
  if (at == std::string::npos) return "";
  const std::size_t from = at + 6;
  const std::string id = written.body.substr(from, written.body.find('"', from) - from);
  for (const auto& [prefix, collection] : kCollections) {
    if (id.starts_with(prefix)) return api(collection) + id;
  }
  return "";
}

void read_back(DemoServer& server, const ReadAnswer& written) {
  for (std::string_view objective : {kObjective, kTeamObjective, kPersonObjective}) {
    read_ok(server, api("/objectives/") + std::string(objective));
  }
  read_ok(server, api("/objectives/") + std::string(kClosedObjective));
  read_ok(server, api("/objectives/") + std::string(kObjective) + "/tree");
  read_ok(server, api("/dashboard"));
  read_ok(server, api("/alignment"));
  read_ok(server, api("/audit?limit=20"));
  read_ok(server, api("/comments?objective_id=") + std::string(kTeamObjective));
  read_ok(server, api("/reports/period?period_id=") + std::string(kCurrentQuarter));
  const ReadAnswer pdf =
      read_ok(server, api("/reports/period.pdf?period_id=") + std::string(kCurrentQuarter));
  if (!pdf.body.starts_with("%PDF-")) finding("the period report is not a PDF", pdf.body);
  if (const std::string created = created_path(written); !created.empty()) {
    read_ok(server, created);
  }
  // What the write told people (a mention, a delegation, a status change):
  // each person's notifications, as they read them. Someone the write
  // deactivated is refused (401); the answer still has to be sound.
  for (std::uint32_t person = 0; person < kDemoPeople; ++person) {
    call(server, "GET", api("/notifications"), person_token(person));
  }
  check_outbox(server);

  const ReadAnswer json = read_ok(server, api("/export?format=json"));
  check_round_trip(json.body, exchange::DocumentFormat::kJson, "the JSON export");
  const ReadAnswer yaml = read_ok(server, api("/export?format=yaml"));
  check_round_trip(yaml.body, exchange::DocumentFormat::kYaml, "the YAML export");
  const std::string period = "&period_id=" + std::string(kCurrentQuarter);
  const ReadAnswer csv = read_ok(server, api("/export?format=csv") + period);
  if (const auto records = exchange::read_csv(csv.body); !records.error.empty()) {
    finding("the CSV export does not read back", records.error + "\n" + csv.body);
  }
  const ReadAnswer xlsx = read_ok(server, api("/export?format=xlsx") + period);
  if (!xlsx.body.starts_with("PK\x03\x04")) finding("the XLSX export is not a zip file", xlsx.body);
}

}  // namespace
}  // namespace cairn::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cairn::fuzz;
  if (size == 0) return 0;
  const Write& write = kWrites[data[0] % std::size(kWrites)];
  ServerForInput input_server;
  DemoServer& server = input_server.get();
  const ReadAnswer written = call(server, write.method, api(write.path), kAdminToken,
                                  std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  // A refused write that left the store as it was leaves nothing new to
  // read (the seeds' writes read the demo back), and the server serves the
  // next input as it is.
  if (written.status >= 400 && !server.changed()) return 0;
  read_back(server, written);
  return 0;
}
