#include "http/api_json.h"

#include "core/names.h"
#include "core/rules.h"
#include "http/api_ids.h"

namespace cairn::http {

void write_configurable_can(JsonWriter& w, const std::optional<app::Can>& can) {
  if (!can) return;
  w.key("can").begin_object().key("edit").value(can->edit).key("delete").value(can->remove);
  w.end_object();
}

void write_person(JsonWriter& w, const core::Person& p, const std::optional<app::Can>& can) {
  w.begin_object();
  w.key("id").value(api_id(kPersonPrefix, p.id.value()));
  w.key("name").value(p.name);
  w.key("email").value(p.email);
  w.key("role").value(core::to_string(p.role));
  w.key("manager_id");
  if (p.manager.valid()) {
    w.value(api_id(kPersonPrefix, p.manager.value()));
  } else {
    w.null();
  }
  w.key("active").value(p.active);
  write_configurable_can(w, can);
  w.end_object();
}

void write_settings(JsonWriter& w, const core::Settings& s) {
  w.begin_object();
  w.key("max_objectives_per_owner").value(s.max_objectives_per_owner);
  w.key("key_results_per_objective")
      .begin_object()
      .key("min")
      .value(s.min_key_results)
      .key("max")
      .value(s.max_key_results)
      .end_object();
  w.key("enforce_rules").begin_array();
  for (core::RuleId rule : s.enforce) w.value(core::to_string(rule));
  w.end_array();
  w.key("check_in")
      .begin_object()
      .key("cadence")
      .value(core::to_string(s.check_in.cadence))
      .key("weekday")
      .value(s.check_in.weekday)
      .key("hour")
      .value(s.check_in.hour)
      .end_object();
  w.key("status")
      .begin_object()
      .key("behind_gap")
      .value(s.status.behind_gap)
      .key("at_risk_gap")
      .value(s.status.at_risk_gap)
      .key("not_started_until")
      .value(s.status.not_started_until)
      .end_object();
  w.key("stale_grace_days").value(s.stale_grace_days);
  w.end_object();
}

void write_organization(JsonWriter& w, std::int64_t id, const core::Organization& o) {
  w.begin_object();
  w.key("id").value(api_id(kOrganizationPrefix, static_cast<std::uint64_t>(id)));
  w.key("name").value(o.name);
  w.key("mission").value(o.mission);
  w.key("vision").value(o.vision);
  w.key("values").begin_array();
  for (const std::string& v : o.values) w.value(v);
  w.end_array();
  w.key("timezone").value(o.timezone);
  w.key("settings");
  write_settings(w, o.settings);
  w.end_object();
}

void write_token(JsonWriter& w, const store::ApiTokenRecord& t) {
  w.begin_object();
  w.key("id").value(api_id(kTokenPrefix, static_cast<std::uint64_t>(t.id)));
  w.key("name").value(t.name);
  w.key("person_id").value(api_id(kPersonPrefix, t.person));
  w.key("created_at").value(core::to_rfc3339(t.created_at));
  w.key("revoked_at");
  if (t.revoked_at) {
    w.value(core::to_rfc3339(*t.revoked_at));
  } else {
    w.null();
  }
  w.end_object();
}

}  // namespace cairn::http
