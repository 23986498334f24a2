#include "cli/okr_tree.h"

#include <cstdio>
#include <set>
#include <sstream>

#include "core/names.h"

namespace cairn::cli {
namespace {

using namespace cairn::core;

constexpr std::size_t kTitleWidth = 58;

std::string owner_name(const Evaluation& eval, const Owner& owner) {
  if (owner.is_unit()) {
    const Unit* u = eval.unit(owner.unit);
    return u ? u->name : "?";
  }
  const Person* p = eval.person(owner.person);
  return p ? p->name : "?";
}

class TreePrinter {
 public:
  TreePrinter(const Evaluation& eval, PeriodId period, const Style& style)
      : eval_(eval), period_(period), style_(style) {}

  std::string print();

 private:
  bool in_period(ObjectiveId id) const {
    const Objective* o = eval_.objective(id);
    return o && o->period == period_ && !o->archived();
  }
  void objective_line(ObjectiveId id, const std::string& prefix, const std::string& note);
  void key_result_line(KeyResultId id, const std::string& prefix);
  void subtree(ObjectiveId id, const std::string& indent);

  const Evaluation& eval_;
  PeriodId period_;
  const Style& style_;
  std::set<std::uint32_t> printed_;
  std::ostringstream out_;
};

void TreePrinter::objective_line(ObjectiveId id, const std::string& prefix,
                                 const std::string& note) {
  const Objective& o = *eval_.objective(id);
  const ObjectiveView v = eval_.objective_view(id);
  out_ << prefix << style_.bold("◆ " + fit(o.title, kTitleWidth - 2)) << "  "
       << style_.bar(v.progress) << ' ' << percent(v.progress) << "  "
       << (o.state == ObjectiveState::kDraft ? style_.dim("draft      ") : style_.status(v.status));
  if (v.confidence) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "  confidence %.1f", *v.confidence);
    out_ << style_.dim(buffer);
  }
  if (v.score) out_ << "  score " << style_.score(*v.score);
  if (v.blocked_by_risk) out_ << "  " << style_.dim("blocked by a risk");
  out_ << '\n';
  out_ << prefix << "  "
       << style_.dim(owner_name(eval_, o.owner) + " · " + std::string(to_string(o.type)) +
                     " · expected " + percent(v.expected) + note)
       << '\n';
}

void TreePrinter::key_result_line(KeyResultId id, const std::string& prefix) {
  const KeyResult& kr = *eval_.key_result(id);
  const KeyResultView v = eval_.key_result_view(id);
  std::string value;
  switch (kr.kind) {
    case KeyResultKind::kMetric:
      value = format_value(v.current) + " / " + (kr.target ? format_value(*kr.target) : "?") + " " +
              kr.unit;
      break;
    case KeyResultKind::kBand:
      value = format_value(v.current) + " in " + format_value(kr.low) + "–" +
              format_value(kr.high) + " " + kr.unit;
      break;
    case KeyResultKind::kMilestones:
      value = "milestones";
      break;
    case KeyResultKind::kBoolean:
      value = v.progress >= 1 ? "done" : "not done";
      break;
  }
  const bool draft = eval_.objective(kr.objective)->state == ObjectiveState::kDraft;
  out_ << prefix << "○ " << fit(kr.title, kTitleWidth - 4) << "  " << style_.bar(v.progress) << ' '
       << percent(v.progress) << "  "
       << (draft ? style_.dim("draft      ") : style_.status(v.status));
  if (v.confidence) out_ << style_.dim("  confidence " + std::to_string(*v.confidence));
  if (v.score) out_ << "  score " << style_.score(*v.score);
  if (v.stale) out_ << "  " << style_.dim("stale");
  out_ << '\n';
  std::string detail = fit(value, 28);
  if (v.forecast) detail += "  forecast " + percent(*v.forecast);
  if (kr.source == ProgressSource::kChildren) detail += "  fed by the objectives aligned to it";
  if (kr.source == ProgressSource::kSum) detail += "  sum of the key results below";
  out_ << prefix << "    " << style_.dim(detail) << '\n';
}

void TreePrinter::subtree(ObjectiveId id, const std::string& indent) {
  printed_.insert(id.value());
  const AlignmentGraph& graph = eval_.graph();
  for (KeyResultId kr : graph.key_results(id)) {
    const KeyResult* k = eval_.key_result(kr);
    if (!k || k->archived) continue;
    key_result_line(kr, indent + "  ");
    for (LinkId link : graph.child_links(NodeRef::of(kr))) {
      const AlignmentGraph::Edge& e = graph.edge(link);
      if (e.child.is_objective()) {
        if (!in_period(e.child.objective())) continue;
        const bool seen = printed_.contains(e.child.index);
        objective_line(
            e.child.objective(), indent + "      ",
            std::string(e.contributes ? "" : " · supports") + (seen ? " · shown above" : ""));
        if (!seen) subtree(e.child.objective(), indent + "      ");
      } else {
        const KeyResult& child = *eval_.key_result(e.child.key_result());
        const Objective& owner_objective = *eval_.objective(child.objective);
        out_ << indent << "      "
             << style_.dim("↳ adds " + child.title + " (" +
                           owner_name(eval_, owner_objective.owner) + ")")
             << '\n';
      }
    }
  }
  for (LinkId link : graph.child_links(NodeRef::of(id))) {
    const AlignmentGraph::Edge& e = graph.edge(link);
    if (!e.child.is_objective() || !in_period(e.child.objective())) continue;
    const bool seen = printed_.contains(e.child.index);
    std::string note = e.contributes ? "" : " · supports";
    if (e.weight != 1) note += " · weight " + format_value(e.weight);
    if (seen) note += " · shown above";
    objective_line(e.child.objective(), indent + "    ", note);
    if (!seen) subtree(e.child.objective(), indent + "    ");
  }
}

std::string TreePrinter::print() {
  const Model& model = eval_.model();
  std::vector<ObjectiveId> roots, unaligned, drafts;
  for (ObjectiveId id : model.objectives_in(period_)) {
    if (!in_period(id)) continue;
    const Objective& o = *eval_.objective(id);
    if (o.state == ObjectiveState::kDraft) {
      drafts.push_back(id);
    } else if (o.owner.unit.valid() && o.owner.unit == model.company()) {
      roots.push_back(id);
    } else if (eval_.graph().parent_links(NodeRef::of(id)).empty()) {
      unaligned.push_back(id);
    }
  }
  for (ObjectiveId id : roots) {
    objective_line(id, "", "");
    subtree(id, "");
    out_ << '\n';
  }
  if (!unaligned.empty()) {
    out_ << style_.bold("Not aligned to anything") << '\n';
    for (ObjectiveId id : unaligned) {
      objective_line(id, "", "");
      subtree(id, "");
    }
    out_ << '\n';
  }
  if (!drafts.empty()) {
    out_ << style_.bold("Drafts") << '\n';
    for (ObjectiveId id : drafts) {
      objective_line(id, "", "");
      subtree(id, "");
      for (const Warning& w : model.warnings(id)) {
        out_ << "    " << style_.dim("⚠ " + std::string(to_string(w.rule)) + ": " + w.message)
             << '\n';
      }
    }
  }
  return out_.str();
}

}  // namespace

std::string render_profile(const Evaluation& eval, const Style& style) {
  const Organization& org = eval.organization();
  std::ostringstream out;
  out << style.bold(org.name) << '\n';
  if (!org.mission.empty()) out << style.dim("Mission  ") << org.mission << '\n';
  if (!org.vision.empty()) out << style.dim("Vision   ") << org.vision << '\n';
  if (!org.values.empty()) {
    out << style.dim("Values   ");
    for (std::size_t i = 0; i < org.values.size(); ++i) out << (i ? " · " : "") << org.values[i];
    out << '\n';
  }
  return out.str();
}

std::string render_okr_tree(const Evaluation& eval, PeriodId period, const Style& style) {
  const Period& p = *eval.period(period);
  std::ostringstream out;
  int counts[6] = {};
  int total = 0;
  for (ObjectiveId id : eval.model().objectives_in(period)) {
    const Objective* o = eval.objective(id);
    if (!o || o->period != period || o->state != ObjectiveState::kActive) continue;
    ++counts[static_cast<int>(eval.objective_view(id).status)];
    ++total;
  }
  out << style.bold(p.name) << "  " << p.start_date.to_string() << " – " << p.end_date.to_string()
      << style.dim("  as of " + to_rfc3339(eval.as_of())) << '\n';
  const UnitId company = eval.model().company();
  if (company.valid()) {
    const double progress = eval.unit_progress(company, period);
    out << "Company progress " << style.bar(progress) << ' ' << percent(progress) << "   " << total
        << " active objectives: " << counts[static_cast<int>(Status::kOnTrack)] << " on track, "
        << counts[static_cast<int>(Status::kBehind)] << " behind, "
        << counts[static_cast<int>(Status::kAtRisk)] << " at risk, "
        << counts[static_cast<int>(Status::kNotStarted)] << " not started, "
        << counts[static_cast<int>(Status::kDone)] << " done"
        << "\n\n";
  }
  out << TreePrinter(eval, period, style).print();
  return out.str();
}

std::string render_scores(const Evaluation& eval, PeriodId period, const Style& style) {
  const Period& p = *eval.period(period);
  std::ostringstream out;
  out << style.bold(p.name + " scores") << '\n';
  for (ObjectiveId id : eval.model().objectives_in(period)) {
    const Objective* o = eval.objective(id);
    if (!o || o->period != period || o->archived()) continue;
    const ObjectiveView v = eval.objective_view(id);
    out << "◆ " << fit(o->title, kTitleWidth) << "  "
        << (v.score ? style.score(*v.score) : style.dim("  – ")) << "  " << to_string(o->type)
        << (o->closed() ? (v.success ? ", succeeded" : ", fell short") : ", open") << '\n';
    for (KeyResultId kr : eval.graph().key_results(id)) {
      const KeyResult* k = eval.key_result(kr);
      if (!k || k->archived) continue;
      out << "    ○ " << fit(k->title, kTitleWidth - 4) << "  "
          << (k->effective_score() ? style.score(*k->effective_score()) : style.dim("  – "));
      if (k->score_override) {
        out << style.dim("  overridden from " + format_value(k->score.value_or(0)) + ": " +
                         k->score_override->reason);
      }
      out << '\n';
    }
  }
  return out.str();
}

}  // namespace cairn::cli
