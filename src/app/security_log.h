// The security log (QUALITY.md "Authentication and sessions"): sign-ins,
// failures, denied access, tokens, password changes, ended sessions, exports, kept in
// the store beside the audit log and read by admins at /audit/security.
//
// Recording never fails the user's request: a store that cannot take the
// event is reported on stderr, and the request goes on. Events carry no
// secret: never a password, a token or a session id.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/principal.h"
#include "core/time.h"
#include "store/store.h"

namespace cairn::app {

// The kinds of security event, as stored and as the API shows them.
namespace security_event {
inline constexpr std::string_view kSignIn = "sign_in";
inline constexpr std::string_view kSignInFailed = "sign_in_failed";
inline constexpr std::string_view kSignInThrottled = "sign_in_throttled";
inline constexpr std::string_view kSignOut = "sign_out";
inline constexpr std::string_view kAccessDenied = "access_denied";
inline constexpr std::string_view kTokenCreated = "token_created";
inline constexpr std::string_view kTokenRevoked = "token_revoked";
inline constexpr std::string_view kTokenRejected = "token_rejected";
inline constexpr std::string_view kPasswordChanged = "password_changed";
inline constexpr std::string_view kSessionsEnded = "sessions_ended";
inline constexpr std::string_view kExport = "export";
inline constexpr std::string_view kWebhookCreated = "webhook_created";
inline constexpr std::string_view kWebhookDeleted = "webhook_deleted";
inline constexpr std::string_view kKpiSourceChanged = "kpi_source_changed";
inline constexpr std::string_view kKpiTokenRejected = "kpi_token_rejected";
}  // namespace security_event

// Appends `event` to `store`; a failure is written to stderr as one line
// (kind and the store's message, never the event's subject) and swallowed.
// Returns whether the event was recorded.
bool record_security_event(store::Store& store, const store::SecurityEvent& event);

// An event that `who` caused, with their address when known.
store::SecurityEvent event_by(const Principal& who, std::string_view kind, core::Instant now,
                              std::optional<std::string> subject = std::nullopt,
                              std::string detail = {});

// How the security log names a URL that an admin set (a webhook's, a KPI
// pull's): its scheme, host and port, and a fingerprint of the whole URL
// (the first 12 hex digits of its BLAKE2b-256), "https://hooks.example.com
// #3f2a9c0d1e4b". Never its path or query, where services such as Slack put
// their tokens; the fingerprint still tells one URL from another.
std::string url_in_log(std::string_view url);

// Text from a request (an email someone typed) cut to at most `limit` bytes
// on a UTF-8 character boundary, so a huge body cannot make a huge event.
std::string clipped(std::string_view text, std::size_t limit = 254);

// Rejected API tokens come from anyone on the network, so recording each one
// would let a flood fill the disk: at most one is recorded per address per
// minute, and at most kMaxAddresses addresses are remembered at a time (past
// that, rejections go unrecorded until the minute is over).
class RejectionThrottle {
 public:
  static constexpr std::int64_t kWindowSeconds = 60;
  static constexpr std::size_t kMaxAddresses = 10'000;

  // Whether a rejection from `address` at `now` should be recorded.
  bool should_record(std::string_view address, core::Instant now);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, core::Instant> last_recorded_;
};

}  // namespace cairn::app
