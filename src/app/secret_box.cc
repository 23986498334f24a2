#include "app/secret_box.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cairn::app {
namespace {

constexpr std::string_view kPrefix = "v1:";

std::optional<std::string> from_hex(std::string_view hex) {
  std::string out(crypto_secretbox_KEYBYTES, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      length != out.size()) {
    return std::nullopt;
  }
  return out;
}

// Reads the key file, or makes it (O_EXCL, 0600) when it does not exist.
core::Result<std::string> load_or_create(const std::string& path) {
  std::ifstream in(path);
  if (in) {
    std::stringstream text;
    text << in.rdbuf();
    std::string hex = text.str();
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    if (auto key = from_hex(hex)) return *key;
    return core::unavailable("the key file " + path + " does not hold 64 hex digits");
  }
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
  std::string hex(key.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(key.data()),
                 key.size());
  hex.pop_back();
  hex += '\n';
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    // Another process made it first: use theirs.
    if (errno == EEXIST) return load_or_create(path);
    return core::unavailable("cannot create the key file " + path);
  }
  const bool written =
      ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return core::unavailable("cannot write the key file " + path);
  return key;
}

}  // namespace

core::Result<std::string> SecretBox::key() {
  std::lock_guard lock(mutex_);
  if (key_) return *key_;
  if (sodium_init() < 0) return core::unavailable("libsodium did not start");
  if (const char* hex = std::getenv("CAIRN_SECRET_KEY"); hex && *hex) {
    auto key = from_hex(hex);
    if (!key) return core::unavailable("CAIRN_SECRET_KEY must be 64 hex digits (32 bytes)");
    key_ = *key;
    return *key_;
  }
  if (key_file_.empty()) {
    return core::unavailable(
        "secrets need a key: set CAIRN_SECRET_KEY to 64 hex digits (the same on every server), "
        "or give the header as an environment variable");
  }
  auto key = load_or_create(key_file_);
  if (!key) return key.error();
  key_ = *key;
  return *key_;
}

core::Result<std::string> SecretBox::seal(std::string_view plain) {
  auto k = key();
  if (!k) return k.error();
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        reinterpret_cast<const unsigned char*>(k->data()));
  std::string b64(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), nonce, box.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.pop_back();  // the terminating NUL
  return std::string(kPrefix) + b64;
}

core::Result<std::string> SecretBox::open(std::string_view sealed) {
  auto k = key();
  if (!k) return k.error();
  if (!sealed.starts_with(kPrefix)) return core::invalid("value", "not a sealed secret");
  sealed.remove_prefix(kPrefix.size());
  std::string box(sealed.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(),
                        sealed.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return core::invalid("value", "not a sealed secret");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  std::string plain(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 length - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(k->data())) != 0) {
    return core::invalid("value", "sealed with another key (CAIRN_SECRET_KEY changed?)");
  }
  return plain;
}

}  // namespace cairn::app
