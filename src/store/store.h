// Persistence behind one interface, with an embedded SQLite backend (default)
// and a PostgreSQL one.
//
// What is stored is the history of each organisation as an append-only log:
// every successful command is one change, numbered by a per-organisation
// sequence (seq). Check-ins, by far the most numerous, are kept in a typed
// table of their own that shares the sequence, so that loading millions of
// them needs no JSON. Replaying the log in seq order into an empty model
// rebuilds the organisation exactly, with its whole history (DOMAIN.md as_of).
// Beside the log, an audit table keeps, for every entity a change touched, the
// actor, the instant, and the entity before and after as JSON. A new check-in
// is the exception: its row in the check-in table, append-only with author,
// instant and values, is its audit record, and is not written twice.
//
// Writes go through a WriteTransaction that holds the organisation's write
// lock for its whole life: it reads the organisation's head (the last seq)
// under the lock, so a writer can first catch up with changes made by other
// instances, then append. commit() returns only once the transaction is
// durable. Nothing in here is thread-safe: one thread uses one Store.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/check_in.h"
#include "core/result.h"
#include "core/time.h"
#include "store/kpi_source.h"
#include "store/outbox.h"

namespace cairn::store {

using core::Result;

// An organisation as the store knows it: an id and a unique slug. Its name,
// mission and the rest live in its change log.
struct OrganizationRecord {
  std::int64_t id = 0;
  std::string slug;
  core::Instant created_at;
  std::int64_t head = 0;  // seq of its last change, 0 when it has none
};

// One committed command. For a check-in, `kind` is "add_check_in", `payload`
// is empty and `check_in` holds it.
struct Change {
  std::int64_t seq = 0;
  core::Instant at;
  std::string actor;  // who made it: "person:12", "token:3", "system", ...
  std::string kind;   // the command's stable name
  std::string payload;
  std::optional<core::CheckIn> check_in;
};

// One entity as a change left it.
struct AuditEntry {
  std::int64_t seq = 0;  // the change that made it
  int position = 0;      // order among the entries of one change
  core::Instant at;
  std::string actor;
  std::string entity;  // "objective", "key_result", ...
  std::int64_t entity_id = 0;
  std::optional<std::string> before;  // JSON; absent when the change created it
  std::string after;                  // JSON
  // `before` holds only the fields that differ from `after`, in the form of
  // app/audit_before.h, not the whole entity (the app makes the whole again).
  bool before_changed_only = false;
};

struct AuditQuery {
  std::optional<std::string> entity;  // only this kind of entity
  std::optional<std::int64_t> entity_id;
  // Newest first, strictly before the entry (before_seq, before_position):
  // pass the last entry of a page to get the next one.
  std::int64_t before_seq = INT64_MAX;
  int before_position = 0;
  int limit = 100;
};

// A person's password, as its argon2id hash. Secrets stay out of the change
// log and the audit log, in tables of their own.
struct CredentialRecord {
  std::int64_t organization = 0;
  std::uint32_t person = 0;
  std::string password_hash;
  core::Instant updated_at;
};

// An API token, kept as a hash of the token: the token itself is shown once.
struct ApiTokenRecord {
  std::int64_t id = 0;
  std::int64_t organization = 0;
  std::uint32_t person = 0;
  std::string name;
  std::string token_hash;
  core::Instant created_at;
  std::optional<core::Instant> revoked_at;
};

// A security event (QUALITY.md "Authentication and sessions"): a sign-in, a
// failed one, denied access, a token created or revoked... Never a secret:
// no password, no token, no session id.
struct SecurityEvent {
  std::int64_t id = 0;                       // assigned by the store, increasing
  std::optional<std::int64_t> organization;  // none when no known organisation
  core::Instant at;
  std::string kind;                    // "sign_in", "sign_in_failed", "access_denied"...
  std::optional<std::string> actor;    // "person:12"; none when unauthenticated
  std::optional<std::string> subject;  // the email tried, "objective:17", "token:3"...
  std::optional<std::string> address;  // the client's IP address
  std::string detail;                  // e.g. the denied command's kind
};

struct SecurityEventQuery {
  // Newest first, strictly before this id: pass the last id of a page.
  std::int64_t before_id = INT64_MAX;
  std::optional<core::Instant> since;  // only events at or after
  std::optional<std::string> kind;     // only this kind
  // Also the events that belong to no organisation (for a server admin).
  bool with_unattributed = false;
  int limit = 100;
};

// A browser session as the store keeps it: the hash of its id (the id itself
// is only ever in the browser's cookie), who it is for, and its clocks.
struct SessionRecord {
  std::string id_hash;
  std::int64_t organization = 0;
  std::uint32_t person = 0;
  std::string csrf_token;
  core::Instant created_at;
  core::Instant last_seen;
};

// What the sign-in limiter (app/sign_in_limiter.h) reads before a password
// check: the failures since some instant, counted three ways, and when the
// account last signed in from the address.
struct SignInCounts {
  int account_failures = 0;  // of the account, from any address, since its last success
  core::Instant last_account_failure;
  int pair_failures = 0;  // of the account from this address
  core::Instant first_pair_failure;
  int address_failures = 0;  // from this address, whatever the account
  core::Instant first_address_failure;
  std::optional<core::Instant> last_success;  // of the account from this address, ever kept
};

class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;  // rolls back unless committed

  // The organisation's last seq when the transaction began, read under its
  // write lock; the next change must be head() + 1, then + 2, ...
  virtual std::int64_t head() const = 0;

  // Appends a change (a check-in when `change.check_in` is set). Seqs must
  // continue head() without gaps.
  virtual Result<void> append(const Change& change) = 0;
  virtual Result<void> append_audit(const AuditEntry& entry) = 0;

  // Notifications, deliveries and next run times that commit (or roll back)
  // with the change. A transaction may hold only these: the scheduler opens
  // one to write what a run produced together with the next run time.
  // Returns the id the store gave the record.
  virtual Result<std::int64_t> append_notification(const NotificationRecord& notification) = 0;
  virtual Result<std::int64_t> append_delivery(const DeliveryRecord& delivery) = 0;
  virtual Result<void> set_schedule(const ScheduleRecord& schedule) = 0;

  // Makes everything appended durable, or fails and keeps none of it.
  virtual Result<void> commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // "sqlite" or "postgres".
  virtual std::string_view backend() const = 0;
  // The schema version the store is at (after migrations ran on open).
  virtual Result<int> schema_version() = 0;

  virtual Result<std::vector<OrganizationRecord>> organizations() = 0;
  virtual Result<std::optional<OrganizationRecord>> organization(std::string_view slug) = 0;
  // Creates the organisation inside a write transaction on it, for a first
  // bulk write (an import into a new organisation): should the transaction
  // not commit, the organisation was never there. Fails with kConflict when
  // the slug is taken.
  struct NewOrganization {
    OrganizationRecord record;
    std::unique_ptr<WriteTransaction> write;
  };
  virtual Result<NewOrganization> begin_new_organization(std::string_view slug,
                                                         core::Instant at) = 0;
  // The same with nothing written into it: committed at once.
  virtual Result<OrganizationRecord> create_organization(std::string_view slug, core::Instant at) {
    auto begun = begin_new_organization(slug, at);
    if (!begun) return begun.error();
    if (auto committed = begun->write->commit(); !committed) return committed.error();
    return std::move(begun->record);
  }
  // The organisation's last seq, without taking its lock.
  virtual Result<std::int64_t> head(std::int64_t organization) = 0;

  // Takes the organisation's write lock (waiting for another writer) and
  // begins a transaction.
  virtual Result<std::unique_ptr<WriteTransaction>> begin_write(std::int64_t organization) = 0;

  // Calls `visit` with every change of the organisation whose seq is greater
  // than `after_seq`, in seq order, check-ins included. Stops early, with the
  // visitor's error, when the visitor fails.
  using ChangeVisitor = std::function<Result<void>(const Change&)>;
  virtual Result<void> read_changes(std::int64_t organization, std::int64_t after_seq,
                                    const ChangeVisitor& visit) = 0;

  virtual Result<std::vector<AuditEntry>> read_audit(std::int64_t organization,
                                                     const AuditQuery& query) = 0;

  // ---- Credentials and API tokens ----------------------------------------------
  // Sets (or replaces) a person's password hash; durable on return.
  virtual Result<void> set_password_hash(const CredentialRecord& credential) = 0;
  virtual Result<std::optional<std::string>> password_hash(std::int64_t organization,
                                                           std::uint32_t person) = 0;
  virtual Result<std::vector<CredentialRecord>> credentials(std::int64_t organization) = 0;
  // Stores a new token and returns it with its id; a token hash is unique.
  virtual Result<ApiTokenRecord> create_api_token(const ApiTokenRecord& token) = 0;
  // Every token of the organisation, revoked ones included, oldest first.
  virtual Result<std::vector<ApiTokenRecord>> api_tokens(std::int64_t organization) = 0;
  // Marks a token revoked; false when the organisation has no such live token.
  virtual Result<bool> revoke_api_token(std::int64_t organization, std::int64_t id,
                                        core::Instant at) = 0;

  // ---- Security events ------------------------------------------------------------
  // Appends an event, outside any write transaction; durable on return.
  // Returns it with its id.
  virtual Result<SecurityEvent> append_security_event(const SecurityEvent& event) = 0;
  // A page of the events of `organization` (of no organisation when nullopt),
  // newest first.
  virtual Result<std::vector<SecurityEvent>> read_security_events(
      std::optional<std::int64_t> organization, const SecurityEventQuery& query) = 0;

  // ---- Sessions ----------------------------------------------------------------------
  // Stores a new session; durable on return.
  virtual Result<void> create_session(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> find_session(std::string_view id_hash) = 0;
  // Moves a session's last_seen forward (never back).
  virtual Result<void> touch_session(std::string_view id_hash, core::Instant last_seen) = 0;
  virtual Result<void> delete_session(std::string_view id_hash) = 0;
  // Every session of a person; returns how many there were.
  virtual Result<int> delete_sessions_for_person(std::int64_t organization,
                                                 std::uint32_t person) = 0;
  // The organisation's sessions created before `created_before` or idle since
  // before `last_seen_before`; returns how many there were.
  virtual Result<int> delete_expired_sessions(std::int64_t organization,
                                              core::Instant created_before,
                                              core::Instant last_seen_before) = 0;

  // ---- Sign-in failures (app/sign_in_limiter.h) -----------------------------------
  // Failed password checks and the addresses each account signed in from, in
  // the store so that every instance on it counts the same failures and a
  // restart forgets none. `account` is the email in lower case. Durable on
  // return.
  virtual Result<SignInCounts> sign_in_counts(std::string_view account, std::string_view address,
                                              core::Instant since) = 0;
  virtual Result<void> add_sign_in_failure(std::string_view account, std::string_view address,
                                           core::Instant at) = 0;
  // A correct password: the account's failures so far stop counting for the
  // account (they still count for the address and the pair), and the address
  // is known for the account from `at`.
  virtual Result<void> add_sign_in_success(std::string_view account, std::string_view address,
                                           core::Instant at) = 0;
  // Deletes the failures older than `failures_before` and the known addresses
  // last used before `known_before`; returns how many rows went.
  virtual Result<int> forget_sign_ins(core::Instant failures_before,
                                      core::Instant known_before) = 0;

  // ---- Notifications and the outbox (outbox.h) ------------------------------------
  // A page of one person's notifications, newest first.
  virtual Result<std::vector<NotificationRecord>> read_notifications(
      std::int64_t organization, std::uint32_t person, const NotificationQuery& query) = 0;
  // Marks one of the person's notifications read (keeps the first instant);
  // false when the person has no such notification.
  virtual Result<bool> mark_notification_read(std::int64_t organization, std::uint32_t person,
                                              std::int64_t id, core::Instant at) = 0;
  // Marks every unread notification of the person read at `at`; returns how
  // many there were.
  virtual Result<int> mark_all_notifications_read(std::int64_t organization, std::uint32_t person,
                                                  core::Instant at) = 0;

  // Claims up to `limit` pending deliveries of every organisation whose next
  // attempt is due at `now`, oldest first, by moving their next attempt to
  // `lease_until`: another instance (or this one after a crash) takes them
  // only once the lease ran out.
  virtual Result<std::vector<DeliveryRecord>> claim_deliveries(core::Instant now,
                                                               core::Instant lease_until,
                                                               int limit) = 0;
  // Stores the outcome of an attempt: state, attempts, next_attempt_at,
  // last_error and delivered_at of `delivery`.
  virtual Result<void> record_attempt(const DeliveryRecord& delivery) = 0;
  virtual Result<std::vector<DeliveryRecord>> read_deliveries(std::int64_t organization,
                                                              const DeliveryQuery& query) = 0;

  // Stores a new webhook and returns it with its id.
  virtual Result<WebhookRecord> create_webhook(const WebhookRecord& webhook) = 0;
  // Replaces a webhook's secret (Service::open seals the secrets of older rows).
  virtual Result<void> set_webhook_secret(std::int64_t organization, std::int64_t id,
                                          const std::string& secret, bool sealed) = 0;
  // The organisation's webhooks that are not deleted, oldest first.
  virtual Result<std::vector<WebhookRecord>> webhooks(std::int64_t organization) = 0;
  // False when the organisation has no such live webhook.
  virtual Result<bool> delete_webhook(std::int64_t organization, std::int64_t id,
                                      core::Instant at) = 0;

  // Sets (or replaces) which channels one kind of alert reaches for a person.
  virtual Result<void> set_channel_preference(const ChannelPreference& preference) = 0;
  virtual Result<std::vector<ChannelPreference>> channel_preferences(std::int64_t organization,
                                                                     std::uint32_t person) = 0;

  // A person's calendar feed token, as its hash: replaces their earlier one.
  virtual Result<void> set_calendar_token(const CalendarTokenRecord& token) = 0;
  virtual Result<std::optional<CalendarTokenRecord>> find_calendar_token(
      std::string_view token_hash) = 0;

  // The scheduler's next run times of an organisation, by job.
  virtual Result<std::vector<ScheduleRecord>> schedules(std::int64_t organization) = 0;

  // ---- KPI sources (kpi_source.h) ---------------------------------------------------
  // Sets (or replaces) a KPI's source: its token, pull and state.
  virtual Result<void> set_kpi_source(const KpiSourceRecord& source) = 0;
  virtual Result<std::optional<KpiSourceRecord>> kpi_source(std::int64_t organization,
                                                            std::uint32_t kpi) = 0;
  // Every KPI source of the organisation, by KPI.
  virtual Result<std::vector<KpiSourceRecord>> kpi_sources(std::int64_t organization) = 0;
  virtual Result<std::optional<KpiSourceRecord>> kpi_source_by_token(
      std::string_view token_hash) = 0;
  // Claims up to `limit` pulls of every organisation that are due at `now` by
  // moving their next pull to `lease_until`, as claim_deliveries does.
  virtual Result<std::vector<KpiSourceRecord>> claim_kpi_pulls(core::Instant now,
                                                               core::Instant lease_until,
                                                               int limit) = 0;
  // Stores a pull's outcome: next_pull_at, last_attempt_at, last_success_at,
  // last_error and failures, leaving the configuration as it is.
  virtual Result<void> record_kpi_pull(const KpiSourceRecord& source) = 0;

  // Waits until another connection may have committed a change, or `timeout`
  // passed; callers then compare heads. PostgreSQL listens for notifications;
  // SQLite just sleeps.
  virtual Result<void> wait_for_changes(std::chrono::milliseconds timeout) = 0;
};

// Opens (creating when needed) the store named by `location`: a file path for
// SQLite, or a postgres:// or postgresql:// URL. Migrations run on open.
Result<std::unique_ptr<Store>> open_store(const std::string& location);

// True for the locations open_store hands to PostgreSQL.
bool is_postgres_url(std::string_view location);

}  // namespace cairn::store
