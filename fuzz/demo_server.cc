#include "fuzz/demo_server.h"

#include <unistd.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "app/must.h"
#include "app/passwords.h"
#include "fuzz/finding.h"
#include "http/api_routes.h"
#include "store/store.h"

namespace cairn::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDemoSlug = "larkspur";

using app::must;

// Where the stores live: memory (tmpfs) when the machine has it, since every
// input copies one.
fs::path scratch_folder() {
  const fs::path shm = "/dev/shm";
  const fs::path base = fs::is_directory(shm) ? shm : fs::temp_directory_path();
  const fs::path folder = base / ("cairn-fuzz-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  return folder;
}

// The prepared store: the demo organisation and the credentials of
// demo_server.h, made once per process and removed at its end.
class PreparedStore {
 public:
  PreparedStore() : folder_(scratch_folder()) {
    const fs::path prepared = folder_ / "prepared";
    fs::create_directories(prepared);
    const std::string database = (prepared / "cairn.db").string();
    std::int64_t organization = 0;
    auto person = [&](app::Service& service, std::string_view email) {
      return must(service.principal_by_email(kDemoSlug, email));
    };
    {
      auto service = must(app::Service::open(database));
      organization = must(service->ensure_demo(now())).organization;
      // The people demo_server.h names.
      if (service->totals().people != kDemoPeople ||
          person(*service, "maya@larkspur.example").person.value() != kAdminPerson ||
          person(*service, "tom@larkspur.example").person.value() != kMemberPerson ||
          person(*service, "ava@larkspur.example").person.value() != kViewerPerson) {
        throw std::runtime_error("the demo's people are not those of fuzz/demo_server.h");
      }
      // A webhook of each format for every event: what writes send out is
      // queued in the outbox (check_outbox() reads it; nothing is sent).
      const app::Principal maya = person(*service, "maya@larkspur.example");
      for (const char* format : {"generic", "slack", "teams"}) {
        store::WebhookRecord webhook;
        webhook.url = "https://hooks.example.com/" + std::string(format);
        webhook.format = format;
        webhook.events = "*";
        must(service->create_webhook(maya, webhook, now()));
      }
    }
    auto store = must(store::open_store(database));
    auto token = [&](std::uint32_t person, std::string_view token) {
      must(store->create_api_token(
          {0, organization, person, "fuzz", app::token_hash(token), now(), std::nullopt}));
    };
    for (std::uint32_t i = 0; i < kDemoPeople; ++i) token(i, person_token(i));
    token(kAdminPerson, kAdminToken);
    token(kMemberPerson, kMemberToken);
    token(kViewerPerson, kViewerToken);
    must(store->create_session({app::token_hash(kSessionId), organization, kMemberPerson,
                                std::string(kCsrfToken), now(), now()}));
    // Closing the last connection folds the write-ahead log into the file,
    // so the folder's files are the whole store.
    store.reset();
    for (const auto& entry : fs::directory_iterator(prepared)) files_.push_back(entry.path());
  }
  ~PreparedStore() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  // A fresh copy of the store's files; returns the folder it is in.
  std::string copy() const {
    const fs::path work = folder_ / "work";
    std::error_code ignored;
    fs::remove_all(work, ignored);
    fs::create_directories(work);
    for (const fs::path& file : files_) fs::copy_file(file, work / file.filename());
    return work.string();
  }

 private:
  fs::path folder_;
  std::vector<fs::path> files_;
};

const PreparedStore& prepared_store() {
  static const PreparedStore store;
  return store;
}

}  // namespace

core::Instant now() {
  return core::instant_utc(2026, 5, 13, 9, 30);
}

const http::ServerOptions& server_options() {
  static const http::ServerOptions options = [] {
    http::ServerOptions o;
    o.trusted_proxies = *http::TrustedProxies::parse({std::string(kProxyAddress)});
    o.access_log = false;
    return o;
  }();
  return options;
}

std::string person_token(std::uint32_t person) {
  return "cairn_fuzz_person_" + std::to_string(person);
}

DemoServer::DemoServer() : folder_(prepared_store().copy()) {
  service_ = must(app::Service::open(folder_ + "/cairn.db"));
  // As with `cairn serve --smtp-url`: emails are queued (and never sent).
  service_->notifier().set_email(true);
  context_ = std::make_unique<http::ApiContext>(http::ApiContext{*service_, [] { return now(); }});
  // The routes `cairn serve` adds, but for the web app's files.
  http::add_api_routes(router_, *context_);
  http::add_operations_routes(router_, *context_,
                              [this] { return state_->metrics.prometheus_text(); });
  // An aggregate, as the server makes it (its atomics cannot move).
  state_.reset(new http::detail::ServerState{server_options(), router_});
  opened_ = files();
}

std::vector<DemoServer::FileState> DemoServer::files() const {
  std::vector<FileState> out;
  for (const auto& entry : fs::directory_iterator(folder_)) {
    const std::string name = entry.path().filename().string();
    // Readers write their marks into the shared-memory index: not a change.
    if (name.ends_with("-shm")) continue;
    const auto modified = entry.last_write_time().time_since_epoch();
    out.push_back({name, entry.file_size(),
                   std::chrono::duration_cast<std::chrono::nanoseconds>(modified).count()});
  }
  std::sort(out.begin(), out.end(),
            [](const FileState& a, const FileState& b) { return a.name < b.name; });
  return out;
}

bool DemoServer::changed() const {
  return streamed_ || files() != opened_;
}

DemoServer::~DemoServer() {
  // As Server::stop(): no deferred answer may wake a connection any more.
  state_->gate->close();
  // The live event hub is subscribed to the service: it goes first.
  context_->event_hub.reset();
  service_.reset();
}

http::Response DemoServer::answer(http::Request& request) {
  // The server's coroutine, on an io_context of its own that runs until the
  // answer is made: a deferred one wakes it from the commit thread.
  boost::asio::io_context io;
  std::optional<http::Response> answered;
  boost::asio::co_spawn(io, http::detail::answer(*state_, request),
                        [&](std::exception_ptr error, http::Response response) {
                          if (error) finding("the server's answer threw", request.target);
                          answered = std::move(response);
                        });
  io.run();
  if (!answered) finding("the server never answered", request.target);
  if (answered->stream) streamed_ = true;  // a listener of the event hub
  return std::move(*answered);
}

namespace {

std::unique_ptr<DemoServer>& kept_server() {
  static std::unique_ptr<DemoServer> server;
  return server;
}

}  // namespace

ServerForInput::~ServerForInput() {
  std::unique_ptr<DemoServer>& server = kept_server();
  if (server && server->changed()) server.reset();
}

DemoServer& ServerForInput::get() {
  std::unique_ptr<DemoServer>& server = kept_server();
  if (!server) server = std::make_unique<DemoServer>();
  return *server;
}

DemoServer* ServerForInput::current() const {
  return kept_server().get();
}

}  // namespace cairn::fuzz
