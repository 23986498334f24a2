// Secrets kept encrypted at rest (docs/kpis.md): a KPI pull's header values,
// such as an Authorization header, are sealed with the server's key
// (libsodium secretbox: XSalsa20-Poly1305) before they reach the store, so a
// copy of the database alone does not give them away.
//
// The key comes from CAIRN_SECRET_KEY (64 hex digits), or else from a key
// file: for a SQLite store the database's path plus ".key", made on first use
// with mode 0600. Several servers on one PostgreSQL share CAIRN_SECRET_KEY;
// without it they cannot seal (kUnavailable says how to set it).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace cairn::app {

class SecretBox {
 public:
  // `key_file` is where the key lives when the environment gives none; empty
  // when there is no such place (PostgreSQL).
  explicit SecretBox(std::string key_file) : key_file_(std::move(key_file)) {}

  // "v1:" and base64 of nonce and ciphertext.
  core::Result<std::string> seal(std::string_view plain);
  // kInvalid for text that was not sealed with this key.
  core::Result<std::string> open(std::string_view sealed);

 private:
  core::Result<std::string> key();

  std::string key_file_;
  std::mutex mutex_;
  std::optional<std::string> key_;  // 32 bytes once loaded
};

}  // namespace cairn::app
