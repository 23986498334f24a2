#include "app/kpi_puller.h"

#include <boost/json.hpp>
#include <cstdlib>
#include <iostream>

#include "app/json_text.h"

namespace cairn::app {
namespace {

std::string_view type_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::object:
      return "an object";
    case boost::json::kind::array:
      return "an array";
    default:
      return "a number";
  }
}

// The wait after `failures` failed pulls in a row: 1, 2, 4 … minutes, at
// most the pull's interval.
std::int64_t retry_seconds(int failures, int interval_minutes) {
  const std::int64_t backoff = std::int64_t{60} << std::min(failures - 1, 12);
  return std::min<std::int64_t>(backoff, std::int64_t{interval_minutes} * 60);
}

}  // namespace

core::Result<double> read_kpi_value(const HttpAnswer& answer, std::string_view pointer) {
  if (answer.status != 200) return core::unavailable("HTTP " + std::to_string(answer.status));
  // parse_json reads numbers exactly as written, as the change log does.
  auto json = parse_json(answer.body);
  if (!json) return core::unavailable("the answer is not JSON");
  boost::system::error_code ec;
  const boost::json::value* found = json->find_pointer(pointer, ec);
  const std::string where = pointer.empty() ? "the answer" : std::string(pointer);
  if (!found || ec) return core::unavailable("no value at " + where);
  if (!found->is_number()) {
    return core::unavailable("the value at " + where + " is " + std::string(type_name(*found)) +
                             ", not a number");
  }
  const double value = found->to_number<double>();
  if (!std::isfinite(value))
    return core::unavailable("the value at " + where + " is not a finite number");
  return value;
}

KpiPuller::KpiPuller(Service& service, std::function<core::Instant()> now, KpiPullerOptions options)
    : service_(service), now_(std::move(now)), options_(std::move(options)) {}

KpiPuller::~KpiPuller() {
  stop();
}

core::Result<std::vector<std::pair<std::string, std::string>>> KpiPuller::headers(
    const store::KpiSourceRecord& source) {
  std::vector<std::pair<std::string, std::string>> out;
  auto parsed = parse_json(source.headers);
  if (!parsed || !parsed->is_array()) return core::unavailable("the pull's headers are unreadable");
  for (const auto& item : parsed->as_array()) {
    const auto& h = item.as_object();
    const std::string name(h.at("name").as_string());
    if (const auto* env = h.if_contains("env")) {
      const std::string variable(env->as_string());
      const char* value = std::getenv(variable.c_str());
      if (!value) return core::unavailable("the environment variable " + variable + " is not set");
      out.emplace_back(name, value);
    } else {
      auto value = service_.open_secret(h.at("value").as_string());
      if (!value) return core::unavailable("header " + name + ": " + value.error().message);
      out.emplace_back(name, std::move(*value));
    }
  }
  return out;
}

core::Result<void> KpiPuller::pull(const store::KpiSourceRecord& source, core::Instant now) {
  const core::KpiId kpi{source.kpi};
  auto who = service_.kpi_principal(source.organization, kpi);
  if (!who) return core::unavailable(who.error().message);
  auto sent = headers(source);
  if (!sent) return sent.error();
  HttpGet get{source.url, std::move(*sent), options_.timeout};
  auto answer = options_.get(get);
  if (!answer) return answer.error();
  auto value = read_kpi_value(*answer, source.pointer);
  if (!value) return value.error();
  // Only a new value is a new value: the same number again writes nothing.
  const bool same = service_.read(source.organization, [&](const core::Model& model) {
    const core::KpiValue* latest = model.latest_kpi_value(kpi, core::Instant::max());
    return latest && latest->value == *value;
  });
  if (same) return {};
  auto committed = service_.execute(
      *who, AddKpiValues{kpi, {core::KpiValue{now, *value, core::KpiOrigin::kPull, {}}}}, now);
  if (!committed) return core::unavailable(committed.error().message);
  return {};
}

core::Result<int> KpiPuller::run_once() {
  const core::Instant now = now_();
  auto due = service_.claim_kpi_pulls(now, now + options_.lease.count(), options_.batch);
  if (!due) return due.error();
  for (store::KpiSourceRecord& source : *due) {
    const auto outcome = pull(source, now);
    source.last_attempt_at = now;
    if (outcome) {
      source.last_success_at = now;
      source.last_error.clear();
      source.failures = 0;
      source.next_pull_at = now + std::int64_t{source.interval_minutes} * 60;
    } else {
      source.last_error = outcome.error().message;
      source.failures += 1;
      source.next_pull_at = now + retry_seconds(source.failures, source.interval_minutes);
    }
    CAIRN_TRY(service_.record_kpi_pull(source));
  }
  return static_cast<int>(due->size());
}

void KpiPuller::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      int ran = 0;
      if (auto round = run_once(); !round) {
        std::cerr << "kpi puller: " << round.error().message << '\n';
      } else {
        ran = *round;
      }
      lock.lock();
      // A full batch may have more behind it: go on at once.
      if (ran == options_.batch) continue;
      wakeup_.wait_for(lock, options_.tick, [this] { return stopping_; });
    }
  });
}

void KpiPuller::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace cairn::app
