// A Server-Sent Events stream (text/event-stream) that any thread can feed.
//
// A handler creates one, keeps a shared_ptr where events come from, and returns
// it in Response::stream. The server writes pushed events to the client as
// they come, with a keep-alive comment when nothing was sent for a while, until
// close() is called or the client leaves. No thread waits per stream: the
// server's writer is a coroutine that sleeps until push() wakes it.
//
// Events pushed before the server starts writing are kept and sent first. A
// client that reads too slowly to keep up (more than kMaxPending bytes waiting)
// is dropped rather than let memory grow.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace cairn::http {

class EventStream {
 public:
  static constexpr std::size_t kMaxPending = 1 << 20;

  // Queues "event: <event>\ndata: <data>\n\n". Each line of `data` becomes a
  // data line; line breaks in `event` are dropped. Does nothing once closed.
  void push(std::string_view event, std::string_view data);

  // Ends the stream: what was pushed is still sent, then the response ends.
  void close();

  // False after close(), once the client left, or when it fell too far behind;
  // producers can then drop their reference.
  bool is_open() const;

  // --- For the server's writer ---

  // Registers the function that wakes the writer; push() and close() call it
  // with the lock held, so after detach() it is never called again.
  void attach(std::function<void()> wake);
  // Closes the stream and forgets the waker (the client left or the server stops).
  void detach();
  // Takes all pending text; `closed` tells whether the stream has ended.
  std::string take(bool& closed);

 private:
  void wake_locked();

  mutable std::mutex mutex_;
  std::string pending_;
  bool closed_ = false;
  std::function<void()> wake_;
};

}  // namespace cairn::http
