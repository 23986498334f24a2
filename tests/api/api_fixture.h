// What the API tests share: a fresh store folder, the real server on it, and
// requests over HTTP.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "../http/test_client.h"
#include "cairn_process.h"

namespace cairn::api::testing {

inline constexpr std::string_view kJson = "Content-Type: application/json\r\n";

// The value of a string member in a flat JSON text (enough for these tests).
inline std::string member(const std::string& json, const std::string& name) {
  const std::string key = "\"" + name + "\":\"";
  const std::size_t at = json.find(key);
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size();
  return json.substr(start, json.find('"', start) - start);
}

inline std::string bearer(const std::string& token) {
  return "Authorization: Bearer " + token + "\r\n";
}

class ApiTest : public ::testing::Test {
 protected:
  // Starts the server on an empty store, with `arguments` added to `cairn serve`.
  void start(std::vector<std::string> arguments = {}) {
    folder_ = std::filesystem::temp_directory_path() /
              ("cairn-api-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(folder_);
    database_ = (folder_ / "cairn.db").string();
    server_ = std::make_unique<CairnProcess>(database_, std::move(arguments));
  }
  void TearDown() override {
    server_.reset();
    if (!folder_.empty()) std::filesystem::remove_all(folder_);
  }

  http::testing::Reply call(std::string_view method, std::string_view target,
                            std::string_view headers = "", std::string_view body = "") {
    auto reply = http::testing::fetch(server_->port(), method, target, headers, body);
    if (!reply) throw std::runtime_error("no answer to " + std::string(target));
    return *reply;
  }
  // The API token `--demo` printed.
  std::string demo_token() const {
    const std::string& printed = server_->printed();
    const std::size_t at = printed.find("cairn_");
    if (at == std::string::npos) return "";
    return printed.substr(at, printed.find_first_of("\n '", at) - at);
  }

  std::filesystem::path folder_;
  std::string database_;
  std::unique_ptr<CairnProcess> server_;
};

}  // namespace cairn::api::testing
