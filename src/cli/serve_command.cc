#include "cli/serve_command.h"

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "app/curl_transport.h"
#include "app/kpi_puller.h"
#include "app/outbox.h"
#include "app/scheduler.h"
#include "app/service.h"
#include "cli/clock.h"
#include "cli/database_option.h"
#include "http/api_routes.h"
#include "http/forwarded.h"
#include "http/openapi.h"
#include "http/server.h"
#include "http/web_app.h"

namespace cairn::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string database;
  bool demo = false;
  bool secure_cookies = false;
  int threads = 0;  // 0: one per core
  app::SmtpOptions smtp;
  std::size_t max_import_mib = 50;
  int max_connections = 10'000;
  int max_connections_per_address = 100;
  std::vector<std::string> trusted_proxies;
  int session_idle_minutes = 30;
  int session_max_hours = 12;
};

int serve(const ServeOptions& options) {
  const std::size_t colon = options.listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(options.listen.substr(colon + 1));
    } catch (...) {
    }
  }
  if (colon == std::string::npos || port < 0 || port > 65535) {
    std::cerr << "cairn serve: --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
    return 2;
  }
  const std::string host = options.listen.substr(0, colon);
  const std::string database = database_or_environment(options.database);
  if (database.empty()) {
    std::cerr << "cairn serve: give the store with --database (or CAIRN_DATABASE_URL)\n";
    return 2;
  }

  auto trusted_proxies = http::TrustedProxies::parse(options.trusted_proxies);
  if (!trusted_proxies) {
    std::cerr << "cairn serve: --trusted-proxy " << trusted_proxies.error()
              << " is neither an IP address (10.0.0.2) nor a range of them (10.0.0.0/8)\n";
    return 2;
  }
  const app::SessionTimeouts timeouts{options.session_idle_minutes * std::int64_t{60},
                                      options.session_max_hours * std::int64_t{3600}};
  if (timeouts.idle_seconds > timeouts.absolute_seconds) {
    std::cerr << "cairn serve: --session-idle-minutes must not be longer than "
                 "--session-max-hours\n";
    return 2;
  }

  // Signals are taken by a waiting thread, not by handlers, so stopping is
  // ordinary code. Block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto service = app::Service::open(database, timeouts);
  if (!service) {
    std::cerr << "cairn serve: " << service.error().message << '\n';
    return 1;
  }
  // Other servers' writes on the same PostgreSQL database, and recovery of
  // a model a database outage left stale (follower.h).
  if (auto following = (*service)->start_following(std::chrono::milliseconds(500)); !following) {
    std::cerr << "cairn serve: " << following.error().message << '\n';
    return 1;
  }
  std::optional<app::SetupResult> demo;
  if (options.demo) {
    auto made = (*service)->ensure_demo(system_now());
    if (!made) {
      std::cerr << "cairn serve: the demo organisation: " << made.error().message << '\n';
      return 1;
    }
    demo = *made;
  }

  // The outbox worker sends emails and webhooks on its own thread and store
  // connection (docs/notifications.md).
  app::SmtpOptions smtp = options.smtp;
  if (const char* password = std::getenv("CAIRN_SMTP_PASSWORD")) smtp.password = password;
  (*service)->notifier().set_email(!smtp.url.empty());
  app::CurlTransport transport(smtp);
  auto outbox_store = store::open_store(database);
  if (!outbox_store) {
    std::cerr << "cairn serve: " << outbox_store.error().message << '\n';
    return 1;
  }
  app::Outbox outbox(
      std::move(*outbox_store), transport,
      [&service](std::string_view sealed) { return (*service)->open_secret(sealed); }, system_now);
  (*service)->notifier().on_deliveries([&outbox] { outbox.wake(); });
  outbox.start();
  // Reminders, digests and daily alerts at each organisation's local times.
  app::Scheduler scheduler(**service, system_now);
  scheduler.start();
  // KPI values pulled from their URLs (docs/kpis.md).
  app::KpiPuller puller(**service, system_now);
  puller.start();

  http::Router router;
  http::ApiContext context{**service, system_now, options.secure_cookies};
  std::unique_ptr<http::Server> server;
  http::add_api_routes(router, context);
  http::add_operations_routes(router, context, [&server] { return server->prometheus_text(); });
  http::add_web_app(router);
  http::ServerOptions server_options;
  server_options.max_import_body = options.max_import_mib << 20;
  server_options.max_connections = options.max_connections;
  server_options.max_connections_per_address = options.max_connections_per_address;
  server_options.trusted_proxies = *trusted_proxies;
  server = std::make_unique<http::Server>(server_options, router);
  try {
    server->listen(host, static_cast<unsigned short>(port));
  } catch (const std::exception& e) {
    std::cerr << "cairn serve: " << e.what() << '\n';
    return 1;
  }
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  server->start(threads);

  // The listening line comes last, so whoever waits for it has the rest.
  const std::string url = "http://" + host + ":" + std::to_string(server->port());
  if (demo) {
    std::cout << "Demo organisation: open " << url << " and sign in as " << demo->admin_email
              << " with the password " << app::kDemoPassword
              << ",\nor use this API token (new at every start):\n  " << demo->token
              << "\n  curl -H 'Authorization: Bearer " << demo->token << "' " << url
              << "/api/v1/me\n";
  } else if (!(*service)->has_organization()) {
    std::cout << "The store is empty: create the first organisation with POST " << url
              << "/api/v1/setup (see docs/api.md).\n";
  }
  if (!trusted_proxies->empty()) {
    std::cout << "X-Forwarded-For is believed from " << trusted_proxies->describe() << ".\n";
  }
  std::cout << "Cairn is listening on " << url << " (store: " << database << ")" << std::endl;

  int received = 0;
  sigwait(&signals, &received);
  std::cout << "Stopping (signal " << received << ").\n";
  server->stop();
  scheduler.stop();
  puller.stop();
  (*service)->notifier().on_deliveries({});
  outbox.stop();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve_app = app.add_subcommand("serve", "Run the Cairn server on a store");
  serve_app->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any free)");
  serve_app->add_option(
      "--database", options->database,
      "The store: a SQLite file or postgres:// URL (default $CAIRN_DATABASE_URL)");
  serve_app->add_flag("--demo", options->demo,
                      "Create the demo organisation on first start, and print how to sign in");
  serve_app->add_option("--threads", options->threads, "Server threads (default: one per core)");
  serve_app->add_flag("--secure-cookies", options->secure_cookies,
                      "Behind a TLS proxy: Secure, __Host- session cookies");
  serve_app->add_option("--smtp-url", options->smtp.url,
                        "Email notifications: smtp://HOST:PORT or smtps://HOST:PORT");
  serve_app
      ->add_option("--smtp-tls", options->smtp.tls,
                   "none, starttls (default: required) or tls (with smtps://)")
      ->check(CLI::IsMember({"none", "starttls", "tls"}));
  serve_app->add_option("--smtp-user", options->smtp.username,
                        "SMTP user name (the password comes from $CAIRN_SMTP_PASSWORD)");
  serve_app->add_option("--smtp-from", options->smtp.from,
                        "The sender address of notification emails");
  serve_app
      ->add_option("--max-import-mib", options->max_import_mib,
                   "The largest body POST /api/v1/import accepts, in MiB (default 50)")
      ->check(CLI::Range(1, 4096));
  serve_app
      ->add_option("--max-connections", options->max_connections,
                   "Simultaneous connections in all (default 10000); the next get 503")
      ->check(CLI::Range(1, 1'000'000));
  serve_app
      ->add_option("--max-connections-per-address", options->max_connections_per_address,
                   "Simultaneous connections from one address (default 100); not counted for "
                   "the trusted proxy")
      ->check(CLI::Range(1, 1'000'000));
  serve_app
      ->add_option("--trusted-proxy", options->trusted_proxies,
                   "A reverse proxy's IP address or range (10.0.0.2, 10.0.0.0/8; again for "
                   "more): its requests' client is the rightmost X-Forwarded-For entry that is "
                   "not a trusted proxy")
      ->delimiter(',');
  serve_app
      ->add_option("--session-idle-minutes", options->session_idle_minutes,
                   "A browser session ends this long without use (default 30, 1 to 1440)")
      ->check(CLI::Range(1, 1440));
  serve_app
      ->add_option("--session-max-hours", options->session_max_hours,
                   "A browser session ends this long after sign-in (default 12, 1 to 720)")
      ->check(CLI::Range(1, 720));
  serve_app->callback([options] { throw CLI::RuntimeError(serve(*options)); });
}

}  // namespace cairn::cli
