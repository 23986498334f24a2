#include "app/alerts.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "app/access.h"
#include "app/security_log.h"
#include "core/status.h"

namespace cairn::app {
namespace {

using core::NodeRef;
using core::Status;

// The API's ids (docs/api.md), so payloads name things as the API does.
std::string api_id(std::string_view prefix, std::uint32_t index) {
  return std::string(prefix) + std::to_string(index);
}
std::string node_id(NodeRef node) {
  return node.is_objective() ? api_id("obj_", node.index) : api_id("kr_", node.index);
}

std::string percent(double value) {
  return std::to_string(static_cast<int>(std::lround(value * 100))) + "%";
}

std::string person_name(const core::Model& model, core::PersonId id) {
  const core::Person* p = model.person(id);
  return p ? p->name : std::string("Someone");
}

bool wants(const WebhookWanted& wanted, std::string_view type) {
  return !wanted || wanted(type);
}

bool watched(const core::Objective& o) {
  return o.state == core::ObjectiveState::kActive;
}

// A status worth an alert when it is newly reached: behind, or at risk.
bool alarming(Status s) {
  return s == Status::kBehind || s == Status::kAtRisk;
}

void add_person_alert(Alerts& out, const core::Model& model, core::PersonId person,
                      core::PersonId actor, NodeRef node, std::string kind, std::string title,
                      std::string text, const boost::json::object& params) {
  if (!person.valid() || person == actor || !may_see(model, person, node)) return;
  for (const PersonAlert& a : out.people) {
    if (a.person == person && a.kind == kind && a.subject == subject_of(node)) return;
  }
  out.people.push_back(PersonAlert{person, std::move(kind), subject_of(node), std::move(title),
                                   std::move(text), params});
}

boost::json::object node_json(const core::Evaluation& eval, NodeRef node) {
  boost::json::object o;
  o["id"] = node_id(node);
  o["title"] = title_of(eval.model(), node);
  if (node.is_objective()) {
    const core::ObjectiveView v = eval.objective_view(node.objective());
    o["progress"] = v.progress;
    o["expected"] = v.expected;
    o["status"] = core::to_string(v.status);
  } else {
    const core::KeyResultView v = eval.key_result_view(node.key_result());
    o["objective_id"] =
        api_id("obj_", eval.model().key_result(node.key_result())->objective.value());
    o["current"] = v.current;
    o["progress"] = v.progress;
    o["expected"] = v.expected;
    o["status"] = core::to_string(v.status);
  }
  return o;
}

void status_alerts(Alerts& out, const core::Evaluation& eval, NodeRef node, Status before,
                   Status now, core::PersonId actor, const WebhookWanted& wanted) {
  const core::Model& model = eval.model();
  const bool objective = node.is_objective();
  const std::string what = objective ? "Objective" : "Key result";
  const std::string title =
      what + " " + quoted(title_of(model, node)) + " is now " + core::to_string(now);
  std::string text = title + ".";
  if (!objective) {
    const core::KeyResultView v = eval.key_result_view(node.key_result());
    text += " Progress " + percent(v.progress) + ", expected " + percent(v.expected) + ".";
  } else {
    const core::ObjectiveView v = eval.objective_view(node.objective());
    text += " Progress " + percent(v.progress) + ", expected " + percent(v.expected) + ".";
  }
  boost::json::object params = subject_params(model, node);
  params["status"] = core::to_string(now);
  params["previous_status"] = core::to_string(before);
  if (objective) {
    const core::ObjectiveView v = eval.objective_view(node.objective());
    params["progress"] = v.progress;
    params["expected"] = v.expected;
  } else {
    const core::KeyResultView v = eval.key_result_view(node.key_result());
    params["progress"] = v.progress;
    params["expected"] = v.expected;
  }
  for (core::PersonId p : people_of(model, node)) {
    add_person_alert(out, model, p, actor, node, "status_changed", title, text, params);
  }
  if (is_public(model, node) &&
      wants(wanted, objective ? "objective.status_changed" : "key_result.status_changed")) {
    boost::json::object data;
    data[objective ? "objective" : "key_result"] = node_json(eval, node);
    data["previous_status"] = core::to_string(before);
    out.webhooks.push_back(
        WebhookEvent{objective ? "objective.status_changed" : "key_result.status_changed", title,
                     text, std::move(data)});
  }
  if (now != Status::kAtRisk) return;
  // F13: a dependency at risk is shown to the side that depends on it.
  for (core::DependencyId id : model.dependencies_to(node)) {
    const core::Dependency* d = model.dependency(id);
    if (!d || d->removed) continue;
    const std::string dep_title = title_of(model, d->from) + " depends on " +
                                  quoted(title_of(model, node)) + ", which is now at risk";
    boost::json::object params = subject_params(model, d->from);
    params["dependency_subject"] = node.is_objective() ? "objective" : "key_result";
    params["dependency_title"] = title_of(model, node);
    for (core::PersonId p : people_of(model, d->from)) {
      // Both sides must be visible: the alert names both.
      if (!may_see(model, p, node)) continue;
      add_person_alert(out, model, p, actor, d->from, "dependency_at_risk",
                       quoted(title_of(model, d->from)) + ": a dependency is at risk",
                       quoted(dep_title) + ".", params);
    }
    if (is_public(model, d->from) && is_public(model, node) &&
        wants(wanted, "dependency.at_risk")) {
      boost::json::object data;
      data["from"] = node_json(eval, d->from);
      data["to"] = node_json(eval, node);
      out.webhooks.push_back(WebhookEvent{
          "dependency.at_risk", quoted(title_of(model, d->from)) + ": a dependency is at risk",
          quoted(dep_title) + ".", std::move(data)});
    }
  }
}

}  // namespace

bool is_alert_kind(std::string_view kind) {
  return std::ranges::find(kAlertKinds, kind) != std::end(kAlertKinds);
}

bool is_webhook_event_type(std::string_view type) {
  return std::ranges::find(kWebhookEventTypes, type) != std::end(kWebhookEventTypes);
}

std::string quoted(std::string_view text) {
  return "\u201c" + std::string(text) + "\u201d";
}

bool may_see(const core::Model& model, core::PersonId person, NodeRef node) {
  const core::Person* p = model.person(person);
  if (!p || !p->active) return false;
  return can_see(model, Principal{0, person, p->role, 0, {}}, node);
}

std::vector<std::string_view> list_items(std::string_view list) {
  std::vector<std::string_view> out;
  if (list.empty()) return out;
  for (;;) {
    const std::size_t comma = list.find(',');
    std::string_view one = list.substr(0, comma);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
    out.push_back(one);
    if (comma == std::string_view::npos) return out;
    list.remove_prefix(comma + 1);
  }
}

std::optional<NodeRef> node_of_subject(std::string_view subject) {
  auto number = [&](std::string_view prefix) -> std::optional<std::uint32_t> {
    if (!subject.starts_with(prefix)) return std::nullopt;
    std::uint32_t value = 0;
    const char* end = subject.data() + subject.size();
    auto [ptr, error] = std::from_chars(subject.data() + prefix.size(), end, value);
    if (error != std::errc() || ptr != end) return std::nullopt;
    return value;
  };
  if (auto o = number("objective:")) return NodeRef::of(core::ObjectiveId{*o});
  if (auto k = number("key_result:")) return NodeRef::of(core::KeyResultId{*k});
  return std::nullopt;
}

std::string subject_of(NodeRef node) {
  return (node.is_objective() ? "objective:" : "key_result:") + std::to_string(node.index);
}

std::string title_of(const core::Model& model, NodeRef node) {
  if (node.is_objective()) {
    const core::Objective* o = model.objective(node.objective());
    return o ? o->title : std::string();
  }
  const core::KeyResult* kr = model.key_result(node.key_result());
  return kr ? kr->title : std::string();
}

boost::json::object subject_params(const core::Model& model, NodeRef node) {
  boost::json::object params;
  params["subject"] = node.is_objective() ? "objective" : "key_result";
  params["title"] = title_of(model, node);
  if (!node.is_objective()) {
    if (const core::KeyResult* kr = model.key_result(node.key_result())) {
      params["objective_id"] = api_id("obj_", kr->objective.value());
    }
  }
  return params;
}

boost::json::object key_result_item(const core::KeyResult& kr, const core::Objective& objective) {
  return boost::json::object{{"id", api_id("kr_", kr.id.value())},
                             {"title", kr.title},
                             {"objective_id", api_id("obj_", objective.id.value())},
                             {"objective_title", objective.title}};
}

std::vector<core::PersonId> people_of(const core::Model& model, NodeRef node) {
  std::vector<core::PersonId> out;
  if (node.is_objective()) {
    const core::Objective* o = model.objective(node.objective());
    if (!o) return out;
    if (o->owner.person.valid()) {
      out.push_back(o->owner.person);
    } else if (const core::Unit* u = model.unit(o->owner.unit); u && u->lead.valid()) {
      out.push_back(u->lead);
    }
    return out;
  }
  const core::KeyResult* kr = model.key_result(node.key_result());
  if (!kr) return out;
  if (kr->owner.valid()) out.push_back(kr->owner);
  for (core::PersonId d : kr->delegates) {
    if (std::ranges::find(out, d) == out.end()) out.push_back(d);
  }
  return out;
}

bool is_public(const core::Model& model, NodeRef node) {
  const core::ObjectiveId id =
      node.is_objective() ? node.objective() : model.graph().objective_of(node.key_result());
  const core::Objective* o = model.objective(id);
  return o && o->visibility == core::Visibility::kPublic;
}

std::optional<core::Status> StatusMap::find(core::NodeRef node) const {
  const std::vector<std::uint8_t>& known = slots(node);
  if (node.index >= known.size() || known[node.index] == 0) return std::nullopt;
  return static_cast<core::Status>(known[node.index] - 1);
}

void StatusMap::set(core::NodeRef node, core::Status status) {
  std::vector<std::uint8_t>& known = slots(node);
  if (node.index >= known.size()) known.resize(node.index + 1, 0);
  known[node.index] = static_cast<std::uint8_t>(static_cast<int>(status) + 1);
}

void StatusMap::erase(core::NodeRef node) {
  std::vector<std::uint8_t>& known = slots(node);
  if (node.index < known.size()) known[node.index] = 0;
}

StatusMap watched_statuses(const core::Evaluation& eval) {
  const core::Model& model = eval.model();
  StatusMap out;
  for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
    const core::Objective* o = model.objective(core::ObjectiveId{i});
    if (!o || !watched(*o)) continue;
    const NodeRef node = NodeRef::of(o->id);
    out.set(node, eval.status(node));
    for (core::KeyResultId kr : model.key_results_of(o->id)) {
      const core::KeyResult* k = model.key_result(kr);
      if (!k || k->archived) continue;
      out.set(NodeRef::of(kr), eval.status(NodeRef::of(kr)));
    }
  }
  return out;
}

std::vector<StatusChange> update_statuses(const core::Evaluation& eval,
                                          const std::vector<core::Touched>& touched,
                                          StatusMap& statuses) {
  const core::Model& model = eval.model();
  std::vector<StatusChange> changes;
  // The touched items and everything their numbers roll up into.
  std::vector<NodeRef> nodes;
  for (const core::Touched& t : touched) {
    if (t.kind == core::EntityKind::kKeyResult) {
      nodes.push_back(NodeRef::of(core::KeyResultId{t.index}));
    } else if (t.kind == core::EntityKind::kObjective) {
      nodes.push_back(NodeRef::of(core::ObjectiveId{t.index}));
    } else if (t.kind == core::EntityKind::kCheckIn) {
      if (const core::CheckIn* c = model.check_in(core::CheckInId{t.index})) {
        nodes.push_back(NodeRef::of(c->key_result));
      }
    }
  }
  std::vector<NodeRef> all = nodes;
  for (NodeRef n : nodes) {
    if (!n.is_objective() && model.graph().has(n)) {
      all.push_back(NodeRef::of(model.graph().objective_of(n.key_result())));
    }
  }
  std::vector<NodeRef> present;
  for (NodeRef n : all) {
    if (model.graph().has(n)) present.push_back(n);
  }
  for (NodeRef n : model.graph().ancestors_in_rollup_order(present)) all.push_back(n);
  std::ranges::sort(all);
  all.erase(std::unique(all.begin(), all.end()), all.end());
  for (NodeRef node : all) {
    const core::ObjectiveId oid =
        node.is_objective() ? node.objective() : model.graph().objective_of(node.key_result());
    const core::Objective* o = model.objective(oid);
    const bool archived_kr =
        !node.is_objective() &&
        (!model.key_result(node.key_result()) || model.key_result(node.key_result())->archived);
    if (!o || !watched(*o) || archived_kr) {
      statuses.erase(node);
      continue;
    }
    const Status now = eval.status(node);
    // A new item starts where it is: only a change of a known status counts.
    if (const std::optional<Status> before = statuses.find(node); before && *before != now) {
      changes.push_back(StatusChange{node, *before, now});
    }
    statuses.set(node, now);
  }
  return changes;
}

Alerts alerts_for_change(const core::Evaluation& eval, const Command& command,
                         const std::vector<core::Touched>& touched, core::PersonId actor,
                         StatusMap& statuses, const WebhookWanted& wanted) {
  const core::Model& model = eval.model();
  Alerts out;

  // Mentions (F27) and the comment itself.
  for (const core::Touched& t : touched) {
    if (t.kind != core::EntityKind::kComment || t.versions_before != 0) continue;
    const core::Comment* c = model.comment(core::CommentId{t.index});
    if (!c) continue;
    const std::string on = quoted(title_of(model, c->target));
    // Cut between characters: half a UTF-8 sequence would make the stored
    // notification, the email and the webhook call text that no reader takes.
    std::string excerpt = c->body.size() > 280 ? clipped(c->body, 277) + "..." : c->body;
    boost::json::object params = subject_params(model, c->target);
    params["author"] = person_name(model, c->author);
    params["excerpt"] = excerpt;
    for (core::PersonId p : c->mentions) {
      add_person_alert(
          out, model, p, c->author, c->target, "mention",
          person_name(model, c->author) + " mentioned you on " + on,
          person_name(model, c->author) + " mentioned you on " + on + ":\n\n" + excerpt, params);
    }
    if (is_public(model, c->target) && wants(wanted, "comment.created")) {
      boost::json::object data;
      data["comment"] = {{"id", api_id("cmt_", c->id.value())},
                         {"author_id", api_id("per_", c->author.value())},
                         {"author", person_name(model, c->author)},
                         {"body", c->body}};
      data[c->target.is_objective() ? "objective" : "key_result"] = node_json(eval, c->target);
      out.webhooks.push_back(WebhookEvent{"comment.created",
                                          person_name(model, c->author) + " commented on " + on,
                                          excerpt, std::move(data)});
    }
  }

  // Delegations: people newly among a key result's delegates.
  if (std::holds_alternative<AddKeyResult>(command) ||
      std::holds_alternative<UpdateKeyResult>(command) ||
      std::holds_alternative<CreateKeyResult>(command)) {
    for (const core::Touched& t : touched) {
      if (t.kind != core::EntityKind::kKeyResult) continue;
      const auto& versions = model.key_result_history(core::KeyResultId{t.index}).versions();
      const core::KeyResult& now = versions.back().value;
      const core::KeyResult* before =
          t.versions_before > 0 ? &versions[t.versions_before - 1].value : nullptr;
      for (core::PersonId d : now.delegates) {
        if (before && std::ranges::find(before->delegates, d) != before->delegates.end()) continue;
        const NodeRef node = NodeRef::of(now.id);
        const std::string title =
            person_name(model, actor) + " delegated check-ins of " + quoted(now.title) + " to you";
        boost::json::object params = subject_params(model, node);
        params["actor"] = person_name(model, actor);
        params["owner"] = person_name(model, now.owner);
        add_person_alert(
            out, model, d, actor, node, "delegation", title,
            title + ": you may now check in on behalf of " + person_name(model, now.owner) + ".",
            params);
        if (is_public(model, node) && wants(wanted, "key_result.delegated")) {
          boost::json::object data;
          data["key_result"] = node_json(eval, node);
          data["delegate_id"] = api_id("per_", d.value());
          data["delegate"] = person_name(model, d);
          out.webhooks.push_back(WebhookEvent{
              "key_result.delegated", quoted(now.title) + " delegated to " + person_name(model, d),
              title + ".", std::move(data)});
        }
      }
    }
  }

  // Check-ins, for the webhooks.
  const bool check_in_events = wants(wanted, "check_in.created");
  for (const core::Touched& t : touched) {
    if (!check_in_events || t.kind != core::EntityKind::kCheckIn || t.versions_before != 0) {
      continue;
    }
    const core::CheckIn* c = model.check_in(core::CheckInId{t.index});
    if (!c || !is_public(model, NodeRef::of(c->key_result))) continue;
    const core::KeyResultView v = eval.key_result_view(c->key_result);
    const NodeRef node = NodeRef::of(c->key_result);
    boost::json::object data;
    boost::json::object check_in{{"id", api_id("ci_", c->id.value())},
                                 {"author_id", api_id("per_", c->author.value())},
                                 {"note", c->note.view()}};
    if (c->confidence) check_in["confidence"] = *c->confidence;
    data["check_in"] = std::move(check_in);
    data["key_result"] = node_json(eval, node);
    const std::string title =
        person_name(model, c->author) + " checked in on " + quoted(title_of(model, node));
    out.webhooks.push_back(WebhookEvent{
        "check_in.created", title,
        title + ": progress " + percent(v.progress) + ", " + core::to_string(v.status) + ".",
        std::move(data)});
  }

  // Statuses: a status that turned worse alerts.
  for (const StatusChange& c : update_statuses(eval, touched, statuses)) {
    if (alarming(c.now) && !(c.before == Status::kAtRisk && c.now == Status::kBehind)) {
      status_alerts(out, eval, c.node, c.before, c.now, actor, wanted);
    }
  }
  return out;
}

}  // namespace cairn::app
