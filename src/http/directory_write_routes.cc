// The write side of the directory (API.md "Organisation, units, people" and
// "Periods"): admins create and change units, members, people and periods,
// close periods, and set the organisation's mission and settings. The service
// decides who may (authorize); these handlers read the body and build the
// command.
//
// A PATCH is a read-modify-write: the entity is read, the fields given are
// changed, and the whole entity is written on the condition that it still has
// the version read. Without If-Match a concurrent change just makes the
// handler read again (no lost update, no false conflict); with If-Match the
// version must be the one the client names (412 otherwise).
#include <boost/json.hpp>
#include <cmath>

#include "app/access.h"
#include "app/command.h"
#include "app/passwords.h"
#include "app/time_zone.h"
#include "core/evaluation.h"
#include "core/names.h"
#include "core/rules.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_ids.h"
#include "http/api_json.h"
#include "http/api_routes.h"
#include "http/if_match.h"
#include "http/okr_json.h"
#include "http/read_query.h"
#include "http/write_support.h"

namespace cairn::http {
namespace {

using namespace cairn::core;
namespace json = boost::json;

// ---- Organisation ----------------------------------------------------------

Result<void> change_settings(const json::object& body, Settings& s, FieldErrors& errors) {
  int_field(body, "max_objectives_per_owner", s.max_objectives_per_owner, 1, 100, errors);
  if (const json::object* krs = object_field(body, "key_results_per_objective", errors)) {
    int_field(*krs, "min", s.min_key_results, 0, 100, errors);
    int_field(*krs, "max", s.max_key_results, 1, 100, errors);
    if (s.min_key_results > s.max_key_results) {
      errors.add(invalid("settings.key_results_per_objective", "min must not exceed max"));
    }
  }
  if (const json::value* v = body.if_contains("enforce_rules")) {
    std::set<RuleId> rules;
    if (!v->is_array()) {
      errors.add(invalid("settings.enforce_rules", "must be a list of rule ids"));
    } else {
      for (const json::value& rule : v->as_array()) {
        const auto id = rule.is_string() ? parse_rule_id(rule.as_string()) : std::nullopt;
        if (id) {
          rules.insert(*id);
        } else {
          errors.add(invalid("settings.enforce_rules",
                             "holds an unknown rule; see docs/domain.md for the rule ids"));
        }
      }
      s.enforce = rules;
    }
  }
  if (const json::object* c = object_field(body, "check_in", errors)) {
    enum_field(*c, "cadence", s.check_in.cadence, errors, "weekly, biweekly, monthly");
    int_field(*c, "weekday", s.check_in.weekday, 1, 7, errors);
    int_field(*c, "hour", s.check_in.hour, 0, 23, errors);
  }
  if (const json::object* st = object_field(body, "status", errors)) {
    fraction_field(*st, "behind_gap", s.status.behind_gap, errors);
    fraction_field(*st, "at_risk_gap", s.status.at_risk_gap, errors);
    fraction_field(*st, "not_started_until", s.status.not_started_until, errors);
    if (s.status.behind_gap > s.status.at_risk_gap) {
      errors.add(invalid("settings.status", "behind_gap must not exceed at_risk_gap"));
    }
  }
  return {};
}

Response patch_organization(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  return patch<Organization>(
      context, request, who,
      [](const Model& model) -> std::optional<std::pair<Organization, std::int64_t>> {
        return std::pair{model.organization(), version_of(model.organization_history())};
      },
      [&](Organization& o) -> Result<void> {
        FieldErrors errors;
        string_field(*body, "name", o.name, errors);
        string_field(*body, "mission", o.mission, errors, 2000);
        string_field(*body, "vision", o.vision, errors, 2000);
        if (const json::value* v = body->if_contains("values")) {
          if (!v->is_array()) {
            errors.add(invalid("values", "must be a list of strings"));
          } else {
            std::vector<std::string> values;
            for (const json::value& value : v->as_array()) {
              if (!value.is_string() || value.as_string().empty() ||
                  core::utf8_length(value.as_string()) > 200) {
                errors.add(invalid("values", "must hold strings of 1 to 200 characters"));
                break;
              }
              values.emplace_back(value.as_string());
            }
            o.values = values;
          }
        }
        if (const json::value* v = body->if_contains("timezone")) {
          if (v->is_string() && app::is_time_zone(v->as_string())) {
            o.timezone = std::string(v->as_string());
          } else {
            errors.add(invalid("timezone", "must be a time zone name such as Europe/Paris"));
          }
        }
        if (const json::object* settings = object_field(*body, "settings", errors)) {
          FieldErrors inner;
          (void)change_settings(*settings, o.settings, inner);
          if (!inner.empty()) {
            Error e = inner.error();
            for (FieldError& f : e.fields) {
              if (!f.field.starts_with("settings.")) f.field = "settings." + f.field;
            }
            errors.add(e);
          }
        }
        if (!errors.empty()) return errors.error();
        return {};
      },
      [](const Organization& o) -> app::Command { return app::SetOrganization{o}; },
      [&who](JsonWriter& w, const Model&, const Organization& o) {
        write_organization(w, who.organization, o);
      });
}

// ---- Units -----------------------------------------------------------------

Result<void> change_unit(const json::object& body, Unit& u) {
  FieldErrors errors;
  string_field(body, "name", u.name, errors);
  enum_field(body, "kind", u.kind, errors, "company, function, team");
  id_field(body, "parent_id", kUnitPrefix, u.parent, errors);
  id_field(body, "lead_id", kPersonPrefix, u.lead, errors);
  if (!errors.empty()) return errors.error();
  if (u.name.empty()) return invalid("name", "is required");
  return {};
}

std::optional<std::pair<Unit, std::int64_t>> read_unit(const Model& model, UnitId id) {
  if (id.value() >= model.unit_count()) return std::nullopt;
  return std::pair{*model.unit(id), version_of(model.unit_history(id))};
}

// The answers say what the caller (an admin, to get this far) may do.
const app::Can kAdminCan{.edit = true, .remove = true};

void write_unit_answer(JsonWriter& w, const Model&, const Unit& u) {
  write_unit(w, u, kAdminCan);
}

Response post_unit(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  Unit unit;
  if (auto ok = change_unit(*body, unit); !ok) return problem_for(ok.error());
  return created(context, who, app::AddUnit{unit}, [](JsonWriter& w, const Model& m, auto id) {
    write_unit(w, *m.unit(UnitId{id}), kAdminCan);
  });
}

Response patch_unit(ApiContext& context, Request& request, const app::Principal& who,
                    bool archive) {
  auto id = path_id<UnitId>(request, kUnitPrefix, "unit");
  if (!id) return problem_for(id.error());
  Result<json::object> body = json::object{};
  if (!archive) body = json_body(request);
  if (!body) return problem_for(body.error());
  Response response = patch<Unit>(
      context, request, who, [&](const Model& m) { return read_unit(m, *id); },
      [&](Unit& u) -> Result<void> {
        if (archive) {
          if (u.kind == UnitKind::kCompany) {
            return Error{ErrorCode::kConflict, "the company unit cannot be deleted", {}, {}, {}};
          }
          u.archived = true;
          return {};
        }
        return change_unit(*body, u);
      },
      [](const Unit& u) -> app::Command { return app::UpdateUnit{u}; }, write_unit_answer);
  if (archive && response.status == 200) return no_content();
  return response;
}

Response change_members(ApiContext& context, Request& request, const app::Principal& who,
                        bool add) {
  auto id = path_id<UnitId>(request, kUnitPrefix, "unit");
  if (!id) return problem_for(id.error());
  PersonId person;
  if (add) {
    auto body = json_body(request);
    if (!body) return problem_for(body.error());
    FieldErrors errors;
    id_field(*body, "person_id", kPersonPrefix, person, errors);
    if (!errors.empty()) return problem_for(errors.error());
    if (!person.valid()) return problem_for(invalid("person_id", "is required"));
  } else {
    const auto index = parse_api_id(kPersonPrefix, request.params.at("person_id"));
    if (!index) return problem_for(not_found("person"));
    person = PersonId{*index};
  }
  Response response = patch<Unit>(
      context, request, who, [&](const Model& m) { return read_unit(m, *id); },
      [&](Unit& u) -> Result<void> {
        auto at = std::find(u.members.begin(), u.members.end(), person);
        if (add && at == u.members.end()) u.members.push_back(person);
        if (!add) {
          if (at == u.members.end()) return not_found("member");
          u.members.erase(at);
        }
        return {};
      },
      [](const Unit& u) -> app::Command { return app::UpdateUnit{u}; }, write_unit_answer);
  if (!add && response.status == 200) return no_content();
  return response;
}

// ---- People ----------------------------------------------------------------

Result<void> change_person(const json::object& body, Person& p) {
  FieldErrors errors;
  string_field(body, "name", p.name, errors);
  string_field(body, "email", p.email, errors, 254);
  enum_field(body, "role", p.role, errors, "admin, member, viewer");
  id_field(body, "manager_id", kPersonPrefix, p.manager, errors);
  if (const json::value* v = body.if_contains("active")) {
    if (v->is_bool()) {
      p.active = v->as_bool();
    } else {
      errors.add(invalid("active", "must be true or false"));
    }
  }
  if (const json::value* v = body.if_contains("password"); v && !v->is_string()) {
    errors.add(invalid("password", "must be a string"));
  }
  if (!errors.empty()) return errors.error();
  if (p.name.empty()) return invalid("name", "is required");
  return {};
}

std::optional<std::string> password_in(const json::object& body) {
  const json::value* v = body.if_contains("password");
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

Response post_person(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  Person person;
  if (auto ok = change_person(*body, person); !ok) return problem_for(ok.error());
  const auto password = password_in(*body);
  if (password) {
    // Checked before anything is written, so a refused password adds nobody.
    if (auto ok = app::check_password_policy(*password); !ok) {
      return problem_for(invalid("password", ok.error().message));
    }
  }
  auto committed = context.service.execute(who, app::AddPerson{person}, context.now());
  if (!committed) return problem_for(committed.error());
  const PersonId id{*committed->applied.created};
  if (password) {
    if (auto set = context.service.set_password(who, id, *password, context.now()); !set) {
      return problem_for(set.error());
    }
  }
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& m) {
    write_person(w, *m.person(id), app::can_configure(m, who));
  });
  return Response::json(201, w.take());
}

Response patch_person(ApiContext& context, Request& request, const app::Principal& who,
                      bool deactivate) {
  auto id = path_id<PersonId>(request, kPersonPrefix, "person");
  if (!id) return problem_for(id.error());
  Result<json::object> body = json::object{};
  if (!deactivate) body = json_body(request);
  if (!body) return problem_for(body.error());
  const auto password = password_in(*body);
  const json::value* current = body->if_contains("current_password");
  if (current && !current->is_string()) {
    return problem_for(invalid("current_password", "must be a string"));
  }
  if (password) {
    if (auto ok = app::check_password_policy(*password); !ok) {
      return problem_for(invalid("password", ok.error().message));
    }
  }
  // Your own password needs the one you have now, so a session left open or
  // a leaked token cannot take the account over; an admin setting someone
  // else's does not need theirs. Checked before anything is written.
  if (password && *id == who.person) {
    const std::string_view given = current ? std::string_view(current->as_string()) : "";
    if (auto ok = context.service.check_current_password(who, given, context.now()); !ok) {
      return problem_for(ok.error());
    }
  }
  // Only the password (and the current one): people may set their own
  // (set_password decides).
  if (password && body->size() == (current ? 2u : 1u)) {
    const bool exists = context.service.read(
        who.organization, [&](const Model& m) { return id->value() < m.person_count(); });
    if (!exists) return problem_for(not_found("person"));
    if (auto set = context.service.set_password(who, *id, *password, context.now()); !set) {
      return problem_for(set.error());
    }
    JsonWriter w;
    context.service.read(who.organization, [&](const Model& m) {
      write_person(w, *m.person(*id), app::can_configure(m, who));
    });
    return Response::json(200, w.take());
  }
  Response response = patch<Person>(
      context, request, who,
      [&](const Model& m) -> std::optional<std::pair<Person, std::int64_t>> {
        if (id->value() >= m.person_count()) return std::nullopt;
        return std::pair{*m.person(*id), version_of(m.person_history(*id))};
      },
      [&](Person& p) -> Result<void> {
        if (deactivate) {
          p.active = false;
          return {};
        }
        return change_person(*body, p);
      },
      [](const Person& p) -> app::Command { return app::UpdatePerson{p}; },
      [](JsonWriter& w, const Model&, const Person& p) { write_person(w, p, kAdminCan); });
  if (response.status != 200) return response;
  // A deactivation or a role change ends the person's sessions; a new
  // password too (set_password does that).
  if (auto ended = context.service.end_sessions(who, *id, context.now()); !ended) {
    return problem_for(ended.error());
  }
  if (password) {
    if (auto set = context.service.set_password(who, *id, *password, context.now()); !set) {
      return problem_for(set.error());
    }
  }
  if (deactivate) return no_content();
  return response;
}

// ---- Periods ---------------------------------------------------------------

Result<void> change_period(const json::object& body, Period& p, std::string_view timezone) {
  FieldErrors errors;
  string_field(body, "name", p.name, errors);
  enum_field(body, "kind", p.kind, errors, "year, quarter, month, custom");
  date_field(body, "start_date", p.start_date, errors);
  date_field(body, "end_date", p.end_date, errors);
  id_field(body, "parent_id", kPeriodPrefix, p.parent, errors);
  if (!errors.empty()) return errors.error();
  if (p.name.empty()) return invalid("name", "is required");
  if (p.end_date.days < p.start_date.days) {
    return invalid("end_date", "must not be before start_date");
  }
  // The period runs from its start date's 00:00 to the end of its end date,
  // in the organisation's time zone.
  auto starts = app::start_of_day(p.start_date, timezone);
  if (!starts) return starts.error();
  auto ends = app::start_of_day(Date{p.end_date.days + 1}, timezone);
  if (!ends) return ends.error();
  p.starts_at = *starts;
  p.ends_at = *ends;
  return {};
}

Response post_period(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  for (const char* required : {"start_date", "end_date"}) {
    if (!body->contains(required)) return problem_for(invalid(required, "is required"));
  }
  const std::string timezone = context.service.read(
      who.organization, [](const Model& m) { return m.organization().timezone; });
  Period period;
  if (auto ok = change_period(*body, period, timezone); !ok) return problem_for(ok.error());
  const Instant now = context.now();
  return created(context, who, app::AddPeriod{period},
                 [now](JsonWriter& w, const Model& m, auto id) {
                   write_period(w, *m.period(PeriodId{id}), now, kAdminCan);
                 });
}

Response patch_period(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<PeriodId>(request, kPeriodPrefix, "period");
  if (!id) return problem_for(id.error());
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  const Instant now = context.now();
  return patch<Period>(
      context, request, who,
      [&](const Model& m) -> std::optional<std::pair<Period, std::int64_t>> {
        if (id->value() >= m.period_count()) return std::nullopt;
        return std::pair{*m.period(*id), version_of(m.period_history(*id))};
      },
      [&](Period& p) -> Result<void> {
        const std::string timezone = context.service.read(
            who.organization, [](const Model& m) { return m.organization().timezone; });
        return change_period(*body, p, timezone);
      },
      [](const Period& p) -> app::Command { return app::UpdatePeriod{p}; },
      [now](JsonWriter& w, const Model&, const Period& p) { write_period(w, p, now, kAdminCan); });
}

Response close_period(ApiContext& context, Request& request, const app::Principal& who) {
  auto id = path_id<PeriodId>(request, kPeriodPrefix, "period");
  if (!id) return problem_for(id.error());
  const bool exists =
      context.service.read(who.organization, [&](const Model& m) { return m.period(*id); });
  if (!exists) return problem_for(not_found("period"));
  auto committed = context.service.execute(who, app::ClosePeriod{*id}, context.now());
  if (!committed) return problem_for(committed.error());
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& model) {
    const Evaluation eval(model, context.now());
    w.begin_object().key("objectives").begin_array();
    for (ObjectiveId o : model.objectives_in(*id)) {
      const Objective& objective = *model.objective(o);
      if (!objective.closed() || !app::can_see(model, who, o)) continue;
      const ObjectiveView view = eval.objective_view(o);
      w.begin_object();
      w.key("id").value(api_id(kObjectivePrefix, o.value()));
      w.key("score").value(view.score.value_or(0));
      w.key("success").value(view.success);
      w.end_object();
    }
    w.end_array().end_object();
  });
  return Response::json(200, w.take());
}

}  // namespace

void add_directory_write_routes(Router& router, ApiContext& context) {
  auto with = [&context](auto handler) { return signed_in_call(context, handler); };
  add_route(router, context, "PATCH", route("/organization"),
            "Change the organisation's name, mission, vision, values, time zone or settings",
            with(patch_organization));
  add_route(router, context, "POST", route("/units"), "Create a unit", with(post_unit));
  add_route(router, context, "PATCH", route("/units/{id}"), "Change a unit",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return patch_unit(c, r, w, false);
            }));
  add_route(router, context, "DELETE", route("/units/{id}"), "Archive a unit",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return patch_unit(c, r, w, true);
            }));
  add_route(router, context, "POST", route("/units/{id}/members"), "Add a member to a unit",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return change_members(c, r, w, true);
            }));
  add_route(router, context, "DELETE", route("/units/{id}/members/{person_id}"),
            "Remove a member from a unit",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return change_members(c, r, w, false);
            }));
  add_route(router, context, "POST", route("/people"), "Add a person", with(post_person));
  add_route(router, context, "PATCH", route("/people/{id}"),
            "Change a person: name, email, role, manager, active, password",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return patch_person(c, r, w, false);
            }));
  add_route(router, context, "DELETE", route("/people/{id}"),
            "Deactivate a person (nothing is erased)",
            with([](ApiContext& c, Request& r, const app::Principal& w) {
              return patch_person(c, r, w, true);
            }));
  add_route(router, context, "POST", route("/periods"), "Create a period", with(post_period));
  add_route(router, context, "PATCH", route("/periods/{id}"), "Change a period",
            with(patch_period));
  add_route(router, context, "POST", route("/periods/{id}/close"),
            "Close a period: score every objective in it", with(close_period));
}

}  // namespace cairn::http
