// The service's KPI sources (docs/kpis.md): push tokens, pulls and their
// state. The KPIs and their values themselves are commands (command.h).
#include <boost/json.hpp>

#include "app/json_text.h"
#include "app/passwords.h"
#include "app/permissions.h"
#include "app/security_log.h"
#include "app/service.h"

namespace cairn::app {
namespace {

constexpr std::string_view kTokenPrefix = "cairnkpi_";
constexpr int kMaxIntervalMinutes = 7 * 24 * 60;
constexpr std::size_t kMaxHeaders = 10;

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

core::Result<void> check_url(std::string_view url) {
  if (!(url.starts_with("http://") || url.starts_with("https://")) || url.size() > 2048) {
    return core::invalid("url", "an http:// or https:// URL of at most 2048 characters");
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return core::invalid("url", "must not hold spaces or control characters");
    }
  }
  return {};
}

// RFC 6901: "" or "/"-separated tokens where "~" is followed by 0 or 1.
core::Result<void> check_pointer(std::string_view pointer) {
  if (!pointer.empty() && pointer.front() != '/') {
    return core::invalid("pointer",
                         "a JSON Pointer starts with / (or is empty for the whole answer)");
  }
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] == '~' &&
        (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1'))) {
      return core::invalid("pointer", "~ must be followed by 0 or 1");
    }
  }
  if (pointer.size() > 512) return core::invalid("pointer", "must be at most 512 characters");
  return {};
}

bool is_env_name(std::string_view name) {
  if (name.empty() || name.size() > 128 || std::isdigit(static_cast<unsigned char>(name[0]))) {
    return false;
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// The stored header list (kpi_source.h) as name → JSON object.
boost::json::array stored_headers(const std::string& text) {
  auto parsed = parse_json(text);
  if (parsed && parsed->is_array()) return parsed->as_array();
  return {};
}

}  // namespace

core::Result<Principal> Service::kpi_principal(std::int64_t organization, core::KpiId id) {
  if (!find(organization)) return core::not_found("organization");
  std::optional<Principal> who;
  core::Error refused{core::ErrorCode::kUnauthenticated, "no such KPI source", {}, {}, {}};
  read(organization, [&](const core::Model& model) {
    const core::Kpi* kpi = model.kpi(id);
    if (!kpi) return;
    const core::Person* owner = model.person(kpi->owner);
    if (!owner->active) {
      refused.message = "the KPI's owner is deactivated: give the KPI an active owner";
      return;
    }
    who = Principal{organization, owner->id, owner->role, 0, {}};
    who->kpi_source = id;
  });
  if (!who) return refused;
  return *who;
}

core::Result<store::KpiSourceRecord> Service::kpi_source(const Principal& who, core::KpiId id) {
  const bool exists =
      read(who.organization, [&](const core::Model& model) { return model.kpi(id) != nullptr; });
  if (!exists) return core::not_found("KPI");
  std::lock_guard lock(store_mutex_);
  auto found = store_->kpi_source(who.organization, id.value());
  if (!found) return found.error();
  if (*found) return **found;
  store::KpiSourceRecord none;
  none.organization = who.organization;
  none.kpi = id.value();
  return none;
}

core::Result<std::vector<store::KpiSourceRecord>> Service::kpi_sources(const Principal& who) {
  std::lock_guard lock(store_mutex_);
  return store_->kpi_sources(who.organization);
}

core::Result<store::KpiSourceRecord> Service::set_kpi_pull(const Principal& who, core::KpiId id,
                                                           const KpiPull& pull, core::Instant now) {
  CAIRN_TRY(read(who.organization,
                 [&](const core::Model& model) { return sets_kpi_pull(model, who, id); }));
  std::vector<core::FieldError> errors;
  auto note = [&](core::Result<void> checked) {
    if (!checked) {
      for (auto& f : checked.error().fields) errors.push_back(std::move(f));
    }
  };
  note(check_url(pull.url));
  note(check_pointer(pull.pointer));
  if (pull.interval_minutes < 1 || pull.interval_minutes > kMaxIntervalMinutes) {
    errors.push_back({"interval_minutes", "from 1 to 10080 (a week)"});
  }
  if (pull.headers.size() > kMaxHeaders) errors.push_back({"headers", "at most 10 headers"});
  auto current = kpi_source(who, id);
  if (!current) return current.error();
  const boost::json::array before = stored_headers(current->headers);
  boost::json::array headers;
  for (std::size_t i = 0; i < pull.headers.size(); ++i) {
    const KpiHeader& h = pull.headers[i];
    const std::string at = "headers[" + std::to_string(i) + "]";
    if (h.name.empty() || h.name.size() > 64 ||
        !std::all_of(h.name.begin(), h.name.end(), is_token_char)) {
      errors.push_back({at + ".name", "a header name (letters, digits, -)"});
      continue;
    }
    boost::json::object stored{{"name", h.name}};
    if (!h.value.empty() && !h.env.empty()) {
      errors.push_back({at, "give value or env, not both"});
    } else if (!h.env.empty()) {
      if (!is_env_name(h.env)) errors.push_back({at + ".env", "an environment variable's name"});
      stored["env"] = h.env;
    } else if (!h.value.empty()) {
      if (h.value.find_first_of("\r\n") != std::string::npos || h.value.size() > 8192) {
        errors.push_back({at + ".value", "one line of at most 8192 characters"});
        continue;
      }
      auto sealed = secrets_->seal(h.value);
      if (!sealed) return sealed.error();
      stored["value"] = *sealed;
    } else {
      // By name alone: the value it had.
      const boost::json::object* kept = nullptr;
      for (const auto& old : before) {
        if (old.is_object() && old.as_object().contains("name") &&
            old.as_object().at("name") == boost::json::value(h.name)) {
          kept = &old.as_object();
        }
      }
      if (!kept) {
        errors.push_back({at, "give value or env (the header had none before)"});
        continue;
      }
      stored = *kept;
    }
    headers.push_back(std::move(stored));
  }
  if (!errors.empty()) {
    return core::Error{
        core::ErrorCode::kInvalid, "the pull is not valid", std::move(errors), {}, {}};
  }
  store::KpiSourceRecord source = *current;
  source.url = pull.url;
  source.pointer = pull.pointer;
  source.interval_minutes = pull.interval_minutes;
  source.headers = boost::json::serialize(headers);
  source.next_pull_at = now;  // a new pull is tried at once
  source.last_error.clear();
  source.failures = 0;
  std::string header_names;
  for (const auto& h : headers) {
    if (!header_names.empty()) header_names += ',';
    header_names += h.as_object().at("name").as_string();
  }
  std::lock_guard lock(store_mutex_);
  CAIRN_TRY(store_->set_kpi_source(source));
  // Where the server will fetch from, and which headers it sends: their
  // names only, never their values.
  changed_kpi_source(who, id, now,
                     "pull url=" + url_in_log(source.url) + " pointer=" + clipped(source.pointer) +
                         " interval_minutes=" + std::to_string(source.interval_minutes) +
                         " headers=" + header_names);
  return source;
}

void Service::changed_kpi_source(const Principal& who, core::KpiId id, core::Instant now,
                                 std::string what) {
  record_locked(event_by(who, security_event::kKpiSourceChanged, now,
                         "kpi:" + std::to_string(id.value()), std::move(what)));
}

core::Result<void> Service::remove_kpi_pull(const Principal& who, core::KpiId id,
                                            core::Instant now) {
  CAIRN_TRY(
      read(who.organization, [&](const core::Model& model) { return keeps_kpi(model, who, id); }));
  auto source = kpi_source(who, id);
  if (!source) return source.error();
  source->url.clear();
  source->pointer.clear();
  source->interval_minutes = 0;
  source->headers = "[]";
  source->next_pull_at.reset();
  source->last_error.clear();
  source->failures = 0;
  std::lock_guard lock(store_mutex_);
  CAIRN_TRY(store_->set_kpi_source(*source));
  changed_kpi_source(who, id, now, "pull removed");
  return {};
}

core::Result<std::string> Service::create_kpi_token(const Principal& who, core::KpiId id,
                                                    core::Instant now) {
  CAIRN_TRY(
      read(who.organization, [&](const core::Model& model) { return keeps_kpi(model, who, id); }));
  auto source = kpi_source(who, id);
  if (!source) return source.error();
  const std::string token = std::string(kTokenPrefix) + new_token().substr(6);
  source->token_hash = token_hash(token);
  source->token_created_at = now;
  std::lock_guard lock(store_mutex_);
  CAIRN_TRY(store_->set_kpi_source(*source));
  changed_kpi_source(who, id, now, "push token created");
  return token;
}

core::Result<void> Service::revoke_kpi_token(const Principal& who, core::KpiId id,
                                             core::Instant now) {
  CAIRN_TRY(
      read(who.organization, [&](const core::Model& model) { return keeps_kpi(model, who, id); }));
  auto source = kpi_source(who, id);
  if (!source) return source.error();
  source->token_hash.clear();
  source->token_created_at.reset();
  std::lock_guard lock(store_mutex_);
  CAIRN_TRY(store_->set_kpi_source(*source));
  changed_kpi_source(who, id, now, "push token revoked");
  return {};
}

core::Result<Principal> Service::authenticate_kpi_token(std::string_view token) {
  const core::Error refused{core::ErrorCode::kUnauthenticated, "not a KPI token", {}, {}, {}};
  if (!token.starts_with(kTokenPrefix) || token.size() > 200) return refused;
  core::Result<std::optional<store::KpiSourceRecord>> found;
  {
    std::lock_guard lock(store_mutex_);
    found = store_->kpi_source_by_token(token_hash(token));
  }
  if (!found) return found.error();
  if (!*found) return refused;
  auto who = kpi_principal((*found)->organization, core::KpiId{(*found)->kpi});
  if (!who) return refused;
  return who;
}

core::Result<Principal> Service::authenticate_kpi_token(std::string_view token,
                                                        std::string_view address,
                                                        core::Instant now) {
  auto who = authenticate_kpi_token(token);
  if (!who) {
    if (who.error().code == core::ErrorCode::kUnauthenticated &&
        rejected_kpi_tokens_.should_record(address, now)) {
      // Never the token itself: only that one was refused, and from where.
      record(store::SecurityEvent{
          0, std::nullopt, now, std::string(security_event::kKpiTokenRejected), std::nullopt,
          std::nullopt,
          address.empty() ? std::nullopt : std::optional<std::string>(clipped(address, 64)), ""});
    }
    return who;
  }
  who->address = std::string(address);
  return who;
}

void Service::record_kpi_token_misused(const Principal& source, core::KpiId target,
                                       core::Instant now) {
  record(event_by(source, security_event::kKpiTokenRejected, now,
                  "kpi:" + std::to_string(target.value()), "the token of another KPI"));
}

core::Result<std::vector<store::KpiSourceRecord>> Service::claim_kpi_pulls(
    core::Instant now, core::Instant lease_until, int limit) {
  std::lock_guard lock(store_mutex_);
  return store_->claim_kpi_pulls(now, lease_until, limit);
}

core::Result<void> Service::record_kpi_pull(const store::KpiSourceRecord& source) {
  std::lock_guard lock(store_mutex_);
  return store_->record_kpi_pull(source);
}

}  // namespace cairn::app
