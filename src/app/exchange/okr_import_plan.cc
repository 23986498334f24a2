// plan_import: the document, field by field, into an ImportPlan.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "app/exchange/import_plan.h"
#include "app/exchange/import_planner.h"
#include "app/exchange/okr_export.h"
#include "app/exchange/okr_import.h"
#include "core/names.h"
#include "core/rules.h"
#include "core/text.h"

namespace cairn::app::exchange {
namespace {

namespace json = boost::json;

// Reads the fields of one JSON object, noting problems at their paths; what
// it was never asked for is reported as an unknown field by finish().
class Fields {
 public:
  Fields(const json::value& value, std::string path, std::vector<Problem>& problems)
      : path_(std::move(path)), problems_(problems) {
    object_ = value.if_object();
    if (!object_) problem(path_, "must be an object");
  }
  ~Fields() { finish(); }

  bool ok() const { return object_ != nullptr; }
  const std::string& path() const { return path_; }
  std::string at(std::string_view key) const { return path_ + "/" + std::string(key); }

  // The value of `key`, or nullptr when absent (or null); a problem when required.
  const json::value* get(std::string_view key, bool required = false) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
    const json::value* v = object_ ? object_->if_contains(key) : nullptr;
    if (v && v->is_null()) v = nullptr;
    if (!v && required && object_) problem(at(key), "is required");
    return v;
  }

  std::optional<std::string> text(std::string_view key, bool required = false) {
    const json::value* v = get(key, required);
    if (!v) return std::nullopt;
    if (v->is_string()) return std::string(v->get_string());
    if (v->is_int64()) return std::to_string(v->get_int64());  // YAML: id: 7
    problem(at(key), "must be a string");
    return std::nullopt;
  }
  std::string text_or(std::string_view key, std::string fallback) {
    auto t = text(key);
    return t ? *t : std::move(fallback);
  }
  std::optional<double> number(std::string_view key, bool required = false) {
    const json::value* v = get(key, required);
    if (!v) return std::nullopt;
    double d = 0;
    if (v->is_double()) {
      d = v->get_double();
    } else if (v->is_int64()) {
      d = static_cast<double>(v->get_int64());
    } else if (v->is_uint64()) {
      d = static_cast<double>(v->get_uint64());
    } else {
      problem(at(key), "must be a number");
      return std::nullopt;
    }
    if (!std::isfinite(d)) {
      problem(at(key), "must be a finite number");
      return std::nullopt;
    }
    return d;
  }
  double number_or(std::string_view key, double fallback) {
    auto n = number(key);
    return n ? *n : fallback;
  }
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max) {
    const json::value* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_int64() || v->get_int64() < min || v->get_int64() > max) {
      problem(at(key),
              "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return v->get_int64();
  }
  std::optional<bool> boolean(std::string_view key) {
    const json::value* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_bool()) {
      problem(at(key), "must be true or false");
      return std::nullopt;
    }
    return v->get_bool();
  }
  std::optional<core::Instant> instant(std::string_view key, bool required = false) {
    auto t = text(key, required);
    if (!t) return std::nullopt;
    auto parsed = core::parse_rfc3339(*t);
    if (!parsed) problem(at(key), "must be an RFC 3339 instant such as 2026-04-01T09:00:00Z");
    return parsed;
  }
  std::optional<core::Date> date(std::string_view key, bool required = false) {
    auto t = text(key, required);
    if (!t) return std::nullopt;
    auto parsed = core::Date::parse(*t);
    if (!parsed) problem(at(key), "must be a date such as 2026-04-01");
    return parsed;
  }
  template <class E>
  std::optional<E> name(std::string_view key, bool required = false) {
    auto t = text(key, required);
    if (!t) return std::nullopt;
    auto parsed = core::parse<E>(*t);
    if (!parsed) problem(at(key), "\"" + *t + "\" is not one of the names this field takes");
    return parsed;
  }
  // The array under `key`; nullptr when absent.
  const json::array* array(std::string_view key) {
    const json::value* v = get(key);
    if (!v) return nullptr;
    if (!v->is_array()) {
      problem(at(key), "must be a list");
      return nullptr;
    }
    return &v->get_array();
  }
  std::vector<std::string> strings(std::string_view key) {
    std::vector<std::string> out;
    const json::array* a = array(key);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const json::value& v = (*a)[i];
      if (v.is_string()) {
        out.emplace_back(v.get_string());
      } else {
        problem(at(key) + "/" + std::to_string(i), "must be a string");
      }
    }
    return out;
  }

  void problem(std::string path, std::string message) {
    problems_.push_back(Problem{std::move(path), 0, std::move(message)});
  }

 private:
  void finish() {
    if (!object_ || finished_) return;
    finished_ = true;
    for (const auto& [key, value] : *object_) {
      if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
        problems_.push_back(Problem{at(key), 0, "is not a field here (check its spelling)", true});
      }
    }
  }

  const json::object* object_ = nullptr;
  std::string path_;
  std::vector<Problem>& problems_;
  // The keys asked for: a handful per object, so a list beats a hash set on
  // the millions of check-ins of a large import.
  std::vector<std::string> known_;
  bool finished_ = false;
};

class Planner {
 public:
  Planner(core::Instant now, std::vector<Problem>& problems) : now_(now), problems_(problems) {}

  // What objectives refer to: the format, the organisation, people, units,
  // periods and KPIs, as kReadBeforeObjectives (import_planner.h) lists them.
  void begin(const json::value& root) {
    root_.emplace(root, "", problems_);
    if (!root_->ok()) return;
    Fields& fields = *root_;
    if (auto format = fields.text("format"); format && *format != kDocumentFormat) {
      fields.problem(fields.at("format"), "this version of Cairn reads \"" +
                                              std::string(kDocumentFormat) + "\" documents");
    }
    if (const json::value* org = fields.get("organization")) read_organization(*org);
    reserve(root);
    for_each(fields, "people", [&](Fields& f) { read_person(f); });
    resolve_managers();
    for_each(fields, "units", [&](Fields& f) { read_unit(f); });
    for_each(fields, "periods", [&](Fields& f) { read_period(f); });
    for_each(fields, "kpis", [&](Fields& f) { read_kpi(f); });
  }

  // The objectives in the root's own list: all of them for a document parsed
  // whole, none when they were handed over one by one (an empty list).
  void objectives() {
    if (root_ && root_->ok()) for_each(*root_, "objectives", [&](Fields& f) { read_objective(f); });
  }

  // One element of the root's "objectives", handed over on its own.
  void objective(const json::value& value, std::size_t index) {
    if (!root_ || !root_->ok()) return;
    Fields f(value, "/objectives/" + std::to_string(index), problems_);
    if (f.ok()) read_objective(f);
  }

  // What may refer to any objective, the root's unknown fields, and the order
  // of the commands. The root is the one begin() read, with everything after
  // its objectives added since.
  std::shared_ptr<ImportPlan> finish() {
    if (!root_ || !root_->ok()) return plan_;
    resolve_pending();
    for_each(*root_, "retrospectives", [&](Fields& f) { read_retrospective(f); });
    root_.reset();
    schedule();
    return plan_;
  }

 private:
  // Room for every objective, key result and check-in the document lists,
  // counted before any is read. Grown one by one, the check-ins' list (4.8
  // million entries in the enterprise workload) was copied into fresh memory
  // at each doubling: a tenth of an import went to the kernel's page faults.
  void reserve(const json::value& root) {
    const auto list = [](const json::value& v, std::string_view key) -> const json::array* {
      const json::object* o = v.if_object();
      const json::value* found = o ? o->if_contains(key) : nullptr;
      return found ? found->if_array() : nullptr;
    };
    std::size_t objectives = 0, key_results = 0, check_ins = 0;
    if (const json::array* os = list(root, "objectives")) {
      objectives = os->size();
      for (const json::value& o : *os) {
        const json::array* krs = list(o, "key_results");
        if (!krs) continue;
        key_results += krs->size();
        for (const json::value& kr : *krs) {
          if (const json::array* cs = list(kr, "check_ins")) check_ins += cs->size();
        }
      }
    }
    plan_->objectives.reserve(objectives);
    plan_->key_results.reserve(key_results);
    plan_->check_ins.reserve(check_ins);
  }

  template <class F>
  void for_each(Fields& parent, std::string_view key, F&& read) {
    const json::array* list = parent.array(key);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
      Fields f((*list)[i], parent.at(key) + "/" + std::to_string(i), problems_);
      if (f.ok()) read(f);
    }
  }

  void problem(std::string path, std::string message) {
    problems_.push_back(Problem{std::move(path), 0, std::move(message)});
  }

  // ---- references ----------------------------------------------------------
  // The person with this email in the document's people (any case).
  int person_by_email(std::string_view email, const std::string& path) {
    auto found = people_.find(core::ascii_lowercase(email));
    if (found == people_.end()) {
      problem(path,
              "no person with the email " + std::string(email) + " is in the document's people");
      return kNone;
    }
    return found->second;
  }
  int person(Fields& f, std::string_view key, bool required = false) {
    auto email = f.text(key, required);
    return email ? person_by_email(*email, f.at(key)) : kNone;
  }
  int person_in_list(const json::value& v, const std::string& path) {
    if (!v.is_string()) {
      problem(path, "must be an email");
      return kNone;
    }
    return person_by_email(v.get_string(), path);
  }
  std::vector<int> people_list(Fields& f, std::string_view key) {
    std::vector<int> out;
    const json::array* a = f.array(key);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const int p = person_in_list((*a)[i], f.at(key) + "/" + std::to_string(i));
      if (p != kNone) out.push_back(p);
    }
    return out;
  }
  int by_id(Fields& f, std::string_view key, const std::unordered_map<std::string, int>& ids,
            std::string_view what, bool required = false) {
    auto id = f.text(key, required);
    if (!id) return kNone;
    auto found = ids.find(*id);
    if (found == ids.end()) {
      f.problem(f.at(key), "no " + std::string(what) + " with the id " + *id +
                               " comes before this in the document");
      return kNone;
    }
    return found->second;
  }
  void declare(Fields& f, std::unordered_map<std::string, int>& ids, int index) {
    auto id = f.text("id");
    if (!id) return;
    if (!ids.emplace(*id, index).second) f.problem(f.at("id"), "the id " + *id + " is used twice");
  }
  std::optional<OverrideEntry> score_override(Fields& parent) {
    const json::value* v = parent.get("score_override");
    if (!v) return std::nullopt;
    Fields f(*v, parent.at("score_override"), problems_);
    if (!f.ok()) return std::nullopt;
    OverrideEntry entry;
    entry.value.score = f.number("score", true).value_or(0);
    entry.value.reason = f.text_or("reason", "");
    entry.by = person(f, "by", true);
    entry.value.at = f.instant("at").value_or(now_);
    return entry;
  }

  // ---- entities ------------------------------------------------------------
  void read_organization(const json::value& value) {
    Fields f(value, "/organization", problems_);
    if (!f.ok()) return;
    plan_->has_organization = true;
    core::Organization& org = plan_->organization;
    org.name = f.text_or("name", "");
    org.mission = f.text_or("mission", "");
    org.vision = f.text_or("vision", "");
    org.values = f.strings("values");
    org.timezone = f.text_or("timezone", "UTC");
    if (const json::value* s = f.get("settings")) read_settings(*s, org.settings);
  }

  void read_settings(const json::value& value, core::Settings& s) {
    Fields f(value, "/organization/settings", problems_);
    if (!f.ok()) return;
    if (auto n = f.integer("max_objectives_per_owner", 1, 100)) {
      s.max_objectives_per_owner = static_cast<int>(*n);
    }
    if (const json::value* range = f.get("key_results_per_objective")) {
      Fields r(*range, f.at("key_results_per_objective"), problems_);
      if (auto n = r.integer("min", 0, 100)) s.min_key_results = static_cast<int>(*n);
      if (auto n = r.integer("max", 1, 100)) s.max_key_results = static_cast<int>(*n);
    }
    const json::array* rules = f.array("enforce_rules");
    for (std::size_t i = 0; rules && i < rules->size(); ++i) {
      const json::value& v = (*rules)[i];
      auto rule = v.is_string() ? core::parse_rule_id(std::string(v.get_string())) : std::nullopt;
      if (!rule) {
        problem(f.at("enforce_rules") + "/" + std::to_string(i), "is not a rule id");
      } else {
        s.enforce.insert(*rule);
      }
    }
    if (const json::value* c = f.get("check_in")) {
      Fields ci(*c, f.at("check_in"), problems_);
      if (auto cadence = ci.name<core::Cadence>("cadence")) s.check_in.cadence = *cadence;
      if (auto n = ci.integer("weekday", 1, 7)) s.check_in.weekday = static_cast<int>(*n);
      if (auto n = ci.integer("hour", 0, 23)) s.check_in.hour = static_cast<int>(*n);
    }
    if (const json::value* st = f.get("status")) {
      Fields t(*st, f.at("status"), problems_);
      s.status.behind_gap = t.number_or("behind_gap", s.status.behind_gap);
      s.status.at_risk_gap = t.number_or("at_risk_gap", s.status.at_risk_gap);
      s.status.not_started_until = t.number_or("not_started_until", s.status.not_started_until);
      s.status.at_risk_confidence_max =
          t.number_or("at_risk_confidence_max", s.status.at_risk_confidence_max);
      s.status.behind_confidence_max =
          t.number_or("behind_confidence_max", s.status.behind_confidence_max);
    }
    if (auto n = f.integer("stale_grace_days", 0, 365)) s.stale_grace_days = static_cast<int>(*n);
  }

  void read_person(Fields& f) {
    PersonEntry entry;
    entry.person.email = f.text_or("email", "");
    if (entry.person.email.empty()) f.problem(f.at("email"), "is required");
    entry.person.name = f.text("name", true).value_or("");
    entry.person.role = f.name<core::Role>("role").value_or(core::Role::kMember);
    entry.person.active = f.boolean("active").value_or(true);
    entry.person.first_sign_in = f.instant("first_sign_in");
    pending_managers_.emplace_back(plan_->people.size(), f.text("manager"), f.at("manager"));
    const std::string lower = core::ascii_lowercase(entry.person.email);
    if (!lower.empty() && !people_.emplace(lower, plan_->people.size()).second) {
      f.problem(f.at("email"), "the email " + entry.person.email + " is listed twice");
    }
    plan_->people.push_back(std::move(entry));
  }
  void resolve_managers() {
    for (const auto& [index, email, path] : pending_managers_) {
      if (!email) continue;
      plan_->people[index].manager = person_by_email(*email, path);
    }
  }

  void read_unit(Fields& f) {
    UnitEntry entry;
    const int index = static_cast<int>(plan_->units.size());
    declare(f, unit_ids_, index);
    entry.unit.name = f.text("name", true).value_or("");
    entry.unit.kind = f.name<core::UnitKind>("kind").value_or(core::UnitKind::kTeam);
    entry.parent = by_id(f, "parent", unit_ids_, "unit");
    entry.lead = person(f, "lead");
    entry.members = people_list(f, "members");
    entry.unit.archived = f.boolean("archived").value_or(false);
    plan_->units.push_back(std::move(entry));
  }

  void read_period(Fields& f) {
    PeriodEntry entry;
    const int index = static_cast<int>(plan_->periods.size());
    declare(f, period_ids_, index);
    core::Period& p = entry.period;
    p.name = f.text("name", true).value_or("");
    p.kind = f.name<core::PeriodKind>("kind").value_or(core::PeriodKind::kQuarter);
    p.start_date = f.date("start_date", true).value_or(core::Date{});
    p.end_date = f.date("end_date", true).value_or(core::Date{});
    auto starts = f.instant("starts_at");
    auto ends = f.instant("ends_at");
    if (starts.has_value() != ends.has_value()) {
      f.problem(f.path(), "give both starts_at and ends_at, or neither");
    } else if (starts) {
      entry.has_instants = true;
      p.starts_at = *starts;
      p.ends_at = *ends;
    }
    entry.parent = by_id(f, "parent", period_ids_, "period");
    entry.closed_at = f.instant("closed_at");
    plan_->periods.push_back(std::move(entry));
  }

  void read_kpi(Fields& f) {
    KpiEntry entry;
    const int index = static_cast<int>(plan_->kpis.size());
    declare(f, kpi_ids_, index);
    core::Kpi& k = entry.kpi;
    k.name = f.text("name", true).value_or("");
    k.unit = f.text_or("unit", "");
    k.description = f.text_or("description", "");
    entry.owner = person(f, "owner", true);
    k.low = f.number("low");
    k.high = f.number("high");
    k.archived = f.boolean("archived").value_or(false);
    auto created = f.instant("created_at");
    std::vector<std::optional<core::Instant>> recorded;
    for_each(f, "values", [&](Fields& v) {
      entry.values.push_back(
          core::KpiValue{v.instant("at", true).value_or(core::Instant{}),
                         v.number("value", true).value_or(0),
                         v.name<core::KpiOrigin>("origin").value_or(core::KpiOrigin::kManual),
                         {}});
      recorded.push_back(v.instant("recorded_at"));
    });
    // Hand-written: the KPI exists from its first value on, and each value is
    // recorded when it held, so that its history reads as it happened.
    k.created_at = created.value_or(now_);
    if (!created) {
      for (const core::KpiValue& v : entry.values) k.created_at = std::min(k.created_at, v.at);
    }
    for (std::size_t i = 0; i < entry.values.size(); ++i) {
      core::KpiValue& v = entry.values[i];
      v.recorded_at = recorded[i].value_or(std::max(v.at, k.created_at));
      if (v.recorded_at < k.created_at) {
        f.problem(f.at("values") + "/" + std::to_string(i) + "/recorded_at",
                  "must not be before the KPI's created_at");
      }
    }
    plan_->kpis.push_back(std::move(entry));
    batch_kpi_values(index);
  }

  // One AddKpiValues per instant of recording, as the values arrived; their
  // order within it is the document's (the model keeps it for equal `at`).
  void batch_kpi_values(int kpi) {
    const KpiEntry& entry = plan_->kpis[static_cast<std::size_t>(kpi)];
    std::map<core::Instant, std::size_t> by_recorded_at;
    for (std::uint32_t i = 0; i < entry.values.size(); ++i) {
      const core::KpiValue& v = entry.values[i];
      auto [found, added] = by_recorded_at.emplace(v.recorded_at, plan_->kpi_values.size());
      if (added) plan_->kpi_values.push_back(KpiValuesEntry{kpi, {}, i});
      plan_->kpi_values[found->second].values.push_back(v);
    }
  }

  NodeEntry node(Fields& f) {
    const bool has_objective = f.get("objective") != nullptr;
    const bool has_key_result = f.get("key_result") != nullptr;
    if (has_objective == has_key_result) {
      f.problem(f.path(), "give exactly one of objective and key_result");
      return {};
    }
    // References may point forward: resolved once every objective is read.
    const std::string key = has_objective ? "objective" : "key_result";
    pending_nodes_.push_back(PendingNode{f.text(key).value_or(""), has_key_result, f.at(key)});
    return NodeEntry{has_key_result, -2 - static_cast<int>(pending_nodes_.size() - 1)};
  }

  void read_parents(Fields& f, NodeEntry child, core::Instant created) {
    for_each(f, "parents", [&](Fields& p) {
      LinkEntry link;
      link.child = child;
      link.parent = node(p);
      link.weight = p.number_or("weight", 1);
      link.contributes = p.boolean("contributes").value_or(true);
      link.created_at = p.instant("created_at").value_or(created);
      link.path = p.path();
      plan_->links.push_back(std::move(link));
    });
    for_each(f, "depends_on", [&](Fields& d) {
      DependencyEntry dependency;
      dependency.from = child;
      dependency.to = node(d);
      dependency.created_at = d.instant("created_at").value_or(created);
      dependency.path = d.path();
      plan_->dependencies.push_back(std::move(dependency));
    });
  }

  void read_initiatives(Fields& f, NodeEntry target, core::Instant created) {
    for_each(f, "initiatives", [&](Fields& i) {
      InitiativeEntry entry;
      entry.target = target;
      entry.initiative.title = i.text("title", true).value_or("");
      entry.owner = person(i, "owner");
      entry.initiative.state =
          i.name<core::InitiativeState>("state").value_or(core::InitiativeState::kTodo);
      entry.initiative.due_date = i.date("due_date");
      entry.initiative.url = i.text_or("url", "");
      entry.initiative.created_at = i.instant("created_at").value_or(created);
      entry.path = i.path();
      plan_->initiatives.push_back(std::move(entry));
    });
  }

  void read_comments(Fields& f, NodeEntry target, int check_in, core::Instant created) {
    for_each(f, "comments", [&](Fields& c) {
      CommentEntry entry;
      entry.target = target;
      entry.check_in = check_in;
      entry.author = person(c, "author", true);
      entry.body = c.text("body", true).value_or("");
      entry.at = c.instant("at").value_or(created);
      entry.path = c.path();
      const int comment = static_cast<int>(plan_->comments.size());
      plan_->comments.push_back(std::move(entry));
      for_each(c, "reactions", [&](Fields& r) {
        ReactionEntry reaction;
        reaction.comment = comment;
        reaction.person = person(r, "person", true);
        reaction.emoji = r.text("emoji", true).value_or("");
        reaction.at = r.instant("at").value_or(plan_->comments[comment].at);
        reaction.path = r.path();
        plan_->reactions.push_back(std::move(reaction));
      });
    });
  }

  void read_objective(Fields& f) {
    ObjectiveEntry entry;
    const int index = static_cast<int>(plan_->objectives.size());
    declare(f, objective_ids_, index);
    core::Objective& o = entry.objective;
    o.title = f.text("title", true).value_or("");
    o.description = f.text_or("description", "");
    entry.period = by_id(f, "period", period_ids_, "period", true);
    if (const json::value* owner = f.get("owner", true)) {
      Fields of(*owner, f.at("owner"), problems_);
      if (of.ok()) {
        const bool unit = of.get("unit") != nullptr;
        const bool person_owner = of.get("person") != nullptr;
        if (unit == person_owner) {
          of.problem(of.path(), "give exactly one of unit and person");
        } else if (unit) {
          entry.owner = by_id(of, "unit", unit_ids_, "unit");
        } else {
          entry.owned_by_unit = false;
          entry.owner = person(of, "person");
        }
      }
    }
    o.type = f.name<core::ObjectiveType>("type").value_or(core::ObjectiveType::kCommitted);
    o.state = f.name<core::ObjectiveState>("state").value_or(core::ObjectiveState::kActive);
    o.visibility = f.name<core::Visibility>("visibility").value_or(core::Visibility::kPublic);
    o.weight = f.number_or("weight", 1);
    o.progress_mode =
        f.name<core::ProgressMode>("progress_mode").value_or(core::ProgressMode::kKeyResults);
    o.manual_progress = f.number_or("progress", 0);
    o.tags = f.strings("tags");
    if (auto from = f.text("rolled_over_from")) {
      pending_rollovers_.emplace_back(index, *from, f.at("rolled_over_from"));
    }
    entry.created_at = f.instant("created_at").value_or(default_created(entry.period));
    entry.closed_at = f.instant("closed_at");
    (void)f.number("score");  // frozen scores are computed again when the objective closes
    entry.override_ = score_override(f);
    o.retrospective_note = f.text_or("retrospective_note", "");
    if (o.state == core::ObjectiveState::kClosed && !entry.closed_at) {
      f.problem(f.at("closed_at"), "a closed objective needs the instant it was closed");
    }
    plan_->objectives.push_back(std::move(entry));

    const NodeEntry self{false, index};
    const core::Instant created = plan_->objectives[index].created_at;
    read_parents(f, self, created);
    std::uint32_t position = 0;
    for_each(f, "key_results", [&](Fields& k) { read_key_result(k, index, position++, created); });
    read_initiatives(f, self, created);
    read_comments(f, self, kNone, created);
  }

  core::Instant default_created(int period) const {
    if (period == kNone) return now_;
    const PeriodEntry& p = plan_->periods[static_cast<std::size_t>(period)];
    // Hand-written documents: an objective of a period that has begun exists
    // from its start, so its check-ins fall inside its life.
    return p.has_instants ? std::min(now_, p.period.starts_at) : now_;
  }

  void read_key_result(Fields& f, int objective, std::uint32_t position,
                       core::Instant objective_created) {
    KeyResultEntry entry;
    const int index = static_cast<int>(plan_->key_results.size());
    declare(f, key_result_ids_, index);
    entry.objective = objective;
    entry.position = position;
    core::KeyResult& kr = entry.key_result;
    kr.title = f.text("title", true).value_or("");
    entry.owner = person(f, "owner");
    kr.kind = f.name<core::KeyResultKind>("kind").value_or(core::KeyResultKind::kMetric);
    kr.start = f.number_or("start", 0);
    kr.target = f.number("target");
    kr.low = f.number_or("low", 0);
    kr.high = f.number_or("high", 0);
    for_each(f, "milestones", [&](Fields& m) {
      kr.milestones.push_back(
          core::Milestone{m.text("title", true).value_or(""), m.number_or("weight", 1)});
    });
    kr.unit = f.text_or("unit", "");
    kr.weight = f.number_or("weight", 1);
    kr.starts_at = f.instant("starts_at");
    kr.due_at = f.instant("due_at");
    kr.source =
        f.name<core::ProgressSource>("progress_source").value_or(core::ProgressSource::kCheckIns);
    const bool fed = kr.source == core::ProgressSource::kKpi;
    entry.kpi = by_id(f, "kpi", kpi_ids_, "KPI", fed);
    if (!fed && entry.kpi != kNone) {
      f.problem(f.at("kpi"), "only a key result with progress_source kpi is fed by a KPI");
    }
    entry.delegates = people_list(f, "delegates");
    for_each(f, "plan", [&](Fields& p) {
      kr.plan.push_back(core::PlanPoint{p.instant("at", true).value_or(core::Instant{}),
                                        p.number("value", true).value_or(0)});
    });
    kr.archived = f.boolean("archived").value_or(false);
    entry.created_at = f.instant("created_at").value_or(objective_created);
    (void)f.number("score");
    (void)f.boolean("graded_done");
    entry.override_ = score_override(f);
    plan_->key_results.push_back(std::move(entry));

    const NodeEntry self{true, index};
    const core::Instant created = plan_->key_results[index].created_at;
    read_parents(f, self, created);
    std::uint32_t check_in_position = 0;
    for_each(f, "check_ins", [&](Fields& c) { read_check_in(c, index, check_in_position++); });
    read_initiatives(f, self, created);
    read_comments(f, self, kNone, created);
  }

  void read_check_in(Fields& f, int key_result, std::uint32_t position) {
    const KeyResultEntry& kr = plan_->key_results[static_cast<std::size_t>(key_result)];
    CheckInEntry entry;
    entry.key_result = key_result;
    entry.position = position;
    core::CheckIn& c = entry.check_in;
    c.at = f.instant("at", true).value_or(core::Instant{});
    // Recorded when it held, unless the document says otherwise, but never
    // before its key result exists.
    entry.recorded_at = f.instant("recorded_at").value_or(std::max(c.at, kr.created_at));
    switch (kr.key_result.kind) {
      case core::KeyResultKind::kMetric:
      case core::KeyResultKind::kBand:
        c.measurement.value = f.number("value", true).value_or(0);
        entry.kpi = by_id(f, "kpi", kpi_ids_, "KPI");
        break;
      case core::KeyResultKind::kBoolean:
        c.measurement.done = f.boolean("done").value_or(false);
        break;
      case core::KeyResultKind::kMilestones: {
        const json::array* done = f.array("milestones_done");
        for (std::size_t i = 0; done && i < done->size(); ++i) {
          const json::value& v = (*done)[i];
          if (!v.is_int64() || v.get_int64() < 0 ||
              v.get_int64() >= static_cast<std::int64_t>(core::kMaxMilestones)) {
            problem(f.at("milestones_done") + "/" + std::to_string(i),
                    "must be the index of a milestone");
          } else {
            c.measurement.milestones_done |= std::uint64_t{1} << v.get_int64();
          }
        }
        break;
      }
    }
    if (auto n = f.integer("confidence", 1, 10)) c.confidence = static_cast<int>(*n);
    c.note = f.text_or("note", "");
    entry.author = person(f, "author");
    if (entry.author == kNone && f.get("author") == nullptr) entry.author = kr.owner;
    if (entry.author == kNone && f.get("author") == nullptr) {
      f.problem(f.at("author"), "is required when the key result has no owner");
    }
    entry.on_behalf_of = person(f, "on_behalf_of");
    entry.deleted_at = f.instant("deleted_at");
    const int index = static_cast<int>(plan_->check_ins.size());
    plan_->check_ins.push_back(std::move(entry));
    read_comments(f, NodeEntry{true, key_result}, index, plan_->check_ins[index].recorded_at);
  }

  void read_retrospective(Fields& f) {
    RetrospectiveEntry entry;
    entry.unit = by_id(f, "unit", unit_ids_, "unit", true);
    entry.period = by_id(f, "period", period_ids_, "period", true);
    entry.author = person(f, "author", true);
    entry.recorded_at = f.instant("recorded_at").value_or(now_);
    entry.answers.first_okrs = f.text_or("first_okrs", "");
    entry.answers.company_changes = f.text_or("company_changes", "");
    entry.answers.went_well = f.text_or("went_well", "");
    entry.answers.improve = f.text_or("improve", "");
    entry.answers.aligned = f.text_or("aligned", "");
    entry.answers.changed_dependencies = f.text_or("changed_dependencies", "");
    entry.answers.lessons = f.text_or("lessons", "");
    entry.path = f.path();
    plan_->retrospectives.push_back(std::move(entry));
  }

  // Forward references to objectives and key results, now that all are read.
  void resolve_pending() {
    auto resolve = [&](NodeEntry& n) {
      if (n.index >= kNone) return;
      const PendingNode& pending = pending_nodes_[static_cast<std::size_t>(-2 - n.index)];
      const auto& ids = pending.key_result ? key_result_ids_ : objective_ids_;
      auto found = ids.find(pending.id);
      if (found == ids.end()) {
        problem(pending.path, std::string("no ") +
                                  (pending.key_result ? "key result" : "objective") +
                                  " with the id " + pending.id + " is in the document");
        n.index = kNone;
      } else {
        n.index = found->second;
      }
    };
    for (LinkEntry& l : plan_->links) resolve(l.parent);
    for (DependencyEntry& d : plan_->dependencies) resolve(d.to);
    for (const auto& [index, from, path] : pending_rollovers_) {
      auto found = objective_ids_.find(from);
      if (found == objective_ids_.end() || found->second >= index) {
        problem(path, "no objective with the id " + from + " comes before this in the document");
      } else {
        plan_->objectives[static_cast<std::size_t>(index)].rolled_over_from = found->second;
      }
    }
  }

  // ---- the order of the commands -------------------------------------------
  void schedule() {
    std::vector<Step>& steps = plan_->steps;
    // A step for each entity at least (closing, archiving and overrides add a few).
    const ImportPlan& p = *plan_;
    steps.reserve(1 + p.people.size() + p.units.size() + p.periods.size() + p.kpis.size() +
                  p.kpi_values.size() + p.objectives.size() + p.key_results.size() +
                  p.links.size() + p.dependencies.size() + p.check_ins.size() +
                  p.initiatives.size() + p.comments.size() + p.reactions.size() +
                  p.retrospectives.size());
    // Directory entries come first, at the earliest instant the document names.
    core::Instant first = now_;
    for (const ObjectiveEntry& o : plan_->objectives) first = std::min(first, o.created_at);
    for (const CheckInEntry& c : plan_->check_ins) first = std::min(first, c.recorded_at);
    for (const KpiEntry& k : plan_->kpis) first = std::min(first, k.kpi.created_at);
    auto add = [&](core::Instant at, StepKind kind, std::size_t index) {
      steps.push_back(Step{at, kind, static_cast<std::uint32_t>(index)});
    };
    core::Instant last = first;
    auto note_last = [&](core::Instant t) { last = std::max(last, t); };
    if (plan_->has_organization) add(first, StepKind::kOrganization, 0);
    for (std::size_t i = 0; i < plan_->people.size(); ++i) {
      add(first, StepKind::kPerson, i);
      if (plan_->people[i].manager >= static_cast<int>(i)) add(first, StepKind::kManager, i);
    }
    for (std::size_t i = 0; i < plan_->units.size(); ++i) add(first, StepKind::kUnit, i);
    for (std::size_t i = 0; i < plan_->periods.size(); ++i) add(first, StepKind::kPeriod, i);
    for (std::size_t i = 0; i < plan_->kpis.size(); ++i) {
      add(plan_->kpis[i].kpi.created_at, StepKind::kKpi, i);
    }
    for (std::size_t i = 0; i < plan_->kpi_values.size(); ++i) {
      const core::Instant at = plan_->kpi_values[i].values.front().recorded_at;
      add(at, StepKind::kKpiValues, i);
      note_last(at);
    }
    for (std::size_t i = 0; i < plan_->objectives.size(); ++i) {
      const ObjectiveEntry& o = plan_->objectives[i];
      add(o.created_at, StepKind::kObjective, i);
      note_last(o.created_at);
    }
    for (std::size_t i = 0; i < plan_->key_results.size(); ++i) {
      add(plan_->key_results[i].created_at, StepKind::kKeyResult, i);
      note_last(plan_->key_results[i].created_at);
    }
    for (std::size_t i = 0; i < plan_->links.size(); ++i) {
      add(plan_->links[i].created_at, StepKind::kLink, i);
    }
    for (std::size_t i = 0; i < plan_->dependencies.size(); ++i) {
      add(plan_->dependencies[i].created_at, StepKind::kDependency, i);
    }
    for (std::size_t i = 0; i < plan_->check_ins.size(); ++i) {
      const CheckInEntry& c = plan_->check_ins[i];
      // A KPI's check-in is made by its value (kKpiValues), not checked in.
      if (c.kpi == kNone) add(c.recorded_at, StepKind::kCheckIn, i);
      note_last(c.recorded_at);
      if (c.deleted_at) add(*c.deleted_at, StepKind::kDeleteCheckIn, i);
    }
    for (std::size_t i = 0; i < plan_->initiatives.size(); ++i) {
      add(plan_->initiatives[i].initiative.created_at, StepKind::kInitiative, i);
    }
    for (std::size_t i = 0; i < plan_->comments.size(); ++i) {
      add(plan_->comments[i].at, StepKind::kComment, i);
    }
    for (std::size_t i = 0; i < plan_->reactions.size(); ++i) {
      add(plan_->reactions[i].at, StepKind::kReaction, i);
    }
    // Archiving happens before anything closes: an archived objective is
    // never scored. A closed one archived afterwards is archived after it closed.
    auto archive_at = [&](int period, const std::optional<core::Instant>& closed) {
      if (closed) return *closed;
      const PeriodEntry& p = plan_->periods[static_cast<std::size_t>(period)];
      return p.closed_at ? *p.closed_at : last;
    };
    for (std::size_t i = 0; i < plan_->objectives.size(); ++i) {
      const ObjectiveEntry& o = plan_->objectives[i];
      if (o.period == kNone) continue;
      if (o.closed_at) {
        const PeriodEntry& p = plan_->periods[static_cast<std::size_t>(o.period)];
        // Closed by its period's close, unless it closed on its own before.
        if (!(p.closed_at && *p.closed_at == *o.closed_at)) {
          add(*o.closed_at, StepKind::kCloseObjective, i);
        }
      }
      if (o.objective.state == core::ObjectiveState::kArchived) {
        add(archive_at(o.period, o.closed_at), StepKind::kArchiveObjective, i);
      }
      if (o.override_) add(o.override_->value.at, StepKind::kOverrideObjective, i);
    }
    const std::vector<core::Instant> fed_until = last_kpi_check_ins();
    for (std::size_t i = 0; i < plan_->key_results.size(); ++i) {
      const KeyResultEntry& kr = plan_->key_results[i];
      const ObjectiveEntry& o = plan_->objectives[static_cast<std::size_t>(kr.objective)];
      if (kr.key_result.archived && o.period != kNone) {
        core::Instant at = archive_at(o.period, o.closed_at);
        // A KPI-fed key result of an open objective stopped taking values when
        // it was archived: right after the last one it has.
        if (kr.kpi != kNone && !o.closed_at) at = std::min(at, fed_until[i]);
        add(at, StepKind::kArchiveKeyResult, i);
      }
      if (kr.override_) add(kr.override_->value.at, StepKind::kOverrideKeyResult, i);
    }
    for (std::size_t i = 0; i < plan_->kpis.size(); ++i) {
      if (plan_->kpis[i].kpi.archived) add(last, StepKind::kArchiveKpi, i);
    }
    for (std::size_t i = 0; i < plan_->periods.size(); ++i) {
      if (plan_->periods[i].closed_at) {
        add(*plan_->periods[i].closed_at, StepKind::kClosePeriod, i);
      }
    }
    for (std::size_t i = 0; i < plan_->retrospectives.size(); ++i) {
      add(plan_->retrospectives[i].recorded_at, StepKind::kRetrospective, i);
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
      if (a.at != b.at) return a.at < b.at;
      return a.kind < b.kind;
    });
    if (plan_->has_organization && !plan_->organization.settings.enforce.empty()) {
      add(steps.empty() ? first : steps.back().at, StepKind::kSettings, 0);
    }
  }

  // Per key result: when its last KPI check-in was recorded (else when it was created).
  std::vector<core::Instant> last_kpi_check_ins() const {
    std::vector<core::Instant> out;
    for (const KeyResultEntry& kr : plan_->key_results) out.push_back(kr.created_at);
    for (const CheckInEntry& c : plan_->check_ins) {
      if (c.kpi == kNone) continue;
      core::Instant& last = out[static_cast<std::size_t>(c.key_result)];
      last = std::max(last, c.recorded_at);
    }
    return out;
  }

  struct PendingNode {
    std::string id;
    bool key_result = false;
    std::string path;
  };

  std::optional<Fields> root_;
  core::Instant now_;
  std::vector<Problem>& problems_;
  std::shared_ptr<ImportPlan> plan_ = std::make_shared<ImportPlan>();
  std::unordered_map<std::string, int> people_;  // lowercased email → index
  std::unordered_map<std::string, int> unit_ids_, period_ids_, kpi_ids_, objective_ids_,
      key_result_ids_;
  std::vector<std::tuple<std::size_t, std::optional<std::string>, std::string>> pending_managers_;
  std::vector<std::tuple<int, std::string, std::string>> pending_rollovers_;
  std::vector<PendingNode> pending_nodes_;
};

}  // namespace

struct ImportPlanner::Impl {
  explicit Impl(core::Instant now) : planner(now, planned.problems) {}
  PlannedImport planned;
  Planner planner;
};

ImportPlanner::ImportPlanner(core::Instant now) : impl_(std::make_unique<Impl>(now)) {}
ImportPlanner::~ImportPlanner() = default;

void ImportPlanner::begin(const json::value& root) {
  impl_->planner.begin(root);
}

void ImportPlanner::objective(const json::value& value, std::size_t index) {
  impl_->planner.objective(value, index);
}

void ImportPlanner::objectives() {
  impl_->planner.objectives();
}

PlannedImport ImportPlanner::finish() {
  impl_->planned.plan = impl_->planner.finish();
  return std::move(impl_->planned);
}

PlannedImport plan_import(const ParsedDocument& document, core::Instant now) {
  ImportPlanner planner(now);
  planner.begin(document.root());
  planner.objectives();
  PlannedImport planned = planner.finish();
  document.locate(planned.problems);
  return planned;
}

}  // namespace cairn::app::exchange
