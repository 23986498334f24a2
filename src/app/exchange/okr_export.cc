#include "app/exchange/okr_export.h"

#include <unordered_map>

#include "core/names.h"
#include "core/rules.h"

namespace cairn::app::exchange {

std::string unit_ref(core::UnitId id) {
  return "unit_" + std::to_string(id.value());
}
std::string period_ref(core::PeriodId id) {
  return "prd_" + std::to_string(id.value());
}
std::string objective_ref(core::ObjectiveId id) {
  return "obj_" + std::to_string(id.value());
}
std::string key_result_ref(core::KeyResultId id) {
  return "kr_" + std::to_string(id.value());
}
std::string kpi_ref(core::KpiId id) {
  return "kpi_" + std::to_string(id.value());
}

namespace {

using core::NodeRef;

// Everything hung under an objective, a key result or a check-in, found in one
// pass over the model so that the export stays linear in its size.
struct Attachments {
  std::unordered_map<std::uint64_t, std::vector<core::LinkId>> parents;             // by child node
  std::unordered_map<std::uint64_t, std::vector<core::DependencyId>> dependencies;  // by from
  std::unordered_map<std::uint64_t, std::vector<core::InitiativeId>> initiatives;   // by target
  std::unordered_map<std::uint64_t, std::vector<core::CommentId>> comments;  // by target node
  std::unordered_map<std::uint32_t, std::vector<core::CommentId>> check_in_comments;
};

class Exporter {
 public:
  Exporter(const core::Model& model, const ExportScope& scope, DocumentWriter& out)
      : model_(model), scope_(scope), out_(out) {}

  ExportCounts run() {
    select();
    attach();
    out_.begin_object();
    out_.field("format", kDocumentFormat);
    write_organization();
    write_people();
    write_units();
    write_periods();
    write_kpis();
    write_objectives();
    write_retrospectives();
    out_.end_object();
    out_.finish();
    return counts_;
  }

 private:
  void select() {
    exported_objective_.assign(model_.objective_count(), false);
    exported_period_.assign(model_.period_count(), !scope_.period.has_value());
    if (scope_.period) {
      // The period and the periods that enclose it, so its `parent` resolves.
      for (core::PeriodId p = *scope_.period; p.valid(); p = model_.period(p)->parent) {
        exported_period_[p.value()] = true;
      }
    }
    for (std::uint32_t i = 0; i < model_.objective_count(); ++i) {
      const core::Objective& o = *model_.objective(core::ObjectiveId{i});
      exported_objective_[i] = !scope_.period || o.period == *scope_.period;
    }
  }

  bool exported(NodeRef node) const {
    const core::ObjectiveId o =
        node.is_objective() ? node.objective() : model_.key_result(node.key_result())->objective;
    return exported_objective_[o.value()];
  }

  void attach() {
    for (std::uint32_t i = 0; i < model_.link_count(); ++i) {
      const core::AlignmentLink& link = *model_.link(core::LinkId{i});
      if (link.removed || !exported(link.child) || !exported(link.parent)) continue;
      attached_.parents[link.child.key()].push_back(link.id);
    }
    for (std::uint32_t i = 0; i < model_.dependency_count(); ++i) {
      const core::Dependency& d = *model_.dependency(core::DependencyId{i});
      if (d.removed || !exported(d.from) || !exported(d.to)) continue;
      attached_.dependencies[d.from.key()].push_back(d.id);
    }
    for (std::uint32_t i = 0; i < model_.initiative_count(); ++i) {
      const core::Initiative& initiative = *model_.initiative(core::InitiativeId{i});
      attached_.initiatives[initiative.target.key()].push_back(initiative.id);
    }
    for (std::uint32_t i = 0; i < model_.comment_count(); ++i) {
      const core::Comment& comment = *model_.comment(core::CommentId{i});
      if (comment.check_in.valid()) {
        attached_.check_in_comments[comment.check_in.value()].push_back(comment.id);
      } else {
        attached_.comments[comment.target.key()].push_back(comment.id);
      }
    }
  }

  void person(std::string_view key, core::PersonId id) {
    out_.key(key);
    if (id.valid()) {
      out_.string(model_.person(id)->email);
    } else {
      out_.null();
    }
  }
  void instant(std::string_view key, core::Instant at) { out_.field(key, core::to_rfc3339(at)); }
  void optional_instant(std::string_view key, const std::optional<core::Instant>& at) {
    if (at) instant(key, *at);
  }
  void node(const NodeRef& ref) {
    if (ref.is_objective()) {
      out_.field("objective", objective_ref(ref.objective()));
    } else {
      out_.field("key_result", key_result_ref(ref.key_result()));
    }
  }
  void strings(std::string_view key, const std::vector<std::string>& values) {
    out_.key(key);
    out_.begin_array();
    for (const std::string& v : values) out_.string(v);
    out_.end_array();
  }
  void score_override(const std::optional<core::ScoreOverride>& o) {
    if (!o) return;
    out_.key("score_override");
    out_.begin_object();
    out_.field("score", o->score);
    out_.field("reason", o->reason);
    person("by", o->by);
    instant("at", o->at);
    out_.end_object();
  }

  void write_organization() {
    const core::Organization& org = model_.organization();
    // Never set (an import whose document had none leaves it so): there is
    // nothing to write, and a block without a name would not import back.
    if (org.name.empty()) return;
    out_.key("organization");
    out_.begin_object();
    out_.field("name", org.name);
    out_.field("mission", org.mission);
    out_.field("vision", org.vision);
    strings("values", org.values);
    out_.field("timezone", org.timezone);
    const core::Settings& s = org.settings;
    out_.key("settings");
    out_.begin_object();
    out_.field("max_objectives_per_owner", s.max_objectives_per_owner);
    out_.key("key_results_per_objective");
    out_.begin_object();
    out_.field("min", s.min_key_results);
    out_.field("max", s.max_key_results);
    out_.end_object();
    out_.key("enforce_rules");
    out_.begin_array();
    for (core::RuleId rule : s.enforce) out_.string(core::to_string(rule));
    out_.end_array();
    out_.key("check_in");
    out_.begin_object();
    out_.field("cadence", core::to_string(s.check_in.cadence));
    out_.field("weekday", s.check_in.weekday);
    out_.field("hour", s.check_in.hour);
    out_.end_object();
    out_.key("status");
    out_.begin_object();
    out_.field("behind_gap", s.status.behind_gap);
    out_.field("at_risk_gap", s.status.at_risk_gap);
    out_.field("not_started_until", s.status.not_started_until);
    out_.field("at_risk_confidence_max", s.status.at_risk_confidence_max);
    out_.field("behind_confidence_max", s.status.behind_confidence_max);
    out_.end_object();
    out_.field("stale_grace_days", s.stale_grace_days);
    out_.end_object();
    out_.end_object();
  }

  void write_people() {
    out_.key("people");
    out_.begin_array();
    for (std::uint32_t i = 0; i < model_.person_count(); ++i) {
      const core::Person& p = *model_.person(core::PersonId{i});
      out_.begin_object();
      out_.field("email", p.email);
      out_.field("name", p.name);
      out_.field("role", core::to_string(p.role));
      person("manager", p.manager);
      out_.field("active", p.active);
      optional_instant("first_sign_in", p.first_sign_in);
      out_.end_object();
    }
    out_.end_array();
  }

  void write_units() {
    out_.key("units");
    out_.begin_array();
    for (std::uint32_t i = 0; i < model_.unit_count(); ++i) {
      const core::Unit& u = *model_.unit(core::UnitId{i});
      out_.begin_object();
      out_.field("id", unit_ref(u.id));
      out_.field("name", u.name);
      out_.field("kind", core::to_string(u.kind));
      out_.key("parent");
      u.parent.valid() ? out_.string(unit_ref(u.parent)) : out_.null();
      person("lead", u.lead);
      out_.key("members");
      out_.begin_array();
      for (core::PersonId m : u.members) out_.string(model_.person(m)->email);
      out_.end_array();
      out_.field("archived", u.archived);
      out_.end_object();
    }
    out_.end_array();
  }

  void write_periods() {
    out_.key("periods");
    out_.begin_array();
    for (std::uint32_t i = 0; i < model_.period_count(); ++i) {
      if (!exported_period_[i]) continue;
      const core::Period& p = *model_.period(core::PeriodId{i});
      out_.begin_object();
      out_.field("id", period_ref(p.id));
      out_.field("name", p.name);
      out_.field("kind", core::to_string(p.kind));
      out_.field("start_date", p.start_date.to_string());
      out_.field("end_date", p.end_date.to_string());
      instant("starts_at", p.starts_at);
      instant("ends_at", p.ends_at);
      out_.key("parent");
      p.parent.valid() && exported_period_[p.parent.value()] ? out_.string(period_ref(p.parent))
                                                             : out_.null();
      optional_instant("closed_at", p.closed_at);
      out_.end_object();
    }
    out_.end_array();
  }

  // Every KPI, also in one period's export: they belong to the organisation,
  // like its people and units. Push tokens and pull settings are server
  // configuration (and secrets), not part of the document.
  void write_kpis() {
    out_.key("kpis");
    out_.begin_array();
    for (std::uint32_t i = 0; i < model_.kpi_count(); ++i) {
      const core::KpiId id{i};
      const core::Kpi& k = *model_.kpi(id);
      out_.begin_object();
      out_.field("id", kpi_ref(k.id));
      out_.field("name", k.name);
      out_.field("unit", k.unit);
      out_.field("description", k.description);
      person("owner", k.owner);
      out_.key("low");
      k.low ? out_.number(*k.low) : out_.null();
      out_.key("high");
      k.high ? out_.number(*k.high) : out_.null();
      out_.field("archived", k.archived);
      instant("created_at", k.created_at);
      write_kpi_values(id);
      out_.end_object();
    }
    out_.end_array();
  }

  void write_kpi_values(core::KpiId id) {
    out_.key("values");
    out_.begin_array();
    for (const core::KpiValue& v : model_.kpi_values(id)) {
      out_.begin_object();
      instant("at", v.at);
      if (v.recorded_at != v.at) instant("recorded_at", v.recorded_at);
      out_.field("value", v.value);
      out_.field("origin", core::to_string(v.origin));
      out_.end_object();
    }
    out_.end_array();
  }

  void write_parents(NodeRef child) {
    out_.key("parents");
    out_.begin_array();
    if (auto found = attached_.parents.find(child.key()); found != attached_.parents.end()) {
      for (core::LinkId id : found->second) {
        const core::AlignmentLink& link = *model_.link(id);
        out_.begin_object();
        node(link.parent);
        out_.field("weight", link.weight);
        out_.field("contributes", link.contributes);
        instant("created_at", link.created_at);
        out_.end_object();
      }
    }
    out_.end_array();
  }

  void write_dependencies(NodeRef from) {
    auto found = attached_.dependencies.find(from.key());
    if (found == attached_.dependencies.end()) return;
    out_.key("depends_on");
    out_.begin_array();
    for (core::DependencyId id : found->second) {
      const core::Dependency& d = *model_.dependency(id);
      out_.begin_object();
      node(d.to);
      instant("created_at", d.created_at);
      out_.end_object();
    }
    out_.end_array();
  }

  void write_initiatives(NodeRef target) {
    auto found = attached_.initiatives.find(target.key());
    if (found == attached_.initiatives.end()) return;
    out_.key("initiatives");
    out_.begin_array();
    for (core::InitiativeId id : found->second) {
      const core::Initiative& i = *model_.initiative(id);
      out_.begin_object();
      out_.field("title", i.title);
      person("owner", i.owner);
      out_.field("state", core::to_string(i.state));
      if (i.due_date) out_.field("due_date", i.due_date->to_string());
      if (!i.url.empty()) out_.field("url", i.url);
      instant("created_at", i.created_at);
      out_.end_object();
    }
    out_.end_array();
  }

  void write_comment_list(const std::vector<core::CommentId>& ids) {
    out_.key("comments");
    out_.begin_array();
    for (core::CommentId id : ids) {
      const core::Comment& c = *model_.comment(id);
      out_.begin_object();
      person("author", c.author);
      out_.field("body", c.body);
      instant("at", c.at);
      if (!c.reactions.empty()) {
        out_.key("reactions");
        out_.begin_array();
        for (const core::Reaction& r : c.reactions) {
          out_.begin_object();
          person("person", r.person);
          out_.field("emoji", r.emoji);
          instant("at", r.at);
          out_.end_object();
        }
        out_.end_array();
      }
      out_.end_object();
    }
    out_.end_array();
  }
  void write_comments(NodeRef target) {
    auto found = attached_.comments.find(target.key());
    if (found != attached_.comments.end()) write_comment_list(found->second);
  }

  void write_check_ins(const core::KeyResult& kr) {
    out_.key("check_ins");
    out_.begin_array();
    for (const core::CheckIn& c : model_.check_ins(kr.id)) {
      counts_.check_ins++;
      out_.begin_object();
      instant("at", c.at);
      if (c.recorded_at != c.at) instant("recorded_at", c.recorded_at);
      switch (kr.kind) {
        case core::KeyResultKind::kMetric:
        case core::KeyResultKind::kBand:
          out_.field("value", c.measurement.value);
          // Written by the KPI's value, not by hand: an import makes it again
          // from the KPI's values rather than checking it in.
          if (c.kpi.valid()) out_.field("kpi", kpi_ref(c.kpi));
          break;
        case core::KeyResultKind::kBoolean:
          out_.field("done", c.measurement.done);
          break;
        case core::KeyResultKind::kMilestones:
          out_.key("milestones_done");
          out_.begin_array();
          for (std::size_t bit = 0; bit < core::kMaxMilestones; ++bit) {
            if (c.measurement.milestones_done >> bit & 1) out_.integer(static_cast<int>(bit));
          }
          out_.end_array();
          break;
      }
      if (c.confidence) out_.field("confidence", *c.confidence);
      if (!c.note.empty()) out_.field("note", c.note.view());
      person("author", c.author);
      if (c.on_behalf_of.valid()) person("on_behalf_of", c.on_behalf_of);
      optional_instant("deleted_at", c.deleted_at);
      if (auto found = attached_.check_in_comments.find(c.id.value());
          found != attached_.check_in_comments.end()) {
        write_comment_list(found->second);
      }
      out_.end_object();
    }
    out_.end_array();
  }

  void write_key_result(const core::KeyResult& kr) {
    counts_.key_results++;
    out_.begin_object();
    out_.field("id", key_result_ref(kr.id));
    out_.field("title", kr.title);
    person("owner", kr.owner);
    out_.field("kind", core::to_string(kr.kind));
    switch (kr.kind) {
      case core::KeyResultKind::kMetric:
        out_.field("start", kr.start);
        out_.key("target");
        kr.target ? out_.number(*kr.target) : out_.null();
        break;
      case core::KeyResultKind::kBand:
        out_.field("low", kr.low);
        out_.field("high", kr.high);
        break;
      case core::KeyResultKind::kMilestones:
        out_.key("milestones");
        out_.begin_array();
        for (const core::Milestone& m : kr.milestones) {
          out_.begin_object();
          out_.field("title", m.title);
          out_.field("weight", m.weight);
          out_.end_object();
        }
        out_.end_array();
        break;
      case core::KeyResultKind::kBoolean:
        break;
    }
    out_.field("unit", kr.unit);
    out_.field("weight", kr.weight);
    optional_instant("starts_at", kr.starts_at);
    optional_instant("due_at", kr.due_at);
    out_.field("progress_source", core::to_string(kr.source));
    if (kr.source == core::ProgressSource::kKpi) out_.field("kpi", kpi_ref(kr.kpi));
    out_.key("delegates");
    out_.begin_array();
    for (core::PersonId d : kr.delegates) out_.string(model_.person(d)->email);
    out_.end_array();
    if (!kr.plan.empty()) {
      out_.key("plan");
      out_.begin_array();
      for (const core::PlanPoint& point : kr.plan) {
        out_.begin_object();
        instant("at", point.at);
        out_.field("value", point.value);
        out_.end_object();
      }
      out_.end_array();
    }
    out_.field("archived", kr.archived);
    instant("created_at", kr.created_at);
    if (kr.score) {
      out_.field("score", *kr.score);
      out_.field("graded_done", kr.graded_done);
    }
    score_override(kr.score_override);
    const NodeRef self = NodeRef::of(kr.id);
    write_parents(self);
    write_dependencies(self);
    write_check_ins(kr);
    write_initiatives(self);
    write_comments(self);
    out_.end_object();
  }

  void write_objective(const core::Objective& o) {
    counts_.objectives++;
    out_.begin_object();
    out_.field("id", objective_ref(o.id));
    out_.field("title", o.title);
    out_.field("description", o.description);
    out_.field("period", period_ref(o.period));
    out_.key("owner");
    out_.begin_object();
    if (o.owner.is_unit()) {
      out_.field("unit", unit_ref(o.owner.unit));
    } else {
      person("person", o.owner.person);
    }
    out_.end_object();
    out_.field("type", core::to_string(o.type));
    out_.field("state", core::to_string(o.state));
    out_.field("visibility", core::to_string(o.visibility));
    out_.field("weight", o.weight);
    out_.field("progress_mode", core::to_string(o.progress_mode));
    if (o.progress_mode == core::ProgressMode::kManual) out_.field("progress", o.manual_progress);
    strings("tags", o.tags);
    if (o.rolled_over_from.valid() && exported_objective_[o.rolled_over_from.value()]) {
      out_.field("rolled_over_from", objective_ref(o.rolled_over_from));
    }
    instant("created_at", o.created_at);
    optional_instant("closed_at", o.closed_at);
    if (o.score) out_.field("score", *o.score);
    score_override(o.score_override);
    if (!o.retrospective_note.empty()) out_.field("retrospective_note", o.retrospective_note);
    const NodeRef self = NodeRef::of(o.id);
    write_parents(self);
    write_dependencies(self);
    out_.key("key_results");
    out_.begin_array();
    for (core::KeyResultId kr : model_.key_results_of(o.id)) {
      write_key_result(*model_.key_result(kr));
    }
    out_.end_array();
    write_initiatives(self);
    write_comments(self);
    out_.end_object();
  }

  void write_objectives() {
    out_.key("objectives");
    out_.begin_array();
    for (std::uint32_t i = 0; i < model_.objective_count(); ++i) {
      if (exported_objective_[i]) write_objective(*model_.objective(core::ObjectiveId{i}));
    }
    out_.end_array();
  }

  void write_retrospectives() {
    out_.key("retrospectives");
    out_.begin_array();
    for (const core::Retrospective& r : model_.retrospectives()) {
      if (!exported_period_[r.period.value()]) continue;
      out_.begin_object();
      out_.field("unit", unit_ref(r.unit));
      out_.field("period", period_ref(r.period));
      person("author", r.author);
      instant("recorded_at", r.recorded_at);
      out_.field("first_okrs", r.answers.first_okrs);
      out_.field("aligned", r.answers.aligned);
      out_.field("went_well", r.answers.went_well);
      out_.field("improve", r.answers.improve);
      out_.field("company_changes", r.answers.company_changes);
      out_.field("changed_dependencies", r.answers.changed_dependencies);
      out_.field("lessons", r.answers.lessons);
      out_.end_object();
    }
    out_.end_array();
  }

  const core::Model& model_;
  const ExportScope& scope_;
  DocumentWriter& out_;
  std::vector<bool> exported_objective_;
  std::vector<bool> exported_period_;
  Attachments attached_;
  ExportCounts counts_;
};

}  // namespace

ExportCounts export_document(const core::Model& model, const ExportScope& scope,
                             DocumentWriter& out) {
  return Exporter(model, scope, out).run();
}

}  // namespace cairn::app::exchange
