#include "app/entity_json.h"

namespace cairn::app {
namespace {

namespace json = boost::json;

// ---- The field lists: one per struct, in the struct's order, every field. ----

void fields(auto& f, OfType<core::CheckInCadence> auto& c) {
  f("cadence", c.cadence);
  f("weekday", c.weekday);
  f("hour", c.hour);
}

void fields(auto& f, OfType<core::StatusThresholds> auto& t) {
  f("behind_gap", t.behind_gap);
  f("at_risk_gap", t.at_risk_gap);
  f("not_started_until", t.not_started_until);
  f("at_risk_confidence_max", t.at_risk_confidence_max);
  f("behind_confidence_max", t.behind_confidence_max);
}

void fields(auto& f, OfType<core::Settings> auto& s) {
  f("max_objectives_per_owner", s.max_objectives_per_owner);
  f("min_key_results", s.min_key_results);
  f("max_key_results", s.max_key_results);
  f("enforce", s.enforce);
  f("check_in", s.check_in);
  f("status", s.status);
  f("stale_grace_days", s.stale_grace_days);
}

void fields(auto& f, OfType<core::Organization> auto& o) {
  f("name", o.name);
  f("mission", o.mission);
  f("vision", o.vision);
  f("values", o.values);
  f("timezone", o.timezone);
  f("settings", o.settings);
}

void fields(auto& f, OfType<core::Unit> auto& u) {
  f("id", u.id);
  f("name", u.name);
  f("kind", u.kind);
  f("parent", u.parent);
  f("lead", u.lead);
  f("members", u.members);
  f("archived", u.archived);
}

void fields(auto& f, OfType<core::Person> auto& p) {
  f("id", p.id);
  f("name", p.name);
  f("email", p.email);
  f("role", p.role);
  f("manager", p.manager);
  f("first_sign_in", p.first_sign_in);
  f("active", p.active);
}

void fields(auto& f, OfType<core::Period> auto& p) {
  f("id", p.id);
  f("name", p.name);
  f("kind", p.kind);
  f("start_date", p.start_date);
  f("end_date", p.end_date);
  f("starts_at", p.starts_at);
  f("ends_at", p.ends_at);
  f("parent", p.parent);
  f("closed_at", p.closed_at);
}

void fields(auto& f, OfType<core::Owner> auto& o) {
  f("unit", o.unit);
  f("person", o.person);
}

void fields(auto& f, OfType<core::ScoreOverride> auto& s) {
  f("score", s.score);
  f("reason", s.reason);
  f("by", s.by);
  f("at", s.at);
}

void fields(auto& f, OfType<core::Objective> auto& o) {
  f("id", o.id);
  f("title", o.title);
  f("description", o.description);
  f("period", o.period);
  f("owner", o.owner);
  f("type", o.type);
  f("state", o.state);
  f("visibility", o.visibility);
  f("weight", o.weight);
  f("progress_mode", o.progress_mode);
  f("manual_progress", o.manual_progress);
  f("tags", o.tags);
  f("rolled_over_from", o.rolled_over_from);
  f("created_at", o.created_at);
  f("closed_at", o.closed_at);
  f("score", o.score);
  f("score_override", o.score_override);
  f("retrospective_note", o.retrospective_note);
}

void fields(auto& f, OfType<core::Milestone> auto& m) {
  f("title", m.title);
  f("weight", m.weight);
}

void fields(auto& f, OfType<core::PlanPoint> auto& p) {
  f("at", p.at);
  f("value", p.value);
}

void fields(auto& f, OfType<core::KeyResult> auto& k) {
  f("id", k.id);
  f("objective", k.objective);
  f("title", k.title);
  f("owner", k.owner);
  f("kind", k.kind);
  f("start", k.start);
  f("target", k.target);
  f("unit", k.unit);
  f("low", k.low);
  f("high", k.high);
  f("milestones", k.milestones);
  f("weight", k.weight);
  f("starts_at", k.starts_at);
  f("due_at", k.due_at);
  f("source", k.source);
  f("kpi", k.kpi);
  f("delegates", k.delegates);
  f("plan", k.plan);
  f("archived", k.archived);
  f("created_at", k.created_at);
  f("score", k.score);
  f("graded_done", k.graded_done);
  f("score_override", k.score_override);
}

void fields(auto& f, OfType<core::Measurement> auto& m) {
  f("value", m.value);
  f("done", m.done);
  f("milestones_done", m.milestones_done);
}

void fields(auto& f, OfType<core::CheckIn> auto& c) {
  f("id", c.id);
  f("key_result", c.key_result);
  f("author", c.author);
  f("on_behalf_of", c.on_behalf_of);
  f("measurement", c.measurement);
  f("confidence", c.confidence);
  f("note", c.note);
  f("at", c.at);
  f("recorded_at", c.recorded_at);
  f("deleted_at", c.deleted_at);
  f("kpi", c.kpi, kAddedLater);
}

void fields(auto& f, OfType<core::NodeRef> auto& n) {
  f("kind", n.kind);
  f("index", n.index);
}

void fields(auto& f, OfType<core::AlignmentLink> auto& l) {
  f("id", l.id);
  f("child", l.child);
  f("parent", l.parent);
  f("weight", l.weight);
  f("contributes", l.contributes);
  f("removed", l.removed);
  f("created_at", l.created_at);
}

void fields(auto& f, OfType<core::Dependency> auto& d) {
  f("id", d.id);
  f("from", d.from);
  f("to", d.to);
  f("removed", d.removed);
  f("created_at", d.created_at);
}

void fields(auto& f, OfType<core::Initiative> auto& i) {
  f("id", i.id);
  f("title", i.title);
  f("target", i.target);
  f("owner", i.owner);
  f("state", i.state);
  f("due_date", i.due_date);
  f("url", i.url);
  f("created_at", i.created_at);
}

void fields(auto& f, OfType<core::Comment> auto& c) {
  f("id", c.id);
  f("target", c.target);
  f("check_in", c.check_in);
  f("author", c.author);
  f("body", c.body);
  f("at", c.at);
  f("mentions", c.mentions, kAddedLater);
  f("reactions", c.reactions, kAddedLater);
}

void fields(auto& f, OfType<core::Reaction> auto& r) {
  f("person", r.person);
  f("emoji", r.emoji);
  f("at", r.at);
}

void fields(auto& f, OfType<core::RetrospectiveAnswers> auto& a) {
  f("went_well", a.went_well);
  f("improve", a.improve);
  f("aligned", a.aligned);
  f("changed_dependencies", a.changed_dependencies);
  f("lessons", a.lessons);
  f("first_okrs", a.first_okrs, kAddedLater);
  f("company_changes", a.company_changes, kAddedLater);
}

void fields(auto& f, OfType<core::Retrospective> auto& r) {
  f("id", r.id);
  f("unit", r.unit);
  f("period", r.period);
  f("answers", r.answers);
  f("author", r.author);
  f("recorded_at", r.recorded_at);
}

void fields(auto& f, OfType<core::Kpi> auto& k) {
  f("id", k.id);
  f("name", k.name);
  f("unit", k.unit);
  f("description", k.description);
  f("owner", k.owner);
  f("low", k.low);
  f("high", k.high);
  f("archived", k.archived);
  f("created_at", k.created_at);
}

void fields(auto& f, OfType<core::KpiValue> auto& v) {
  f("at", v.at);
  f("value", v.value);
  f("origin", v.origin);
  f("recorded_at", v.recorded_at);
}

// ---- Both directions, for any struct with a field list. ----

template <class T>
json::value write_fields(const T& value) {
  FieldCounter counter;
  fields(counter, value);
  FieldWriter writer(counter.count);
  fields(writer, value);
  return std::move(writer).done();
}

template <class T>
void write_fields_text(std::string& out, const T& value) {
  FieldTextWriter writer(out);
  fields(writer, value);
  writer.done();
}

template <class T>
FieldTexts collect_fields_text(const T& value) {
  FieldTexts texts;
  fields(texts, value);
  return texts;
}

template <class T>
core::Result<T> read_fields(const json::value& json, std::string_view path) {
  FieldReader reader(json, path);
  T value;
  fields(reader, value);
  return std::move(reader).done(std::move(value));
}

}  // namespace

#define CAIRN_ENTITY_JSON(Type)                                                  \
  template <>                                                                    \
  json::value to_json(const Type& value) {                                       \
    return write_fields(value);                                                  \
  }                                                                              \
  template <>                                                                    \
  core::Result<Type> from_json(const json::value& json, std::string_view path) { \
    return read_fields<Type>(json, path);                                        \
  }                                                                              \
  template <>                                                                    \
  void append_json(std::string& out, const Type& value) {                        \
    write_fields_text(out, value);                                               \
  }                                                                              \
  template <>                                                                    \
  FieldTexts field_texts(const Type& value) {                                    \
    return collect_fields_text(value);                                           \
  }

CAIRN_ENTITY_JSON(core::Organization)
CAIRN_ENTITY_JSON(core::Settings)
CAIRN_ENTITY_JSON(core::CheckInCadence)
CAIRN_ENTITY_JSON(core::StatusThresholds)
CAIRN_ENTITY_JSON(core::Unit)
CAIRN_ENTITY_JSON(core::Person)
CAIRN_ENTITY_JSON(core::Period)
CAIRN_ENTITY_JSON(core::Objective)
CAIRN_ENTITY_JSON(core::Owner)
CAIRN_ENTITY_JSON(core::ScoreOverride)
CAIRN_ENTITY_JSON(core::KeyResult)
CAIRN_ENTITY_JSON(core::Milestone)
CAIRN_ENTITY_JSON(core::PlanPoint)
CAIRN_ENTITY_JSON(core::CheckIn)
CAIRN_ENTITY_JSON(core::Measurement)
CAIRN_ENTITY_JSON(core::NodeRef)
CAIRN_ENTITY_JSON(core::AlignmentLink)
CAIRN_ENTITY_JSON(core::Dependency)
CAIRN_ENTITY_JSON(core::Initiative)
CAIRN_ENTITY_JSON(core::Comment)
CAIRN_ENTITY_JSON(core::Reaction)
CAIRN_ENTITY_JSON(core::RetrospectiveAnswers)
CAIRN_ENTITY_JSON(core::Retrospective)
CAIRN_ENTITY_JSON(core::Kpi)
CAIRN_ENTITY_JSON(core::KpiValue)

#undef CAIRN_ENTITY_JSON

}  // namespace cairn::app
