#include "app/passwords.h"

#include <sodium.h>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/text.h"

namespace cairn::app {

extern const char* const kCommonPasswords;  // common_passwords.cc, generated at build time

namespace {

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> list = [] {
    std::unordered_set<std::string> out;
    std::string_view all(kCommonPasswords);
    while (!all.empty()) {
      const std::size_t end = std::min(all.find('\n'), all.size());
      std::string_view line = all.substr(0, end);
      all.remove_prefix(std::min(end + 1, all.size()));
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.starts_with("#!comment")) continue;
      out.insert(core::ascii_lowercase(line));
    }
    return out;
  }();
  return list;
}

}  // namespace

core::Result<void> check_password_policy(std::string_view password) {
  // Characters, not bytes: a multi-byte UTF-8 character counts once.
  const auto characters = std::count_if(password.begin(), password.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  if (characters < 8) return core::invalid("password", "must be at least 8 characters long");
  if (characters > 1024) return core::invalid("password", "must be at most 1,024 characters long");
  if (common_passwords().contains(core::ascii_lowercase(password))) {
    return core::invalid("password", "is one of the most common passwords; choose another");
  }
  return {};
}

core::Result<std::string> hash_password(std::string_view password) {
  if (!sodium_ready()) {
    return core::Error{core::ErrorCode::kUnavailable, "libsodium failed to start", {}, {}, {}};
  }
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Error{
        core::ErrorCode::kUnavailable, "out of memory hashing a password", {}, {}, {}};
  }
  return std::string(hash);
}

bool verify_password(std::string_view hash, std::string_view password) {
  if (!sodium_ready() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
  sodium_ready();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return "cairn_" + std::string(text);
}

std::string token_hash(std::string_view token) {
  sodium_ready();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace cairn::app
