#include "store/sqlite/sqlite_store.h"

#include <thread>

#include "store/migrations.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/read_changes.h"
#include "store/sqlite/sqlite_db.h"

namespace cairn::store::sqlite {
namespace {

core::Error conflict(std::string message) {
  return core::Error{core::ErrorCode::kConflict, std::move(message), {}, {}, {}};
}

std::int64_t id_or_null(std::uint32_t value) {
  return static_cast<std::int64_t>(value);
}

class SqliteStore;

class SqliteWrite final : public WriteTransaction {
 public:
  // `journaled`: the transaction runs on the rollback journal the store
  // switched to for it (SqliteStore::journal_new_store), which it switches
  // back from once the transaction ends.
  SqliteWrite(SqliteStore& store, std::int64_t organization, std::int64_t head,
              bool journaled = false)
      : store_(store),
        organization_(organization),
        head_(head),
        last_(head),
        journaled_(journaled) {}
  ~SqliteWrite() override;

  std::int64_t head() const override { return head_; }
  Result<void> append(const Change& change) override;
  Result<void> append_audit(const AuditEntry& entry) override;
  Result<std::int64_t> append_notification(const NotificationRecord& notification) override;
  Result<std::int64_t> append_delivery(const DeliveryRecord& delivery) override;
  Result<void> set_schedule(const ScheduleRecord& schedule) override;
  Result<void> commit() override;

 private:
  SqliteStore& store_;
  std::int64_t organization_;
  std::int64_t head_;
  std::int64_t last_;
  bool journaled_;
  bool done_ = false;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(Database db) : db_(std::move(db)) {
    // A file in WAL mode gets its checkpoints off the writer (checkpointer.h);
    // an in-memory database has no log and no file to name.
    const char* file = sqlite3_db_filename(db_.handle(), "main");
    if (file != nullptr && *file != '\0' && in_wal_mode()) {
      checkpointer_ = std::make_unique<Checkpointer>(db_.handle(), file);
    }
  }

  Result<void> prepare_statements() {
    auto prepare = [&](Statement& into, std::string_view sql) -> Result<void> {
      auto stmt = db_.prepare(sql);
      if (!stmt) return stmt.error();
      into = std::move(*stmt);
      return {};
    };
    CAIRN_TRY(prepare(insert_change_,
                      "INSERT INTO changes (org, seq, at, actor, kind, payload) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    CAIRN_TRY(prepare(insert_check_in_,
                      "INSERT INTO check_ins (org, seq, id, key_result, author, on_behalf_of, "
                      "value, done, milestones_done, confidence, note, at, recorded_at, actor) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
    CAIRN_TRY(prepare(insert_audit_,
                      "INSERT INTO audit (org, seq, n, at, actor, entity, entity_id, before_json, "
                      "after_json, before_changed_only) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    CAIRN_TRY(prepare(set_head_, "UPDATE organizations SET head = ?2 WHERE id = ?1"));
    CAIRN_TRY(prepare(get_head_, "SELECT head FROM organizations WHERE id = ?1"));
    CAIRN_TRY(prepare(begin_, "BEGIN IMMEDIATE"));
    CAIRN_TRY(prepare(commit_, "COMMIT"));
    CAIRN_TRY(prepare(rollback_, "ROLLBACK"));
    return {};
  }

  std::string_view backend() const override { return "sqlite"; }

  Result<int> schema_version() override {
    auto stmt = db_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    return static_cast<int>(stmt->int64(0));
  }

  Result<std::vector<OrganizationRecord>> organizations() override {
    auto stmt = db_.prepare("SELECT id, slug, created_at, head FROM organizations ORDER BY id");
    if (!stmt) return stmt.error();
    std::vector<OrganizationRecord> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) break;
      out.push_back(read_organization(*stmt));
    }
    return out;
  }

  Result<std::optional<OrganizationRecord>> organization(std::string_view slug) override {
    auto stmt = db_.prepare("SELECT id, slug, created_at, head FROM organizations WHERE slug = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, slug);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<OrganizationRecord>();
    return std::optional<OrganizationRecord>(read_organization(*stmt));
  }

  Result<NewOrganization> begin_new_organization(std::string_view slug, core::Instant at) override {
    return begin_organization(slug, at, journal_new_store());
  }

  // A small transaction: no reason to leave the WAL for it.
  Result<OrganizationRecord> create_organization(std::string_view slug, core::Instant at) override {
    auto begun = begin_organization(slug, at, false);
    if (!begun) return begun.error();
    CAIRN_TRY(begun->write->commit());
    return std::move(begun->record);
  }

  Result<std::int64_t> head(std::int64_t organization) override {
    get_head_.reset();
    get_head_.bind(1, organization);
    auto row = get_head_.step();
    if (!row) return row.error();
    if (!*row) return core::not_found("organisation");
    const std::int64_t head = get_head_.int64(0);
    get_head_.reset();
    return head;
  }

  Result<std::unique_ptr<WriteTransaction>> begin_write(std::int64_t organization) override {
    CAIRN_TRY(begin());
    auto current = head(organization);
    if (!current) {
      rollback();
      return current.error();
    }
    return std::unique_ptr<WriteTransaction>(
        std::make_unique<SqliteWrite>(*this, organization, *current));
  }

  Result<void> read_changes(std::int64_t organization, std::int64_t after_seq,
                            const ChangeVisitor& visit) override {
    // A read transaction keeps the feed consistent while it is read; a writer
    // catching up reads inside its own write transaction instead.
    const bool own_transaction = sqlite3_get_autocommit(db_.handle()) != 0;
    if (own_transaction) CAIRN_TRY(db_.exec("BEGIN"));
    auto result = [&]() -> Result<void> {
      auto stmt = db_.prepare(kReadChanges);
      if (!stmt) return stmt.error();
      stmt->bind(1, organization).bind(2, after_seq);
      Change change;
      for (;;) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) return {};
        change.seq = stmt->int64(0);
        change.at = core::Instant{stmt->int64(1)};
        change.actor.assign(stmt->text(2));
        change.kind.assign(stmt->text(3));
        change.payload.assign(stmt->text(4));
        if (stmt->is_null(5)) {
          change.check_in.reset();
        } else {
          core::CheckIn& c = change.check_in.emplace();
          c.id = core::CheckInId{static_cast<std::uint32_t>(stmt->int64(5))};
          c.key_result = core::KeyResultId{static_cast<std::uint32_t>(stmt->int64(6))};
          c.author = stmt->is_null(7) ? core::PersonId{}
                                      : core::PersonId{static_cast<std::uint32_t>(stmt->int64(7))};
          c.on_behalf_of = stmt->is_null(8)
                               ? core::PersonId{}
                               : core::PersonId{static_cast<std::uint32_t>(stmt->int64(8))};
          c.measurement.value = stmt->real(9);
          c.measurement.done = stmt->int64(10) != 0;
          c.measurement.milestones_done = static_cast<std::uint64_t>(stmt->int64(11));
          if (stmt->is_null(12)) {
            c.confidence.reset();
          } else {
            c.confidence = static_cast<int>(stmt->int64(12));
          }
          c.note.assign(stmt->text(13));
          c.at = core::Instant{stmt->int64(14)};
          c.recorded_at = change.at;
          c.deleted_at.reset();
        }
        CAIRN_TRY(visit(change));
      }
    }();
    if (own_transaction) (void)db_.exec("COMMIT");
    return result;
  }

  Result<std::vector<AuditEntry>> read_audit(std::int64_t organization,
                                             const AuditQuery& query) override {
    auto stmt = db_.prepare(
        "SELECT seq, n, at, actor, entity, entity_id, before_json, after_json, "
        "before_changed_only FROM audit "
        "WHERE org = ?1 AND (seq < ?2 OR (seq = ?2 AND n < ?6)) AND (?3 IS NULL OR entity = ?3) "
        "AND (?4 IS NULL OR entity_id = ?4) ORDER BY seq DESC, n DESC LIMIT ?5");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, query.before_seq).bind(3, query.entity);
    stmt->bind(4, query.entity_id).bind(5, std::int64_t{query.limit});
    stmt->bind(6, std::int64_t{query.before_position});
    std::vector<AuditEntry> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) return out;
      AuditEntry& e = out.emplace_back();
      e.seq = stmt->int64(0);
      e.position = static_cast<int>(stmt->int64(1));
      e.at = core::Instant{stmt->int64(2)};
      e.actor.assign(stmt->text(3));
      e.entity.assign(stmt->text(4));
      e.entity_id = stmt->int64(5);
      if (!stmt->is_null(6)) e.before.emplace(stmt->text(6));
      e.after.assign(stmt->text(7));
      e.before_changed_only = stmt->int64(8) != 0;
    }
  }

  Result<void> set_password_hash(const CredentialRecord& c) override {
    auto stmt = db_.prepare(
        "INSERT INTO credentials (org, person, password_hash, updated_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (org, person) DO UPDATE SET password_hash = excluded.password_hash, "
        "updated_at = excluded.updated_at");
    if (!stmt) return stmt.error();
    stmt->bind(1, c.organization).bind(2, std::int64_t{c.person});
    stmt->bind(3, std::string_view(c.password_hash)).bind(4, c.updated_at.seconds);
    return stmt->run();
  }

  Result<std::optional<std::string>> password_hash(std::int64_t organization,
                                                   std::uint32_t person) override {
    auto stmt = db_.prepare("SELECT password_hash FROM credentials WHERE org = ?1 AND person = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, std::int64_t{person});
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(std::string(stmt->text(0)));
  }

  Result<std::vector<CredentialRecord>> credentials(std::int64_t organization) override {
    auto stmt = db_.prepare(
        "SELECT person, password_hash, updated_at FROM credentials WHERE org = ?1 ORDER BY person");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization);
    std::vector<CredentialRecord> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(CredentialRecord{organization, static_cast<std::uint32_t>(stmt->int64(0)),
                                     std::string(stmt->text(1)), core::Instant{stmt->int64(2)}});
    }
  }

  Result<ApiTokenRecord> create_api_token(const ApiTokenRecord& token) override {
    CAIRN_TRY(begin());
    auto result = [&]() -> Result<ApiTokenRecord> {
      auto next = db_.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM api_tokens");
      if (!next) return next.error();
      auto row = next->step();
      if (!row) return row.error();
      ApiTokenRecord created = token;
      created.id = next->int64(0);
      created.revoked_at.reset();
      auto insert = db_.prepare(
          "INSERT INTO api_tokens (id, org, person, name, token_hash, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      if (!insert) return insert.error();
      insert->bind(1, created.id).bind(2, created.organization);
      insert->bind(3, std::int64_t{created.person}).bind(4, std::string_view(created.name));
      insert->bind(5, std::string_view(created.token_hash)).bind(6, created.created_at.seconds);
      CAIRN_TRY(insert->run());
      CAIRN_TRY(finish(commit_));
      return created;
    }();
    if (!result) rollback();
    return result;
  }

  Result<std::vector<ApiTokenRecord>> api_tokens(std::int64_t organization) override {
    auto stmt = db_.prepare(
        "SELECT id, person, name, token_hash, created_at, revoked_at FROM api_tokens "
        "WHERE org = ?1 ORDER BY id");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization);
    std::vector<ApiTokenRecord> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) return out;
      ApiTokenRecord& t = out.emplace_back();
      t.id = stmt->int64(0);
      t.organization = organization;
      t.person = static_cast<std::uint32_t>(stmt->int64(1));
      t.name.assign(stmt->text(2));
      t.token_hash.assign(stmt->text(3));
      t.created_at = core::Instant{stmt->int64(4)};
      if (!stmt->is_null(5)) t.revoked_at = core::Instant{stmt->int64(5)};
    }
  }

  Result<bool> revoke_api_token(std::int64_t organization, std::int64_t id,
                                core::Instant at) override {
    auto stmt = db_.prepare(
        "UPDATE api_tokens SET revoked_at = ?3 WHERE org = ?1 AND id = ?2 AND revoked_at IS NULL");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, id).bind(3, at.seconds);
    CAIRN_TRY(stmt->run());
    return sqlite3_changes(db_.handle()) > 0;
  }

  Result<SecurityEvent> append_security_event(const SecurityEvent& event) override {
    CAIRN_TRY(begin());
    auto result = [&]() -> Result<SecurityEvent> {
      auto next = db_.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM security_events");
      if (!next) return next.error();
      auto row = next->step();
      if (!row) return row.error();
      SecurityEvent stored = event;
      stored.id = next->int64(0);
      auto insert = db_.prepare(
          "INSERT INTO security_events (id, org, at, kind, actor, subject, address, detail) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      if (!insert) return insert.error();
      insert->bind(1, stored.id).bind(2, stored.organization).bind(3, stored.at.seconds);
      insert->bind(4, std::string_view(stored.kind)).bind(5, stored.actor);
      insert->bind(6, stored.subject).bind(7, stored.address);
      insert->bind(8, std::string_view(stored.detail));
      CAIRN_TRY(insert->run());
      CAIRN_TRY(finish(commit_));
      return stored;
    }();
    if (!result) rollback();
    return result;
  }

  Result<std::vector<SecurityEvent>> read_security_events(
      std::optional<std::int64_t> organization, const SecurityEventQuery& query) override {
    auto stmt = db_.prepare(
        "SELECT id, org, at, kind, actor, subject, address, detail FROM security_events "
        "WHERE (org IS ?1 OR (?6 AND org IS NULL)) AND id < ?2 AND (?3 IS NULL OR at >= ?3) "
        "AND (?4 IS NULL OR kind = ?4) ORDER BY id DESC LIMIT ?5");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, query.before_id);
    if (query.since) {
      stmt->bind(3, query.since->seconds);
    } else {
      stmt->bind_null(3);
    }
    stmt->bind(4, query.kind).bind(5, std::int64_t{query.limit});
    stmt->bind(6, std::int64_t{query.with_unattributed ? 1 : 0});
    std::vector<SecurityEvent> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) return out;
      SecurityEvent& e = out.emplace_back();
      e.id = stmt->int64(0);
      if (!stmt->is_null(1)) e.organization = stmt->int64(1);
      e.at = core::Instant{stmt->int64(2)};
      e.kind.assign(stmt->text(3));
      if (!stmt->is_null(4)) e.actor.emplace(stmt->text(4));
      if (!stmt->is_null(5)) e.subject.emplace(stmt->text(5));
      if (!stmt->is_null(6)) e.address.emplace(stmt->text(6));
      e.detail.assign(stmt->text(7));
    }
  }

  Result<void> create_session(const SessionRecord& s) override {
    auto stmt = db_.prepare(
        "INSERT INTO sessions (id_hash, org, person, csrf_token, created_at, last_seen) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) return stmt.error();
    stmt->bind(1, std::string_view(s.id_hash)).bind(2, s.organization);
    stmt->bind(3, std::int64_t{s.person}).bind(4, std::string_view(s.csrf_token));
    stmt->bind(5, s.created_at.seconds).bind(6, s.last_seen.seconds);
    return stmt->run();
  }

  Result<std::optional<SessionRecord>> find_session(std::string_view id_hash) override {
    auto stmt = db_.prepare(
        "SELECT org, person, csrf_token, created_at, last_seen FROM sessions WHERE id_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id_hash);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(SessionRecord{
        std::string(id_hash), stmt->int64(0), static_cast<std::uint32_t>(stmt->int64(1)),
        std::string(stmt->text(2)), core::Instant{stmt->int64(3)}, core::Instant{stmt->int64(4)}});
  }

  Result<void> touch_session(std::string_view id_hash, core::Instant last_seen) override {
    auto stmt =
        db_.prepare("UPDATE sessions SET last_seen = MAX(last_seen, ?2) WHERE id_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id_hash).bind(2, last_seen.seconds);
    return stmt->run();
  }

  Result<void> delete_session(std::string_view id_hash) override {
    auto stmt = db_.prepare("DELETE FROM sessions WHERE id_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id_hash);
    return stmt->run();
  }

  Result<int> delete_sessions_for_person(std::int64_t organization, std::uint32_t person) override {
    auto stmt = db_.prepare("DELETE FROM sessions WHERE org = ?1 AND person = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, std::int64_t{person});
    CAIRN_TRY(stmt->run());
    return sqlite3_changes(db_.handle());
  }

  Result<int> delete_expired_sessions(std::int64_t organization, core::Instant created_before,
                                      core::Instant last_seen_before) override {
    auto stmt =
        db_.prepare("DELETE FROM sessions WHERE org = ?1 AND (created_at < ?2 OR last_seen < ?3)");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, created_before.seconds).bind(3, last_seen_before.seconds);
    CAIRN_TRY(stmt->run());
    return sqlite3_changes(db_.handle());
  }

  // ---- Sign-in failures --------------------------------------------------------------
  Result<SignInCounts> sign_in_counts(std::string_view account, std::string_view address,
                                      core::Instant since) override {
    // Each count reads one index range: the account's or the address's
    // failures since `since`, which the limiter keeps to a few hundred.
    auto stmt = db_.prepare(
        "SELECT (SELECT count(*) FROM sign_in_failures "
        "        WHERE account = ?1 AND at >= ?3 AND for_account = 1), "
        "       (SELECT max(at) FROM sign_in_failures "
        "        WHERE account = ?1 AND at >= ?3 AND for_account = 1), "
        "       (SELECT count(*) FROM sign_in_failures "
        "        WHERE account = ?1 AND at >= ?3 AND address = ?2), "
        "       (SELECT min(at) FROM sign_in_failures "
        "        WHERE account = ?1 AND at >= ?3 AND address = ?2), "
        "       (SELECT count(*) FROM sign_in_failures WHERE address = ?2 AND at >= ?3), "
        "       (SELECT min(at) FROM sign_in_failures WHERE address = ?2 AND at >= ?3), "
        "       (SELECT last_success FROM known_addresses WHERE account = ?1 AND address = ?2)");
    if (!stmt) return stmt.error();
    stmt->bind(1, account).bind(2, address).bind(3, since.seconds);
    auto row = stmt->step();
    if (!row) return row.error();
    SignInCounts counts;
    auto instant = [&](int column) {
      return core::Instant{stmt->is_null(column) ? 0 : stmt->int64(column)};
    };
    counts.account_failures = static_cast<int>(stmt->int64(0));
    counts.last_account_failure = instant(1);
    counts.pair_failures = static_cast<int>(stmt->int64(2));
    counts.first_pair_failure = instant(3);
    counts.address_failures = static_cast<int>(stmt->int64(4));
    counts.first_address_failure = instant(5);
    if (!stmt->is_null(6)) counts.last_success = core::Instant{stmt->int64(6)};
    return counts;
  }

  Result<void> add_sign_in_failure(std::string_view account, std::string_view address,
                                   core::Instant at) override {
    auto stmt =
        db_.prepare("INSERT INTO sign_in_failures (account, address, at) VALUES (?1, ?2, ?3)");
    if (!stmt) return stmt.error();
    stmt->bind(1, account).bind(2, address).bind(3, at.seconds);
    return stmt->run();
  }

  Result<void> add_sign_in_success(std::string_view account, std::string_view address,
                                   core::Instant at) override {
    CAIRN_TRY(begin());
    auto result = [&]() -> Result<void> {
      auto clear = db_.prepare(
          "UPDATE sign_in_failures SET for_account = 0 WHERE account = ?1 AND for_account = 1");
      if (!clear) return clear.error();
      clear->bind(1, account);
      CAIRN_TRY(clear->run());
      auto known = db_.prepare(
          "INSERT INTO known_addresses (account, address, last_success) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (account, address) "
          "DO UPDATE SET last_success = MAX(last_success, excluded.last_success)");
      if (!known) return known.error();
      known->bind(1, account).bind(2, address).bind(3, at.seconds);
      CAIRN_TRY(known->run());
      return finish(commit_);
    }();
    if (!result) rollback();
    return result;
  }

  Result<int> forget_sign_ins(core::Instant failures_before, core::Instant known_before) override {
    CAIRN_TRY(begin());
    int deleted = 0;
    auto result = [&]() -> Result<void> {
      auto failures = db_.prepare("DELETE FROM sign_in_failures WHERE at < ?1");
      if (!failures) return failures.error();
      failures->bind(1, failures_before.seconds);
      CAIRN_TRY(failures->run());
      deleted += sqlite3_changes(db_.handle());
      auto known = db_.prepare("DELETE FROM known_addresses WHERE last_success < ?1");
      if (!known) return known.error();
      known->bind(1, known_before.seconds);
      CAIRN_TRY(known->run());
      deleted += sqlite3_changes(db_.handle());
      return finish(commit_);
    }();
    if (!result) {
      rollback();
      return result.error();
    }
    return deleted;
  }

  // ---- Notifications and the outbox ----------------------------------------------
  Result<std::vector<NotificationRecord>> read_notifications(
      std::int64_t organization, std::uint32_t person, const NotificationQuery& query) override {
    auto stmt = db_.prepare(
        "SELECT id, kind, subject, body, at, seq, read_at, params FROM notifications "
        "WHERE org = ?1 AND person = ?2 AND id < ?3 AND (?4 = 0 OR read_at IS NULL) "
        "ORDER BY id DESC LIMIT ?5");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, std::int64_t{person}).bind(3, query.before_id);
    stmt->bind(4, std::int64_t{query.unread_only ? 1 : 0}).bind(5, std::int64_t{query.limit});
    std::vector<NotificationRecord> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) return out;
      NotificationRecord& n = out.emplace_back();
      n.organization = organization;
      n.person = person;
      n.id = stmt->int64(0);
      n.kind.assign(stmt->text(1));
      n.subject.assign(stmt->text(2));
      n.text.assign(stmt->text(3));
      n.at = core::Instant{stmt->int64(4)};
      n.seq = stmt->int64(5);
      if (!stmt->is_null(6)) n.read_at = core::Instant{stmt->int64(6)};
      n.params.assign(stmt->text(7));
    }
  }

  Result<bool> mark_notification_read(std::int64_t organization, std::uint32_t person,
                                      std::int64_t id, core::Instant at) override {
    auto stmt = db_.prepare(
        "UPDATE notifications SET read_at = COALESCE(read_at, ?4) "
        "WHERE org = ?1 AND person = ?2 AND id = ?3");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, std::int64_t{person}).bind(3, id).bind(4, at.seconds);
    CAIRN_TRY(stmt->run());
    return sqlite3_changes(db_.handle()) > 0;
  }

  Result<int> mark_all_notifications_read(std::int64_t organization, std::uint32_t person,
                                          core::Instant at) override {
    auto stmt = db_.prepare(
        "UPDATE notifications SET read_at = ?3 "
        "WHERE org = ?1 AND person = ?2 AND read_at IS NULL");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, std::int64_t{person}).bind(3, at.seconds);
    CAIRN_TRY(stmt->run());
    return sqlite3_changes(db_.handle());
  }

  Result<std::vector<DeliveryRecord>> claim_deliveries(core::Instant now, core::Instant lease_until,
                                                       int limit) override {
    // The outbox polls every second: only take the write lock when something
    // is due, so an idle outbox never makes the writer wait.
    auto any = db_.prepare(
        "SELECT EXISTS (SELECT 1 FROM deliveries WHERE state = 'pending' AND "
        "next_attempt_at <= ?1)");
    if (!any) return any.error();
    any->bind(1, now.seconds);
    auto row = any->step();
    if (!row) return row.error();
    if (any->int64(0) == 0) return std::vector<DeliveryRecord>();
    any->reset();
    CAIRN_TRY(begin());
    auto result = [&]() -> Result<std::vector<DeliveryRecord>> {
      auto stmt = db_.prepare(std::string(kDeliveryColumns) +
                              " FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ?1 "
                              "ORDER BY next_attempt_at, org, id LIMIT ?2");
      if (!stmt) return stmt.error();
      stmt->bind(1, now.seconds).bind(2, std::int64_t{limit});
      auto out = read_delivery_rows(*stmt);
      if (!out) return out.error();
      auto lease =
          db_.prepare("UPDATE deliveries SET next_attempt_at = ?3 WHERE org = ?1 AND id = ?2");
      if (!lease) return lease.error();
      for (DeliveryRecord& d : *out) {
        lease->reset();
        lease->bind(1, d.organization).bind(2, d.id).bind(3, lease_until.seconds);
        CAIRN_TRY(lease->run());
        d.next_attempt_at = lease_until;
      }
      CAIRN_TRY(finish(commit_));
      return out;
    }();
    if (!result) rollback();
    return result;
  }

  Result<void> record_attempt(const DeliveryRecord& d) override {
    auto stmt = db_.prepare(
        "UPDATE deliveries SET state = ?3, attempts = ?4, next_attempt_at = ?5, last_error = ?6, "
        "delivered_at = ?7 WHERE org = ?1 AND id = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, d.organization).bind(2, d.id).bind(3, std::string_view(to_string(d.state)));
    stmt->bind(4, std::int64_t{d.attempts}).bind(5, d.next_attempt_at.seconds);
    stmt->bind(6, std::string_view(d.last_error));
    if (d.delivered_at) {
      stmt->bind(7, d.delivered_at->seconds);
    } else {
      stmt->bind_null(7);
    }
    return stmt->run();
  }

  Result<std::vector<DeliveryRecord>> read_deliveries(std::int64_t organization,
                                                      const DeliveryQuery& query) override {
    auto stmt = db_.prepare(std::string(kDeliveryColumns) +
                            " FROM deliveries WHERE org = ?1 AND id < ?2 AND (?3 IS NULL OR "
                            "state = ?3) ORDER BY id DESC LIMIT ?4");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, query.before_id);
    if (query.state) {
      stmt->bind(3, std::string_view(to_string(*query.state)));
    } else {
      stmt->bind_null(3);
    }
    stmt->bind(4, std::int64_t{query.limit});
    return read_delivery_rows(*stmt);
  }

  Result<WebhookRecord> create_webhook(const WebhookRecord& webhook) override {
    CAIRN_TRY(begin());
    auto result = [&]() -> Result<WebhookRecord> {
      auto next = db_.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM webhooks WHERE org = ?1");
      if (!next) return next.error();
      next->bind(1, webhook.organization);
      auto row = next->step();
      if (!row) return row.error();
      WebhookRecord stored = webhook;
      stored.id = next->int64(0);
      auto insert = db_.prepare(
          "INSERT INTO webhooks (org, id, url, format, events, secret, created_at, secret_sealed) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      if (!insert) return insert.error();
      insert->bind(1, stored.organization).bind(2, stored.id).bind(3, std::string_view(stored.url));
      insert->bind(4, std::string_view(stored.format)).bind(5, std::string_view(stored.events));
      insert->bind(6, std::string_view(stored.secret)).bind(7, stored.created_at.seconds);
      insert->bind(8, std::int64_t{stored.secret_sealed ? 1 : 0});
      CAIRN_TRY(insert->run());
      CAIRN_TRY(finish(commit_));
      return stored;
    }();
    if (!result) rollback();
    return result;
  }

  Result<std::vector<WebhookRecord>> webhooks(std::int64_t organization) override {
    auto stmt = db_.prepare(
        "SELECT id, url, format, events, secret, created_at, secret_sealed FROM webhooks "
        "WHERE org = ?1 AND deleted_at IS NULL ORDER BY id");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization);
    std::vector<WebhookRecord> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) return out;
      WebhookRecord& w = out.emplace_back();
      w.organization = organization;
      w.id = stmt->int64(0);
      w.url.assign(stmt->text(1));
      w.format.assign(stmt->text(2));
      w.events.assign(stmt->text(3));
      w.secret.assign(stmt->text(4));
      w.created_at = core::Instant{stmt->int64(5)};
      w.secret_sealed = stmt->int64(6) != 0;
    }
  }

  Result<void> set_webhook_secret(std::int64_t organization, std::int64_t id,
                                  const std::string& secret, bool sealed) override {
    auto stmt = db_.prepare(
        "UPDATE webhooks SET secret = ?3, secret_sealed = ?4 WHERE org = ?1 AND id = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, id).bind(3, std::string_view(secret));
    stmt->bind(4, std::int64_t{sealed ? 1 : 0});
    return stmt->run();
  }

  Result<bool> delete_webhook(std::int64_t organization, std::int64_t id,
                              core::Instant at) override {
    auto stmt = db_.prepare(
        "UPDATE webhooks SET deleted_at = ?3 WHERE org = ?1 AND id = ?2 AND deleted_at IS NULL");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, id).bind(3, at.seconds);
    CAIRN_TRY(stmt->run());
    return sqlite3_changes(db_.handle()) > 0;
  }

  Result<void> set_channel_preference(const ChannelPreference& p) override {
    auto stmt = db_.prepare(
        "INSERT INTO channel_preferences (org, person, kind, channels) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (org, person, kind) DO UPDATE SET channels = excluded.channels");
    if (!stmt) return stmt.error();
    stmt->bind(1, p.organization).bind(2, std::int64_t{p.person});
    stmt->bind(3, std::string_view(p.kind)).bind(4, std::string_view(p.channels));
    return stmt->run();
  }

  Result<std::vector<ChannelPreference>> channel_preferences(std::int64_t organization,
                                                             std::uint32_t person) override {
    auto stmt = db_.prepare(
        "SELECT kind, channels FROM channel_preferences WHERE org = ?1 AND person = ?2 "
        "ORDER BY kind");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, std::int64_t{person});
    std::vector<ChannelPreference> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(ChannelPreference{organization, person, std::string(stmt->text(0)),
                                      std::string(stmt->text(1))});
    }
  }

  Result<void> set_calendar_token(const CalendarTokenRecord& t) override {
    CAIRN_TRY(begin());
    auto result = [&]() -> Result<void> {
      auto drop = db_.prepare("DELETE FROM calendar_tokens WHERE org = ?1 AND person = ?2");
      if (!drop) return drop.error();
      drop->bind(1, t.organization).bind(2, std::int64_t{t.person});
      CAIRN_TRY(drop->run());
      auto insert = db_.prepare(
          "INSERT INTO calendar_tokens (token_hash, org, person, created_at) "
          "VALUES (?1, ?2, ?3, ?4)");
      if (!insert) return insert.error();
      insert->bind(1, std::string_view(t.token_hash)).bind(2, t.organization);
      insert->bind(3, std::int64_t{t.person}).bind(4, t.created_at.seconds);
      CAIRN_TRY(insert->run());
      return finish(commit_);
    }();
    if (!result) rollback();
    return result;
  }

  Result<std::optional<CalendarTokenRecord>> find_calendar_token(
      std::string_view token_hash) override {
    auto stmt =
        db_.prepare("SELECT org, person, created_at FROM calendar_tokens WHERE token_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, token_hash);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<CalendarTokenRecord>();
    return std::optional<CalendarTokenRecord>(CalendarTokenRecord{
        std::string(token_hash), stmt->int64(0), static_cast<std::uint32_t>(stmt->int64(1)),
        core::Instant{stmt->int64(2)}});
  }

  Result<std::vector<ScheduleRecord>> schedules(std::int64_t organization) override {
    auto stmt = db_.prepare("SELECT job, next_run_at FROM schedules WHERE org = ?1 ORDER BY job");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization);
    std::vector<ScheduleRecord> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(
          ScheduleRecord{organization, std::string(stmt->text(0)), core::Instant{stmt->int64(1)}});
    }
  }

  Result<void> set_kpi_source(const KpiSourceRecord& k) override {
    auto stmt = db_.prepare(
        "INSERT OR REPLACE INTO kpi_sources (org, kpi, token_hash, token_created_at, url, "
        "pointer, interval_minutes, headers, next_pull_at, last_attempt_at, last_success_at, "
        "last_error, failures) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (!stmt) return stmt.error();
    stmt->bind(1, k.organization).bind(2, std::int64_t{k.kpi});
    if (k.token_hash.empty()) {
      stmt->bind_null(3);
    } else {
      stmt->bind(3, std::string_view(k.token_hash));
    }
    stmt->bind(4, seconds_of(k.token_created_at));
    stmt->bind(5, std::string_view(k.url)).bind(6, std::string_view(k.pointer));
    stmt->bind(7, std::int64_t{k.interval_minutes}).bind(8, std::string_view(k.headers));
    stmt->bind(9, seconds_of(k.next_pull_at)).bind(10, seconds_of(k.last_attempt_at));
    stmt->bind(11, seconds_of(k.last_success_at)).bind(12, std::string_view(k.last_error));
    stmt->bind(13, std::int64_t{k.failures});
    return stmt->run();
  }

  Result<std::optional<KpiSourceRecord>> kpi_source(std::int64_t organization,
                                                    std::uint32_t kpi) override {
    auto stmt = db_.prepare(std::string(kKpiSourceColumns) +
                            " FROM kpi_sources WHERE org = ?1 AND kpi = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization).bind(2, std::int64_t{kpi});
    return first_kpi_source(*stmt);
  }

  Result<std::vector<KpiSourceRecord>> kpi_sources(std::int64_t organization) override {
    auto stmt = db_.prepare(std::string(kKpiSourceColumns) +
                            " FROM kpi_sources WHERE org = ?1 ORDER BY kpi");
    if (!stmt) return stmt.error();
    stmt->bind(1, organization);
    return read_kpi_sources(*stmt);
  }

  Result<std::optional<KpiSourceRecord>> kpi_source_by_token(std::string_view token_hash) override {
    auto stmt =
        db_.prepare(std::string(kKpiSourceColumns) + " FROM kpi_sources WHERE token_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, token_hash);
    return first_kpi_source(*stmt);
  }

  Result<std::vector<KpiSourceRecord>> claim_kpi_pulls(core::Instant now, core::Instant lease_until,
                                                       int limit) override {
    // Polled every few seconds: only take the write lock when a pull is due.
    auto any = db_.prepare(
        "SELECT EXISTS (SELECT 1 FROM kpi_sources WHERE url <> '' AND next_pull_at <= ?1)");
    if (!any) return any.error();
    any->bind(1, now.seconds);
    auto due = any->step();
    if (!due) return due.error();
    if (any->int64(0) == 0) return std::vector<KpiSourceRecord>();
    any->reset();
    CAIRN_TRY(begin());
    auto result = [&]() -> Result<std::vector<KpiSourceRecord>> {
      auto stmt = db_.prepare(std::string(kKpiSourceColumns) +
                              " FROM kpi_sources WHERE url <> '' AND next_pull_at <= ?1 "
                              "ORDER BY next_pull_at, org, kpi LIMIT ?2");
      if (!stmt) return stmt.error();
      stmt->bind(1, now.seconds).bind(2, std::int64_t{limit});
      auto out = read_kpi_sources(*stmt);
      if (!out) return out.error();
      auto lease =
          db_.prepare("UPDATE kpi_sources SET next_pull_at = ?3 WHERE org = ?1 AND kpi = ?2");
      if (!lease) return lease.error();
      for (KpiSourceRecord& k : *out) {
        lease->reset();
        lease->bind(1, k.organization).bind(2, std::int64_t{k.kpi}).bind(3, lease_until.seconds);
        CAIRN_TRY(lease->run());
        k.next_pull_at = lease_until;
      }
      CAIRN_TRY(finish(commit_));
      return out;
    }();
    if (!result) rollback();
    return result;
  }

  Result<void> record_kpi_pull(const KpiSourceRecord& k) override {
    auto stmt = db_.prepare(
        "UPDATE kpi_sources SET next_pull_at = ?3, last_attempt_at = ?4, last_success_at = ?5, "
        "last_error = ?6, failures = ?7 WHERE org = ?1 AND kpi = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, k.organization).bind(2, std::int64_t{k.kpi});
    stmt->bind(3, seconds_of(k.next_pull_at)).bind(4, seconds_of(k.last_attempt_at));
    stmt->bind(5, seconds_of(k.last_success_at)).bind(6, std::string_view(k.last_error));
    stmt->bind(7, std::int64_t{k.failures});
    return stmt->run();
  }

  Result<void> wait_for_changes(std::chrono::milliseconds timeout) override {
    // Other processes on the same file leave no signal; pollers re-read heads.
    std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(200)));
    return {};
  }

 private:
  friend class SqliteWrite;

  static OrganizationRecord read_organization(const Statement& stmt) {
    return OrganizationRecord{stmt.int64(0), std::string(stmt.text(1)),
                              core::Instant{stmt.int64(2)}, stmt.int64(3)};
  }

  static constexpr std::string_view kKpiSourceColumns =
      "SELECT org, kpi, token_hash, token_created_at, url, pointer, interval_minutes, headers, "
      "next_pull_at, last_attempt_at, last_success_at, last_error, failures";

  static std::optional<std::int64_t> seconds_of(const std::optional<core::Instant>& at) {
    return at ? std::optional<std::int64_t>(at->seconds) : std::nullopt;
  }
  static std::optional<core::Instant> instant_at(const Statement& stmt, int column) {
    if (stmt.is_null(column)) return std::nullopt;
    return core::Instant{stmt.int64(column)};
  }
  static KpiSourceRecord read_kpi_source(const Statement& stmt) {
    KpiSourceRecord k;
    k.organization = stmt.int64(0);
    k.kpi = static_cast<std::uint32_t>(stmt.int64(1));
    if (!stmt.is_null(2)) k.token_hash.assign(stmt.text(2));
    k.token_created_at = instant_at(stmt, 3);
    k.url.assign(stmt.text(4));
    k.pointer.assign(stmt.text(5));
    k.interval_minutes = static_cast<int>(stmt.int64(6));
    k.headers.assign(stmt.text(7));
    k.next_pull_at = instant_at(stmt, 8);
    k.last_attempt_at = instant_at(stmt, 9);
    k.last_success_at = instant_at(stmt, 10);
    k.last_error.assign(stmt.text(11));
    k.failures = static_cast<int>(stmt.int64(12));
    return k;
  }
  static Result<std::vector<KpiSourceRecord>> read_kpi_sources(Statement& stmt) {
    std::vector<KpiSourceRecord> out;
    for (;;) {
      auto row = stmt.step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(read_kpi_source(stmt));
    }
  }
  static Result<std::optional<KpiSourceRecord>> first_kpi_source(Statement& stmt) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return std::optional<KpiSourceRecord>();
    return std::optional<KpiSourceRecord>(read_kpi_source(stmt));
  }

  static constexpr std::string_view kDeliveryColumns =
      "SELECT org, id, channel, target, event, subject, body, created_at, state, attempts, "
      "next_attempt_at, last_error, delivered_at";

  static Result<std::vector<DeliveryRecord>> read_delivery_rows(Statement& stmt) {
    std::vector<DeliveryRecord> out;
    for (;;) {
      auto row = stmt.step();
      if (!row) return row.error();
      if (!*row) return out;
      DeliveryRecord& d = out.emplace_back();
      d.organization = stmt.int64(0);
      d.id = stmt.int64(1);
      d.channel.assign(stmt.text(2));
      d.target.assign(stmt.text(3));
      d.event.assign(stmt.text(4));
      d.subject.assign(stmt.text(5));
      d.body.assign(stmt.text(6));
      d.created_at = core::Instant{stmt.int64(7)};
      d.state = delivery_state(stmt.text(8)).value_or(DeliveryState::kPending);
      d.attempts = static_cast<int>(stmt.int64(9));
      d.next_attempt_at = core::Instant{stmt.int64(10)};
      d.last_error.assign(stmt.text(11));
      if (!stmt.is_null(12)) d.delivered_at = core::Instant{stmt.int64(12)};
    }
  }

  // The next per-organisation id of `table`, inside the caller's transaction.
  Result<std::int64_t> next_id(std::string_view table, std::int64_t organization) {
    auto next = db_.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table) +
                            " WHERE org = ?1");
    if (!next) return next.error();
    next->bind(1, organization);
    auto row = next->step();
    if (!row) return row.error();
    return next->int64(0);
  }

  Result<void> begin() { return finish(begin_); }

  Result<NewOrganization> begin_organization(std::string_view slug, core::Instant at,
                                             bool journaled) {
    auto begun = begin();
    auto record = begun ? insert_organization(slug, at) : Result<OrganizationRecord>(begun.error());
    if (!record) {
      if (begun) rollback();
      if (journaled) back_to_wal();
      return record.error();
    }
    // From here on, the transaction's end switches back (SqliteWrite).
    const std::int64_t id = record->id;
    return NewOrganization{std::move(*record),
                           std::make_unique<SqliteWrite>(*this, id, 0, journaled)};
  }

  // The first organisation of a new store, written in bulk (an import), goes
  // through a rollback journal instead of the WAL. Through the WAL, every page
  // is written twice: into the log during the transaction, then into the
  // database file by the checkpoint that follows (for the enterprise import,
  // 0.8 GB twice, and 1.5-3 s of checkpoint on close). A rollback journal
  // keeps only the pages the transaction changes that the file had before:
  // in a new store, next to none. A kill -9 midway still leaves a store
  // without the organisation: the journal left behind is rolled back when the
  // store is next opened.
  //
  // The price: under a rollback journal, the write locks everyone else out of
  // the file until it commits. So only a store with no organisation yet,
  // which nobody else has open (SQLite refuses to leave the WAL otherwise):
  // a server opened on it meanwhile waits busy_timeout and then says the
  // store is locked (open_sqlite_store). Anything else keeps the WAL. True
  // when switched.
  bool journal_new_store() {
    if (!checkpointer_) return false;  // not a file in WAL mode
    auto any = db_.prepare("SELECT 1 FROM organizations LIMIT 1");
    if (!any) return false;
    auto row = any->step();
    if (!row || *row) return false;
    // The checkpointer's own connection would keep the file in the WAL.
    checkpointer_.reset();
    auto mode = journal_mode("DELETE");
    // EXTRA syncs the folder once the journal is deleted: in DELETE mode,
    // that deletion is the commit.
    if (mode == "delete" && db_.exec("PRAGMA synchronous = EXTRA")) return true;
    back_to_wal();
    return false;
  }
  // Back from journal_new_store's journal. Should it fail (the disk, say),
  // the file stays in DELETE mode, still whole, and the next open of the
  // store puts it back in the WAL.
  void back_to_wal() {
    (void)db_.exec("PRAGMA synchronous = FULL");
    if (journal_mode("WAL") != "wal") return;
    checkpointer_ = std::make_unique<Checkpointer>(db_.handle(), file_name());
  }
  // Sets the journal mode; the mode in force after it ("" when asking failed).
  std::string journal_mode(std::string_view mode) {
    auto stmt = db_.prepare("PRAGMA journal_mode = " + std::string(mode));
    if (!stmt) return {};
    auto row = stmt->step();
    if (!row || !*row) return {};
    return std::string(stmt->text(0));
  }
  std::string file_name() const {
    const char* file = sqlite3_db_filename(db_.handle(), "main");
    return file ? file : "";
  }
  // The organisation's row, inside the transaction begun.
  Result<OrganizationRecord> insert_organization(std::string_view slug, core::Instant at) {
    auto existing = organization(slug);
    if (!existing) return existing.error();
    if (*existing) return conflict("an organisation with this slug exists already");
    auto next = db_.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM organizations");
    if (!next) return next.error();
    auto row = next->step();
    if (!row) return row.error();
    OrganizationRecord record{next->int64(0), std::string(slug), at, 0};
    auto insert = db_.prepare(
        "INSERT INTO organizations (id, slug, created_at, head) VALUES (?1, ?2, ?3, 0)");
    if (!insert) return insert.error();
    insert->bind(1, record.id).bind(2, std::string_view(record.slug)).bind(3, at.seconds);
    CAIRN_TRY(insert->run());
    return record;
  }
  Result<void> finish(Statement& stmt) {
    stmt.reset();
    return stmt.run();
  }
  void rollback() { (void)finish(rollback_); }

  bool in_wal_mode() {
    auto mode = db_.prepare("PRAGMA journal_mode");
    if (!mode) return false;
    auto row = mode->step();
    return row && *row && mode->text(0) == "wal";
  }

  Database db_;
  // After db_: stopped before the connection it watches is closed.
  std::unique_ptr<Checkpointer> checkpointer_;
  Statement insert_change_, insert_check_in_, insert_audit_, set_head_, get_head_, begin_, commit_,
      rollback_;
};

SqliteWrite::~SqliteWrite() {
  if (!done_) store_.rollback();
  if (journaled_) store_.back_to_wal();
}

Result<void> SqliteWrite::append(const Change& change) {
  if (change.seq != last_ + 1) {
    return core::invalid("seq", "changes must continue the organisation's sequence");
  }
  if (change.check_in) {
    const core::CheckIn& c = *change.check_in;
    Statement& s = store_.insert_check_in_;
    s.reset();
    s.bind(1, organization_).bind(2, change.seq).bind(3, id_or_null(c.id.value()));
    s.bind(4, id_or_null(c.key_result.value()));
    if (c.author.valid()) {
      s.bind(5, id_or_null(c.author.value()));
    } else {
      s.bind_null(5);
    }
    if (c.on_behalf_of.valid()) {
      s.bind(6, id_or_null(c.on_behalf_of.value()));
    } else {
      s.bind_null(6);
    }
    s.bind(7, c.measurement.value).bind(8, std::int64_t{c.measurement.done ? 1 : 0});
    s.bind(9, static_cast<std::int64_t>(c.measurement.milestones_done));
    if (c.confidence) {
      s.bind(10, std::int64_t{*c.confidence});
    } else {
      s.bind_null(10);
    }
    s.bind(11, std::string_view(c.note)).bind(12, c.at.seconds).bind(13, change.at.seconds);
    s.bind(14, std::string_view(change.actor));
    CAIRN_TRY(s.run());
  } else {
    Statement& s = store_.insert_change_;
    s.reset();
    s.bind(1, organization_).bind(2, change.seq).bind(3, change.at.seconds);
    s.bind(4, std::string_view(change.actor)).bind(5, std::string_view(change.kind));
    s.bind(6, std::string_view(change.payload));
    CAIRN_TRY(s.run());
  }
  last_ = change.seq;
  return {};
}

Result<void> SqliteWrite::append_audit(const AuditEntry& e) {
  Statement& s = store_.insert_audit_;
  s.reset();
  s.bind(1, organization_).bind(2, e.seq).bind(3, std::int64_t{e.position}).bind(4, e.at.seconds);
  s.bind(5, std::string_view(e.actor)).bind(6, std::string_view(e.entity)).bind(7, e.entity_id);
  if (e.before) {
    s.bind(8, std::string_view(*e.before));
  } else {
    s.bind_null(8);
  }
  s.bind(9, std::string_view(e.after)).bind(10, std::int64_t{e.before_changed_only ? 1 : 0});
  return s.run();
}

Result<std::int64_t> SqliteWrite::append_notification(const NotificationRecord& n) {
  auto id = store_.next_id("notifications", organization_);
  if (!id) return id.error();
  auto stmt = store_.db_.prepare(
      "INSERT INTO notifications (org, id, person, kind, subject, body, at, seq, params) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!stmt) return stmt.error();
  stmt->bind(1, organization_).bind(2, *id).bind(3, std::int64_t{n.person});
  stmt->bind(4, std::string_view(n.kind)).bind(5, std::string_view(n.subject));
  stmt->bind(6, std::string_view(n.text)).bind(7, n.at.seconds).bind(8, n.seq);
  stmt->bind(9, std::string_view(n.params));
  CAIRN_TRY(stmt->run());
  return *id;
}

Result<std::int64_t> SqliteWrite::append_delivery(const DeliveryRecord& d) {
  auto id = store_.next_id("deliveries", organization_);
  if (!id) return id.error();
  auto stmt = store_.db_.prepare(
      "INSERT INTO deliveries (org, id, channel, target, event, subject, body, created_at, state, "
      "attempts, next_attempt_at, last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', "
      "0, ?9, '')");
  if (!stmt) return stmt.error();
  stmt->bind(1, organization_).bind(2, *id).bind(3, std::string_view(d.channel));
  stmt->bind(4, std::string_view(d.target)).bind(5, std::string_view(d.event));
  stmt->bind(6, std::string_view(d.subject)).bind(7, std::string_view(d.body));
  stmt->bind(8, d.created_at.seconds).bind(9, d.next_attempt_at.seconds);
  CAIRN_TRY(stmt->run());
  return *id;
}

Result<void> SqliteWrite::set_schedule(const ScheduleRecord& schedule) {
  auto stmt = store_.db_.prepare(
      "INSERT INTO schedules (org, job, next_run_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (org, job) DO UPDATE SET next_run_at = excluded.next_run_at");
  if (!stmt) return stmt.error();
  stmt->bind(1, organization_).bind(2, std::string_view(schedule.job));
  stmt->bind(3, schedule.next_run_at.seconds);
  return stmt->run();
}

Result<void> SqliteWrite::commit() {
  if (done_) return core::invalid("transaction", "committed already");
  if (last_ != head_) {
    Statement& s = store_.set_head_;
    s.reset();
    s.bind(1, organization_).bind(2, last_);
    CAIRN_TRY(s.run());
  }
  auto committed = store_.finish(store_.commit_);
  // A failed COMMIT may leave the transaction open; the destructor rolls back.
  if (!committed) return committed;
  done_ = true;
  if (journaled_) {
    journaled_ = false;
    store_.back_to_wal();
  }
  return committed;
}

Result<void> migrate(Database& db) {
  CAIRN_TRY(db.exec(kSchemaMigrationsTable));
  CAIRN_TRY(db.exec("BEGIN IMMEDIATE"));
  auto result = [&]() -> Result<void> {
    auto current = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!current) return current.error();
    auto row = current->step();
    if (!row) return row.error();
    const int version = static_cast<int>(current->int64(0));
    CAIRN_TRY(check_not_newer(version));
    for (const Migration& m : migrations()) {
      if (m.version <= version) continue;
      CAIRN_TRY(db.exec(migration_sql(m, "sqlite")));
      auto record = db.prepare(
          "INSERT INTO schema_migrations (version, description, applied_at) "
          "VALUES (?1, ?2, CAST(strftime('%s', 'now') AS INTEGER))");
      if (!record) return record.error();
      record->bind(1, std::int64_t{m.version}).bind(2, m.description);
      CAIRN_TRY(record->run());
    }
    return {};
  }();
  if (!result) {
    (void)db.exec("ROLLBACK");
    return result;
  }
  return db.exec("COMMIT");
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  auto db = Database::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!db) return db.error();
  // WAL lets readers run beside the writer; synchronous=FULL syncs the WAL at
  // every commit, so an acknowledged write survives a crash or power loss.
  CAIRN_TRY(db->exec("PRAGMA busy_timeout = 10000"));
  if (auto wal = db->exec("PRAGMA journal_mode = WAL"); !wal) {
    // Still locked after the busy timeout: someone holds the whole file, as
    // an import into a new store does (journal_new_store).
    if ((sqlite3_extended_errcode(db->handle()) & 0xff) != SQLITE_BUSY) return wal.error();
    return core::unavailable("the store " + path +
                             " is locked: another process is writing it (an import into a new "
                             "store has the file to itself until it commits); try again once it "
                             "has finished");
  }
  CAIRN_TRY(db->exec("PRAGMA synchronous = FULL"));
  CAIRN_TRY(db->exec("PRAGMA foreign_keys = ON"));
  CAIRN_TRY(migrate(*db));
  auto store = std::make_unique<SqliteStore>(std::move(*db));
  CAIRN_TRY(store->prepare_statements());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace cairn::store::sqlite
