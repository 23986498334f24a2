// A store that fails on demand, as a full disk would make it, and counts the
// transactions it committed: for the writer's failure and group-commit tests.
#pragma once

#include <memory>

#include "store/store.h"

namespace cairn::app::testing {

// A transaction whose commit fails on demand, as a full disk would make it.
class FailingTransaction final : public store::WriteTransaction {
 public:
  FailingTransaction(std::unique_ptr<store::WriteTransaction> inner, bool fail, int& commits)
      : inner_(std::move(inner)), fail_(fail), commits_(commits) {}
  std::int64_t head() const override { return inner_->head(); }
  core::Result<void> append(const store::Change& c) override { return inner_->append(c); }
  core::Result<void> append_audit(const store::AuditEntry& e) override {
    return inner_->append_audit(e);
  }
  core::Result<std::int64_t> append_notification(const store::NotificationRecord& n) override {
    return inner_->append_notification(n);
  }
  core::Result<std::int64_t> append_delivery(const store::DeliveryRecord& d) override {
    return inner_->append_delivery(d);
  }
  core::Result<void> set_schedule(const store::ScheduleRecord& s) override {
    return inner_->set_schedule(s);
  }
  core::Result<void> commit() override {
    if (fail_) return core::Error{core::ErrorCode::kUnavailable, "disk full", {}, {}, {}};
    ++commits_;
    return inner_->commit();
  }

 private:
  std::unique_ptr<store::WriteTransaction> inner_;
  bool fail_;
  int& commits_;
};

class FailingStore final : public store::Store {
 public:
  explicit FailingStore(store::Store& inner) : inner_(inner) {}
  bool fail_commits = false;
  bool fail_security_events = false;
  int fail_reads_after = -1;   // reading the change log fails after this many changes
  bool fail_sign_ins = false;  // the sign-in limiter's reads and writes
  int commits = 0;             // transactions committed

  std::string_view backend() const override { return inner_.backend(); }
  core::Result<int> schema_version() override { return inner_.schema_version(); }
  core::Result<std::vector<store::OrganizationRecord>> organizations() override {
    return inner_.organizations();
  }
  core::Result<std::optional<store::OrganizationRecord>> organization(
      std::string_view slug) override {
    return inner_.organization(slug);
  }
  core::Result<store::OrganizationRecord> create_organization(std::string_view slug,
                                                              core::Instant at) override {
    return inner_.create_organization(slug, at);
  }
  core::Result<std::int64_t> head(std::int64_t org) override { return inner_.head(org); }
  core::Result<NewOrganization> begin_new_organization(std::string_view slug,
                                                       core::Instant at) override {
    auto begun = inner_.begin_new_organization(slug, at);
    if (!begun) return begun.error();
    begun->write =
        std::make_unique<FailingTransaction>(std::move(begun->write), fail_commits, commits);
    return begun;
  }
  core::Result<std::unique_ptr<store::WriteTransaction>> begin_write(std::int64_t org) override {
    auto tx = inner_.begin_write(org);
    if (!tx) return tx.error();
    return std::unique_ptr<store::WriteTransaction>(
        std::make_unique<FailingTransaction>(std::move(*tx), fail_commits, commits));
  }
  core::Result<void> read_changes(std::int64_t org, std::int64_t after,
                                  const ChangeVisitor& visit) override {
    if (fail_reads_after < 0) return inner_.read_changes(org, after, visit);
    int read = 0;
    return inner_.read_changes(org, after, [&](const store::Change& c) -> core::Result<void> {
      if (read++ == fail_reads_after) {
        return core::Error{core::ErrorCode::kUnavailable, "disk read error", {}, {}, {}};
      }
      return visit(c);
    });
  }
  core::Result<std::vector<store::AuditEntry>> read_audit(std::int64_t org,
                                                          const store::AuditQuery& q) override {
    return inner_.read_audit(org, q);
  }
  core::Result<void> wait_for_changes(std::chrono::milliseconds timeout) override {
    return inner_.wait_for_changes(timeout);
  }
  core::Result<std::vector<store::NotificationRecord>> read_notifications(
      std::int64_t org, std::uint32_t person, const store::NotificationQuery& q) override {
    return inner_.read_notifications(org, person, q);
  }
  core::Result<int> mark_all_notifications_read(std::int64_t org, std::uint32_t person,
                                                core::Instant at) override {
    return inner_.mark_all_notifications_read(org, person, at);
  }
  core::Result<bool> mark_notification_read(std::int64_t org, std::uint32_t person, std::int64_t id,
                                            core::Instant at) override {
    return inner_.mark_notification_read(org, person, id, at);
  }
  core::Result<std::vector<store::DeliveryRecord>> claim_deliveries(core::Instant now,
                                                                    core::Instant lease,
                                                                    int limit) override {
    return inner_.claim_deliveries(now, lease, limit);
  }
  core::Result<void> record_attempt(const store::DeliveryRecord& d) override {
    return inner_.record_attempt(d);
  }
  core::Result<std::vector<store::DeliveryRecord>> read_deliveries(
      std::int64_t org, const store::DeliveryQuery& q) override {
    return inner_.read_deliveries(org, q);
  }
  core::Result<store::WebhookRecord> create_webhook(const store::WebhookRecord& w) override {
    return inner_.create_webhook(w);
  }
  core::Result<void> set_webhook_secret(std::int64_t org, std::int64_t id,
                                        const std::string& secret, bool sealed) override {
    return inner_.set_webhook_secret(org, id, secret, sealed);
  }
  core::Result<std::vector<store::WebhookRecord>> webhooks(std::int64_t org) override {
    return inner_.webhooks(org);
  }
  core::Result<bool> delete_webhook(std::int64_t org, std::int64_t id, core::Instant at) override {
    return inner_.delete_webhook(org, id, at);
  }
  core::Result<void> set_channel_preference(const store::ChannelPreference& p) override {
    return inner_.set_channel_preference(p);
  }
  core::Result<std::vector<store::ChannelPreference>> channel_preferences(
      std::int64_t org, std::uint32_t person) override {
    return inner_.channel_preferences(org, person);
  }
  core::Result<void> set_calendar_token(const store::CalendarTokenRecord& t) override {
    return inner_.set_calendar_token(t);
  }
  core::Result<std::optional<store::CalendarTokenRecord>> find_calendar_token(
      std::string_view hash) override {
    return inner_.find_calendar_token(hash);
  }
  core::Result<std::vector<store::ScheduleRecord>> schedules(std::int64_t org) override {
    return inner_.schedules(org);
  }
  core::Result<void> set_kpi_source(const store::KpiSourceRecord& k) override {
    return inner_.set_kpi_source(k);
  }
  core::Result<std::optional<store::KpiSourceRecord>> kpi_source(std::int64_t org,
                                                                 std::uint32_t kpi) override {
    return inner_.kpi_source(org, kpi);
  }
  core::Result<std::vector<store::KpiSourceRecord>> kpi_sources(std::int64_t org) override {
    return inner_.kpi_sources(org);
  }
  core::Result<std::optional<store::KpiSourceRecord>> kpi_source_by_token(
      std::string_view hash) override {
    return inner_.kpi_source_by_token(hash);
  }
  core::Result<std::vector<store::KpiSourceRecord>> claim_kpi_pulls(core::Instant now,
                                                                    core::Instant lease_until,
                                                                    int limit) override {
    return inner_.claim_kpi_pulls(now, lease_until, limit);
  }
  core::Result<void> record_kpi_pull(const store::KpiSourceRecord& k) override {
    return inner_.record_kpi_pull(k);
  }
  core::Result<void> set_password_hash(const store::CredentialRecord& c) override {
    return inner_.set_password_hash(c);
  }
  core::Result<std::optional<std::string>> password_hash(std::int64_t org,
                                                         std::uint32_t person) override {
    return inner_.password_hash(org, person);
  }
  core::Result<std::vector<store::CredentialRecord>> credentials(std::int64_t org) override {
    return inner_.credentials(org);
  }
  core::Result<store::ApiTokenRecord> create_api_token(const store::ApiTokenRecord& t) override {
    return inner_.create_api_token(t);
  }
  core::Result<std::vector<store::ApiTokenRecord>> api_tokens(std::int64_t org) override {
    return inner_.api_tokens(org);
  }
  core::Result<bool> revoke_api_token(std::int64_t org, std::int64_t id,
                                      core::Instant at) override {
    return inner_.revoke_api_token(org, id, at);
  }
  core::Result<store::SecurityEvent> append_security_event(const store::SecurityEvent& e) override {
    if (fail_security_events) {
      return core::Error{core::ErrorCode::kUnavailable, "disk full", {}, {}, {}};
    }
    return inner_.append_security_event(e);
  }
  core::Result<std::vector<store::SecurityEvent>> read_security_events(
      std::optional<std::int64_t> org, const store::SecurityEventQuery& q) override {
    return inner_.read_security_events(org, q);
  }
  core::Result<void> create_session(const store::SessionRecord& s) override {
    return inner_.create_session(s);
  }
  core::Result<std::optional<store::SessionRecord>> find_session(std::string_view id) override {
    return inner_.find_session(id);
  }
  core::Result<void> touch_session(std::string_view id, core::Instant at) override {
    return inner_.touch_session(id, at);
  }
  core::Result<void> delete_session(std::string_view id) override {
    return inner_.delete_session(id);
  }
  core::Result<int> delete_sessions_for_person(std::int64_t org, std::uint32_t person) override {
    return inner_.delete_sessions_for_person(org, person);
  }
  core::Result<int> delete_expired_sessions(std::int64_t organization, core::Instant created_before,
                                            core::Instant last_seen_before) override {
    return inner_.delete_expired_sessions(organization, created_before, last_seen_before);
  }
  core::Result<store::SignInCounts> sign_in_counts(std::string_view account,
                                                   std::string_view address,
                                                   core::Instant since) override {
    if (fail_sign_ins) return unavailable();
    return inner_.sign_in_counts(account, address, since);
  }
  core::Result<void> add_sign_in_failure(std::string_view account, std::string_view address,
                                         core::Instant at) override {
    if (fail_sign_ins) return unavailable();
    return inner_.add_sign_in_failure(account, address, at);
  }
  core::Result<void> add_sign_in_success(std::string_view account, std::string_view address,
                                         core::Instant at) override {
    if (fail_sign_ins) return unavailable();
    return inner_.add_sign_in_success(account, address, at);
  }
  core::Result<int> forget_sign_ins(core::Instant failures_before,
                                    core::Instant known_before) override {
    return inner_.forget_sign_ins(failures_before, known_before);
  }

 private:
  static core::Error unavailable() {
    return core::Error{core::ErrorCode::kUnavailable, "store down", {}, {}, {}};
  }
  store::Store& inner_;
};

}  // namespace cairn::app::testing
