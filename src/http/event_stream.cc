#include "http/event_stream.h"

#include <utility>

namespace cairn::http {
namespace {

// SSE has no escaping: a line break inside a field would start a new field, so
// `data` is split into data lines and an event name loses its line breaks.
std::string format_event(std::string_view event, std::string_view data) {
  std::string text;
  if (!event.empty()) {
    text += "event: ";
    for (char c : event) {
      if (c != '\n' && c != '\r') text += c;
    }
    text += '\n';
  }
  while (true) {
    auto end = data.find_first_of("\r\n");
    text += "data: ";
    text += data.substr(0, end);
    text += '\n';
    if (end == std::string_view::npos) break;
    // "\r\n" is one line break.
    std::size_t skip = data.compare(end, 2, "\r\n") == 0 ? 2 : 1;
    data.remove_prefix(end + skip);
  }
  text += '\n';
  return text;
}

}  // namespace

void EventStream::push(std::string_view event, std::string_view data) {
  std::string text = format_event(event, data);
  std::lock_guard lock(mutex_);
  if (closed_) return;
  if (pending_.size() + text.size() > kMaxPending) {
    // The client does not keep up; ending the stream bounds the memory, and an
    // EventSource reconnects on its own.
    closed_ = true;
  } else {
    pending_ += text;
  }
  wake_locked();
}

void EventStream::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  wake_locked();
}

bool EventStream::is_open() const {
  std::lock_guard lock(mutex_);
  return !closed_;
}

void EventStream::attach(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

void EventStream::detach() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  wake_ = nullptr;
}

std::string EventStream::take(bool& closed) {
  std::lock_guard lock(mutex_);
  closed = closed_;
  return std::exchange(pending_, {});
}

void EventStream::wake_locked() {
  if (wake_) wake_();
}

}  // namespace cairn::http
