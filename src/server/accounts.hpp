// Accounts of the API and dashboard (`regiekamer user`, `serve`): names with a role and an
// Argon2id password hash, and API tokens stored only as their BLAKE2b hash. Both live in the
// store's metadata: `user:NAME` and `token:HASH` hold JSON objects.
//
// An account has a random id made when it is added, and a session epoch that changes when its
// role or password changes. Tokens carry the id and sessions the id and the epoch, so that a
// removed account's tokens and sessions never come back with a new account of the same name,
// and a role change or a new password ends the account's sessions.
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
  std::string id;             // random, for the account's life; empty for accounts made before ids
  std::string session_epoch;  // changes with the role and the password; ends older sessions
};

struct TokenEntry {
  std::string hash;     // hex BLAKE2b-256 of the token
  std::string name;     // account
  std::string account;  // the account's id when the token was made (empty before ids)
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

// Ok when `role` can be given: a municipality role only for a municipality in the store's data
// (kUsage otherwise).
Status check_role(store::Store& store, const AccountRole& role);

// Adds an account with a new id. Fails (kUsage) on a bad name, an existing name, a role that
// check_role refuses, or a password that check_password (password_policy.hpp) refuses.
Status add_account(store::Store& store, const std::string& name, const AccountRole& role,
                   std::string_view password);
// Removes the account and every token of it; kNotFound when there is no such account. Its
// sessions end with it, also when an account of the same name is added later.
Status remove_account(store::Store& store, const std::string& name);
// Gives the account another role (check_role), ends its sessions and revokes its tokens, since
// they were handed out for the old role; returns the number of tokens revoked.
Result<int> set_role(store::Store& store, const std::string& name, const AccountRole& role);
// Sets a new password (check_password) and ends the account's sessions. Tokens stay: they do not
// come from the password, and `user token --revoke` ends them.
Status set_password(store::Store& store, const std::string& name, std::string_view password);
Result<std::vector<Account>> list_accounts(store::Store& store);
Result<std::vector<TokenEntry>> list_tokens(store::Store& store);
// Creates a new API token for an existing account; returns the token (shown once).
Result<std::string> create_token(store::Store& store, const std::string& name);
// Revokes every token of the account; returns how many.
Result<int> revoke_tokens(store::Store& store, const std::string& name);

}  // namespace rk::server
