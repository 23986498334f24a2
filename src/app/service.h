// The service one server instance runs: every organisation of the store held
// in memory, the single writer, and the credentials (passwords, API tokens).
// Thread-safe: request threads call it concurrently. Reads take an
// organisation's lock shared; writes go through one writer per instance, one
// transaction at a time, each durable before it is answered.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>

#include "app/command.h"
#include "app/command_target.h"
#include "app/commit_queue.h"
#include "app/events.h"
#include "app/follower.h"
#include "app/live_organization.h"
#include "app/notifier.h"
#include "app/principal.h"
#include "app/secret_box.h"
#include "app/security_log.h"
#include "app/sessions.h"
#include "app/sign_in_limiter.h"
#include "app/writer.h"
#include "store/store.h"

namespace cairn::app {

// A URL-friendly slug from an organisation's name: "Larkspur Labs" → "larkspur-labs".
std::string slug_of(std::string_view name);

struct SetupRequest {
  std::string organization_name;
  std::string timezone = "UTC";
  std::string admin_name;
  std::string admin_email;
  std::string admin_password;
};

struct SetupResult {
  std::int64_t organization = 0;
  core::PersonId admin;
  std::string admin_email;
  std::string token;  // shown once
};

// A header of a KPI pull: a value to keep sealed, or the name of an
// environment variable to read at each pull; neither keeps the value the
// header had before.
struct KpiHeader {
  std::string name;
  std::string value;
  std::string env;
};
struct KpiPull {
  std::string url;      // http:// or https://
  std::string pointer;  // RFC 6901 JSON Pointer to the number in the answer
  int interval_minutes = 60;
  std::vector<KpiHeader> headers;
};

struct CreatedToken {
  std::int64_t id = 0;
  std::string name;
  std::string token;  // shown once
};

// The demo organisation's admin password: the demo is for trying Cairn out,
// never for real data.
inline constexpr std::string_view kDemoPassword = "larkspur-demo";

// How long browser sessions last (`cairn serve --session-idle-minutes` and
// `--session-max-hours`; sessions.h).
struct SessionTimeouts {
  std::int64_t idle_seconds = 30 * 60;
  std::int64_t absolute_seconds = 12 * 3600;
};

class Service {
 public:
  // Opens the store at `location` (a SQLite path or postgres:// URL) and loads
  // every organisation in it.
  static core::Result<std::unique_ptr<Service>> open(const std::string& location,
                                                     SessionTimeouts timeouts = {});

  // Keeps every organisation's model in step with the store from now on, on
  // a thread and a store connection of its own (follower.h): other
  // instances' writes on the same PostgreSQL database arrive within about
  // `interval` (at once when notified), and a model left stale by a failed
  // commit is rebuilt once the store answers again. Stops with the service.
  core::Result<void> start_following(std::chrono::milliseconds interval);

  bool has_organization() const;
  // Whether the store answers (for /healthz).
  core::Result<void> check_store() const;

  struct Totals {
    std::size_t organizations = 0, people = 0, objectives = 0, key_results = 0, check_ins = 0;
  };
  // What the models hold, summed over the organisations (for /metrics).
  Totals totals() const;
  const EventBus& events() const { return events_; }

  // Creates the first organisation with its admin; refused (kConflict) once
  // the server holds one. Returns an API token for the admin.
  core::Result<SetupResult> setup(const SetupRequest& request, core::Instant now);
  // POST /organizations: a server admin (an active admin of the first
  // organisation, the one /setup created) creates another organisation with
  // its own admin; kForbidden for anyone else. Organisations stay isolated.
  core::Result<SetupResult> create_organization_as(const Principal& who,
                                                   const SetupRequest& request, core::Instant now);
  bool is_server_admin(const Principal& who) const;

  // Creates the demo organisation when the store has none, or finds it; the
  // admin's password is kDemoPassword. Returns a new API token for the admin
  // (earlier demo tokens are revoked).
  core::Result<SetupResult> ensure_demo(core::Instant now);

  // The principal behind an API token; kUnauthenticated for an unknown,
  // revoked or malformed token (the same answer for each).
  core::Result<Principal> authenticate_token(std::string_view token);
  // The same for a request from `address`: a rejected token is recorded in
  // the security log (at most once a minute per address).
  core::Result<Principal> authenticate_token(std::string_view token, std::string_view address,
                                             core::Instant now);
  // Who an API token names, without reading the organisation's model (an
  // Identity, principal.h): kUnauthenticated, recorded, as above for a
  // token authenticate_token() refuses without looking at its person.
  core::Result<Identity> identify_token(std::string_view token, std::string_view address,
                                        core::Instant now);
  // Checks an email and password against every organisation's people.
  core::Result<Principal> authenticate_password(std::string_view email, std::string_view password);

  // Password sign-in for the web app: rate limited (kTooManyRequests, with
  // the seconds to wait in retry_after), then checked; success starts a new session. Each outcome
  // goes to the security log (sign_in, sign_in_failed, sign_in_throttled).
  struct SignedIn {
    Principal principal;
    std::string session_id;  // for the cookie
    std::string csrf_token;
  };
  core::Result<SignedIn> sign_in(std::string_view email, std::string_view password,
                                 std::string_view address, core::Instant now);
  // The principal of a live session and the CSRF token its writes must carry.
  core::Result<std::pair<Principal, std::string>> authenticate_session(std::string_view session_id,
                                                                       core::Instant now);
  // Who a live session names and its CSRF token, without reading the model.
  core::Result<std::pair<Identity, std::string>> identify_session(std::string_view session_id,
                                                                  core::Instant now);
  // Ends the session `who` signed in with, on every instance (on the others
  // within Sessions::kVerifySeconds).
  core::Result<void> sign_out(const Principal& who, std::string_view session_id, core::Instant now);
  // Before people change their own password: checks `current`, their
  // password now. kInvalid (field current_password) when it is empty,
  // kForbidden (the same field) when wrong. A wrong one counts with the
  // sign-in limiter as a failed sign-in from who.address, and over the limit
  // the answer is kTooManyRequests (retry_after set) without a check; both
  // are recorded.
  core::Result<void> check_current_password(const Principal& who, std::string_view current,
                                            core::Instant now);
  // Records in the security log that `who` exported `subject`
  // ("organization:3", "period:2") as `format` (json, yaml, csv, xlsx).
  void record_export(const Principal& who, std::string subject, std::string format,
                     core::Instant now);
  // Ends every session of a person: after a deactivation or a role change
  // that `who` made. Recorded (sessions_ended) when there was any.
  core::Result<void> end_sessions(const Principal& who, core::PersonId person, core::Instant now);

  // Sets a person's password (the policy of passwords.h applies) and ends
  // their sessions. Admins set anyone's; people their own. kNotFound for a
  // person not in the caller's organisation.
  core::Result<void> set_password(const Principal& who, core::PersonId person,
                                  std::string_view password, core::Instant now);

  // The active person with this email in the organisation with this slug
  // (for administration on the store, e.g. `cairn token create`).
  core::Result<Principal> principal_by_email(std::string_view organization_slug,
                                             std::string_view email) const;

  // An active admin of the organisation with this slug, for administration
  // on the store (`cairn user ...`): the commands run as that admin.
  core::Result<Principal> administrator(std::string_view organization_slug) const;

  core::Result<CreatedToken> create_token(const Principal& who, std::string name,
                                          core::Instant now);
  core::Result<std::vector<store::ApiTokenRecord>> tokens(const Principal& who);
  core::Result<void> revoke_token(const Principal& who, std::int64_t id, core::Instant now);

  // A page of the organisation's audit log as the store holds it, newest
  // first. Deciding which entries the caller may see is the caller's job
  // (the /audit route filters by app/access.h).
  core::Result<std::vector<store::AuditEntry>> read_audit(const Principal& who,
                                                          const store::AuditQuery& query);

  // A page of the security log, newest first: an admin's organisation's
  // events, and for a server admin also those of no organisation (failed
  // sign-ins with unknown emails, rejected tokens). kForbidden for others.
  core::Result<std::vector<store::SecurityEvent>> read_security_events(
      const Principal& who, store::SecurityEventQuery query);
  // Whether `who` may read the security log (kForbidden when not), for a
  // handler that answers 403 before looking at the query.
  core::Result<void> may_read_security_events(const Principal& who) const;

  // Whether the caller is an active admin of their organisation.
  bool is_admin(const Principal& who) const;
  // A bulk write into the caller's organisation (an import), as one store
  // transaction: admins only (kForbidden otherwise). `work` sends its commands
  // to the target and answers whether to commit; when it does not, nothing is
  // kept. A commit publishes one event of kind "import".
  core::Result<bool> bulk_write(const Principal& who, core::Instant now,
                                const std::function<core::Result<bool>(CommandTarget&)>& work);

  // ---- Notifications (service_notifications.cc, docs/notifications.md) ----------
  // Turns committed changes into notifications and deliveries.
  Notifier& notifier() { return notifier_; }

  // A page of the caller's notifications, newest first, leaving out those
  // about something they may no longer see.
  core::Result<std::vector<store::NotificationRecord>> notifications(
      const Principal& who, const store::NotificationQuery& query);
  // kNotFound when the caller has no such notification.
  core::Result<void> mark_notification_read(const Principal& who, std::int64_t id,
                                            core::Instant now);
  // Marks all the caller's unread notifications read; returns how many.
  core::Result<int> mark_all_notifications_read(const Principal& who, core::Instant now);
  // The channels people may choose now: "in_app", and "email" when SMTP is
  // configured.
  std::vector<std::string> available_channels() const;
  // The caller's channels per alert kind (defaults filled in).
  core::Result<std::vector<store::ChannelPreference>> channel_preferences(const Principal& who);
  // kInvalid for an unknown kind or channel.
  core::Result<void> set_channel_preference(const Principal& who, std::string kind,
                                            std::string channels);
  // Webhooks and the outbox: admins only (kForbidden).
  core::Result<std::vector<store::WebhookRecord>> webhooks(const Principal& who);
  core::Result<store::WebhookRecord> create_webhook(const Principal& who,
                                                    store::WebhookRecord webhook,
                                                    core::Instant now);
  core::Result<void> delete_webhook(const Principal& who, std::int64_t id, core::Instant now);
  // Seals the secrets of webhooks stored before they were sealed (schema 7)
  // and returns how many. Service::open calls it; without a key (PostgreSQL
  // without CAIRN_SECRET_KEY) it fails and those secrets stay as they were.
  core::Result<int> seal_webhook_secrets();
  core::Result<std::vector<store::DeliveryRecord>> deliveries(const Principal& who,
                                                              const store::DeliveryQuery& query);
  // Runs `write` in a write transaction of the organisation that appends no
  // change, with its model under the shared lock (the scheduler's runs).
  core::Result<void> write_outside_log(
      std::int64_t organization,
      const std::function<core::Result<void>(const LiveOrganization&, store::Store&,
                                             store::WriteTransaction&)>& write);
  // A new read-only token for the caller's calendar feed (the earlier one
  // stops working). Shown once.
  core::Result<std::string> create_calendar_token(const Principal& who, core::Instant now);
  // The principal behind a calendar token; kUnauthenticated for an unknown or
  // replaced token, or a deactivated person.
  core::Result<Principal> authenticate_calendar(std::string_view token);
  // The cadence calendar (calendar_feed.h) of the caller's organisation.
  std::string calendar(const Principal& who, core::Instant now) const;

  // The scheduler's next run times of an organisation.
  core::Result<std::vector<store::ScheduleRecord>> schedules(std::int64_t organization);
  // The ids of every organisation held.
  std::vector<std::int64_t> organization_ids() const;

  // ---- KPI sources (service_kpis.cc, docs/kpis.md) ---------------------------------
  // A KPI's source as it stands: its push token (hash only), pull and state.
  // Every member sees the state; the pull's settings are shown to the KPI's
  // keepers only (the HTTP layer decides). kNotFound for no such KPI.
  core::Result<store::KpiSourceRecord> kpi_source(const Principal& who, core::KpiId id);
  core::Result<std::vector<store::KpiSourceRecord>> kpi_sources(const Principal& who);
  // Sets or replaces a KPI's pull (its keepers, permissions.h keeps_kpi). A
  // header given by name alone keeps the value it had. The pull runs at once.
  core::Result<store::KpiSourceRecord> set_kpi_pull(const Principal& who, core::KpiId id,
                                                    const KpiPull& pull, core::Instant now);
  core::Result<void> remove_kpi_pull(const Principal& who, core::KpiId id, core::Instant now);
  // A new push token for a KPI, shown once; the earlier one stops working.
  core::Result<std::string> create_kpi_token(const Principal& who, core::KpiId id,
                                             core::Instant now);
  core::Result<void> revoke_kpi_token(const Principal& who, core::KpiId id, core::Instant now);
  // The KPI source behind a push token: a principal that records that KPI's
  // values in its owner's name. kUnauthenticated for an unknown or revoked
  // token (or a KPI whose owner is deactivated).
  core::Result<Principal> authenticate_kpi_token(std::string_view token);
  // The same for a request from `address`: a rejected token is recorded in
  // the security log (kpi_token_rejected, at most once a minute per address).
  core::Result<Principal> authenticate_kpi_token(std::string_view token, std::string_view address,
                                                 core::Instant now);
  // Records that a KPI's push token (`source`) was used for another KPI.
  void record_kpi_token_misused(const Principal& source, core::KpiId target, core::Instant now);
  // For the puller (kpi_puller.h): the KPI's source as a principal, the
  // pulls that are due, their outcomes, and the sealed header values.
  core::Result<Principal> kpi_principal(std::int64_t organization, core::KpiId id);
  core::Result<std::vector<store::KpiSourceRecord>> claim_kpi_pulls(core::Instant now,
                                                                    core::Instant lease_until,
                                                                    int limit);
  core::Result<void> record_kpi_pull(const store::KpiSourceRecord& source);
  core::Result<std::string> open_secret(std::string_view sealed) { return secrets_->open(sealed); }

  // Runs `read` with the organisation's model under its shared lock.
  // The organisation must exist (the principal names one).
  template <class F>
  auto read(std::int64_t organization, F&& read) const {
    const LiveOrganization& live = *find(organization);
    std::shared_lock lock(live.mutex);
    return read(static_cast<const core::Model&>(*live.model));
  }

  // A condition the state must meet for a command to run, checked under the
  // writer's lock just before it applies: e.g. If-Match, an entity's version
  // (fail with kStaleVersion).
  using Precondition = Writer::Check;

  // Runs a command for `who` through the writer: authorize() (permissions.h)
  // and then `precondition` are checked against the current state under the
  // writer's lock, then the model validates, and the change is durable before
  // this returns. A command authorize() forbids is recorded (access_denied);
  // one on something the caller may not see (kNotFound) is not.
  core::Result<Committed> execute(const Principal& who, const Command& command, core::Instant now,
                                  const Precondition& precondition = {});
  // execute() without waiting: the outcome goes to `done`, called once on
  // the commit thread when the change is durable (or refused). Writes that
  // wait together share one transaction and one durable commit (group
  // commit, commit_queue.h), so a server answers many writes per disk sync
  // without holding a thread per write.
  // `observe`, when given, runs right after the commit under the writer's
  // lock (writer.h), for an answer that reads the state the write left.
  void submit(const Principal& who, Command command, core::Instant now, Precondition precondition,
              std::function<void(core::Result<Committed>)> done, Writer::Observe observe = {});
  // Makes a write's command from the state, under the writer's lock, for the
  // principal the writer has confirmed. It may set `command` before it
  // refuses, so that a refusal names its subject; a kForbidden one is
  // recorded as authorize()'s are.
  using MakeCommand =
      std::function<core::Result<void>(const core::Model&, const Principal&, Command&)>;
  // submit() for a request that has not read the model: under the writer's
  // lock, `who` must be an active person of the organisation
  // (kUnauthenticated otherwise, as authenticate_token() answers) and takes
  // their role; then `make` makes the command, and authorize() and the model
  // decide as for submit(). The request's thread never waits for the
  // organisation's lock, which the writer holds through each disk sync.
  void submit_unverified(const Identity& who, MakeCommand make, core::Instant now,
                         Writer::Observe observe,
                         std::function<void(core::Result<Committed>)> done);
  // Records that `who` was refused `command` (access_denied), for a handler
  // that answered 403 itself, before the command reached execute().
  void record_access_denied(const Principal& who, const Command& command, core::Instant now);

 private:
  Service(std::unique_ptr<store::Store> store, std::unique_ptr<store::Store> sessions_store,
          std::unique_ptr<store::Store> limiter_store, std::string location, std::string key_file,
          SessionTimeouts timeouts)
      : location_(std::move(location)),
        store_(std::move(store)),
        sessions_(std::move(sessions_store), timeouts.idle_seconds, timeouts.absolute_seconds),
        limiter_(std::move(limiter_store)),
        secrets_(std::make_unique<SecretBox>(std::move(key_file))) {}
  LiveOrganization* find(std::int64_t organization) const;
  // One write as the writer needs it, without copying the command.
  struct WriteRef {
    const Principal* who;
    const Command* command;
    core::Instant now;
    const Precondition* precondition;
    Writer::Observe* observe = nullptr;  // moved into the writer's job
    // A submit_unverified() write, whose `who` and `command` (the ones above)
    // its resolve completes under the writer's lock.
    PendingWrite* unverified = nullptr;
  };
  // Runs one organisation's writes through the writer (authorize(), then
  // the precondition, for each), in one transaction as far as they allow;
  // records the access denied.
  std::vector<core::Result<Committed>> write_batch(LiveOrganization& live,
                                                   std::span<const WriteRef> writes);
  // The commit thread's batch: write_batch(), then each one's `done`.
  void run_batch(std::vector<PendingWrite>& writes);
  core::Result<void> load_all();
  core::Result<void> load_tokens();
  core::Result<LiveOrganization*> create_organization(std::string name, core::Instant now);
  // setup() and create_organization_as(): `allowed` runs under the store lock.
  core::Result<SetupResult> found_organization(const SetupRequest& request, core::Instant now,
                                               const std::function<core::Result<void>()>& allowed);
  core::Result<CreatedToken> issue_token(std::int64_t organization, core::PersonId person,
                                         std::string name, core::Instant now);
  // The organisation of the person with this email (the first one holding
  // it), for the security events of sign-ins; nullopt when nobody has it.
  std::optional<std::int64_t> organization_of_email(std::string_view email) const;
  // The sign-in limiter's sweep, after a password check; a failure is logged.
  void sweep_sign_ins(core::Instant now);
  // Records a security event; `record_locked` when store_mutex_ is held.
  void record(const store::SecurityEvent& event);
  void record_locked(const store::SecurityEvent& event);
  // Records a change of a KPI's source (kpi_source_changed); store_mutex_ held.
  void changed_kpi_source(const Principal& who, core::KpiId id, core::Instant now,
                          std::string what);

  struct TokenEntry {
    std::int64_t id;
    std::int64_t organization;
    core::PersonId person;
  };
  // The live token with this text, if any; nothing is recorded.
  std::optional<TokenEntry> token_entry(std::string_view token) const;
  // kUnauthenticated for a token refused to `address`, recorded
  // (token_rejected) at most once a minute per address.
  core::Error rejected_token(std::string_view address, core::Instant now);

  std::string location_;  // the store's, for the follower's connection
  // The writer's connection, also used for credentials; one user at a time.
  mutable std::mutex store_mutex_;
  std::unique_ptr<store::Store> store_;
  // Organisations are added (setup) but never removed, so pointers stay valid.
  mutable std::shared_mutex organizations_mutex_;
  std::map<std::int64_t, std::unique_ptr<LiveOrganization>> organizations_;
  mutable std::shared_mutex tokens_mutex_;
  std::unordered_map<std::string, TokenEntry> tokens_;  // by token hash, live tokens only
  EventBus events_;
  // On a store connection of its own (see sessions.h).
  Sessions sessions_;
  // On a store connection of its own too (see sign_in_limiter.h).
  SignInLimiter limiter_;
  RejectionThrottle rejected_tokens_;
  RejectionThrottle rejected_kpi_tokens_;
  Notifier notifier_;
  std::unique_ptr<SecretBox> secrets_;
  // Last, so it is destroyed first: it runs what is queued while everything
  // its writes use is still there.
  CommitQueue commits_{[this](std::vector<PendingWrite>& writes) { run_batch(writes); }};
  // After the commit queue, so it stops first, before anything it follows.
  std::unique_ptr<Follower> follower_;
  std::jthread following_;
};

}  // namespace cairn::app
