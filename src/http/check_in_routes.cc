// POST /api/v1/key-results/{id}/check-ins: the weekly heartbeat of OKRs.
#include <algorithm>
#include <boost/json/object.hpp>
#include <memory>
#include <optional>

#include "app/access.h"
#include "app/permissions.h"
#include "core/evaluation.h"
#include "core/permissions.h"
#include "http/api_body.h"
#include "http/api_errors.h"
#include "http/api_ids.h"
#include "http/api_routes.h"
#include "http/json_writer.h"

namespace cairn::http {
namespace {

// Reads the measurement the key result's kind expects: {value}, {done} or
// {milestones_done:[index]}.
core::Result<core::Measurement> measurement(const boost::json::object& body,
                                            core::KeyResultKind kind) {
  core::Measurement m;
  switch (kind) {
    case core::KeyResultKind::kMetric:
    case core::KeyResultKind::kBand: {
      const boost::json::value* v = body.if_contains("value");
      if (!v || !(v->is_number())) return core::invalid("value", "must be a number");
      m.value = v->to_number<double>();
      return m;
    }
    case core::KeyResultKind::kBoolean: {
      const boost::json::value* v = body.if_contains("done");
      if (!v || !v->is_bool()) return core::invalid("done", "must be true or false");
      m.done = v->as_bool();
      return m;
    }
    case core::KeyResultKind::kMilestones: {
      const boost::json::value* v = body.if_contains("milestones_done");
      if (!v || !v->is_array()) {
        return core::invalid("milestones_done", "must be a list of milestone indexes");
      }
      for (const boost::json::value& index : v->as_array()) {
        if (!index.is_int64() || index.as_int64() < 0 || index.as_int64() >= 64) {
          return core::invalid("milestones_done", "must hold indexes of milestones");
        }
        m.milestones_done |= std::uint64_t{1} << index.as_int64();
      }
      return m;
    }
  }
  return core::invalid("kind", "unknown key result kind");
}

void write_status(JsonWriter& w, double progress, double expected, core::Status status) {
  w.key("progress").value(progress);
  w.key("expected").value(expected);
  w.key("status").value(core::to_string(status));
}

// What the key result decides of a check-in, read under a lock on the model
// (a request's read lock, or the writer's): a key result the caller may not
// see (404) or not check in on (403), or whose value does not come from
// check-ins (422); otherwise the measurement its kind asks for (a problem
// with it goes into `errors`) and on whose behalf the caller checks in.
std::optional<core::Error> check_in_on(const core::Model& model, const app::Principal& who,
                                       core::KeyResultId kr_id, const boost::json::object& body,
                                       core::CheckIn& c, FieldErrors& errors) {
  const core::KeyResult* kr = model.key_result(kr_id);
  if (!kr || kr->archived || !app::can_see(model, who, kr_id)) return core::not_found("key result");
  // The service decides (authorize); asking first answers 403 before any
  // 422 about a body the caller may not send at all.
  if (!app::checks_in(model, who, kr_id)) {
    return core::Error{core::ErrorCode::kForbidden,
                       "only the key result's owner, its delegates, the unit's leads and "
                       "admins check in",
                       {},
                       {},
                       {}};
  }
  // Someone who checks in here, told why this one takes no value by hand.
  if (kr->source == core::ProgressSource::kKpi) {
    return core::invalid("value", "this key result's value comes from its KPI");
  }
  if (kr->source != core::ProgressSource::kCheckIns) {
    return core::invalid("value", "this key result's value is computed from its children");
  }
  c.measurement = errors.take(measurement(body, kr->kind));
  c.on_behalf_of = core::on_behalf_of(model, who.person, kr_id);
  return std::nullopt;
}

// The fields of a check-in that do not depend on its key result.
void read_own_fields(const boost::json::object& body, core::Instant now, core::CheckIn& c,
                     FieldErrors& errors) {
  if (const boost::json::value* confidence = body.if_contains("confidence");
      confidence && !confidence->is_null()) {
    if (confidence->is_int64()) {
      c.confidence = static_cast<int>(std::clamp<std::int64_t>(confidence->as_int64(), -1, 99));
    } else {
      errors.add(core::invalid("confidence", "must be an integer from 1 to 10"));
    }
  }
  if (auto note = errors.take(optional_string(body, "note", "note"))) c.note = *note;
  c.at = now;
  if (auto at = errors.take(optional_string(body, "at", "at"))) {
    const auto parsed = core::parse_rfc3339(*at);
    if (parsed) {
      c.at = *parsed;
    } else {
      errors.add(core::invalid("at", "must be an RFC 3339 instant such as 2026-05-15T09:00:00Z"));
    }
  }
}

// The check-in a request asks for, after what may be refused before the
// writer, in this order: the key result's id (404), the body, then
// check_in_on() (a 403 noted in the security log), then every field's
// problem at once (422).
core::Result<core::CheckIn> read_check_in(ApiContext& context, Request& request,
                                          const app::Principal& who, core::Instant now) {
  const auto id = parse_api_id(kKeyResultPrefix, request.params.at("id"));
  if (!id) return core::not_found("key result");
  const core::KeyResultId kr_id{*id};
  auto body = json_body(request);
  if (!body) return body.error();

  core::CheckIn c;
  c.key_result = kr_id;
  c.author = who.person;
  FieldErrors errors;
  const std::optional<core::Error> refused = context.service.read(
      who.organization,
      [&](const core::Model& model) { return check_in_on(model, who, kr_id, *body, c, errors); });
  if (refused) {
    // Refused here rather than in Service::execute, so noted here.
    if (refused->code == core::ErrorCode::kForbidden) {
      context.service.record_access_denied(who, app::AddCheckIn{c}, context.now());
    }
    return *refused;
  }
  read_own_fields(*body, now, c, errors);
  if (!errors.empty()) return errors.error();
  return c;
}

// What the answer to a committed check-in shows: it, and what it made of its
// key result and objective, read by the writer right after the commit.
struct CheckInAnswer {
  core::CheckIn stored;
  core::KeyResultView key_result;
  core::ObjectiveId objective;
  core::ObjectiveView objective_view;
};

// The writer's Observe that fills `answer`.
app::Writer::Observe observe_check_in(std::shared_ptr<CheckInAnswer> answer,
                                      core::KeyResultId kr_id, core::Instant now) {
  return [answer = std::move(answer), kr_id, now](const core::Model& model,
                                                  const app::Committed& committed) {
    const core::Evaluation eval(model, now);
    answer->stored = *model.check_in(core::CheckInId{*committed.applied.created});
    // Only the figures the answer shows: the writer's lock is held meanwhile.
    answer->key_result = eval.key_result_figures(kr_id);
    answer->objective = model.key_result(kr_id)->objective;
    answer->objective_view = eval.objective_figures(answer->objective);
  };
}

Response answer_check_in(core::KeyResultId kr_id, const core::Result<app::Committed>& committed,
                         const CheckInAnswer& answer) {
  if (!committed) return problem_for(committed.error());
  const core::CheckIn& stored = answer.stored;
  const core::KeyResultView& kr = answer.key_result;
  const core::ObjectiveView& o = answer.objective_view;
  JsonWriter w;
  w.begin_object();
  w.key("check_in").begin_object();
  w.key("id").value(api_id(kCheckInPrefix, stored.id.value()));
  w.key("key_result_id").value(api_id(kKeyResultPrefix, kr_id.value()));
  w.key("value").value(stored.measurement.value);
  w.key("done").value(stored.measurement.done);
  w.key("milestones_done").begin_array();
  for (int i = 0; i < 64; ++i) {
    if ((stored.measurement.milestones_done >> i) & 1U) w.value(i);
  }
  w.end_array();
  w.key("confidence").value(stored.confidence);
  w.key("note").value(stored.note.view());
  w.key("at").value(core::to_rfc3339(stored.at));
  w.key("recorded_at").value(core::to_rfc3339(stored.recorded_at));
  w.key("author_id").value(api_id(kPersonPrefix, stored.author.value()));
  w.key("on_behalf_of_id");
  if (stored.on_behalf_of.valid()) {
    w.value(api_id(kPersonPrefix, stored.on_behalf_of.value()));
  } else {
    w.null();
  }
  w.end_object();
  w.key("key_result").begin_object();
  w.key("id").value(api_id(kKeyResultPrefix, kr_id.value()));
  w.key("current").value(kr.current);
  write_status(w, kr.progress, kr.expected, kr.status);
  w.key("confidence").value(kr.confidence);
  w.end_object();
  w.key("objective").begin_object();
  w.key("id").value(api_id(kObjectivePrefix, answer.objective.value()));
  write_status(w, o.progress, o.expected, o.status);
  w.end_object();
  w.end_object();
  return Response::json(201, w.take());
}

// The commit thread's `done`: the answer goes back to the request's thread.
std::function<void(core::Result<app::Committed>)> answer_later(
    Response::Resume resume, core::KeyResultId kr_id, std::shared_ptr<CheckInAnswer> answer) {
  return [resume = std::move(resume), kr_id,
          answer = std::move(answer)](core::Result<app::Committed> committed) {
    resume([kr_id, answer, committed = std::move(committed)] {
      return answer_check_in(kr_id, committed, *answer);
    });
  };
}

// A check-in whose request the slow way reads: authenticated, and checked
// under the model's read lock (read_check_in()), before the writer. The way
// of a request check_in() cannot judge without the model: it is refused here.
Response checked_check_in(ApiContext& context, Request& request, core::Instant now) {
  auto who = authenticate(context, request);
  if (!who) return problem_for(who.error());
  auto read = read_check_in(context, request, *who, now);
  if (!read) return problem_for(read.error());
  return Response::deferred([&context, who = *who, c = *read, now](Response::Resume resume) {
    auto answer = std::make_shared<CheckInAnswer>();
    context.service.submit(who, app::AddCheckIn{c}, now, {},
                           answer_later(std::move(resume), c.key_result, answer),
                           observe_check_in(answer, c.key_result, now));
  });
}

// The check-in goes to the commit thread, and the answer follows its group
// commit: no server thread waits for the disk meanwhile, nor for the
// organisation's lock, which the writer holds through each disk sync. What
// needs the model (who asks, in which role; the key result) is read by the
// writer under its lock (Service::submit_unverified), in read_check_in()'s
// order; a request refused before that goes the checked way, which answers
// its refusal exactly as before.
Response check_in(ApiContext& context, Request& request) {
  const core::Instant now = context.now();
  auto who = identify(context, request);
  const auto id = parse_api_id(kKeyResultPrefix, request.params.at("id"));
  std::optional<boost::json::object> body;
  core::CheckIn c;
  FieldErrors errors;
  if (who && id) {
    if (auto parsed = json_body(request)) {
      body = std::move(*parsed);
      read_own_fields(*body, now, c, errors);
    }
  }
  if (!body || !errors.empty()) return checked_check_in(context, request, now);
  c.key_result = core::KeyResultId{*id};
  c.author = who->person;
  return Response::deferred([&context, who = std::move(*who), body = std::move(*body), c,
                             now](Response::Resume resume) mutable {
    auto answer = std::make_shared<CheckInAnswer>();
    auto make = [body = std::move(body), c](const core::Model& model, const app::Principal& who,
                                            app::Command& command) -> core::Result<void> {
      core::CheckIn made = c;
      command = app::AddCheckIn{made};  // names the subject, should it be refused
      FieldErrors errors;
      if (auto refused = check_in_on(model, who, made.key_result, body, made, errors)) {
        return *refused;
      }
      if (!errors.empty()) return errors.error();
      command = app::AddCheckIn{std::move(made)};
      return {};
    };
    context.service.submit_unverified(who, std::move(make), now,
                                      observe_check_in(answer, c.key_result, now),
                                      answer_later(std::move(resume), c.key_result, answer));
  });
}

// POST /key-results/{id}/check-ins/preview: the same body as a check-in,
// answered with what the check-in would make of the key result and its
// objective now, and nothing written. The web app's check-in dialog shows it
// while the person types (DOMAIN.md: the app never recomputes a rule).
Response preview(ApiContext& context, Request& request, const app::Principal& who) {
  const core::Instant now = context.now();
  auto read = read_check_in(context, request, who, now);
  if (!read) return problem_for(read.error());
  const core::CheckIn& c = *read;
  if (c.confidence && (*c.confidence < 1 || *c.confidence > 10)) {
    return problem_for(core::invalid("confidence", "must be an integer from 1 to 10"));
  }
  JsonWriter w;
  context.service.read(who.organization, [&](const core::Model& model) {
    const core::Evaluation eval(model, now);
    const core::Evaluation::CheckInPreview p =
        eval.preview_check_in(c.key_result, c.measurement, c.confidence);
    w.begin_object();
    w.key("key_result").begin_object();
    w.key("id").value(api_id(kKeyResultPrefix, c.key_result.value()));
    w.key("current").value(p.key_result.current);
    write_status(w, p.key_result.progress, p.key_result.expected, p.key_result.status);
    w.key("confidence").value(p.key_result.confidence);
    w.end_object();
    w.key("objective").begin_object();
    w.key("id").value(api_id(kObjectivePrefix, p.objective.id.value()));
    write_status(w, p.objective.progress, p.objective.expected, p.objective.status);
    w.key("confidence").value(p.objective.confidence);
    w.end_object();
    w.end_object();
  });
  return Response::json(200, w.take());
}

}  // namespace

void add_check_in_routes(Router& router, ApiContext& context) {
  add_route(router, context, "POST", "/api/v1/key-results/{id}/check-ins/preview",
            "What a check-in would make of the key result and its objective, without writing it",
            [&context](Request& request) {
              auto who = authenticate(context, request);
              if (!who) return problem_for(who.error());
              return preview(context, request, *who);
            });
  add_route(router, context, "POST", "/api/v1/key-results/{id}/check-ins",
            "Check in on a key result: a value, done, or milestones; confidence 1-10; a note; "
            "optionally when it held (at)",
            [&context](Request& request) { return check_in(context, request); });
}

}  // namespace cairn::http
