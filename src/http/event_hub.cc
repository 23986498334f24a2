#include "http/event_hub.h"

#include <algorithm>

#include "app/access.h"
#include "core/evaluation.h"
#include "core/names.h"
#include "http/api_ids.h"
#include "http/json_writer.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// "person:3" (the change log's actor) → "per_3"; "system" stays.
std::string actor_id(const std::string& actor) {
  constexpr std::string_view kPerson = "person:";
  if (!actor.starts_with(kPerson)) return actor;
  return std::string(kPersonPrefix) + actor.substr(kPerson.size());
}

void write_numbers(JsonWriter& w, const Evaluation& eval, KeyResultId kr_id) {
  const KeyResultView kr = eval.key_result_view(kr_id);
  const ObjectiveId objective = eval.model().key_result(kr_id)->objective;
  const ObjectiveView o = eval.objective_view(objective);
  w.key("key_result")
      .begin_object()
      .key("id")
      .value(api_id(kKeyResultPrefix, kr_id.value()))
      .key("current")
      .value(kr.current)
      .key("progress")
      .value(kr.progress)
      .key("status")
      .value(core::to_string(kr.status))
      .end_object();
  w.key("objective")
      .begin_object()
      .key("id")
      .value(api_id(kObjectivePrefix, objective.value()))
      .key("progress")
      .value(o.progress)
      .key("status")
      .value(core::to_string(o.status))
      .end_object();
}

// The event's data for `who`, or "" when it only touched what they may not see.
std::string data_for(const Model& model, const app::Principal& who, const app::Event& event,
                     Instant now) {
  bool hidden = false;
  std::optional<KeyResultId> checked_in;
  JsonWriter items;
  items.begin_array();
  std::size_t shown = 0;
  auto item = [&](std::string_view entity, std::string_view prefix, std::uint32_t index) {
    items.begin_object().key("entity").value(entity).key("id").value(api_id(prefix, index));
    items.end_object();
    ++shown;
  };
  for (const Touched& t : event.touched) {
    switch (t.kind) {
      case EntityKind::kObjective:
        if (!app::can_see(model, who, ObjectiveId{t.index})) {
          hidden = true;
        } else {
          item("objective", kObjectivePrefix, t.index);
        }
        break;
      case EntityKind::kKeyResult:
        if (!app::can_see(model, who, KeyResultId{t.index})) {
          hidden = true;
        } else {
          item("key_result", kKeyResultPrefix, t.index);
        }
        break;
      case EntityKind::kCheckIn: {
        const CheckIn* c = model.check_in(CheckInId{t.index});
        if (!c || !app::can_see(model, who, c->key_result)) {
          hidden = true;
        } else {
          item("check_in", kCheckInPrefix, t.index);
          checked_in = c->key_result;
        }
        break;
      }
      case EntityKind::kLink: {
        const AlignmentLink* l = model.link(LinkId{t.index});
        if (!l || !app::can_see(model, who, l->child) || !app::can_see(model, who, l->parent)) {
          hidden = true;
        } else {
          item("link", kLinkPrefix, t.index);
        }
        break;
      }
      case EntityKind::kDependency: {
        const Dependency* d = model.dependency(DependencyId{t.index});
        if (!d || !app::can_see(model, who, d->from) || !app::can_see(model, who, d->to)) {
          hidden = true;
        } else {
          item("dependency", kDependencyPrefix, t.index);
        }
        break;
      }
      case EntityKind::kComment: {
        const Comment* c = model.comment(CommentId{t.index});
        if (!c || !app::can_see(model, who, c->target)) {
          hidden = true;
        } else {
          item("comment", "cmt_", t.index);
        }
        break;
      }
      case EntityKind::kInitiative: {
        const Initiative* i = model.initiative(InitiativeId{t.index});
        if (!i || !app::can_see(model, who, i->target)) {
          hidden = true;
        } else {
          item("initiative", "ini_", t.index);
        }
        break;
      }
      case EntityKind::kUnit:
        item("unit", kUnitPrefix, t.index);
        break;
      case EntityKind::kPerson:
        item("person", kPersonPrefix, t.index);
        break;
      case EntityKind::kPeriod:
        item("period", kPeriodPrefix, t.index);
        break;
      case EntityKind::kOrganization:
        item("organization", kOrganizationPrefix, static_cast<std::uint32_t>(event.organization));
        break;
      case EntityKind::kRetrospective:
        item("retrospective", "rtr_", t.index);
        break;
      case EntityKind::kKpi:
        item("kpi", kKpiPrefix, t.index);
        break;
    }
  }
  items.end_array();
  // Something private changed and nothing the listener may see: no event at
  // all, so not even its timing leaks.
  if (shown == 0 && hidden) return "";
  JsonWriter w;
  w.begin_object();
  w.key("seq").value(event.seq);
  w.key("kind").value(event.kind);
  w.key("actor_id").value(actor_id(event.actor));
  w.key("at").value(to_rfc3339(event.at));
  w.key("items").raw(items.take());
  if (checked_in) {
    const Evaluation eval(model, now);
    write_numbers(w, eval, *checked_in);
  }
  w.end_object();
  return w.take();
}

}  // namespace

std::string_view event_type(std::string_view kind) {
  // A KPI's new values arrive as check-ins of the key results it feeds.
  if (kind == "add_check_in" || kind == "delete_check_in" || kind == "add_kpi_values") {
    return "check_in";
  }
  if (kind == "add_kpi" || kind == "update_kpi") return "kpi_updated";
  if (kind.find("key_result") != std::string_view::npos) return "key_result_updated";
  if (kind.find("objective") != std::string_view::npos || kind == "rollover") {
    return "objective_updated";
  }
  if (kind == "add_comment" || kind == "add_reaction") return "comment";
  if (kind.find("link") != std::string_view::npos ||
      kind.find("dependency") != std::string_view::npos) {
    return "alignment_changed";
  }
  if (kind.find("initiative") != std::string_view::npos) return "initiative_updated";
  if (kind.find("period") != std::string_view::npos) return "period_updated";
  if (kind.find("unit") != std::string_view::npos) return "unit_updated";
  if (kind.find("person") != std::string_view::npos) return "person_updated";
  if (kind == "set_organization") return "organization_updated";
  if (kind == "add_retrospective") return "retrospective";
  if (kind == "import") return "import";  // many changes at once: reload
  return "changed";
}

EventHub::EventHub(app::Service& service, std::function<core::Instant()> now)
    : service_(service), now_(std::move(now)) {
  thread_ = std::thread([this] { run(); });
  // Runs on the writer's thread under the organisation's lock: only queue.
  subscription_ =
      const_cast<app::EventBus&>(service_.events()).subscribe([this](const app::Event& e) {
        {
          std::lock_guard lock(mutex_);
          if (listeners_.empty()) return;
          queue_.push_back(e);
        }
        wake_.notify_one();
      });
  // The same for in-app notifications, on the writer's or scheduler's thread.
  notified_subscription_ = service_.notifier().subscribe(
      [this](std::int64_t organization, const std::vector<PersonId>& people) {
        {
          std::lock_guard lock(mutex_);
          if (listeners_.empty()) return;
          notified_.push_back(Notified{organization, people});
        }
        wake_.notify_one();
      });
}

EventHub::~EventHub() {
  const_cast<app::EventBus&>(service_.events()).unsubscribe(subscription_);
  service_.notifier().unsubscribe(notified_subscription_);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (Listener& l : listeners_) {
      if (auto stream = l.stream.lock()) stream->close();
    }
  }
  wake_.notify_one();
  thread_.join();
}

std::shared_ptr<EventStream> EventHub::listen(const app::Principal& who) {
  auto stream = std::make_shared<EventStream>();
  std::lock_guard lock(mutex_);
  listeners_.push_back(Listener{who, stream});
  return stream;
}

std::size_t EventHub::listeners() const {
  std::lock_guard lock(mutex_);
  std::size_t open = 0;
  for (const Listener& l : listeners_) {
    if (auto stream = l.stream.lock(); stream && stream->is_open()) ++open;
  }
  return open;
}

void EventHub::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty() || !notified_.empty(); });
    if (stopping_) return;
    if (!queue_.empty()) {
      const app::Event event = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      deliver(event);
      lock.lock();
    }
    if (!notified_.empty()) {
      const Notified notified = std::move(notified_.front());
      notified_.pop_front();
      lock.unlock();
      deliver(notified);
      lock.lock();
    }
  }
}

void EventHub::deliver(const app::Event& event) {
  std::vector<Listener> listeners;
  {
    std::lock_guard lock(mutex_);
    // Forget listeners that left.
    std::erase_if(listeners_, [](const Listener& l) {
      auto stream = l.stream.lock();
      return !stream || !stream->is_open();
    });
    for (const Listener& l : listeners_) {
      if (l.who.organization == event.organization) listeners.push_back(l);
    }
  }
  if (listeners.empty()) return;
  const std::string_view type = event_type(event.kind);
  const Instant now = now_();
  service_.read(event.organization, [&](const Model& model) {
    for (const Listener& l : listeners) {
      auto stream = l.stream.lock();
      if (!stream) continue;
      const Person* person = model.person(l.who.person);
      if (!person || !person->active) {
        stream->close();  // deactivated: the stream ends
        continue;
      }
      const std::string data = data_for(model, l.who, event, now);
      if (!data.empty()) stream->push(type, data);
    }
  });
}

void EventHub::deliver(const Notified& notified) {
  std::vector<std::pair<std::shared_ptr<EventStream>, std::int64_t>> told;
  {
    std::lock_guard lock(mutex_);
    for (const Listener& l : listeners_) {
      if (l.who.organization != notified.organization) continue;
      const auto count = std::ranges::count(notified.people, l.who.person);
      if (count == 0) continue;
      if (auto stream = l.stream.lock()) told.emplace_back(std::move(stream), count);
    }
  }
  for (const auto& [stream, count] : told) {
    JsonWriter w;
    w.begin_object().key("new").value(count).end_object();
    stream->push("notification", w.take());
  }
}

}  // namespace cairn::http
