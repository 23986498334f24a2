#include "store/migrations.h"

#include <array>

namespace cairn::store {
namespace {

// Version 1: organisations, the change log, check-ins and the audit log.
// Instants are integer seconds (UTC); JSON is kept as text.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE organizations (
  id BIGINT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  head BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE changes (
  org BIGINT NOT NULL REFERENCES organizations (id),
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (org, seq)
){without_rowid};
CREATE TABLE check_ins (
  org BIGINT NOT NULL REFERENCES organizations (id),
  seq BIGINT NOT NULL,
  id BIGINT NOT NULL,
  key_result BIGINT NOT NULL,
  author BIGINT,
  on_behalf_of BIGINT,
  value DOUBLE PRECISION NOT NULL,
  done SMALLINT NOT NULL,
  milestones_done BIGINT NOT NULL,
  confidence SMALLINT,
  note TEXT NOT NULL,
  at BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (org, seq)
){without_rowid};
CREATE TABLE audit (
  org BIGINT NOT NULL REFERENCES organizations (id),
  seq BIGINT NOT NULL,
  n INTEGER NOT NULL,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  before_json TEXT,
  after_json TEXT NOT NULL,
  PRIMARY KEY (org, seq, n)
){without_rowid};
CREATE INDEX audit_by_entity ON audit (org, entity, entity_id, seq);
)sql";

// Version 2: passwords and API tokens, as hashes, outside the logs.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE credentials (
  org BIGINT NOT NULL REFERENCES organizations (id),
  person BIGINT NOT NULL,
  password_hash TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org, person)
){without_rowid};
CREATE TABLE api_tokens (
  id BIGINT PRIMARY KEY,
  org BIGINT NOT NULL REFERENCES organizations (id),
  person BIGINT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_by_org ON api_tokens (org, id);
)sql";

// Version 3: security events (sign-ins, failures, denied access, tokens...)
// beside the audit log, and browser sessions, so that they survive restarts
// and are shared by every instance on one database. `org` is NULL for an
// event that belongs to no known organisation (a sign-in with an unknown
// email). A session row holds only the hash of its id.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE security_events (
  id BIGINT PRIMARY KEY,
  org BIGINT,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT,
  subject TEXT,
  address TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX security_events_by_org ON security_events (org, id);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  org BIGINT NOT NULL REFERENCES organizations (id),
  person BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_by_person ON sessions (org, person);
)sql";

// Version 4: notifications (F29). In-app notifications per person; the
// outbox of deliveries to email and webhooks, with their attempts and last
// error; outgoing webhooks with their signing secret; each person's channels
// per kind of alert; and the scheduler's next run time per job, so that a
// restart neither skips nor repeats a reminder; and the read-only tokens of
// calendar feeds (hashed, one per person). Ids are per organisation.
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE notifications (
  org BIGINT NOT NULL REFERENCES organizations (id),
  id BIGINT NOT NULL,
  person BIGINT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  at BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  read_at BIGINT,
  PRIMARY KEY (org, id)
){without_rowid};
CREATE INDEX notifications_by_person ON notifications (org, person, id);
CREATE TABLE deliveries (
  org BIGINT NOT NULL REFERENCES organizations (id),
  id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  target TEXT NOT NULL,
  event TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL,
  delivered_at BIGINT,
  PRIMARY KEY (org, id)
){without_rowid};
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE TABLE webhooks (
  org BIGINT NOT NULL REFERENCES organizations (id),
  id BIGINT NOT NULL,
  url TEXT NOT NULL,
  format TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  deleted_at BIGINT,
  PRIMARY KEY (org, id)
){without_rowid};
CREATE TABLE channel_preferences (
  org BIGINT NOT NULL REFERENCES organizations (id),
  person BIGINT NOT NULL,
  kind TEXT NOT NULL,
  channels TEXT NOT NULL,
  PRIMARY KEY (org, person, kind)
){without_rowid};
CREATE TABLE schedules (
  org BIGINT NOT NULL REFERENCES organizations (id),
  job TEXT NOT NULL,
  next_run_at BIGINT NOT NULL,
  PRIMARY KEY (org, job)
){without_rowid};
CREATE TABLE calendar_tokens (
  token_hash TEXT PRIMARY KEY,
  org BIGINT NOT NULL REFERENCES organizations (id),
  person BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX calendar_tokens_by_person ON calendar_tokens (org, person);
)sql";

// KPI sources: push tokens (hashed), pulls and their state (kpi_source.h).
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE kpi_sources (
  org BIGINT NOT NULL REFERENCES organizations (id),
  kpi BIGINT NOT NULL,
  token_hash TEXT,
  token_created_at BIGINT,
  url TEXT NOT NULL,
  pointer TEXT NOT NULL,
  interval_minutes INTEGER NOT NULL,
  headers TEXT NOT NULL,
  next_pull_at BIGINT,
  last_attempt_at BIGINT,
  last_success_at BIGINT,
  last_error TEXT NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (org, kpi)
){without_rowid};
CREATE UNIQUE INDEX kpi_sources_by_token ON kpi_sources (token_hash);
CREATE INDEX kpi_sources_due ON kpi_sources (next_pull_at);
)sql";

// Version 6: each notification's params, the variable parts of its message
// as a JSON object, so the app can say it in the reader's language. Rows made
// before keep '{}' (the app shows their English text).
constexpr std::string_view kVersion6 = R"sql(
ALTER TABLE notifications ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
)sql";

// Version 7: webhook secrets sealed at rest. Rows made before keep 0 until
// the service seals them as it starts (it holds the key; the store does not).
constexpr std::string_view kVersion7 = R"sql(
ALTER TABLE webhooks ADD COLUMN secret_sealed SMALLINT NOT NULL DEFAULT 0;
)sql";

// Version 8: the sign-in limiter's records (app/sign_in_limiter.h), so that
// every instance on one database counts the same failed password checks and
// a restart forgets none. `for_account` is 0 once a success has cleared the
// failure for its account (it still counts for its address). `known_addresses`
// holds each account's last sign-in from each address.
constexpr std::string_view kVersion8 = R"sql(
CREATE TABLE sign_in_failures (
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  at BIGINT NOT NULL,
  for_account SMALLINT NOT NULL DEFAULT 1
);
CREATE INDEX sign_in_failures_by_account ON sign_in_failures (account, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);
CREATE TABLE known_addresses (
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  last_success BIGINT NOT NULL,
  PRIMARY KEY (account, address)
){without_rowid};
CREATE INDEX known_addresses_by_last_success ON known_addresses (last_success);
)sql";

// Version 9: an audit row's before may hold only the fields the change
// altered (app/audit_before.h): closing a quarter wrote two whole copies of
// every objective and key result, 380 MB at enterprise scale. Rows made
// before keep 0, a whole entity.
constexpr std::string_view kVersion9 = R"sql(
ALTER TABLE audit ADD COLUMN before_changed_only SMALLINT NOT NULL DEFAULT 0;
)sql";

constexpr std::array kMigrations{
    Migration{1, "organisations, change log, check-ins, audit log", kVersion1},
    Migration{2, "passwords and API tokens", kVersion2},
    Migration{3, "security events and sessions", kVersion3},
    Migration{4, "notifications, outbox, webhooks, channel preferences, schedules, calendar tokens",
              kVersion4},
    Migration{5, "KPI sources", kVersion5},
    Migration{6, "notification params", kVersion6},
    Migration{7, "webhook secrets sealed", kVersion7},
    Migration{8, "sign-in failures and known addresses", kVersion8},
    Migration{9, "audit before as the changed fields", kVersion9},
};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return kMigrations.back().version;
}

core::Result<void> check_not_newer(int version) {
  if (version <= latest_schema_version()) return {};
  return core::Error{core::ErrorCode::kUnavailable,
                     "the store's schema (version " + std::to_string(version) +
                         ") is newer than this Cairn knows (" +
                         std::to_string(latest_schema_version()) + "); upgrade Cairn",
                     {},
                     {},
                     {}};
}

std::string migration_sql(const Migration& migration, std::string_view backend) {
  std::string sql(migration.sql);
  // SQLite keeps tables with a composite primary key as that key's b-tree
  // alone; PostgreSQL has no such option and needs none.
  replace_all(sql, "{without_rowid}", backend == "sqlite" ? " WITHOUT ROWID" : "");
  return sql;
}

}  // namespace cairn::store
