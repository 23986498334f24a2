#include "store/postgres/postgres_store.h"

#include <poll.h>

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "store/migrations.h"
#include "store/postgres/pg_connection.h"

namespace cairn::store::postgres {
namespace {

constexpr std::string_view kChannel = "cairn_changes";
// Appends are sent as multi-row INSERTs of this many rows, so a bulk write of
// millions of check-ins is not one round trip per row.
constexpr std::size_t kBatchRows = 500;
// Rows fetched at a time while the change log streams in.
constexpr int kFetchRows = 10'000;

constexpr std::string_view kReadChanges = R"sql(
SELECT seq, at, actor, kind, payload,
       NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::double precision,
       NULL::smallint, NULL::bigint, NULL::smallint, NULL::text, NULL::bigint
  FROM changes WHERE org = $1 AND seq > $2
UNION ALL
SELECT seq, recorded_at, actor, 'add_check_in', '',
       id, key_result, author, on_behalf_of, value, done, milestones_done, confidence, note, at
  FROM check_ins WHERE org = $1 AND seq > $2
ORDER BY 1
)sql";

std::optional<std::string> id_text(std::uint32_t value, bool valid) {
  if (!valid) return std::nullopt;
  return text(static_cast<std::int64_t>(value));
}

// Appends `rows` of `columns` placeholders ($n, ...) to an INSERT statement.
std::string insert_sql(std::string_view head, int columns, std::size_t rows) {
  std::string sql(head);
  int n = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r ? ",(" : " VALUES (";
    for (int c = 0; c < columns; ++c) {
      if (c) sql += ',';
      sql += '$' + std::to_string(n++);
    }
    sql += ')';
  }
  return sql;
}

class PostgresStore;

class PostgresWrite final : public WriteTransaction {
 public:
  PostgresWrite(PostgresStore& store, std::int64_t organization, std::int64_t head)
      : store_(store), organization_(organization), head_(head), last_(head) {}
  ~PostgresWrite() override;

  std::int64_t head() const override { return head_; }
  Result<void> append(const Change& change) override;
  Result<void> append_audit(const AuditEntry& entry) override;
  Result<std::int64_t> append_notification(const NotificationRecord& notification) override;
  Result<std::int64_t> append_delivery(const DeliveryRecord& delivery) override;
  Result<void> set_schedule(const ScheduleRecord& schedule) override;
  Result<void> commit() override;

 private:
  Result<void> flush();

  PostgresStore& store_;
  std::int64_t organization_;
  std::int64_t head_;
  std::int64_t last_;
  Params changes_, check_ins_, audit_;  // buffered rows, flattened
  bool done_ = false;
};

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}

  Result<void> start() {
    CAIRN_TRY(migrate());
    return listen();
  }

  std::string_view backend() const override { return "postgres"; }

  Result<int> schema_version() override {
    CAIRN_TRY(connected());
    auto r = db_->run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!r) return r.error();
    return static_cast<int>(int64_at(r->get(), 0, 0));
  }

  Result<std::vector<OrganizationRecord>> organizations() override {
    CAIRN_TRY(connected());
    auto r = db_->run("SELECT id, slug, created_at, head FROM organizations ORDER BY id");
    if (!r) return r.error();
    std::vector<OrganizationRecord> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) out.push_back(read_organization(r->get(), i));
    return out;
  }

  Result<std::optional<OrganizationRecord>> organization(std::string_view slug) override {
    CAIRN_TRY(connected());
    auto r = db_->run("SELECT id, slug, created_at, head FROM organizations WHERE slug = $1",
                      {std::string(slug)});
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return std::optional<OrganizationRecord>();
    return std::optional<OrganizationRecord>(read_organization(r->get(), 0));
  }

  Result<NewOrganization> begin_new_organization(std::string_view slug, core::Instant at) override {
    CAIRN_TRY(connected());
    CAIRN_TRY(exec("BEGIN"));
    in_transaction_ = true;
    auto record = insert_organization(slug, at);
    if (!record) {
      rollback();
      return record.error();
    }
    // The new row is this transaction's until it commits: no other writer
    // can lock it meanwhile, nor see it.
    const std::int64_t id = record->id;
    return NewOrganization{std::move(*record), std::make_unique<PostgresWrite>(*this, id, 0)};
  }

  Result<std::int64_t> head(std::int64_t organization) override {
    CAIRN_TRY(connected());
    auto r = db_->run("SELECT head FROM organizations WHERE id = $1", {text(organization)});
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return core::not_found("organisation");
    return int64_at(r->get(), 0, 0);
  }

  Result<std::unique_ptr<WriteTransaction>> begin_write(std::int64_t organization) override {
    CAIRN_TRY(connected());
    CAIRN_TRY(exec("BEGIN"));
    in_transaction_ = true;
    // The row lock is the organisation's write lock: a second writer, in this
    // process or another instance, waits here until the first commits.
    auto r =
        db_->run("SELECT head FROM organizations WHERE id = $1 FOR UPDATE", {text(organization)});
    if (!r || PQntuples(r->get()) == 0) {
      rollback();
      if (!r) return r.error();
      return core::not_found("organisation");
    }
    return std::unique_ptr<WriteTransaction>(
        std::make_unique<PostgresWrite>(*this, organization, int64_at(r->get(), 0, 0)));
  }

  Result<void> read_changes(std::int64_t organization, std::int64_t after_seq,
                            const ChangeVisitor& visit) override {
    // A cursor streams the log in chunks, in one snapshot; a writer catching
    // up reads inside its own transaction.
    const bool own_transaction = !in_transaction_;
    if (own_transaction) {
      CAIRN_TRY(connected());
      CAIRN_TRY(exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    }
    auto result = [&]() -> Result<void> {
      CAIRN_TRY(exec("DECLARE cairn_feed NO SCROLL CURSOR FOR " + std::string(kReadChanges),
                     {text(organization), text(after_seq)}));
      Change change;
      for (;;) {
        auto rows = db_->run("FETCH " + std::to_string(kFetchRows) + " FROM cairn_feed");
        if (!rows) return rows.error();
        const PGresult* r = rows->get();
        const int count = PQntuples(r);
        for (int i = 0; i < count; ++i) {
          change.seq = int64_at(r, i, 0);
          change.at = core::Instant{int64_at(r, i, 1)};
          change.actor.assign(text_at(r, i, 2));
          change.kind.assign(text_at(r, i, 3));
          change.payload.assign(text_at(r, i, 4));
          if (null_at(r, i, 5)) {
            change.check_in.reset();
          } else {
            core::CheckIn& c = change.check_in.emplace();
            auto id = [&](int column, auto tag) {
              using Id = decltype(tag);
              return null_at(r, i, column) ? Id{}
                                           : Id{static_cast<std::uint32_t>(int64_at(r, i, column))};
            };
            c.id = id(5, core::CheckInId{});
            c.key_result = id(6, core::KeyResultId{});
            c.author = id(7, core::PersonId{});
            c.on_behalf_of = id(8, core::PersonId{});
            c.measurement.value = double_at(r, i, 9);
            c.measurement.done = int64_at(r, i, 10) != 0;
            c.measurement.milestones_done = static_cast<std::uint64_t>(int64_at(r, i, 11));
            if (null_at(r, i, 12)) {
              c.confidence.reset();
            } else {
              c.confidence = static_cast<int>(int64_at(r, i, 12));
            }
            c.note.assign(text_at(r, i, 13));
            c.at = core::Instant{int64_at(r, i, 14)};
            c.recorded_at = change.at;
            c.deleted_at.reset();
          }
          CAIRN_TRY(visit(change));
        }
        if (count < kFetchRows) break;
      }
      return exec("CLOSE cairn_feed");
    }();
    if (own_transaction) {
      (void)exec(result ? "COMMIT" : "ROLLBACK");
    } else if (!result) {
      (void)exec("CLOSE cairn_feed");
    }
    return result;
  }

  Result<std::vector<AuditEntry>> read_audit(std::int64_t organization,
                                             const AuditQuery& query) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT seq, n, at, actor, entity, entity_id, before_json, after_json, "
        "before_changed_only FROM audit "
        "WHERE org = $1 AND (seq < $2 OR (seq = $2 AND n < $6)) "
        "AND ($3::text IS NULL OR entity = $3) AND ($4::bigint IS NULL OR entity_id = $4) "
        "ORDER BY seq DESC, n DESC LIMIT $5",
        {text(organization), text(query.before_seq), query.entity,
         query.entity_id ? std::optional<std::string>(text(*query.entity_id)) : std::nullopt,
         text(std::int64_t{query.limit}), text(std::int64_t{query.before_position})});
    if (!r) return r.error();
    std::vector<AuditEntry> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      const PGresult* row = r->get();
      AuditEntry& e = out.emplace_back();
      e.seq = int64_at(row, i, 0);
      e.position = static_cast<int>(int64_at(row, i, 1));
      e.at = core::Instant{int64_at(row, i, 2)};
      e.actor.assign(text_at(row, i, 3));
      e.entity.assign(text_at(row, i, 4));
      e.entity_id = int64_at(row, i, 5);
      if (!null_at(row, i, 6)) e.before.emplace(text_at(row, i, 6));
      e.after.assign(text_at(row, i, 7));
      e.before_changed_only = int64_at(row, i, 8) != 0;
    }
    return out;
  }

  Result<void> set_password_hash(const CredentialRecord& c) override {
    CAIRN_TRY(connected());
    return exec(
        "INSERT INTO credentials (org, person, password_hash, updated_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (org, person) DO UPDATE SET password_hash = excluded.password_hash, "
        "updated_at = excluded.updated_at",
        {text(c.organization), text(std::int64_t{c.person}), c.password_hash,
         text(c.updated_at.seconds)});
  }

  Result<std::optional<std::string>> password_hash(std::int64_t organization,
                                                   std::uint32_t person) override {
    CAIRN_TRY(connected());
    auto r = db_->run("SELECT password_hash FROM credentials WHERE org = $1 AND person = $2",
                      {text(organization), text(std::int64_t{person})});
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return std::optional<std::string>();
    return std::optional<std::string>(std::string(text_at(r->get(), 0, 0)));
  }

  Result<std::vector<CredentialRecord>> credentials(std::int64_t organization) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT person, password_hash, updated_at FROM credentials WHERE org = $1 ORDER BY person",
        {text(organization)});
    if (!r) return r.error();
    std::vector<CredentialRecord> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      out.push_back(CredentialRecord{
          organization, static_cast<std::uint32_t>(int64_at(r->get(), i, 0)),
          std::string(text_at(r->get(), i, 1)), core::Instant{int64_at(r->get(), i, 2)}});
    }
    return out;
  }

  Result<ApiTokenRecord> create_api_token(const ApiTokenRecord& token) override {
    CAIRN_TRY(connected());
    CAIRN_TRY(exec("BEGIN"));
    auto result = [&]() -> Result<ApiTokenRecord> {
      CAIRN_TRY(exec("LOCK TABLE api_tokens IN SHARE ROW EXCLUSIVE MODE"));
      auto next = db_->run("SELECT COALESCE(MAX(id), 0) + 1 FROM api_tokens");
      if (!next) return next.error();
      ApiTokenRecord created = token;
      created.id = int64_at(next->get(), 0, 0);
      created.revoked_at.reset();
      CAIRN_TRY(
          exec("INSERT INTO api_tokens (id, org, person, name, token_hash, created_at) "
               "VALUES ($1, $2, $3, $4, $5, $6)",
               {text(created.id), text(created.organization), text(std::int64_t{created.person}),
                created.name, created.token_hash, text(created.created_at.seconds)}));
      CAIRN_TRY(exec("COMMIT"));
      return created;
    }();
    if (!result) (void)exec("ROLLBACK");
    return result;
  }

  Result<std::vector<ApiTokenRecord>> api_tokens(std::int64_t organization) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT id, person, name, token_hash, created_at, revoked_at FROM api_tokens "
        "WHERE org = $1 ORDER BY id",
        {text(organization)});
    if (!r) return r.error();
    std::vector<ApiTokenRecord> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      const PGresult* row = r->get();
      ApiTokenRecord& t = out.emplace_back();
      t.id = int64_at(row, i, 0);
      t.organization = organization;
      t.person = static_cast<std::uint32_t>(int64_at(row, i, 1));
      t.name.assign(text_at(row, i, 2));
      t.token_hash.assign(text_at(row, i, 3));
      t.created_at = core::Instant{int64_at(row, i, 4)};
      if (!null_at(row, i, 5)) t.revoked_at = core::Instant{int64_at(row, i, 5)};
    }
    return out;
  }

  Result<bool> revoke_api_token(std::int64_t organization, std::int64_t id,
                                core::Instant at) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "UPDATE api_tokens SET revoked_at = $3 WHERE org = $1 AND id = $2 AND revoked_at IS NULL",
        {text(organization), text(id), text(at.seconds)});
    if (!r) return r.error();
    return std::string_view(PQcmdTuples(r->get())) != "0";
  }

  Result<SecurityEvent> append_security_event(const SecurityEvent& event) override {
    CAIRN_TRY(connected());
    CAIRN_TRY(exec("BEGIN"));
    auto result = [&]() -> Result<SecurityEvent> {
      // One appender at a time, so two instances never pick the same id.
      CAIRN_TRY(exec("LOCK TABLE security_events IN SHARE ROW EXCLUSIVE MODE"));
      auto next = db_->run("SELECT COALESCE(MAX(id), 0) + 1 FROM security_events");
      if (!next) return next.error();
      SecurityEvent stored = event;
      stored.id = int64_at(next->get(), 0, 0);
      CAIRN_TRY(
          exec("INSERT INTO security_events (id, org, at, kind, actor, subject, address, detail) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
               {text(stored.id),
                stored.organization ? std::optional<std::string>(text(*stored.organization))
                                    : std::nullopt,
                text(stored.at.seconds), stored.kind, stored.actor, stored.subject, stored.address,
                stored.detail}));
      CAIRN_TRY(exec("COMMIT"));
      return stored;
    }();
    if (!result) (void)exec("ROLLBACK");
    return result;
  }

  Result<std::vector<SecurityEvent>> read_security_events(
      std::optional<std::int64_t> organization, const SecurityEventQuery& query) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT id, org, at, kind, actor, subject, address, detail FROM security_events "
        "WHERE (org IS NOT DISTINCT FROM $1::bigint OR ($6::boolean AND org IS NULL)) "
        "AND id < $2 AND ($3::bigint IS NULL OR at >= $3) AND ($4::text IS NULL OR kind = $4) "
        "ORDER BY id DESC LIMIT $5",
        {organization ? std::optional<std::string>(text(*organization)) : std::nullopt,
         text(query.before_id),
         query.since ? std::optional<std::string>(text(query.since->seconds)) : std::nullopt,
         query.kind, text(std::int64_t{query.limit}),
         std::string(query.with_unattributed ? "true" : "false")});
    if (!r) return r.error();
    std::vector<SecurityEvent> out;
    const PGresult* rows = r->get();
    for (int i = 0; i < PQntuples(rows); ++i) {
      SecurityEvent& e = out.emplace_back();
      e.id = int64_at(rows, i, 0);
      if (!null_at(rows, i, 1)) e.organization = int64_at(rows, i, 1);
      e.at = core::Instant{int64_at(rows, i, 2)};
      e.kind.assign(text_at(rows, i, 3));
      if (!null_at(rows, i, 4)) e.actor.emplace(text_at(rows, i, 4));
      if (!null_at(rows, i, 5)) e.subject.emplace(text_at(rows, i, 5));
      if (!null_at(rows, i, 6)) e.address.emplace(text_at(rows, i, 6));
      e.detail.assign(text_at(rows, i, 7));
    }
    return out;
  }

  Result<void> create_session(const SessionRecord& s) override {
    CAIRN_TRY(connected());
    return exec(
        "INSERT INTO sessions (id_hash, org, person, csrf_token, created_at, last_seen) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {s.id_hash, text(s.organization), text(std::int64_t{s.person}), s.csrf_token,
         text(s.created_at.seconds), text(s.last_seen.seconds)});
  }

  Result<std::optional<SessionRecord>> find_session(std::string_view id_hash) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT org, person, csrf_token, created_at, last_seen FROM sessions WHERE id_hash = $1",
        {std::string(id_hash)});
    if (!r) return r.error();
    const PGresult* row = r->get();
    if (PQntuples(row) == 0) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(SessionRecord{
        std::string(id_hash), int64_at(row, 0, 0), static_cast<std::uint32_t>(int64_at(row, 0, 1)),
        std::string(text_at(row, 0, 2)), core::Instant{int64_at(row, 0, 3)},
        core::Instant{int64_at(row, 0, 4)}});
  }

  Result<void> touch_session(std::string_view id_hash, core::Instant last_seen) override {
    CAIRN_TRY(connected());
    return exec("UPDATE sessions SET last_seen = GREATEST(last_seen, $2) WHERE id_hash = $1",
                {std::string(id_hash), text(last_seen.seconds)});
  }

  Result<void> delete_session(std::string_view id_hash) override {
    CAIRN_TRY(connected());
    return exec("DELETE FROM sessions WHERE id_hash = $1", {std::string(id_hash)});
  }

  Result<int> delete_sessions_for_person(std::int64_t organization, std::uint32_t person) override {
    CAIRN_TRY(connected());
    auto r = db_->run("DELETE FROM sessions WHERE org = $1 AND person = $2",
                      {text(organization), text(std::int64_t{person})});
    if (!r) return r.error();
    return std::atoi(PQcmdTuples(r->get()));
  }

  Result<int> delete_expired_sessions(std::int64_t organization, core::Instant created_before,
                                      core::Instant last_seen_before) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "DELETE FROM sessions WHERE org = $1 AND (created_at < $2 OR last_seen < $3)",
        {text(organization), text(created_before.seconds), text(last_seen_before.seconds)});
    if (!r) return r.error();
    return std::atoi(PQcmdTuples(r->get()));
  }

  // ---- Sign-in failures --------------------------------------------------------------
  Result<SignInCounts> sign_in_counts(std::string_view account, std::string_view address,
                                      core::Instant since) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT (SELECT count(*) FROM sign_in_failures "
        "        WHERE account = $1 AND at >= $3 AND for_account = 1), "
        "       (SELECT max(at) FROM sign_in_failures "
        "        WHERE account = $1 AND at >= $3 AND for_account = 1), "
        "       (SELECT count(*) FROM sign_in_failures "
        "        WHERE account = $1 AND at >= $3 AND address = $2), "
        "       (SELECT min(at) FROM sign_in_failures "
        "        WHERE account = $1 AND at >= $3 AND address = $2), "
        "       (SELECT count(*) FROM sign_in_failures WHERE address = $2 AND at >= $3), "
        "       (SELECT min(at) FROM sign_in_failures WHERE address = $2 AND at >= $3), "
        "       (SELECT last_success FROM known_addresses WHERE account = $1 AND address = $2)",
        {std::string(account), std::string(address), text(since.seconds)});
    if (!r) return r.error();
    const PGresult* row = r->get();
    auto instant = [&](int column) {
      return core::Instant{null_at(row, 0, column) ? 0 : int64_at(row, 0, column)};
    };
    SignInCounts counts;
    counts.account_failures = static_cast<int>(int64_at(row, 0, 0));
    counts.last_account_failure = instant(1);
    counts.pair_failures = static_cast<int>(int64_at(row, 0, 2));
    counts.first_pair_failure = instant(3);
    counts.address_failures = static_cast<int>(int64_at(row, 0, 4));
    counts.first_address_failure = instant(5);
    if (!null_at(row, 0, 6)) counts.last_success = core::Instant{int64_at(row, 0, 6)};
    return counts;
  }

  Result<void> add_sign_in_failure(std::string_view account, std::string_view address,
                                   core::Instant at) override {
    CAIRN_TRY(connected());
    return exec("INSERT INTO sign_in_failures (account, address, at) VALUES ($1, $2, $3)",
                {std::string(account), std::string(address), text(at.seconds)});
  }

  Result<void> add_sign_in_success(std::string_view account, std::string_view address,
                                   core::Instant at) override {
    CAIRN_TRY(connected());
    CAIRN_TRY(exec("BEGIN"));
    auto result = [&]() -> Result<void> {
      CAIRN_TRY(
          exec("UPDATE sign_in_failures SET for_account = 0 WHERE account = $1 AND for_account = 1",
               {std::string(account)}));
      CAIRN_TRY(
          exec("INSERT INTO known_addresses (account, address, last_success) VALUES ($1, $2, $3) "
               "ON CONFLICT (account, address) DO UPDATE "
               "SET last_success = GREATEST(known_addresses.last_success, excluded.last_success)",
               {std::string(account), std::string(address), text(at.seconds)}));
      return exec("COMMIT");
    }();
    if (!result) (void)exec("ROLLBACK");
    return result;
  }

  Result<int> forget_sign_ins(core::Instant failures_before, core::Instant known_before) override {
    CAIRN_TRY(connected());
    // One statement: both deletes happen or neither.
    auto r = db_->run(
        "WITH failures AS (DELETE FROM sign_in_failures WHERE at < $1 RETURNING 1), "
        "     known AS (DELETE FROM known_addresses WHERE last_success < $2 RETURNING 1) "
        "SELECT (SELECT count(*) FROM failures) + (SELECT count(*) FROM known)",
        {text(failures_before.seconds), text(known_before.seconds)});
    if (!r) return r.error();
    return static_cast<int>(int64_at(r->get(), 0, 0));
  }

  // ---- Notifications and the outbox ----------------------------------------------
  Result<std::vector<NotificationRecord>> read_notifications(
      std::int64_t organization, std::uint32_t person, const NotificationQuery& query) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT id, kind, subject, body, at, seq, read_at, params FROM notifications "
        "WHERE org = $1 AND person = $2 AND id < $3 AND (NOT $4::boolean OR read_at IS NULL) "
        "ORDER BY id DESC LIMIT $5",
        {text(organization), text(std::int64_t{person}), text(query.before_id),
         std::string(query.unread_only ? "true" : "false"), text(std::int64_t{query.limit})});
    if (!r) return r.error();
    std::vector<NotificationRecord> out;
    const PGresult* rows = r->get();
    for (int i = 0; i < PQntuples(rows); ++i) {
      NotificationRecord& n = out.emplace_back();
      n.organization = organization;
      n.person = person;
      n.id = int64_at(rows, i, 0);
      n.kind.assign(text_at(rows, i, 1));
      n.subject.assign(text_at(rows, i, 2));
      n.text.assign(text_at(rows, i, 3));
      n.at = core::Instant{int64_at(rows, i, 4)};
      n.seq = int64_at(rows, i, 5);
      if (!null_at(rows, i, 6)) n.read_at = core::Instant{int64_at(rows, i, 6)};
      n.params.assign(text_at(rows, i, 7));
    }
    return out;
  }

  Result<bool> mark_notification_read(std::int64_t organization, std::uint32_t person,
                                      std::int64_t id, core::Instant at) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "UPDATE notifications SET read_at = COALESCE(read_at, $4) "
        "WHERE org = $1 AND person = $2 AND id = $3",
        {text(organization), text(std::int64_t{person}), text(id), text(at.seconds)});
    if (!r) return r.error();
    return std::string_view(PQcmdTuples(r->get())) != "0";
  }

  Result<int> mark_all_notifications_read(std::int64_t organization, std::uint32_t person,
                                          core::Instant at) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "UPDATE notifications SET read_at = $3 "
        "WHERE org = $1 AND person = $2 AND read_at IS NULL",
        {text(organization), text(std::int64_t{person}), text(at.seconds)});
    if (!r) return r.error();
    return std::atoi(PQcmdTuples(r->get()));
  }

  Result<std::vector<DeliveryRecord>> claim_deliveries(core::Instant now, core::Instant lease_until,
                                                       int limit) override {
    CAIRN_TRY(connected());
    // One statement: rows another instance is claiming are skipped, not waited for.
    auto r = db_->run(
        "UPDATE deliveries SET next_attempt_at = $2 WHERE (org, id) IN ("
        "SELECT org, id FROM deliveries WHERE state = 'pending' AND next_attempt_at <= $1 "
        "ORDER BY next_attempt_at, org, id LIMIT $3 FOR UPDATE SKIP LOCKED) "
        "RETURNING org, id, channel, target, event, subject, body, created_at, state, attempts, "
        "next_attempt_at, last_error, delivered_at",
        {text(now.seconds), text(lease_until.seconds), text(std::int64_t{limit})});
    if (!r) return r.error();
    auto out = read_delivery_rows(r->get());
    std::sort(out.begin(), out.end(), [](const DeliveryRecord& a, const DeliveryRecord& b) {
      return std::tie(a.created_at, a.organization, a.id) <
             std::tie(b.created_at, b.organization, b.id);
    });
    return out;
  }

  Result<void> record_attempt(const DeliveryRecord& d) override {
    CAIRN_TRY(connected());
    return exec(
        "UPDATE deliveries SET state = $3, attempts = $4, next_attempt_at = $5, last_error = $6, "
        "delivered_at = $7 WHERE org = $1 AND id = $2",
        {text(d.organization), text(d.id), std::string(to_string(d.state)),
         text(std::int64_t{d.attempts}), text(d.next_attempt_at.seconds), d.last_error,
         d.delivered_at ? std::optional<std::string>(text(d.delivered_at->seconds))
                        : std::nullopt});
  }

  Result<std::vector<DeliveryRecord>> read_deliveries(std::int64_t organization,
                                                      const DeliveryQuery& query) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT org, id, channel, target, event, subject, body, created_at, state, attempts, "
        "next_attempt_at, last_error, delivered_at FROM deliveries "
        "WHERE org = $1 AND id < $2 AND ($3::text IS NULL OR state = $3) "
        "ORDER BY id DESC LIMIT $4",
        {text(organization), text(query.before_id),
         query.state ? std::optional<std::string>(to_string(*query.state)) : std::nullopt,
         text(std::int64_t{query.limit})});
    if (!r) return r.error();
    return read_delivery_rows(r->get());
  }

  Result<WebhookRecord> create_webhook(const WebhookRecord& webhook) override {
    CAIRN_TRY(connected());
    CAIRN_TRY(exec("BEGIN"));
    auto result = [&]() -> Result<WebhookRecord> {
      // The organisation's row lock keeps two instances from picking one id.
      CAIRN_TRY(exec("SELECT id FROM organizations WHERE id = $1 FOR UPDATE",
                     {text(webhook.organization)}));
      auto next = db_->run("SELECT COALESCE(MAX(id), 0) + 1 FROM webhooks WHERE org = $1",
                           {text(webhook.organization)});
      if (!next) return next.error();
      WebhookRecord stored = webhook;
      stored.id = int64_at(next->get(), 0, 0);
      CAIRN_TRY(
          exec("INSERT INTO webhooks (org, id, url, format, events, secret, created_at, "
               "secret_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
               {text(stored.organization), text(stored.id), stored.url, stored.format,
                stored.events, stored.secret, text(stored.created_at.seconds),
                text(std::int64_t{stored.secret_sealed ? 1 : 0})}));
      CAIRN_TRY(exec("COMMIT"));
      return stored;
    }();
    if (!result) (void)exec("ROLLBACK");
    return result;
  }

  Result<std::vector<WebhookRecord>> webhooks(std::int64_t organization) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT id, url, format, events, secret, created_at, secret_sealed FROM webhooks "
        "WHERE org = $1 AND deleted_at IS NULL ORDER BY id",
        {text(organization)});
    if (!r) return r.error();
    std::vector<WebhookRecord> out;
    const PGresult* rows = r->get();
    for (int i = 0; i < PQntuples(rows); ++i) {
      WebhookRecord& w = out.emplace_back();
      w.organization = organization;
      w.id = int64_at(rows, i, 0);
      w.url.assign(text_at(rows, i, 1));
      w.format.assign(text_at(rows, i, 2));
      w.events.assign(text_at(rows, i, 3));
      w.secret.assign(text_at(rows, i, 4));
      w.created_at = core::Instant{int64_at(rows, i, 5)};
      w.secret_sealed = int64_at(rows, i, 6) != 0;
    }
    return out;
  }

  Result<void> set_webhook_secret(std::int64_t organization, std::int64_t id,
                                  const std::string& secret, bool sealed) override {
    CAIRN_TRY(connected());
    return exec("UPDATE webhooks SET secret = $3, secret_sealed = $4 WHERE org = $1 AND id = $2",
                {text(organization), text(id), secret, text(std::int64_t{sealed ? 1 : 0})});
  }

  Result<bool> delete_webhook(std::int64_t organization, std::int64_t id,
                              core::Instant at) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "UPDATE webhooks SET deleted_at = $3 WHERE org = $1 AND id = $2 AND deleted_at IS NULL",
        {text(organization), text(id), text(at.seconds)});
    if (!r) return r.error();
    return std::string_view(PQcmdTuples(r->get())) != "0";
  }

  Result<void> set_channel_preference(const ChannelPreference& p) override {
    CAIRN_TRY(connected());
    return exec(
        "INSERT INTO channel_preferences (org, person, kind, channels) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (org, person, kind) DO UPDATE SET channels = excluded.channels",
        {text(p.organization), text(std::int64_t{p.person}), p.kind, p.channels});
  }

  Result<std::vector<ChannelPreference>> channel_preferences(std::int64_t organization,
                                                             std::uint32_t person) override {
    CAIRN_TRY(connected());
    auto r = db_->run(
        "SELECT kind, channels FROM channel_preferences WHERE org = $1 AND person = $2 "
        "ORDER BY kind",
        {text(organization), text(std::int64_t{person})});
    if (!r) return r.error();
    std::vector<ChannelPreference> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      out.push_back(ChannelPreference{organization, person, std::string(text_at(r->get(), i, 0)),
                                      std::string(text_at(r->get(), i, 1))});
    }
    return out;
  }

  Result<void> set_calendar_token(const CalendarTokenRecord& t) override {
    CAIRN_TRY(connected());
    CAIRN_TRY(exec("BEGIN"));
    auto result = [&]() -> Result<void> {
      CAIRN_TRY(exec("DELETE FROM calendar_tokens WHERE org = $1 AND person = $2",
                     {text(t.organization), text(std::int64_t{t.person})}));
      CAIRN_TRY(
          exec("INSERT INTO calendar_tokens (token_hash, org, person, created_at) "
               "VALUES ($1, $2, $3, $4)",
               {t.token_hash, text(t.organization), text(std::int64_t{t.person}),
                text(t.created_at.seconds)}));
      return exec("COMMIT");
    }();
    if (!result) (void)exec("ROLLBACK");
    return result;
  }

  Result<std::optional<CalendarTokenRecord>> find_calendar_token(
      std::string_view token_hash) override {
    CAIRN_TRY(connected());
    auto r = db_->run("SELECT org, person, created_at FROM calendar_tokens WHERE token_hash = $1",
                      {std::string(token_hash)});
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return std::optional<CalendarTokenRecord>();
    return std::optional<CalendarTokenRecord>(
        CalendarTokenRecord{std::string(token_hash), int64_at(r->get(), 0, 0),
                            static_cast<std::uint32_t>(int64_at(r->get(), 0, 1)),
                            core::Instant{int64_at(r->get(), 0, 2)}});
  }

  Result<std::vector<ScheduleRecord>> schedules(std::int64_t organization) override {
    CAIRN_TRY(connected());
    auto r = db_->run("SELECT job, next_run_at FROM schedules WHERE org = $1 ORDER BY job",
                      {text(organization)});
    if (!r) return r.error();
    std::vector<ScheduleRecord> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      out.push_back(ScheduleRecord{organization, std::string(text_at(r->get(), i, 0)),
                                   core::Instant{int64_at(r->get(), i, 1)}});
    }
    return out;
  }

  Result<void> set_kpi_source(const KpiSourceRecord& k) override {
    CAIRN_TRY(connected());
    return exec(
        "INSERT INTO kpi_sources (org, kpi, token_hash, token_created_at, url, pointer, "
        "interval_minutes, headers, next_pull_at, last_attempt_at, last_success_at, last_error, "
        "failures) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
        "ON CONFLICT (org, kpi) DO UPDATE SET token_hash = excluded.token_hash, "
        "token_created_at = excluded.token_created_at, url = excluded.url, "
        "pointer = excluded.pointer, interval_minutes = excluded.interval_minutes, "
        "headers = excluded.headers, next_pull_at = excluded.next_pull_at, "
        "last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, "
        "last_error = excluded.last_error, failures = excluded.failures",
        {text(k.organization), text(std::int64_t{k.kpi}),
         k.token_hash.empty() ? std::nullopt : std::optional<std::string>(k.token_hash),
         seconds_text(k.token_created_at), k.url, k.pointer, text(std::int64_t{k.interval_minutes}),
         k.headers, seconds_text(k.next_pull_at), seconds_text(k.last_attempt_at),
         seconds_text(k.last_success_at), k.last_error, text(std::int64_t{k.failures})});
  }

  Result<std::optional<KpiSourceRecord>> kpi_source(std::int64_t organization,
                                                    std::uint32_t kpi) override {
    CAIRN_TRY(connected());
    auto r =
        db_->run(std::string(kKpiSourceColumns) + " FROM kpi_sources WHERE org = $1 AND kpi = $2",
                 {text(organization), text(std::int64_t{kpi})});
    if (!r) return r.error();
    return first_kpi_source(r->get());
  }

  Result<std::vector<KpiSourceRecord>> kpi_sources(std::int64_t organization) override {
    CAIRN_TRY(connected());
    auto r =
        db_->run(std::string(kKpiSourceColumns) + " FROM kpi_sources WHERE org = $1 ORDER BY kpi",
                 {text(organization)});
    if (!r) return r.error();
    return read_kpi_sources(r->get());
  }

  Result<std::optional<KpiSourceRecord>> kpi_source_by_token(std::string_view token_hash) override {
    CAIRN_TRY(connected());
    auto r = db_->run(std::string(kKpiSourceColumns) + " FROM kpi_sources WHERE token_hash = $1",
                      {std::string(token_hash)});
    if (!r) return r.error();
    return first_kpi_source(r->get());
  }

  Result<std::vector<KpiSourceRecord>> claim_kpi_pulls(core::Instant now, core::Instant lease_until,
                                                       int limit) override {
    CAIRN_TRY(connected());
    // One statement: rows another instance is claiming are skipped, not waited for.
    auto r = db_->run(
        "UPDATE kpi_sources SET next_pull_at = $2 WHERE (org, kpi) IN ("
        "SELECT org, kpi FROM kpi_sources WHERE url <> '' AND next_pull_at <= $1 "
        "ORDER BY next_pull_at, org, kpi LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING " +
            std::string(kKpiSourceColumns.substr(7)),
        {text(now.seconds), text(lease_until.seconds), text(std::int64_t{limit})});
    if (!r) return r.error();
    auto out = read_kpi_sources(r->get());
    std::sort(out.begin(), out.end(), [](const KpiSourceRecord& a, const KpiSourceRecord& b) {
      return std::tie(a.organization, a.kpi) < std::tie(b.organization, b.kpi);
    });
    return out;
  }

  Result<void> record_kpi_pull(const KpiSourceRecord& k) override {
    CAIRN_TRY(connected());
    return exec(
        "UPDATE kpi_sources SET next_pull_at = $3, last_attempt_at = $4, last_success_at = $5, "
        "last_error = $6, failures = $7 WHERE org = $1 AND kpi = $2",
        {text(k.organization), text(std::int64_t{k.kpi}), seconds_text(k.next_pull_at),
         seconds_text(k.last_attempt_at), seconds_text(k.last_success_at), k.last_error,
         text(std::int64_t{k.failures})});
  }

  Result<void> wait_for_changes(std::chrono::milliseconds timeout) override {
    CAIRN_TRY(connected());
    if (drain_notifications()) return {};
    pollfd fd{PQsocket(db_->handle()), POLLIN, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
    if (ready < 0) return unavailable("waiting for notifications failed");
    if (ready > 0 && !PQconsumeInput(db_->handle())) {
      return unavailable("the connection was lost while waiting for notifications");
    }
    drain_notifications();
    return {};
  }

 private:
  friend class PostgresWrite;

  static constexpr std::string_view kKpiSourceColumns =
      "SELECT org, kpi, token_hash, token_created_at, url, pointer, interval_minutes, headers, "
      "next_pull_at, last_attempt_at, last_success_at, last_error, failures";

  static std::optional<std::string> seconds_text(const std::optional<core::Instant>& at) {
    return at ? std::optional<std::string>(text(at->seconds)) : std::nullopt;
  }
  static std::optional<core::Instant> instant_at(const PGresult* rows, int row, int column) {
    if (null_at(rows, row, column)) return std::nullopt;
    return core::Instant{int64_at(rows, row, column)};
  }
  static std::vector<KpiSourceRecord> read_kpi_sources(const PGresult* rows) {
    std::vector<KpiSourceRecord> out;
    for (int i = 0; i < PQntuples(rows); ++i) {
      KpiSourceRecord& k = out.emplace_back();
      k.organization = int64_at(rows, i, 0);
      k.kpi = static_cast<std::uint32_t>(int64_at(rows, i, 1));
      if (!null_at(rows, i, 2)) k.token_hash.assign(text_at(rows, i, 2));
      k.token_created_at = instant_at(rows, i, 3);
      k.url.assign(text_at(rows, i, 4));
      k.pointer.assign(text_at(rows, i, 5));
      k.interval_minutes = static_cast<int>(int64_at(rows, i, 6));
      k.headers.assign(text_at(rows, i, 7));
      k.next_pull_at = instant_at(rows, i, 8);
      k.last_attempt_at = instant_at(rows, i, 9);
      k.last_success_at = instant_at(rows, i, 10);
      k.last_error.assign(text_at(rows, i, 11));
      k.failures = static_cast<int>(int64_at(rows, i, 12));
    }
    return out;
  }
  static std::optional<KpiSourceRecord> first_kpi_source(const PGresult* rows) {
    auto all = read_kpi_sources(rows);
    if (all.empty()) return std::nullopt;
    return std::move(all.front());
  }

  static std::vector<DeliveryRecord> read_delivery_rows(const PGresult* rows) {
    std::vector<DeliveryRecord> out;
    for (int i = 0; i < PQntuples(rows); ++i) {
      DeliveryRecord& d = out.emplace_back();
      d.organization = int64_at(rows, i, 0);
      d.id = int64_at(rows, i, 1);
      d.channel.assign(text_at(rows, i, 2));
      d.target.assign(text_at(rows, i, 3));
      d.event.assign(text_at(rows, i, 4));
      d.subject.assign(text_at(rows, i, 5));
      d.body.assign(text_at(rows, i, 6));
      d.created_at = core::Instant{int64_at(rows, i, 7)};
      d.state = delivery_state(text_at(rows, i, 8)).value_or(DeliveryState::kPending);
      d.attempts = static_cast<int>(int64_at(rows, i, 9));
      d.next_attempt_at = core::Instant{int64_at(rows, i, 10)};
      d.last_error.assign(text_at(rows, i, 11));
      if (!null_at(rows, i, 12)) d.delivered_at = core::Instant{int64_at(rows, i, 12)};
    }
    return out;
  }

  // The next per-organisation id of `table`; callers hold the organisation's row lock.
  Result<std::int64_t> next_id(std::string_view table, std::int64_t organization) {
    auto next =
        db_->run("SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table) + " WHERE org = $1",
                 {text(organization)});
    if (!next) return next.error();
    return int64_at(next->get(), 0, 0);
  }

  static OrganizationRecord read_organization(const PGresult* r, int row) {
    return OrganizationRecord{int64_at(r, row, 0), std::string(text_at(r, row, 1)),
                              core::Instant{int64_at(r, row, 2)}, int64_at(r, row, 3)};
  }

  Result<void> exec(std::string_view sql, const Params& params = {}) {
    auto r = db_->run(sql, params);
    if (!r) return r.error();
    return {};
  }

  void rollback() {
    (void)exec("ROLLBACK");
    in_transaction_ = false;
  }

  // The organisation's row, inside the transaction begun. One creator at a
  // time, so that two instances never pick the same id: a lock of its own
  // rather than the table's, which would also hold up every write to other
  // organisations while an import into a new one runs.
  Result<OrganizationRecord> insert_organization(std::string_view slug, core::Instant at) {
    CAIRN_TRY(exec("SELECT pg_advisory_xact_lock(" + std::to_string(kCreatorLock) + ")"));
    auto next = db_->run("SELECT COALESCE(MAX(id), 0) + 1 FROM organizations");
    if (!next) return next.error();
    OrganizationRecord record{int64_at(next->get(), 0, 0), std::string(slug), at, 0};
    auto inserted =
        db_->run("INSERT INTO organizations (id, slug, created_at, head) VALUES ($1, $2, $3, 0)",
                 {text(record.id), record.slug, text(at.seconds)});
    if (!inserted) {
      if (db_->last_sqlstate() == "23505") {
        return core::Error{core::ErrorCode::kConflict,
                           "an organisation with this slug exists already",
                           {},
                           {},
                           {}};
      }
      return inserted.error();
    }
    return record;
  }
  // pg_advisory_xact_lock's key for creating organisations: "cairnorg" in ASCII.
  static constexpr std::int64_t kCreatorLock = 0x636169726e6f7267;

  // Reconnects after the server dropped the connection (a restart), outside
  // transactions only: a transaction that lost its connection has failed.
  Result<void> connected() {
    if (PQstatus(db_->handle()) == CONNECTION_OK) return {};
    if (in_transaction_ || !db_->ensure_connected()) {
      return unavailable("the connection to the database was lost");
    }
    return listen();
  }

  Result<void> listen() { return exec("LISTEN " + std::string(kChannel)); }

  bool drain_notifications() {
    PQconsumeInput(db_->handle());
    bool any = false;
    while (PGnotify* n = PQnotifies(db_->handle())) {
      any = true;
      PQfreemem(n);
    }
    return any;
  }

  Result<void> migrate() {
    CAIRN_TRY(exec("BEGIN"));
    auto result = [&]() -> Result<void> {
      // Instances starting at once take turns; the second finds the work done.
      CAIRN_TRY(exec("SELECT pg_advisory_xact_lock(7262770)"));
      CAIRN_TRY(exec(kSchemaMigrationsTable));
      auto current = db_->run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      if (!current) return current.error();
      const int version = static_cast<int>(int64_at(current->get(), 0, 0));
      CAIRN_TRY(check_not_newer(version));
      for (const Migration& m : migrations()) {
        if (m.version <= version) continue;
        CAIRN_TRY(exec(migration_sql(m, "postgres")));
        CAIRN_TRY(
            exec("INSERT INTO schema_migrations (version, description, applied_at) "
                 "VALUES ($1, $2, EXTRACT(EPOCH FROM now())::bigint)",
                 {text(std::int64_t{m.version}), std::string(m.description)}));
      }
      return exec("COMMIT");
    }();
    if (!result) (void)exec("ROLLBACK");
    return result;
  }

  std::unique_ptr<Connection> db_;
  bool in_transaction_ = false;
};

PostgresWrite::~PostgresWrite() {
  if (!done_) store_.rollback();
}

Result<void> PostgresWrite::append(const Change& change) {
  if (change.seq != last_ + 1) {
    return core::invalid("seq", "changes must continue the organisation's sequence");
  }
  const std::string org = text(organization_);
  if (change.check_in) {
    const core::CheckIn& c = *change.check_in;
    for (auto& value : Params{
             org, text(change.seq), text(std::int64_t{c.id.value()}),
             text(std::int64_t{c.key_result.value()}), id_text(c.author.value(), c.author.valid()),
             id_text(c.on_behalf_of.value(), c.on_behalf_of.valid()), text(c.measurement.value),
             text(std::int64_t{c.measurement.done ? 1 : 0}),
             text(static_cast<std::int64_t>(c.measurement.milestones_done)),
             c.confidence ? std::optional<std::string>(text(std::int64_t{*c.confidence}))
                          : std::nullopt,
             std::string(c.note.view()), text(c.at.seconds), text(change.at.seconds),
             change.actor}) {
      check_ins_.push_back(std::move(value));
    }
  } else {
    for (auto& value : Params{org, text(change.seq), text(change.at.seconds), change.actor,
                              change.kind, change.payload}) {
      changes_.push_back(std::move(value));
    }
  }
  last_ = change.seq;
  if (check_ins_.size() >= kBatchRows * 14 || changes_.size() >= kBatchRows * 6) return flush();
  return {};
}

Result<void> PostgresWrite::append_audit(const AuditEntry& e) {
  for (auto& value : Params{text(organization_), text(e.seq), text(std::int64_t{e.position}),
                            text(e.at.seconds), e.actor, e.entity, text(e.entity_id), e.before,
                            e.after, text(std::int64_t{e.before_changed_only ? 1 : 0})}) {
    audit_.push_back(std::move(value));
  }
  if (audit_.size() >= kBatchRows * 10) return flush();
  return {};
}

Result<void> PostgresWrite::flush() {
  auto send = [&](Params& rows, std::string_view head, int columns) -> Result<void> {
    if (rows.empty()) return {};
    const std::size_t count = rows.size() / static_cast<std::size_t>(columns);
    auto r = store_.db_->run(insert_sql(head, columns, count), rows);
    rows.clear();
    if (!r) return r.error();
    return {};
  };
  CAIRN_TRY(send(changes_, "INSERT INTO changes (org, seq, at, actor, kind, payload)", 6));
  CAIRN_TRY(send(check_ins_,
                 "INSERT INTO check_ins (org, seq, id, key_result, author, on_behalf_of, value, "
                 "done, milestones_done, confidence, note, at, recorded_at, actor)",
                 14));
  CAIRN_TRY(send(audit_,
                 "INSERT INTO audit (org, seq, n, at, actor, entity, entity_id, before_json, "
                 "after_json, before_changed_only)",
                 10));
  return {};
}

Result<std::int64_t> PostgresWrite::append_notification(const NotificationRecord& n) {
  auto id = store_.next_id("notifications", organization_);
  if (!id) return id.error();
  CAIRN_TRY(
      store_.exec("INSERT INTO notifications (org, id, person, kind, subject, body, at, seq, "
                  "params) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                  {text(organization_), text(*id), text(std::int64_t{n.person}), n.kind, n.subject,
                   n.text, text(n.at.seconds), text(n.seq), n.params}));
  return *id;
}

Result<std::int64_t> PostgresWrite::append_delivery(const DeliveryRecord& d) {
  auto id = store_.next_id("deliveries", organization_);
  if (!id) return id.error();
  CAIRN_TRY(store_.exec(
      "INSERT INTO deliveries (org, id, channel, target, event, subject, body, created_at, state, "
      "attempts, next_attempt_at, last_error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', "
      "0, $9, '')",
      {text(organization_), text(*id), d.channel, d.target, d.event, d.subject, d.body,
       text(d.created_at.seconds), text(d.next_attempt_at.seconds)}));
  return *id;
}

Result<void> PostgresWrite::set_schedule(const ScheduleRecord& schedule) {
  return store_.exec(
      "INSERT INTO schedules (org, job, next_run_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (org, job) DO UPDATE SET next_run_at = excluded.next_run_at",
      {text(organization_), schedule.job, text(schedule.next_run_at.seconds)});
}

Result<void> PostgresWrite::commit() {
  if (done_) return core::invalid("transaction", "committed already");
  CAIRN_TRY(flush());
  if (last_ != head_) {
    CAIRN_TRY(store_.exec("UPDATE organizations SET head = $2 WHERE id = $1",
                          {text(organization_), text(last_)}));
    // Delivered to listeners only if the transaction commits.
    CAIRN_TRY(
        store_.exec("SELECT pg_notify($1, $2)", {std::string(kChannel), text(organization_)}));
  }
  CAIRN_TRY(store_.exec("COMMIT"));
  done_ = true;
  store_.in_transaction_ = false;
  return {};
}

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url) {
  auto connection = Connection::open(url);
  if (!connection) return connection.error();
  auto store = std::make_unique<PostgresStore>(std::move(*connection));
  CAIRN_TRY(store->start());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace cairn::store::postgres
