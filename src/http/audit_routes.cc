// GET /audit?target_id&actor_id&since&limit&cursor: who changed what, when,
// with the entity as it was before and after (QUALITY.md "Data safety").
//
// Who reads what: admins read every entry. Anyone else reads the entries
// about what they can see today (app/access.h): an entry about a private
// objective, its key results, check-ins, initiatives and comments, or a link
// or dependency touching one, is left out for those who may not see it, and
// naming such a target is a 404. Units, people, periods, the organisation and
// retrospectives are visible to everyone in the organisation. Secrets
// (password and token hashes) live in tables of their own and never reach
// the audit log.
//
// `before` and `after` are the stored form of the entity (ids are the core's
// indexes, instants seconds since the epoch), as the log keeps it forever.
#include <charconv>

#include "app/access.h"
#include "core/entity_kind.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/json_writer.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// The API id prefix of each entity kind, in EntityKind order.
constexpr std::string_view kPrefixes[] = {
    kOrganizationPrefix, kUnitPrefix,          kPersonPrefix, kPeriodPrefix,     kObjectivePrefix,
    kKeyResultPrefix,    kCheckInPrefix,       kLinkPrefix,   kDependencyPrefix, kInitiativePrefix,
    kCommentPrefix,      kRetrospectivePrefix, kKpiPrefix,
};
constexpr EntityKind kAuditedKinds[] = {
    EntityKind::kOrganization, EntityKind::kUnit,      EntityKind::kPerson,
    EntityKind::kPeriod,       EntityKind::kObjective, EntityKind::kKeyResult,
    EntityKind::kCheckIn,      EntityKind::kLink,      EntityKind::kDependency,
    EntityKind::kInitiative,   EntityKind::kComment,   EntityKind::kRetrospective,
    EntityKind::kKpi,
};

std::optional<EntityKind> kind_named(std::string_view name) {
  for (EntityKind kind : kAuditedKinds) {
    if (to_string(kind) == name) return kind;
  }
  return std::nullopt;
}

// Whether an entity exists now and the caller may see it.
bool visible(const Model& model, const app::Principal& who, EntityKind kind, std::uint32_t index) {
  switch (kind) {
    case EntityKind::kOrganization:
      return true;
    case EntityKind::kUnit:
      return model.unit(UnitId{index}) != nullptr;
    case EntityKind::kPerson:
      return model.person(PersonId{index}) != nullptr;
    case EntityKind::kPeriod:
      return model.period(PeriodId{index}) != nullptr;
    case EntityKind::kRetrospective:
      return index < model.retrospectives().size();
    case EntityKind::kKpi:
      return model.kpi(KpiId{index}) != nullptr;
    case EntityKind::kObjective:
      return model.objective(ObjectiveId{index}) && app::can_see(model, who, ObjectiveId{index});
    case EntityKind::kKeyResult:
      return model.key_result(KeyResultId{index}) && app::can_see(model, who, KeyResultId{index});
    case EntityKind::kCheckIn: {
      const CheckIn* c = model.check_in(CheckInId{index});
      return c && app::can_see(model, who, c->key_result);
    }
    case EntityKind::kLink: {
      const AlignmentLink* l = model.link(LinkId{index});
      return l && app::can_see(model, who, l->child) && app::can_see(model, who, l->parent);
    }
    case EntityKind::kDependency: {
      const Dependency* d = model.dependency(DependencyId{index});
      return d && app::can_see(model, who, d->from) && app::can_see(model, who, d->to);
    }
    case EntityKind::kInitiative: {
      const Initiative* i = model.initiative(InitiativeId{index});
      return i && app::can_see(model, who, i->target);
    }
    case EntityKind::kComment: {
      const Comment* c = model.comment(CommentId{index});
      return c && app::can_see(model, who, c->target);
    }
  }
  return false;
}

bool is_admin(const Model& model, const app::Principal& who) {
  const Person* p = model.person(who.person);
  return p && p->active && p->role == Role::kAdmin;
}

struct AuditRequest {
  std::optional<std::pair<EntityKind, std::uint32_t>> target;
  std::optional<std::string> actor;  // as the change log names it
  std::optional<Instant> since;
  std::size_t limit = kDefaultLimit;
  std::int64_t before_seq = INT64_MAX;
  int before_position = 0;
};

Result<AuditRequest> audit_request(const Request& request) {
  AuditRequest out;
  const auto param = [&](const char* name) -> const std::string* {
    const auto it = request.query.find(name);
    return it == request.query.end() ? nullptr : &it->second;
  };
  if (const std::string* target = param("target_id")) {
    for (std::size_t n = 0; n < std::size(kAuditedKinds) && !out.target; ++n) {
      if (auto index = parse_api_id(kPrefixes[n], *target))
        out.target.emplace(kAuditedKinds[n], *index);
    }
    if (!out.target) return invalid("target_id", "not the id of anything Cairn keeps");
  }
  if (const std::string* actor = param("actor_id")) {
    const auto index = parse_api_id(kPersonPrefix, *actor);
    if (!index) return invalid("actor_id", "not a person's id");
    out.actor = "person:" + std::to_string(*index);
  }
  if (const std::string* since = param("since")) {
    out.since = parse_rfc3339(*since);
    if (!out.since) return invalid("since", "an RFC 3339 instant is expected");
  }
  if (const std::string* limit = param("limit")) {
    // The same rule as every list's ?limit= (read_query.h); the cursor differs.
    Request only_limit;
    only_limit.query.emplace("limit", *limit);
    auto paging = page(only_limit);
    if (!paging) return paging.error();
    out.limit = paging->limit;
  }
  if (const std::string* cursor = param("cursor")) {
    // "<seq>.<position>" of the last entry of the previous page.
    const std::size_t dot = cursor->find('.');
    const char* end = cursor->data() + cursor->size();
    auto [seq_end, seq_error] = std::from_chars(
        cursor->data(), cursor->data() + std::min(dot, cursor->size()), out.before_seq);
    bool ok = dot != std::string::npos && seq_error == std::errc() &&
              seq_end == cursor->data() + dot && out.before_seq > 0;
    if (ok) {
      auto [pos_end, pos_error] = std::from_chars(seq_end + 1, end, out.before_position);
      ok = pos_error == std::errc() && pos_end == end && out.before_position >= 0;
    }
    if (!ok) return invalid("cursor", "not a cursor from a previous answer");
  }
  return out;
}

std::string entity_id(const app::Principal& who, const store::AuditEntry& e) {
  const auto kind = kind_named(e.entity);
  if (!kind) return e.entity + "_" + std::to_string(e.entity_id);
  if (*kind == EntityKind::kOrganization) return api_id(kOrganizationPrefix, who.organization);
  return api_id(kPrefixes[static_cast<std::size_t>(*kind)],
                static_cast<std::uint64_t>(e.entity_id));
}

void write_entry(JsonWriter& w, const app::Principal& who, const store::AuditEntry& e) {
  w.begin_object();
  w.key("at").value(to_rfc3339(e.at));
  w.key("actor_id");
  if (e.actor.starts_with("person:")) {
    w.value(std::string(kPersonPrefix) + e.actor.substr(7));
  } else {
    w.null();
  }
  w.key("actor").value(e.actor);
  w.key("entity").value(e.entity);
  w.key("entity_id").value(entity_id(who, e));
  w.key("before");
  if (e.before) {
    w.raw(*e.before);
  } else {
    w.null();
  }
  w.key("after").raw(e.after);
  w.end_object();
}

Response audit(ApiContext& context, Request& request, const app::Principal& who) {
  auto asked = audit_request(request);
  if (!asked) return problem_for(asked.error());
  bool admin = false;
  std::optional<Error> refused;
  context.service.read(who.organization, [&](const Model& model) {
    admin = is_admin(model, who);
    if (asked->target && !visible(model, who, asked->target->first, asked->target->second)) {
      refused = not_found("audit target");
    }
  });
  if (refused) return problem_for(*refused);

  store::AuditQuery query;
  if (asked->target) {
    query.entity = std::string(to_string(asked->target->first));
    query.entity_id = asked->target->second;
  }
  query.before_seq = asked->before_seq;
  query.before_position = asked->before_position;
  query.limit = 500;
  // Reads batches of the log until the page is full: entries the caller may
  // not see, or from another actor, are skipped.
  std::vector<store::AuditEntry> page;
  bool more = true;
  while (page.size() < asked->limit && more) {
    auto batch = context.service.read_audit(who, query);
    if (!batch) return problem_for(batch.error());
    more = batch->size() == static_cast<std::size_t>(query.limit);
    if (!batch->empty()) {
      query.before_seq = batch->back().seq;
      query.before_position = batch->back().position;
    }
    context.service.read(who.organization, [&](const Model& model) {
      for (store::AuditEntry& e : *batch) {
        if (page.size() == asked->limit) {
          more = true;
          return;
        }
        if (asked->since && e.at < *asked->since) {
          more = false;  // newest first: everything after is older still
          return;
        }
        if (asked->actor && e.actor != *asked->actor) continue;
        const auto kind = kind_named(e.entity);
        if (!admin &&
            (!kind || !visible(model, who, *kind, static_cast<std::uint32_t>(e.entity_id)))) {
          continue;
        }
        page.push_back(std::move(e));
      }
    });
  }
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const store::AuditEntry& e : page) write_entry(w, who, e);
  w.end_array().key("next_cursor");
  if (more && !page.empty()) {
    w.value(std::to_string(page.back().seq) + "." + std::to_string(page.back().position));
  } else {
    w.null();
  }
  w.end_object();
  return Response::json(200, w.take());
}

}  // namespace

void add_audit_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/audit"),
            "The audit log, newest first: by target, actor or since an instant; entries about "
            "what the caller may not see are left out",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return audit(context, r, who);
            }));
}

}  // namespace cairn::http
