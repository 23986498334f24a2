// Receivers on 127.0.0.1 for the notification tests: an HTTP server that
// records every request and answers with the statuses it is told, and an
// SMTP server that records every message. Each runs one thread and serves
// one connection at a time, which is all the outbox needs.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cairn::testing {

class LoopbackServer {
 public:
  LoopbackServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 16);
    socklen_t size = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  virtual ~LoopbackServer() { stop(); }

  unsigned short port() const { return port_; }

  // Reads until `buffer` contains `marker`; false on end of stream.
  static bool read_until(int client, std::string& buffer, std::string_view marker) {
    char chunk[4096];
    while (buffer.find(marker) == std::string::npos) {
      pollfd fd{client, POLLIN, 0};
      if (::poll(&fd, 1, 5000) <= 0) return false;
      const ssize_t n = ::recv(client, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
  }

 protected:
  void start() {
    thread_ = std::thread([this] {
      while (!stopping_) {
        pollfd fd{listener_, POLLIN, 0};
        if (::poll(&fd, 1, 50) <= 0) continue;
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) continue;
        serve(client);
        ::close(client);
      }
    });
  }
  void stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
    if (listener_ >= 0) ::close(listener_);
    listener_ = -1;
  }
  virtual void serve(int client) = 0;

  static void write_all(int client, std::string_view text) {
    while (!text.empty()) {
      const ssize_t n = ::send(client, text.data(), text.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      text.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  std::mutex mutex_;

 private:
  int listener_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

struct ReceivedRequest {
  std::string method, target;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
};

// Reads one request (its line, headers and a Content-Length body) from a
// client of a loopback server; nullopt if the client went away first.
inline std::optional<ReceivedRequest> read_request(int client) {
  std::string buffer;
  if (!LoopbackServer::read_until(client, buffer, "\r\n\r\n")) return std::nullopt;
  const std::size_t end = buffer.find("\r\n\r\n");
  ReceivedRequest r;
  std::size_t line_end = buffer.find("\r\n");
  const std::string request_line = buffer.substr(0, line_end);
  r.method = request_line.substr(0, request_line.find(' '));
  r.target =
      request_line.substr(r.method.size() + 1, request_line.rfind(' ') - r.method.size() - 1);
  for (std::size_t at = line_end + 2; at < end; at = line_end + 2) {
    line_end = buffer.find("\r\n", at);
    const std::string line = buffer.substr(at, line_end - at);
    const std::size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers[name] = value;
  }
  const std::size_t length =
      r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
  std::string rest = buffer.substr(end + 4);
  while (rest.size() < length) {
    char chunk[4096];
    const ssize_t n = ::recv(client, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    rest.append(chunk, static_cast<std::size_t>(n));
  }
  r.body = rest.substr(0, length);
  return r;
}

class HttpReceiver final : public LoopbackServer {
 public:
  // Answers each request with the next of `statuses`, then 200.
  explicit HttpReceiver(std::vector<int> statuses = {})
      : statuses_(statuses.begin(), statuses.end()) {
    start();
  }
  ~HttpReceiver() override { stop(); }

  std::vector<ReceivedRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port()) + path;
  }

 private:
  void serve(int client) override {
    std::optional<ReceivedRequest> r = read_request(client);
    if (!r) return;
    int status = 200;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(std::move(*r));
      if (!statuses_.empty()) {
        status = statuses_.front();
        statuses_.pop_front();
      }
    }
    write_all(client, "HTTP/1.1 " + std::to_string(status) +
                          " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  std::deque<int> statuses_;
  std::vector<ReceivedRequest> requests_;
};

// An HTTP server answering every GET with the status and body it is told
// (after a delay, if told one), recording each request: a KPI's data source.
class JsonSource final : public LoopbackServer {
 public:
  JsonSource() { start(); }
  ~JsonSource() override { stop(); }

  void answer(int status, std::string body, int delay_ms = 0) {
    std::lock_guard lock(mutex_);
    status_ = status;
    body_ = std::move(body);
    delay_ms_ = delay_ms;
  }
  std::vector<ReceivedRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::string url(const std::string& path = "/metrics.json") const {
    return "http://127.0.0.1:" + std::to_string(port()) + path;
  }

 private:
  void serve(int client) override {
    std::optional<ReceivedRequest> r = read_request(client);
    if (!r) return;
    int status = 200, delay = 0;
    std::string body;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(std::move(*r));
      status = status_;
      body = body_;
      delay = delay_ms_;
    }
    if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    write_all(client, "HTTP/1.1 " + std::to_string(status) +
                          " X\r\nContent-Type: application/json\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  }

  int status_ = 200;
  std::string body_ = "{}";
  int delay_ms_ = 0;
  std::vector<ReceivedRequest> requests_;
};

struct ReceivedMail {
  std::string from;
  std::vector<std::string> to;
  std::string data;  // the message as sent, dot-unstuffed, without the final "."
};

class SmtpReceiver final : public LoopbackServer {
 public:
  SmtpReceiver() { start(); }
  ~SmtpReceiver() override { stop(); }

  std::vector<ReceivedMail> mails() {
    std::lock_guard lock(mutex_);
    return mails_;
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port()); }

 private:
  void serve(int client) override {
    write_all(client, "220 loopback ESMTP\r\n");
    std::string buffer;
    ReceivedMail mail;
    for (;;) {
      if (!read_until(client, buffer, "\r\n")) return;
      const std::size_t eol = buffer.find("\r\n");
      const std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 2);
      std::string verb = line.substr(0, line.find(' '));
      for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (verb == "EHLO" || verb == "HELO") {
        write_all(client, "250 loopback\r\n");
      } else if (verb == "MAIL") {
        mail.from = line.substr(line.find(':') + 1);
        write_all(client, "250 OK\r\n");
      } else if (verb == "RCPT") {
        mail.to.push_back(line.substr(line.find(':') + 1));
        write_all(client, "250 OK\r\n");
      } else if (verb == "DATA") {
        write_all(client, "354 go ahead\r\n");
        if (!read_until(client, buffer, "\r\n.\r\n")) return;
        const std::size_t stop = buffer.find("\r\n.\r\n");
        std::string data = buffer.substr(0, stop + 2);
        buffer.erase(0, stop + 5);
        // Dot-unstuffing (RFC 5321 4.5.2).
        std::string unstuffed;
        for (std::size_t i = 0; i < data.size(); ++i) {
          if (data[i] == '.' && (i == 0 || data[i - 1] == '\n')) continue;
          unstuffed += data[i];
        }
        mail.data = unstuffed;
        {
          std::lock_guard lock(mutex_);
          mails_.push_back(mail);
        }
        mail = {};
        write_all(client, "250 queued\r\n");
      } else if (verb == "QUIT") {
        write_all(client, "221 bye\r\n");
        return;
      } else {
        write_all(client, "250 OK\r\n");
      }
    }
  }

  std::vector<ReceivedMail> mails_;
};

}  // namespace cairn::testing
