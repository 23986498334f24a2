// Passwords and API tokens (QUALITY.md "Authentication and sessions"):
// argon2id password hashes, the password policy, and random tokens that are
// stored only as hashes.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace cairn::app {

// 8 to 1,024 characters, no composition rules, not on the list of common
// passwords that ships with Cairn (Openwall's, 3,500 entries; compared
// without regard to case). The error names the field "password".
core::Result<void> check_password_policy(std::string_view password);

// An argon2id hash in the PHC string format ($argon2id$v=19$m=...), salted.
core::Result<std::string> hash_password(std::string_view password);
// True when `password` matches `hash`; false for a malformed hash.
bool verify_password(std::string_view hash, std::string_view password);

// A new API token: "cairn_" and 43 characters of base64url (256 random bits).
std::string new_token();
// The token's stored form: BLAKE2b-256, hex. Tokens are random, so a fast
// hash suffices (no salt or stretching needed against guessing).
std::string token_hash(std::string_view token);

}  // namespace cairn::app
