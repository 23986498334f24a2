#include "test_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace cairn::http::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

const std::string* Reply::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return &value;
  }
  return nullptr;
}

TestClient::TestClient(unsigned short port, const char* from) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (from) {
    // All of 127.0.0.0/8 is the loopback interface on Linux.
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &local.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ADD_FAILURE() << "cannot bind to " << from << ": errno " << errno;
    }
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ADD_FAILURE() << "cannot connect to port " << port << ": errno " << errno;
    close();
  }
}

TestClient::~TestClient() {
  close();
}

void TestClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool TestClient::send(std::string_view data) {
  while (!data.empty() && fd_ >= 0) {
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return fd_ >= 0;
}

TestClient::Fill TestClient::fill(Clock::time_point deadline) {
  if (fd_ < 0) return Fill::kClosed;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return Fill::kTimeout;
  pollfd poll_fd{fd_, POLLIN, 0};
  int ready = ::poll(&poll_fd, 1, static_cast<int>(left.count()));
  if (ready == 0) return Fill::kTimeout;
  if (ready < 0) return errno == EINTR ? fill(deadline) : Fill::kClosed;
  char chunk[16 * 1024];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return Fill::kClosed;  // EOF or reset
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return Fill::kData;
}

std::optional<Reply> TestClient::read_reply(bool head, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (fill(deadline) != Fill::kData) return std::nullopt;
  }
  Reply reply;
  std::string_view head_text(buffer_.data(), header_end);
  auto line_end = head_text.find("\r\n");
  std::string_view status_line = head_text.substr(0, line_end);
  if (status_line.substr(0, 5) != "HTTP/" || status_line.size() < 12) return std::nullopt;
  reply.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
  while (line_end != std::string_view::npos) {
    head_text.remove_prefix(line_end + 2);
    line_end = head_text.find("\r\n");
    std::string_view line = head_text.substr(0, line_end);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    reply.headers.emplace_back(lower(std::string(line.substr(0, colon))),
                               trim(line.substr(colon + 1)));
  }
  buffer_.erase(0, header_end + 4);

  if (head || reply.status == 204 || reply.status == 304 || reply.status / 100 == 1) return reply;
  if (const auto* encoding = reply.header("transfer-encoding");
      encoding && *encoding == "chunked") {
    while (true) {
      std::size_t size_end;
      while ((size_end = buffer_.find("\r\n")) == std::string::npos) {
        if (fill(deadline) != Fill::kData) return std::nullopt;
      }
      std::size_t size = std::strtoul(buffer_.substr(0, size_end).c_str(), nullptr, 16);
      while (buffer_.size() < size_end + 2 + size + 2) {
        if (fill(deadline) != Fill::kData) return std::nullopt;
      }
      reply.body += buffer_.substr(size_end + 2, size);
      buffer_.erase(0, size_end + 2 + size + 2);
      if (size == 0) return reply;
    }
  }
  if (const auto* length = reply.header("content-length")) {
    std::size_t size = std::strtoul(length->c_str(), nullptr, 10);
    while (buffer_.size() < size) {
      if (fill(deadline) != Fill::kData) return std::nullopt;
    }
    reply.body = buffer_.substr(0, size);
    buffer_.erase(0, size);
    return reply;
  }
  while (fill(deadline) == Fill::kData) {
  }
  reply.body = std::exchange(buffer_, {});
  return reply;
}

bool TestClient::wait_for(std::string_view needle, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (buffer_.find(needle) == std::string::npos) {
    if (fill(deadline) != Fill::kData) return false;
  }
  return true;
}

bool TestClient::closed_within(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    switch (fill(deadline)) {
      case Fill::kClosed:
        return true;
      case Fill::kTimeout:
        return false;
      case Fill::kData:
        break;
    }
  }
}

std::string request_text(std::string_view method, std::string_view target,
                         std::string_view header_lines, std::string_view body) {
  std::string text;
  text.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  text.append(header_lines);
  if (!body.empty()) text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  text += "\r\n";
  text.append(body);
  return text;
}

std::optional<Reply> fetch(unsigned short port, std::string_view method, std::string_view target,
                           std::string_view header_lines, std::string_view body) {
  TestClient client(port);
  if (!client.send(request_text(method, target, header_lines, body))) return std::nullopt;
  return client.read_reply(method == "HEAD");
}

ServerOptions TestServer::quiet() {
  ServerOptions options;
  options.access_log = false;
  return options;
}

TestServer::TestServer(Router& router, ServerOptions options) : server(options, router) {
  server.listen("127.0.0.1", 0);
  server.start(2);
}

}  // namespace cairn::http::testing
