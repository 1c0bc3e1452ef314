// Accounts of the API and dashboard (`regiekamer user`, `serve`): names with a role and an
// Argon2id password hash, and API tokens stored only as their BLAKE2b hash. Both live in the
// store's metadata: `user:NAME` and `token:HASH` hold JSON objects.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::server {

// A role as written in an account: admin, analyst or municipality:GMxxxx.
struct AccountRole {
  enum class Kind : uint8_t { kAdmin, kAnalyst, kMunicipality };
  Kind kind = Kind::kAnalyst;
  std::string municipality;  // GMxxxx for kMunicipality, empty otherwise
  [[nodiscard]] std::string to_string() const;
  // Analysts and admins see every number and the records behind them.
  [[nodiscard]] bool sees_records() const { return kind != Kind::kMunicipality; }
};
std::optional<AccountRole> parse_account_role(std::string_view text);

struct Account {
  std::string name;
  AccountRole role;
  std::string password_hash;  // crypto_pwhash_str (Argon2id) encoding
  std::string created;        // UTC timestamp
};

struct TokenEntry {
  std::string hash;  // hex BLAKE2b-256 of the token
  std::string name;  // account
  std::string created;
};

// Names: 1-64 characters of letters, digits and . _ @ -.
bool valid_account_name(std::string_view name);

// Argon2id (libsodium, interactive limits). Fails only when out of memory.
Result<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
// Hex of `bytes` random bytes.
std::string random_hex(size_t bytes);
std::string token_hash(std::string_view token);
// Current UTC time as YYYY-MM-DDTHH:MM:SSZ (with milliseconds when `millis`).
std::string utc_now(bool millis = false);

Status add_account(store::Store& store, const std::string& name, const AccountRole& role,
                   std::string_view password);
// Removes the account and every token of it; kNotFound when there is no such account.
Status remove_account(store::Store& store, const std::string& name);
Result<std::vector<Account>> list_accounts(store::Store& store);
Result<std::vector<TokenEntry>> list_tokens(store::Store& store);
// Creates a new API token for an existing account; returns the token (shown once).
Result<std::string> create_token(store::Store& store, const std::string& name);
// Revokes every token of the account; returns how many.
Result<int> revoke_tokens(store::Store& store, const std::string& name);

}  // namespace rk::server
