#include "store/copy.h"

#include <algorithm>

namespace cairn::store {
namespace {

Result<CopiedOrganization> copy_one(Store& from, Store& to, const OrganizationRecord& source) {
  auto created = to.create_organization(source.slug, source.created_at);
  if (!created) return created.error();
  auto tx = to.begin_write(created->id);
  if (!tx) return tx.error();
  CopiedOrganization copied{source.slug, 0, 0};
  CAIRN_TRY(from.read_changes(source.id, 0, [&](const Change& change) -> Result<void> {
    ++copied.changes;
    return (*tx)->append(change);
  }));
  // The audit log is read in pages, newest first; the order of insertion
  // does not matter since every entry carries its own seq and position.
  AuditQuery page;
  page.limit = 10'000;
  for (;;) {
    auto entries = from.read_audit(source.id, page);
    if (!entries) return entries.error();
    for (const AuditEntry& entry : *entries) CAIRN_TRY((*tx)->append_audit(entry));
    copied.audit_entries += static_cast<long long>(entries->size());
    if (entries->size() < static_cast<std::size_t>(page.limit)) break;
    page.before_seq = entries->back().seq;
    page.before_position = entries->back().position;
  }
  // The scheduler's next runs travel with the history, so the new store
  // neither repeats a reminder nor skips one.
  auto schedules = from.schedules(source.id);
  if (!schedules) return schedules.error();
  for (ScheduleRecord schedule : *schedules) {
    schedule.organization = created->id;
    CAIRN_TRY((*tx)->set_schedule(schedule));
  }
  CAIRN_TRY((*tx)->commit());
  // Passwords and tokens travel too, so people sign in as before. They are
  // written after the history; a failure here leaves the history copied and
  // is reported, and the copy can be completed by copying again elsewhere.
  auto credentials = from.credentials(source.id);
  if (!credentials) return credentials.error();
  for (CredentialRecord credential : *credentials) {
    credential.organization = created->id;
    CAIRN_TRY(to.set_password_hash(credential));
  }
  auto tokens = from.api_tokens(source.id);
  if (!tokens) return tokens.error();
  for (ApiTokenRecord token : *tokens) {
    if (token.revoked_at) continue;
    token.organization = created->id;
    auto made = to.create_api_token(token);
    if (!made) return made.error();
  }
  copied.credentials = static_cast<long long>(credentials->size());
  // Webhooks with their secrets, so receivers keep verifying signatures.
  // Notifications, the outbox and calendar tokens stay behind, like sessions
  // and sign-in failures (those belong to no organisation).
  auto hooks = from.webhooks(source.id);
  if (!hooks) return hooks.error();
  for (WebhookRecord hook : *hooks) {
    hook.organization = created->id;
    auto made = to.create_webhook(hook);
    if (!made) return made.error();
  }
  // Security events are read newest first and appended oldest first, so the
  // destination numbers them in the same order. Sessions stay behind: people
  // sign in again on the new store.
  std::vector<SecurityEvent> events;
  SecurityEventQuery events_page;
  events_page.limit = 10'000;
  for (;;) {
    auto read = from.read_security_events(source.id, events_page);
    if (!read) return read.error();
    events.insert(events.end(), read->begin(), read->end());
    if (read->size() < static_cast<std::size_t>(events_page.limit)) break;
    events_page.before_id = read->back().id;
  }
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    SecurityEvent event = *it;
    event.organization = created->id;
    auto appended = to.append_security_event(event);
    if (!appended) return appended.error();
  }
  copied.security_events = static_cast<long long>(events.size());
  return copied;
}

}  // namespace

Result<std::vector<CopiedOrganization>> copy_organizations(Store& from, Store& to,
                                                           const std::vector<std::string>& slugs) {
  auto all = from.organizations();
  if (!all) return all.error();
  std::vector<OrganizationRecord> chosen;
  for (const OrganizationRecord& org : *all) {
    if (slugs.empty() || std::find(slugs.begin(), slugs.end(), org.slug) != slugs.end()) {
      chosen.push_back(org);
    }
  }
  for (const std::string& slug : slugs) {
    if (std::none_of(chosen.begin(), chosen.end(),
                     [&](const OrganizationRecord& o) { return o.slug == slug; })) {
      return core::not_found("organisation " + slug);
    }
  }
  for (const OrganizationRecord& org : chosen) {
    auto existing = to.organization(org.slug);
    if (!existing) return existing.error();
    if (*existing) {
      return core::Error{core::ErrorCode::kConflict,
                         "the destination has an organisation " + org.slug + " already",
                         {},
                         {},
                         {}};
    }
  }
  std::vector<CopiedOrganization> out;
  for (const OrganizationRecord& org : chosen) {
    auto copied = copy_one(from, to, org);
    if (!copied) return copied.error();
    out.push_back(*copied);
  }
  return out;
}

}  // namespace cairn::store
