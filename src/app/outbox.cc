#include "app/outbox.h"

#include <iostream>

#include "app/webhook_layout.h"

namespace cairn::app {

Outbox::Outbox(std::unique_ptr<store::Store> store, Transport& transport, SecretOpener open_secret,
               std::function<core::Instant()> now, OutboxOptions options)
    : store_(std::move(store)),
      transport_(transport),
      open_secret_(std::move(open_secret)),
      now_(std::move(now)),
      options_(options) {}

Outbox::~Outbox() {
  stop();
}

std::int64_t Outbox::backoff_seconds(int attempts) const {
  std::int64_t wait = options_.base_backoff_seconds;
  for (int i = 1; i < attempts && wait < options_.max_backoff_seconds; ++i) wait *= 2;
  return std::min(wait, options_.max_backoff_seconds);
}

core::Result<void> Outbox::attempt(store::DeliveryRecord& d) {
  if (d.channel == "email") {
    return transport_.send(Email{d.target, d.subject, d.body});
  }
  // "webhook:<id>": its URL, layout and secret as they are now.
  std::int64_t id = 0;
  try {
    id = std::stoll(d.target.substr(d.target.find(':') + 1));
  } catch (...) {
    return core::invalid("target", "not a webhook");
  }
  auto hooks = store_->webhooks(d.organization);
  if (!hooks) return hooks.error();
  for (const store::WebhookRecord& h : *hooks) {
    if (h.id != id) continue;
    HttpPost post{h.url, {{"Content-Type", "application/json"}}, d.body};
    if (h.format == "generic") {
      post.headers.emplace_back("X-Cairn-Event", d.event);
      post.headers.emplace_back("X-Cairn-Delivery",
                                std::to_string(d.organization) + "-" + std::to_string(d.id));
      std::string secret = h.secret;
      if (h.secret_sealed) {
        // A key that is missing is kUnavailable (retried); a wrong one kInvalid.
        auto opened = open_secret_(h.secret);
        if (!opened) return opened.error();
        secret = std::move(*opened);
      }
      post.headers.emplace_back("X-Cairn-Signature", webhook_signature(secret, d.body));
    }
    return transport_.post(post);
  }
  return core::not_found("webhook (deleted)");
}

core::Result<int> Outbox::run_once() {
  const core::Instant now = now_();
  auto due = store_->claim_deliveries(now, now + options_.lease_seconds, options_.batch);
  if (!due) return due.error();
  for (store::DeliveryRecord& d : *due) {
    auto sent = attempt(d);
    d.attempts += 1;
    if (sent) {
      d.state = store::DeliveryState::kDelivered;
      d.delivered_at = now_();
      d.last_error.clear();
    } else {
      d.last_error = sent.error().message;
      const bool gone = sent.error().code == core::ErrorCode::kNotFound ||
                        sent.error().code == core::ErrorCode::kInvalid;
      if (gone || d.attempts >= options_.max_attempts) {
        d.state = store::DeliveryState::kFailed;
      } else {
        d.next_attempt_at = now_() + backoff_seconds(d.attempts);
      }
    }
    CAIRN_TRY(store_->record_attempt(d));
  }
  return static_cast<int>(due->size());
}

void Outbox::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      int sent = 0;
      if (auto round = run_once(); !round) {
        std::cerr << "outbox: " << round.error().message << '\n';
      } else {
        sent = *round;
      }
      lock.lock();
      // A full batch: there may be more due at once.
      if (sent == options_.batch) continue;
      wakeup_.wait_for(lock, options_.poll, [this] { return woken_ || stopping_; });
      woken_ = false;
    }
  });
}

void Outbox::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Outbox::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_all();
}

}  // namespace cairn::app
