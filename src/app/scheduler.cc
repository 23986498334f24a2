#include "app/scheduler.h"

#include <iostream>
#include <map>

#include "app/cadence.h"
#include "core/evaluation.h"
#include "core/status.h"

namespace cairn::app {
namespace {

using core::KeyResultId;
using core::NodeRef;

constexpr const char* kJobs[] = {"check_in_reminder", "digest", "daily"};

// Calls `visit(kr, objective)` for every key result that reminders and
// digests consider at `now`: not archived, of an active objective in a period
// that has started and is not closed.
template <class F>
void for_each_live_key_result(const core::Model& model, core::Instant now, F&& visit) {
  for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
    const core::Objective* o = model.objective(core::ObjectiveId{i});
    if (!o || o->state != core::ObjectiveState::kActive) continue;
    const core::Period* p = model.period(o->period);
    if (!p || p->state_at(now) != core::PeriodState::kActive || now >= p->ends_at) continue;
    for (KeyResultId id : model.key_results_of(o->id)) {
      const core::KeyResult* kr = model.key_result(id);
      if (kr && !kr->archived) visit(*kr, *o);
    }
  }
}

std::string line(const core::KeyResult& kr, const core::Objective& o) {
  return "  - " + quoted(kr.title) + " (" + o.title + ")";
}

}  // namespace

Alerts check_in_reminders(const core::Model& model, core::Instant now) {
  const std::int64_t cadence =
      core::cadence_days(model.settings().check_in.cadence) * core::kSecondsPerDay;
  std::map<std::uint32_t, std::vector<std::string>> waiting;  // by owner
  std::map<std::uint32_t, boost::json::array> items;          // the same, for params
  std::size_t total = 0;
  for_each_live_key_result(model, now, [&](const core::KeyResult& kr, const core::Objective& o) {
    if (kr.source != core::ProgressSource::kCheckIns || !kr.owner.valid()) return;
    const core::CheckIn* last = model.latest_check_in(kr.id, now);
    if (last && now - last->at < cadence) return;  // checked in within the cadence
    if (!may_see(model, kr.owner, NodeRef::of(kr.id))) return;
    waiting[kr.owner.value()].push_back(line(kr, o));
    items[kr.owner.value()].push_back(key_result_item(kr, o));
    ++total;
  });
  Alerts out;
  for (auto& [owner, lines] : waiting) {
    std::string text = "It is check-in day. These key results wait for your check-in:\n";
    for (const std::string& l : lines) text += l + "\n";
    out.people.push_back(PersonAlert{core::PersonId{owner},
                                     "check_in_reminder",
                                     "",
                                     "Check-in day: " + std::to_string(lines.size()) +
                                         " key result" + (lines.size() == 1 ? "" : "s") +
                                         " wait for you",
                                     text,
                                     {{"count", lines.size()}, {"key_results", items[owner]}}});
  }
  if (total > 0) {
    // Shared places get the count, never a title.
    out.webhooks.push_back(
        WebhookEvent{"reminder.check_in", "Check-in day",
                     std::to_string(total) + " key results wait for a check-in from " +
                         std::to_string(waiting.size()) + " people.",
                     boost::json::object{{"key_results", total}, {"people", waiting.size()}}});
  }
  return out;
}

Alerts digests(const core::Model& model, core::Instant now) {
  core::Evaluation eval(model, std::max(now, model.last_change()));
  struct Lists {
    std::vector<std::string> stale, at_risk;
    boost::json::array stale_items, at_risk_items;  // the same, for params
  };
  std::map<std::uint32_t, Lists> by_person;
  for_each_live_key_result(model, now, [&](const core::KeyResult& kr, const core::Objective& o) {
    const core::KeyResultView v = eval.key_result_view(kr.id);
    const bool stale =
        core::is_stale(v.last_check_in.value_or(kr.created_at), now, model.settings());
    const bool at_risk = v.status == core::Status::kAtRisk;
    if (!stale && !at_risk) return;
    std::vector<core::PersonId> people;
    if (kr.owner.valid()) people.push_back(kr.owner);
    for (core::PersonId d : kr.delegates) {
      if (std::ranges::find(people, d) == people.end()) people.push_back(d);
    }
    for (core::PersonId p : people) {
      if (!may_see(model, p, NodeRef::of(kr.id))) continue;
      Lists& lists = by_person[p.value()];
      if (stale) {
        lists.stale.push_back(line(kr, o));
        lists.stale_items.push_back(key_result_item(kr, o));
      }
      if (at_risk) {
        lists.at_risk.push_back(line(kr, o));
        lists.at_risk_items.push_back(key_result_item(kr, o));
      }
    }
  });
  Alerts out;
  for (auto& [person, lists] : by_person) {
    std::string text = "Your week in Cairn.\n";
    if (!lists.at_risk.empty()) {
      text += "\nAt risk:\n";
      for (const std::string& l : lists.at_risk) text += l + "\n";
    }
    if (!lists.stale.empty()) {
      text += "\nNo check-in for longer than the cadence (stale):\n";
      for (const std::string& l : lists.stale) text += l + "\n";
    }
    out.people.push_back(
        PersonAlert{core::PersonId{person},
                    "digest",
                    "",
                    "Your weekly digest: " + std::to_string(lists.at_risk.size()) + " at risk, " +
                        std::to_string(lists.stale.size()) + " stale",
                    text,
                    {{"at_risk", lists.at_risk_items}, {"stale", lists.stale_items}}});
  }
  return out;
}

Alerts daily_alerts(const core::Model& model, core::Instant since, core::Instant now,
                    int daily_hour) {
  Alerts out;
  const std::int64_t allowed =
      static_cast<std::int64_t>(core::cadence_days(model.settings().check_in.cadence) +
                                model.settings().stale_grace_days) *
      core::kSecondsPerDay;
  // Key results that turned stale in (since, now].
  for_each_live_key_result(model, now, [&](const core::KeyResult& kr, const core::Objective& o) {
    const core::CheckIn* last = model.latest_check_in(kr.id, now);
    const core::Instant stale_at = (last ? last->at : kr.created_at) + allowed + 1;
    if (stale_at <= since || stale_at > now) return;
    std::vector<core::PersonId> people;
    if (kr.owner.valid()) people.push_back(kr.owner);
    for (core::PersonId d : kr.delegates) people.push_back(d);
    for (core::PersonId p : people) {
      if (!may_see(model, p, NodeRef::of(kr.id))) continue;
      boost::json::object params = subject_params(model, NodeRef::of(kr.id));
      params["objective_title"] = o.title;
      out.people.push_back(PersonAlert{
          p, "stale", "key_result:" + std::to_string(kr.id.value()),
          quoted(kr.title) + " needs a check-in",
          quoted(kr.title) + " (" + o.title + ") has had no check-in for longer than the cadence.",
          std::move(params)});
    }
  });
  // Periods and their rollout dates, for admins and unit leads.
  std::vector<core::PersonId> leads;
  for (std::uint32_t i = 0; i < model.person_count(); ++i) {
    const core::Person* p = model.person(core::PersonId{i});
    if (p && p->active && p->role == core::Role::kAdmin) leads.push_back(p->id);
  }
  for (std::uint32_t i = 0; i < model.unit_count(); ++i) {
    const core::Unit* u = model.unit(core::UnitId{i});
    if (u && !u->archived && u->lead.valid() && std::ranges::find(leads, u->lead) == leads.end()) {
      leads.push_back(u->lead);
    }
  }
  const std::string& zone = model.organization().timezone;
  auto came = [&](core::Date day) {
    auto at = local_time(day, daily_hour, zone.empty() ? "UTC" : zone);
    return at && *at > since && *at <= now;
  };
  auto tell = [&](std::string kind, std::string type, std::string title, std::string text,
                  boost::json::object data, const boost::json::object& params) {
    for (core::PersonId p : leads) {
      out.people.push_back(PersonAlert{p, kind, "", title, text, params});
    }
    out.webhooks.push_back(WebhookEvent{std::move(type), title, text, std::move(data)});
  };
  for (std::uint32_t i = 0; i < model.period_count(); ++i) {
    const core::Period* p = model.period(core::PeriodId{i});
    if (!p) continue;
    boost::json::object data{{"period_id", "prd_" + std::to_string(i)},
                             {"name", p->name},
                             {"start_date", p->start_date.to_string()},
                             {"end_date", p->end_date.to_string()}};
    // The app's params name the period as the webhooks' data does, with
    // what happened as a stable word instead of an English phrase.
    boost::json::object params{{"period_id", data.at("period_id")},
                               {"period", p->name},
                               {"start_date", data.at("start_date")},
                               {"end_date", data.at("end_date")}};
    if (p->starts_at > since && p->starts_at <= now) {
      params["change"] = "started";
      tell("period_changed", "period.started", p->name + " has started",
           p->name + " runs from " + p->start_date.to_string() + " to " + p->end_date.to_string() +
               ".",
           data, params);
    }
    if (p->ends_at > since && p->ends_at <= now) {
      params["change"] = "ended";
      tell("period_changed", "period.ended", p->name + " has ended",
           p->name + " ended on " + p->end_date.to_string() +
               ": time to score and close it, and to hold the retrospective.",
           data, params);
    }
    params.erase("change");
    const RolloutDates r = rollout_dates(*p);
    struct Step {
      core::Date day;
      const char* what;  // in the English text and the webhooks' data
      const char* name;  // in the app's params
    };
    const Step steps[] = {{r.drafts_due, "drafts are due", "drafts_due"},
                          {r.review, "cross-team review", "review"},
                          {r.commit, "commit", "commit"}};
    for (const Step& s : steps) {
      if (!came(s.day)) continue;
      boost::json::object step = data;
      step["step"] = s.what;
      boost::json::object step_params = params;
      step_params["step"] = s.name;
      step_params["date"] = s.day.to_string();
      tell("rollout", "rollout.reminder", p->name + ": " + s.what + " today",
           "Rollout of " + p->name + " (starting " + p->start_date.to_string() + "): " + s.what +
               " today.",
           std::move(step), step_params);
    }
  }
  return out;
}

Scheduler::Scheduler(Service& service, std::function<core::Instant()> now, SchedulerOptions options)
    : service_(service), now_(std::move(now)), options_(options) {}

Scheduler::~Scheduler() {
  stop();
}

core::Result<core::Instant> Scheduler::next_run(const std::string& job, const core::Model& model,
                                                core::Instant after) const {
  const std::string zone =
      model.organization().timezone.empty() ? "UTC" : model.organization().timezone;
  if (job == "check_in_reminder") return next_check_in(model.settings().check_in, zone, after);
  if (job == "digest")
    return next_local(options_.digest_weekday, options_.digest_hour, zone, after);
  return next_local(0, options_.daily_hour, zone, after);
}

bool Scheduler::is_slot(const std::string& job, const core::Model& model, core::Instant at) const {
  auto slot = next_run(job, model, at - 1);
  return slot && *slot == at;
}

core::Result<int> Scheduler::run_organization(std::int64_t organization, core::Instant now) {
  auto stored = service_.schedules(organization);
  if (!stored) return stored.error();
  bool due = stored->size() < std::size(kJobs);
  for (const store::ScheduleRecord& s : *stored) due = due || s.next_run_at <= now;
  if (!due) {
    // An admin may have moved the check-in day or hour (or the time zone):
    // a next run that is no slot of the settings any more is set again.
    due = service_.read(organization, [&](const core::Model& model) {
      for (const store::ScheduleRecord& s : *stored) {
        if (!is_slot(s.job, model, s.next_run_at)) return true;
      }
      return false;
    });
  }
  if (!due) return 0;
  int ran = 0;
  std::vector<core::PersonId> notified;
  auto written = service_.write_outside_log(
      organization,
      [&](const LiveOrganization& live, store::Store& store,
          store::WriteTransaction& tx) -> core::Result<void> {
        // Read again under the organisation's write lock: another instance
        // may have run the job in between.
        auto schedules = store.schedules(organization);
        if (!schedules) return schedules.error();
        const core::Model& model = *live.model;
        for (const std::string job : kJobs) {
          std::optional<core::Instant> next;
          for (const store::ScheduleRecord& s : *schedules) {
            if (s.job == job) next = s.next_run_at;
          }
          auto upcoming = next_run(job, model, now);
          if (!upcoming) return upcoming.error();
          if (!next || (*next > now && !is_slot(job, model, *next))) {
            // First start (or the settings moved the job): the job begins at
            // its next time, not now.
            CAIRN_TRY(tx.set_schedule(store::ScheduleRecord{organization, job, *upcoming}));
            continue;
          }
          if (*next > now) continue;
          // However many runs were missed, this is one run.
          Alerts alerts;
          if (job == "check_in_reminder") {
            alerts = check_in_reminders(model, now);
          } else if (job == "digest") {
            alerts = digests(model, now);
          } else {
            alerts = daily_alerts(model, *next - core::kSecondsPerDay, now, options_.daily_hour);
          }
          auto wrote =
              service_.notifier().write(organization, live.slug, model, alerts, 0, store, tx, now);
          if (!wrote) return wrote.error();
          notified.insert(notified.end(), wrote->notified.begin(), wrote->notified.end());
          CAIRN_TRY(tx.set_schedule(store::ScheduleRecord{organization, job, *upcoming}));
          ++ran;
        }
        return {};
      });
  if (!written) return written.error();
  if (ran > 0) service_.notifier().wake();
  service_.notifier().notified(organization, notified);
  return ran;
}

core::Result<int> Scheduler::run_once() {
  const core::Instant now = now_();
  int ran = 0;
  for (std::int64_t organization : service_.organization_ids()) {
    auto done = run_organization(organization, now);
    if (!done) return done.error();
    ran += *done;
  }
  return ran;
}

void Scheduler::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      if (auto round = run_once(); !round) {
        std::cerr << "scheduler: " << round.error().message << '\n';
      }
      lock.lock();
      wakeup_.wait_for(lock, options_.tick, [this] { return stopping_; });
    }
  });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace cairn::app
