#include "app/service.h"

#include <cctype>
#include <iostream>

#include "app/audit_before.h"
#include "app/command_subject.h"
#include "app/command_target.h"
#include "app/demo_organization.h"
#include "app/passwords.h"
#include "app/permissions.h"
#include "app/replay.h"
#include "app/time_zone.h"
#include "core/validation.h"

namespace cairn::app {

std::string slug_of(std::string_view name) {
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "organization" : slug.substr(0, 48);
}

namespace {

core::Error unauthenticated() {
  return core::Error{
      core::ErrorCode::kUnauthenticated, "missing, unknown or revoked credentials", {}, {}, {}};
}

store::SecurityEvent access_denied(const Principal& who, const Command& command,
                                   core::Instant now) {
  return event_by(who, security_event::kAccessDenied, now, command_subject(command),
                  std::string(command_kind(command)));
}

std::optional<std::string> address_or_none(std::string_view address) {
  if (address.empty()) return std::nullopt;
  return clipped(address, 64);
}

std::string person_subject(core::PersonId person) {
  return "person:" + std::to_string(person.value());
}

constexpr std::string_view kDemoSlug = "larkspur";
constexpr std::string_view kDemoTokenName = "demo";

}  // namespace

core::Result<std::unique_ptr<Service>> Service::open(const std::string& location,
                                                     SessionTimeouts timeouts) {
  auto store = store::open_store(location);
  if (!store) return store.error();
  // Sessions are read on almost every request from a browser: on a
  // connection of their own, they never wait behind the writer.
  auto sessions_store = store::open_store(location);
  if (!sessions_store) return sessions_store.error();
  // The sign-in limiter's reads and writes, likewise.
  auto limiter_store = store::open_store(location);
  if (!limiter_store) return limiter_store.error();
  // Sealed secrets' key: beside a SQLite file; PostgreSQL servers share
  // CAIRN_SECRET_KEY instead (secret_box.h).
  std::string key_file = store::is_postgres_url(location) ? "" : location + ".key";
  std::unique_ptr<Service> service(new Service(std::move(*store), std::move(*sessions_store),
                                               std::move(*limiter_store), location,
                                               std::move(key_file), timeouts));
  // Changes followed from other instances keep the notifier's statuses current.
  Service* self = service.get();
  service->events_.subscribe([self](const Event& event) { self->notifier_.followed(event); });
  CAIRN_TRY(service->load_all());
  CAIRN_TRY(service->load_tokens());
  // Webhook secrets from before they were sealed. A failure does not stop
  // the server: those webhooks keep working with their secrets as stored.
  if (auto sealed = service->seal_webhook_secrets(); !sealed) {
    std::cerr << "webhook secrets not sealed: " << sealed.error().message << std::endl;
  }
  return service;
}

core::Result<void> Service::start_following(std::chrono::milliseconds interval) {
  if (follower_) return {};
  auto store = store::open_store(location_);
  if (!store) return store.error();
  follower_ = std::make_unique<Follower>(
      std::move(*store),
      [this] {
        std::vector<LiveOrganization*> all;
        std::shared_lock lock(organizations_mutex_);
        for (const auto& [id, live] : organizations_) all.push_back(live.get());
        return all;
      },
      &events_);
  following_ =
      std::jthread([this, interval](std::stop_token stop) { follower_->run(stop, interval); });
  return {};
}

LiveOrganization* Service::find(std::int64_t organization) const {
  std::shared_lock lock(organizations_mutex_);
  auto it = organizations_.find(organization);
  return it == organizations_.end() ? nullptr : it->second.get();
}

core::Result<void> Service::load_all() {
  auto records = store_->organizations();
  if (!records) return records.error();
  for (const store::OrganizationRecord& record : *records) {
    auto live = load_organization(*store_, record);
    if (!live) return live.error();
    organizations_.emplace(record.id, std::move(*live));
  }
  return {};
}

core::Result<void> Service::load_tokens() {
  std::unordered_map<std::string, TokenEntry> loaded;
  for (const auto& [id, live] : organizations_) {
    auto tokens = store_->api_tokens(id);
    if (!tokens) return tokens.error();
    for (const store::ApiTokenRecord& t : *tokens) {
      if (!t.revoked_at)
        loaded.emplace(t.token_hash, TokenEntry{t.id, id, core::PersonId{t.person}});
    }
  }
  std::unique_lock lock(tokens_mutex_);
  tokens_ = std::move(loaded);
  return {};
}

bool Service::has_organization() const {
  std::shared_lock lock(organizations_mutex_);
  return !organizations_.empty();
}

core::Result<void> Service::check_store() const {
  std::lock_guard lock(store_mutex_);
  auto version = store_->schema_version();
  if (!version) return version.error();
  return {};
}

Service::Totals Service::totals() const {
  Totals totals;
  std::shared_lock lock(organizations_mutex_);
  for (const auto& [id, live] : organizations_) {
    std::shared_lock model(live->mutex);
    ++totals.organizations;
    totals.people += live->model->person_count();
    totals.objectives += live->model->objective_count();
    totals.key_results += live->model->key_result_count();
    totals.check_ins += live->model->check_in_count();
  }
  return totals;
}

core::Result<LiveOrganization*> Service::create_organization(std::string name, core::Instant now) {
  // The slug is unique: "acme", then "acme-2", "acme-3"...
  const std::string base = slug_of(name);
  for (int n = 1;; ++n) {
    const std::string slug = n == 1 ? base : base + "-" + std::to_string(n);
    auto record = store_->create_organization(slug, now);
    if (!record && record.error().code == core::ErrorCode::kConflict && n < 1000) continue;
    if (!record) return record.error();
    auto live = load_organization(*store_, *record);
    if (!live) return live.error();
    LiveOrganization* raw = live->get();
    std::unique_lock lock(organizations_mutex_);
    organizations_.emplace(record->id, std::move(*live));
    return raw;
  }
}

core::Result<void> Service::set_password(const Principal& who, core::PersonId person,
                                         std::string_view password, core::Instant now) {
  LiveOrganization* live = find(who.organization);
  if (!live) return core::not_found("organisation");
  {
    std::shared_lock lock(live->mutex);
    const core::Person* caller = live->model->person(who.person);
    if (!live->model->person(person)) return core::not_found("person");
    if (!caller || !caller->active ||
        (person != who.person && caller->role != core::Role::kAdmin)) {
      return core::Error{
          core::ErrorCode::kForbidden, "only admins set other people's passwords", {}, {}, {}};
    }
  }
  auto checked = check_password_policy(password);
  if (!checked) {
    core::Error error = checked.error();
    for (auto& field : error.fields) field.field = "password";
    return error;
  }
  auto hash = hash_password(password);  // slow on purpose: outside every lock
  if (!hash) return hash.error();
  {
    std::lock_guard lock(store_mutex_);
    CAIRN_TRY(store_->set_password_hash(
        store::CredentialRecord{who.organization, person.value(), *hash, now}));
  }
  record(event_by(who, security_event::kPasswordChanged, now, person_subject(person)));
  auto ended = sessions_.end_all(who.organization, person);
  if (!ended) return ended.error();
  return {};
}

core::Result<void> Service::check_current_password(const Principal& who, std::string_view current,
                                                   core::Instant now) {
  if (current.empty()) {
    return core::invalid("current_password", "is required to change your own password");
  }
  LiveOrganization* live = find(who.organization);
  if (!live) return core::not_found("organisation");
  std::string email;
  {
    std::shared_lock lock(live->mutex);
    const core::Person* person = live->model->person(who.person);
    if (!person) return core::not_found("person");
    email = person->email;
  }
  // The same budget as sign-in: otherwise a stolen session or token would
  // be an unlimited password oracle.
  auto wait =
      limiter_.wait_seconds(email, who.address, now, SignInLimiter::Attempt::kCurrentPassword);
  if (!wait) return wait.error();
  if (*wait > 0) {
    record(
        event_by(who, security_event::kSignInThrottled, now, clipped(email), "current_password"));
    const std::string message = "too many wrong passwords; try again later";
    core::Error refused = core::too_many_requests(message, *wait);
    refused.fields.push_back({"current_password", message});
    return refused;
  }
  std::optional<std::string> hash;
  {
    std::lock_guard lock(store_mutex_);
    auto stored = store_->password_hash(who.organization, who.person.value());
    if (!stored) return stored.error();
    hash = *stored;
  }
  if (!hash || !verify_password(*hash, current)) {
    CAIRN_TRY(limiter_.failed(email, who.address, now));
    record(event_by(who, security_event::kSignInFailed, now, clipped(email), "current_password"));
    sweep_sign_ins(now);
    return core::Error{core::ErrorCode::kForbidden,
                       "the current password is not right",
                       {{"current_password", "is not your current password"}},
                       {},
                       {}};
  }
  if (auto cleared = limiter_.succeeded(email, who.address, now); !cleared) {
    std::cerr << "password check success not recorded: " << cleared.error().message << std::endl;
  }
  return {};
}

void Service::record_export(const Principal& who, std::string subject, std::string format,
                            core::Instant now) {
  record(event_by(who, security_event::kExport, now, std::move(subject), std::move(format)));
}

core::Result<void> Service::end_sessions(const Principal& who, core::PersonId person,
                                         core::Instant now) {
  auto ended = sessions_.end_all(who.organization, person);
  if (!ended) return ended.error();
  if (*ended > 0) {
    record(event_by(who, security_event::kSessionsEnded, now, person_subject(person),
                    std::to_string(*ended) + " session(s)"));
  }
  return {};
}

core::Result<void> Service::sign_out(const Principal& who, std::string_view session_id,
                                     core::Instant now) {
  CAIRN_TRY(sessions_.end(session_id));
  record(event_by(who, security_event::kSignOut, now));
  return {};
}

void Service::record(const store::SecurityEvent& event) {
  std::lock_guard lock(store_mutex_);
  record_locked(event);
}

void Service::record_locked(const store::SecurityEvent& event) {
  (void)record_security_event(*store_, event);
}

std::optional<std::int64_t> Service::organization_of_email(std::string_view email) const {
  std::shared_lock lock(organizations_mutex_);
  for (const auto& [id, live] : organizations_) {
    std::shared_lock model(live->mutex);
    if (live->model->person_by_email(email).valid()) return id;
  }
  return std::nullopt;
}

bool Service::is_admin(const Principal& who) const {
  if (!find(who.organization)) return false;
  return read(who.organization, [&](const core::Model& model) {
    const core::Person* person = model.person(who.person);
    return person && person->active && person->role == core::Role::kAdmin;
  });
}

core::Result<bool> Service::bulk_write(
    const Principal& who, core::Instant now,
    const std::function<core::Result<bool>(CommandTarget&)>& work) {
  if (!is_admin(who)) {
    return core::Error{core::ErrorCode::kForbidden, "only admins import", {}, {}, {}};
  }
  LiveOrganization* live = find(who.organization);
  std::lock_guard lock(store_mutex_);
  {
    // The target holds the organisation's lock until it goes out of scope;
    // subscribers read the model, so the event waits until then.
    auto bulk = BulkTarget::begin(*store_, *live, who.actor());
    if (!bulk) return bulk.error();
    auto commit = work(**bulk);
    if (!commit) return commit.error();
    if (!*commit) return false;
    auto written = (*bulk)->commit();
    if (!written) return written.error();
  }
  // One event for the whole import: listeners reload rather than follow
  // thousands of changes one by one.
  events_.publish(Event{live->id, live->seq, "import", who.actor(), now, {}});
  return true;
}

core::Result<void> Service::may_read_security_events(const Principal& who) const {
  if (!is_admin(who)) {
    return core::Error{
        core::ErrorCode::kForbidden, "only admins read the security log", {}, {}, {}};
  }
  return {};
}

core::Result<std::vector<store::SecurityEvent>> Service::read_security_events(
    const Principal& who, store::SecurityEventQuery query) {
  CAIRN_TRY(may_read_security_events(who));
  query.with_unattributed = is_server_admin(who);
  std::lock_guard lock(store_mutex_);
  return store_->read_security_events(who.organization, query);
}

core::Result<SetupResult> Service::setup(const SetupRequest& request, core::Instant now) {
  return found_organization(request, now, [this]() -> core::Result<void> {
    if (has_organization()) {
      return core::Error{core::ErrorCode::kConflict, "this server is set up already", {}, {}, {}};
    }
    return {};
  });
}

bool Service::is_server_admin(const Principal& who) const {
  // The organisation /setup created (the first one) holds the server's admins.
  std::int64_t first = 0;
  {
    std::shared_lock lock(organizations_mutex_);
    if (organizations_.empty()) return false;
    first = organizations_.begin()->first;
  }
  if (who.organization != first) return false;
  return read(first, [&](const core::Model& model) {
    const core::Person* person = model.person(who.person);
    return person && person->active && person->role == core::Role::kAdmin;
  });
}

core::Result<SetupResult> Service::create_organization_as(const Principal& who,
                                                          const SetupRequest& request,
                                                          core::Instant now) {
  if (!is_server_admin(who)) {
    return core::Error{core::ErrorCode::kForbidden,
                       "only the admins of the server's first organisation create organisations",
                       {},
                       {},
                       {}};
  }
  return found_organization(request, now, [] { return core::Result<void>{}; });
}

core::Result<SetupResult> Service::found_organization(
    const SetupRequest& request, core::Instant now,
    const std::function<core::Result<void>()>& allowed) {
  if (!is_time_zone(request.timezone)) {
    return core::invalid("organization.timezone", "is not a time zone name such as Europe/Paris");
  }
  CAIRN_TRY(check_password_policy(request.admin_password));
  auto hash = hash_password(request.admin_password);  // slow on purpose: before the lock
  if (!hash) return hash.error();
  std::lock_guard lock(store_mutex_);
  CAIRN_TRY(allowed());
  // Validate everything the model checks before anything is stored.
  {
    core::Model trial;
    ModelTarget target(trial);
    core::Organization org;
    org.name = request.organization_name;
    org.timezone = request.timezone;
    CAIRN_TRY(target.run(SetOrganization{org}, now));
    core::Person admin;
    admin.name = request.admin_name;
    admin.email = request.admin_email;
    admin.role = core::Role::kAdmin;
    CAIRN_TRY(target.run(AddPerson{admin}, now));
  }
  auto live = create_organization(request.organization_name, now);
  if (!live) return live.error();
  SetupResult result;
  result.organization = (*live)->id;
  result.admin_email = request.admin_email;
  {
    auto bulk = BulkTarget::begin(*store_, **live, "system");
    if (!bulk) return bulk.error();
    core::Organization org;
    org.name = request.organization_name;
    org.timezone = request.timezone;
    CAIRN_TRY((*bulk)->run(SetOrganization{org}, now));
    core::Unit company;
    company.name = request.organization_name;
    company.kind = core::UnitKind::kCompany;
    CAIRN_TRY((*bulk)->run(AddUnit{company}, now));
    core::Person admin;
    admin.name = request.admin_name;
    admin.email = request.admin_email;
    admin.role = core::Role::kAdmin;
    auto added = (*bulk)->run(AddPerson{admin}, now);
    if (!added) return added.error();
    result.admin = core::PersonId{*added->created};
    auto committed = (*bulk)->commit();
    if (!committed) return committed.error();
  }
  CAIRN_TRY(store_->set_password_hash(
      store::CredentialRecord{result.organization, result.admin.value(), *hash, now}));
  auto token = issue_token(result.organization, result.admin, "setup", now);
  if (!token) return token.error();
  result.token = token->token;
  return result;
}

core::Result<SetupResult> Service::ensure_demo(core::Instant now) {
  std::unique_lock lock(store_mutex_);
  auto record = store_->organization(kDemoSlug);
  if (!record) return record.error();
  LiveOrganization* live = nullptr;
  if (*record) {
    live = find((*record)->id);
  } else {
    auto created = store_->create_organization(kDemoSlug, now);
    if (!created) return created.error();
    auto loaded = load_organization(*store_, *created);
    if (!loaded) return loaded.error();
    live = loaded->get();
    {
      std::unique_lock organizations(organizations_mutex_);
      organizations_.emplace(created->id, std::move(*loaded));
    }
  }
  SetupResult result;
  result.organization = live->id;
  if (live->seq == 0) {
    auto bulk = BulkTarget::begin(*store_, *live, "system");
    if (!bulk) return bulk.error();
    auto demo = build_demo_organization(**bulk, now);
    if (!demo) return demo.error();
    auto committed = (*bulk)->commit();
    if (!committed) return committed.error();
  }
  // The demo's admin is its first person (the CEO). A demo stored by
  // `cairn demo --database` has no password yet.
  result.admin = core::PersonId{0};
  auto stored = store_->password_hash(live->id, result.admin.value());
  if (!stored) return stored.error();
  if (!*stored) {
    auto hash = hash_password(kDemoPassword);
    if (!hash) return hash.error();
    CAIRN_TRY(store_->set_password_hash(
        store::CredentialRecord{live->id, result.admin.value(), *hash, now}));
  }
  {
    std::shared_lock model(live->mutex);
    result.admin_email = live->model->person(result.admin)->email;
  }
  // A fresh token each start; the previous demo tokens stop working.
  auto tokens = store_->api_tokens(live->id);
  if (!tokens) return tokens.error();
  for (const store::ApiTokenRecord& t : *tokens) {
    if (t.name != kDemoTokenName || t.revoked_at) continue;
    auto revoked = store_->revoke_api_token(live->id, t.id, now);
    if (!revoked) return revoked.error();
    std::unique_lock cache(tokens_mutex_);
    tokens_.erase(t.token_hash);
  }
  auto token = issue_token(live->id, result.admin, std::string(kDemoTokenName), now);
  if (!token) return token.error();
  result.token = token->token;
  return result;
}

core::Result<CreatedToken> Service::issue_token(std::int64_t organization, core::PersonId person,
                                                std::string name, core::Instant now) {
  const std::string token = new_token();
  const std::string hash = token_hash(token);
  auto record = store_->create_api_token(
      store::ApiTokenRecord{0, organization, person.value(), name, hash, now, {}});
  if (!record) return record.error();
  {
    std::unique_lock lock(tokens_mutex_);
    tokens_.emplace(hash, TokenEntry{record->id, organization, person});
  }
  return CreatedToken{record->id, std::move(name), token};
}

std::optional<Service::TokenEntry> Service::token_entry(std::string_view token) const {
  if (!token.starts_with("cairn_") || token.size() > 100) return std::nullopt;
  std::shared_lock lock(tokens_mutex_);
  auto it = tokens_.find(token_hash(token));
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
}

core::Error Service::rejected_token(std::string_view address, core::Instant now) {
  if (rejected_tokens_.should_record(address, now)) {
    // Never the token itself: only that one was refused, and from where.
    record(store::SecurityEvent{0, std::nullopt, now, std::string(security_event::kTokenRejected),
                                std::nullopt, std::nullopt, address_or_none(address), ""});
  }
  return unauthenticated();
}

core::Result<Principal> Service::authenticate_token(std::string_view token) {
  const std::optional<TokenEntry> entry = token_entry(token);
  if (!entry) return unauthenticated();
  LiveOrganization* live = find(entry->organization);
  if (!live) return unauthenticated();
  std::shared_lock lock(live->mutex);
  const core::Person* person = live->model->person(entry->person);
  if (!person || !person->active) return unauthenticated();
  return Principal{entry->organization, entry->person, person->role, entry->id};
}

core::Result<Principal> Service::authenticate_token(std::string_view token,
                                                    std::string_view address, core::Instant now) {
  auto who = authenticate_token(token);
  if (!who) return rejected_token(address, now);
  who->address = std::string(address);
  return who;
}

core::Result<Identity> Service::identify_token(std::string_view token, std::string_view address,
                                               core::Instant now) {
  const std::optional<TokenEntry> entry = token_entry(token);
  if (!entry || !find(entry->organization)) return rejected_token(address, now);
  return Identity{entry->organization, entry->person, entry->id, std::string(address)};
}

core::Result<Principal> Service::authenticate_password(std::string_view email,
                                                       std::string_view password) {
  std::vector<std::pair<LiveOrganization*, core::PersonId>> candidates;
  {
    std::shared_lock lock(organizations_mutex_);
    for (const auto& [id, live] : organizations_) {
      std::shared_lock model(live->mutex);
      const core::PersonId person = live->model->person_by_email(email);
      if (person.valid() && live->model->person(person)->active) {
        candidates.emplace_back(live.get(), person);
      }
    }
  }
  for (const auto& [live, person] : candidates) {
    std::optional<std::string> hash;
    {
      std::lock_guard lock(store_mutex_);
      auto stored = store_->password_hash(live->id, person.value());
      if (!stored) return stored.error();
      hash = *stored;
    }
    if (hash && verify_password(*hash, password)) {
      std::shared_lock model(live->mutex);
      return Principal{live->id, person, live->model->person(person)->role, 0};
    }
  }
  // Spend the same time when the email is unknown, so the answer's timing
  // does not say whether an account exists.
  if (candidates.empty()) (void)hash_password(password);
  return unauthenticated();
}

void Service::sweep_sign_ins(core::Instant now) {
  // Old records only cost space: a failed sweep is retried at the next one.
  if (auto swept = limiter_.sweep_if_due(now); !swept) {
    std::cerr << "old sign-in failures not deleted: " << swept.error().message << std::endl;
  }
}

core::Result<Service::SignedIn> Service::sign_in(std::string_view email, std::string_view password,
                                                 std::string_view address, core::Instant now) {
  // Events about the attempt name the email tried (clipped), never the
  // password; the organisation when someone has that email.
  auto attempt = [&](std::string_view kind, std::optional<std::int64_t> organization) {
    return store::SecurityEvent{0,
                                organization,
                                now,
                                std::string(kind),
                                std::nullopt,
                                clipped(email),
                                address_or_none(address),
                                ""};
  };
  auto wait = limiter_.wait_seconds(email, address, now);
  if (!wait) return wait.error();
  if (*wait > 0) {
    record(attempt(security_event::kSignInThrottled, organization_of_email(email)));
    return core::too_many_requests("too many failed sign-ins; try again later", *wait);
  }
  auto who = authenticate_password(email, password);
  if (!who) {
    if (who.error().code == core::ErrorCode::kUnauthenticated) {
      // Not counted, the guess would be free: refused instead, which tells
      // the guesser nothing about the password.
      CAIRN_TRY(limiter_.failed(email, address, now));
      record(attempt(security_event::kSignInFailed, organization_of_email(email)));
      sweep_sign_ins(now);
    }
    return who.error();
  }
  // The password was right: a failure to clear the account's failures only
  // leaves its delays in place, and must not keep the person out.
  if (auto cleared = limiter_.succeeded(email, address, now); !cleared) {
    std::cerr << "sign-in success not recorded: " << cleared.error().message << std::endl;
  }
  sweep_sign_ins(now);
  auto started = sessions_.start(who->organization, who->person, now);
  if (!started) return started.error();
  who->address = std::string(address);
  // A sign-in that cannot be recorded still succeeds (it is logged to
  // stderr): refusing people because the log is down would turn a storage
  // hiccup into an outage (the session row itself is in the store).
  record(event_by(*who, security_event::kSignIn, now));
  return SignedIn{*who, started->id, started->csrf_token};
}

core::Result<std::pair<Identity, std::string>> Service::identify_session(
    std::string_view session_id, core::Instant now) {
  auto touched = sessions_.touch(session_id, now);
  if (!touched) return touched.error();
  const std::optional<Session>& session = *touched;
  if (!session || !find(session->organization)) return unauthenticated();
  return std::make_pair(Identity{session->organization, session->person, 0, {}},
                        session->csrf_token);
}

core::Result<std::pair<Principal, std::string>> Service::authenticate_session(
    std::string_view session_id, core::Instant now) {
  auto identified = identify_session(session_id, now);
  if (!identified) return identified.error();
  const Identity& who = identified->first;
  LiveOrganization* live = find(who.organization);
  std::shared_lock lock(live->mutex);
  const core::Person* person = live->model->person(who.person);
  if (!person || !person->active) {
    (void)sessions_.end(session_id);  // best effort: the answer is 401 either way
    return unauthenticated();
  }
  return std::make_pair(Principal{who.organization, who.person, person->role, 0},
                        std::move(identified->second));
}

core::Result<Principal> Service::principal_by_email(std::string_view organization_slug,
                                                    std::string_view email) const {
  std::shared_lock lock(organizations_mutex_);
  for (const auto& [id, live] : organizations_) {
    if (live->slug != organization_slug) continue;
    std::shared_lock model(live->mutex);
    const core::PersonId person = live->model->person_by_email(email);
    if (!person.valid() || !live->model->person(person)->active) {
      return core::not_found("person " + std::string(email));
    }
    return Principal{id, person, live->model->person(person)->role, 0};
  }
  return core::not_found("organisation " + std::string(organization_slug));
}

core::Result<Principal> Service::administrator(std::string_view organization_slug) const {
  std::shared_lock lock(organizations_mutex_);
  for (const auto& [id, live] : organizations_) {
    if (live->slug != organization_slug) continue;
    std::shared_lock model(live->mutex);
    for (std::uint32_t i = 0; i < live->model->person_count(); ++i) {
      const core::Person& p = *live->model->person(core::PersonId{i});
      if (p.active && p.role == core::Role::kAdmin) return Principal{id, p.id, p.role, 0};
    }
    return core::not_found("active admin in " + std::string(organization_slug));
  }
  return core::not_found("organisation " + std::string(organization_slug));
}

core::Result<CreatedToken> Service::create_token(const Principal& who, std::string name,
                                                 core::Instant now) {
  if (name.empty() || core::utf8_length(name) > 200) {
    return core::invalid("name", "must be 1 to 200 characters");
  }
  std::lock_guard lock(store_mutex_);
  auto created = issue_token(who.organization, who.person, std::move(name), now);
  if (created) {
    record_locked(event_by(who, security_event::kTokenCreated, now,
                           "token:" + std::to_string(created->id), created->name));
  }
  return created;
}

core::Result<std::vector<store::ApiTokenRecord>> Service::tokens(const Principal& who) {
  std::lock_guard lock(store_mutex_);
  auto all = store_->api_tokens(who.organization);
  if (!all) return all.error();
  std::vector<store::ApiTokenRecord> mine;
  for (store::ApiTokenRecord& t : *all) {
    // Admins see every token of the organisation; others their own.
    if (who.role == core::Role::kAdmin || t.person == who.person.value()) {
      t.token_hash.clear();  // never leaves the service
      mine.push_back(std::move(t));
    }
  }
  return mine;
}

core::Result<void> Service::revoke_token(const Principal& who, std::int64_t id, core::Instant now) {
  std::lock_guard lock(store_mutex_);
  auto all = store_->api_tokens(who.organization);
  if (!all) return all.error();
  for (const store::ApiTokenRecord& t : *all) {
    if (t.id != id || t.revoked_at) continue;
    if (who.role != core::Role::kAdmin && t.person != who.person.value()) break;
    auto revoked = store_->revoke_api_token(who.organization, id, now);
    if (!revoked) return revoked.error();
    {
      std::unique_lock cache(tokens_mutex_);
      tokens_.erase(t.token_hash);
    }
    record_locked(
        event_by(who, security_event::kTokenRevoked, now, "token:" + std::to_string(id), t.name));
    return {};
  }
  return core::not_found("token");
}

core::Result<std::vector<store::AuditEntry>> Service::read_audit(const Principal& who,
                                                                 const store::AuditQuery& query) {
  std::vector<store::AuditEntry> entries;
  {
    std::lock_guard lock(store_mutex_);
    auto read = store_->read_audit(who.organization, query);
    if (!read) return read.error();
    entries = std::move(*read);
  }
  // Readers see each entity whole, before and after (audit_before.h).
  for (store::AuditEntry& e : entries) {
    if (!e.before_changed_only || !e.before) continue;
    auto whole = whole_before(*e.before, e.after);
    if (!whole) return whole.error();
    e.before = std::move(*whole);
    e.before_changed_only = false;
  }
  return entries;
}

core::Result<Committed> Service::execute(const Principal& who, const Command& command,
                                         core::Instant now, const Precondition& precondition) {
  LiveOrganization* live = find(who.organization);
  if (!live) return core::not_found("organisation");
  const WriteRef write{&who, &command, now, &precondition};
  return std::move(write_batch(*live, std::span(&write, 1)).front());
}

void Service::submit(const Principal& who, Command command, core::Instant now,
                     Precondition precondition, std::function<void(core::Result<Committed>)> done,
                     Writer::Observe observe) {
  commits_.submit(PendingWrite{who,
                               std::move(command),
                               now,
                               std::move(precondition),
                               std::move(done),
                               {},
                               std::move(observe)});
}

void Service::submit_unverified(const Identity& who, MakeCommand make, core::Instant now,
                                Writer::Observe observe,
                                std::function<void(core::Result<Committed>)> done) {
  // Until the writer confirms them, the least a principal may be: a viewer.
  Principal principal{who.organization, who.person, core::Role::kViewer, who.token_id, who.address};
  auto resolve = [make = std::move(make)](const core::Model& model, Principal& principal,
                                          Command& command) -> core::Result<void> {
    const core::Person* person = model.person(principal.person);
    if (!person || !person->active) return unauthenticated();
    principal.role = person->role;
    return make(model, principal, command);
  };
  commits_.submit(PendingWrite{std::move(principal),
                               Command{},
                               now,
                               {},
                               std::move(done),
                               std::move(resolve),
                               std::move(observe)});
}

void Service::run_batch(std::vector<PendingWrite>& writes) {
  LiveOrganization* live = find(writes.front().who.organization);
  if (!live) {
    for (PendingWrite& write : writes) write.done(core::not_found("organisation"));
    return;
  }
  std::vector<WriteRef> refs;
  refs.reserve(writes.size());
  for (PendingWrite& w : writes) {
    refs.push_back(
        {&w.who, &w.command, w.now, &w.precondition, &w.observe, w.resolve ? &w : nullptr});
  }
  auto results = write_batch(*live, refs);
  for (std::size_t i = 0; i < writes.size(); ++i) writes[i].done(std::move(results[i]));
}

std::vector<core::Result<Committed>> Service::write_batch(LiveOrganization& live,
                                                          std::span<const WriteRef> writes) {
  std::vector<Writer::Job> jobs;
  jobs.reserve(writes.size());
  // Bytes, not bools: each job's check sets its own flag.
  std::vector<char> denied(writes.size(), 0);
  for (std::size_t i = 0; i < writes.size(); ++i) {
    const WriteRef& write = writes[i];
    jobs.push_back(Writer::Job{
        write.command, write.who->actor(), write.now,
        [this, write, &flag = denied[i]](const core::Model& model) -> core::Result<void> {
          // An unverified write's resolve completes *write.who and
          // *write.command (its own) first.
          auto allowed = write.unverified ? write.unverified->resolve(model, write.unverified->who,
                                                                      write.unverified->command)
                                          : core::Result<void>{};
          if (allowed) allowed = authorize(model, *write.who, *write.command);
          flag = !allowed && allowed.error().code == core::ErrorCode::kForbidden;
          if (!allowed) return allowed.error();
          return *write.precondition ? (*write.precondition)(model) : core::Result<void>{};
        },
        write.observe ? std::move(*write.observe) : Writer::Observe{}});
  }
  std::lock_guard lock(store_mutex_);
  Writer writer(*store_, live, &events_, &notifier_);
  writer.execute(jobs);
  std::vector<core::Result<Committed>> results;
  results.reserve(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    // The writer's transaction is over by now, so the events go in on their own.
    if (denied[i]) record_locked(access_denied(*writes[i].who, *writes[i].command, writes[i].now));
    results.push_back(std::move(jobs[i].result));
  }
  return results;
}

void Service::record_access_denied(const Principal& who, const Command& command,
                                   core::Instant now) {
  record(access_denied(who, command, now));
}

}  // namespace cairn::app
