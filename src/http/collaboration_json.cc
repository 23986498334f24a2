#include "http/collaboration_json.h"

#include <string>
#include <vector>

#include "app/permissions.h"
#include "core/names.h"
#include "http/api_ids.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

void write_target(JsonWriter& w, const Model& model, NodeRef target) {
  w.key("key_result_id");
  if (target.is_objective()) {
    w.null();
  } else {
    w.value(api_id(kKeyResultPrefix, target.index));
  }
  w.key("objective_id").value(api_id(kObjectivePrefix, objective_of(model, target).value()));
}

}  // namespace

ObjectiveId objective_of(const Model& model, NodeRef target) {
  if (target.is_objective()) return target.objective();
  const KeyResult* kr = model.key_result(target.key_result());
  return kr ? kr->objective : ObjectiveId{};
}

void write_initiative(JsonWriter& w, const Model& model, const app::Principal& who,
                      const Initiative& i, std::int64_t version) {
  w.begin_object();
  w.key("id").value(api_id(kInitiativePrefix, i.id.value()));
  w.key("title").value(i.title);
  write_target(w, model, i.target);
  w.key("owner_id");
  if (i.owner.valid()) {
    w.value(api_id(kPersonPrefix, i.owner.value()));
  } else {
    w.null();
  }
  w.key("state").value(core::to_string(i.state));
  w.key("due_date");
  if (i.due_date) {
    w.value(i.due_date->to_string());
  } else {
    w.null();
  }
  w.key("url").value(i.url);
  w.key("created_at").value(to_rfc3339(i.created_at));
  w.key("version").value(version);
  w.key("can").begin_object();
  w.key("edit").value(app::can(model, who, i.id).edit);
  w.end_object();
  w.end_object();
}

void write_comment(JsonWriter& w, const Model& model, const app::Principal& who, const Comment& c,
                   std::int64_t version) {
  w.begin_object();
  w.key("id").value(api_id(kCommentPrefix, c.id.value()));
  w.key("target").begin_object();
  if (c.check_in.valid()) w.key("check_in_id").value(api_id(kCheckInPrefix, c.check_in.value()));
  if (c.target.is_objective()) {
    w.key("objective_id").value(api_id(kObjectivePrefix, c.target.index));
  } else {
    write_target(w, model, c.target);
  }
  w.end_object();
  w.key("body").value(c.body);
  w.key("author_id").value(api_id(kPersonPrefix, c.author.value()));
  w.key("at").value(to_rfc3339(c.at));
  w.key("mentions").begin_array();
  for (PersonId p : c.mentions) w.value(api_id(kPersonPrefix, p.value()));
  w.end_array();
  struct Count {
    const std::string* emoji;
    std::int64_t count = 0;
    bool mine = false;
  };
  std::vector<Count> counts;
  for (const Reaction& r : c.reactions) {
    Count* found = nullptr;
    for (Count& k : counts) found = *k.emoji == r.emoji ? &k : found;
    if (!found) found = &counts.emplace_back(Count{&r.emoji});
    ++found->count;
    found->mine = found->mine || r.person == who.person;
  }
  w.key("reactions").begin_array();
  for (const Count& k : counts) {
    w.begin_object().key("emoji").value(*k.emoji).key("count").value(k.count);
    w.key("mine").value(k.mine).end_object();
  }
  w.end_array();
  w.key("version").value(version);
  w.key("can").begin_object();
  w.key("comment").value(app::can(model, who, c.id).comment);
  w.end_object();
  w.end_object();
}

void write_retrospective(JsonWriter& w, const core::Retrospective& r, std::int64_t revision,
                         std::string_view unit_name) {
  w.begin_object();
  w.key("id").value(api_id(kRetrospectivePrefix, r.id.value()));
  w.key("unit_id").value(api_id(kUnitPrefix, r.unit.value()));
  if (!unit_name.empty()) w.key("unit_name").value(unit_name);
  w.key("period_id").value(api_id(kPeriodPrefix, r.period.value()));
  w.key("author_id").value(api_id(kPersonPrefix, r.author.value()));
  w.key("recorded_at").value(core::to_rfc3339(r.recorded_at));
  w.key("answers").begin_object();
  for (const auto& [name, member] : kRetrospectiveAnswers) w.key(name).value(r.answers.*member);
  w.end_object();
  w.key("revision").value(revision);
  w.end_object();
}

}  // namespace cairn::http
