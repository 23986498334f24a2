// The scheduler (F16, F17, F18, F29): runs each organisation's jobs at their
// times in the organisation's time zone, with the next run of every job
// persisted (store.h schedules), so that after a restart nothing is skipped
// and a run missed during downtime happens once, not once per missed slot.
//
// Jobs:
//   check_in_reminder  on the cadence's check-in days at its hour: each owner
//                      of active key results fed by check-ins who has not
//                      checked in on them within the cadence (drafts and
//                      closed periods get none);
//   digest             weekly (Monday 08:00 local by default): each person's
//                      stale and at-risk key results (owned or delegated),
//                      only those they may see, and only when there are some;
//   daily              every day (07:00 local by default): key results that
//                      turned stale since the last run, periods that started
//                      or ended, and rollout dates (drafts due, review,
//                      commit) that came.
// A run writes its notifications, deliveries and the job's next run time in
// one transaction (notifier.h decides channels).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/service.h"

namespace cairn::app {

struct SchedulerOptions {
  int digest_weekday = 1;  // ISO weekday
  int digest_hour = 8;
  int daily_hour = 7;
  std::chrono::milliseconds tick = std::chrono::seconds(30);
};

// What a job made for one organisation at `now`, as alerts (pure; tests read it).
Alerts check_in_reminders(const core::Model& model, core::Instant now);
Alerts digests(const core::Model& model, core::Instant now);
// `since` is when the previous daily run was due.
Alerts daily_alerts(const core::Model& model, core::Instant since, core::Instant now,
                    int daily_hour);

class Scheduler {
 public:
  Scheduler(Service& service, std::function<core::Instant()> now, SchedulerOptions options = {});
  ~Scheduler();

  // Runs every job that is due now, in every organisation; returns how many
  // ran. Tests call it with their own clock.
  core::Result<int> run_once();

  void start();
  void stop();

 private:
  core::Result<int> run_organization(std::int64_t organization, core::Instant now);
  core::Result<core::Instant> next_run(const std::string& job, const core::Model& model,
                                       core::Instant after) const;
  // Whether `at` is a time the job runs at under the current settings.
  bool is_slot(const std::string& job, const core::Model& model, core::Instant at) const;

  Service& service_;
  std::function<core::Instant()> now_;
  SchedulerOptions options_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cairn::app
