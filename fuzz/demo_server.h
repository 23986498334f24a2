// The API of `cairn serve --demo`, without sockets, for the fuzz targets that
// send requests: every route of the router, on a copy of one store that holds
// the demo organisation.
//
// The store is built once per process, at the fixed instant now(), with API
// tokens and a session of known values added to it, so that inputs can carry
// credentials, and a webhook of each format, so that writes queue what they
// send out. Emails are on, as with an SMTP server configured. Every input
// starts from that state (the fuzzer needs an input to mean the same thing
// every time): ServerForInput gives it the server the input before used when
// that one left the store's files as they were, as reads do, and otherwise a
// fresh copy. Opening a copy replays the demo's change log, which costs more
// than most requests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/service.h"
#include "core/time.h"
#include "http/api_context.h"
#include "http/connection.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace cairn::fuzz {

// The clock of every target: a Wednesday in the demo's current quarter.
core::Instant now();

// The demo's people (app/demo_organization.cc): Maya, an admin, is person 0;
// Tom, a member, person 3; Ava, a viewer, person 10.
inline constexpr std::uint32_t kDemoPeople = 11;
inline constexpr std::uint32_t kAdminPerson = 0;
inline constexpr std::uint32_t kMemberPerson = 3;
inline constexpr std::uint32_t kViewerPerson = 10;

// Credentials in the prepared store: API tokens of the admin, the member and
// the viewer, one of every person ("cairn_fuzz_person_4"), and a browser
// session of the member's with the CSRF token its writes must carry.
inline constexpr std::string_view kAdminToken = "cairn_fuzz_admin";
inline constexpr std::string_view kMemberToken = "cairn_fuzz_member";
inline constexpr std::string_view kViewerToken = "cairn_fuzz_viewer";
inline constexpr std::string_view kSessionId = "fuzz-session";
inline constexpr std::string_view kCsrfToken = "fuzz-csrf";
std::string person_token(std::uint32_t person);

// The server's limits, as `cairn serve` has them, and a trusted proxy
// (kProxyAddress), so that X-Forwarded-For is read.
const http::ServerOptions& server_options();
inline constexpr std::string_view kProxyAddress = "10.0.0.2";

// One at a time: each copies the store into the same folder.
class DemoServer {
 public:
  DemoServer();
  ~DemoServer();
  DemoServer(const DemoServer&) = delete;
  DemoServer& operator=(const DemoServer&) = delete;

  // Whether an answer may have changed what the next input would see: the
  // store's files changed (a write, a security event, a sealing key), or an
  // event stream was opened.
  bool changed() const;

  // What the server answers `request`: its target parsed, the router's
  // answer, and a deferred one (Response::later) waited for, by the server's
  // own steps (http::detail::answer).
  http::Response answer(http::Request& request);

  app::Service& service() { return *service_; }

 private:
  struct FileState {
    std::string name;
    std::uintmax_t size = 0;
    std::int64_t modified = 0;  // nanoseconds
    bool operator==(const FileState&) const = default;
  };
  std::vector<FileState> files() const;

  std::string folder_;
  std::vector<FileState> opened_;  // the store's files once opened
  bool streamed_ = false;
  std::unique_ptr<app::Service> service_;
  http::Router router_;
  std::unique_ptr<http::ApiContext> context_;
  std::unique_ptr<http::detail::ServerState> state_;
};

// The demo server of one input (inputs run one at a time): the one kept from
// the input before, or a new one; kept for the next input unless this one
// changed it.
class ServerForInput {
 public:
  ServerForInput() = default;
  ~ServerForInput();
  ServerForInput(const ServerForInput&) = delete;
  ServerForInput& operator=(const ServerForInput&) = delete;

  // Made on first use: an input that is refused before the router needs none.
  DemoServer& get();
  // The server this input may have used, or nullptr when there is none yet.
  DemoServer* current() const;
};

}  // namespace cairn::fuzz
