#include "server/accounts.hpp"

#include <sodium.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "server/password_policy.hpp"
#include "util/text.hpp"

namespace rk::server {
namespace {

constexpr std::string_view kUserPrefix = "user:";
constexpr std::string_view kTokenPrefix = "token:";

bool ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string to_hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

std::string user_key(std::string_view name) { return std::string(kUserPrefix) + std::string(name); }

// The stored JSON object of an account; kNotFound when there is none.
Result<nlohmann::json> read_account(store::Store& store, const std::string& name) {
  auto value = store.get_meta(user_key(name));
  if (!value) return value.status();
  if (value->empty()) return Status::error(ErrorKind::kNotFound, "geen gebruiker '" + name + "'");
  nlohmann::json doc = nlohmann::json::parse(*value, nullptr, false);
  if (!doc.is_object())
    return Status::error(ErrorKind::kStore, "account '" + name + "' is beschadigd");
  return doc;
}

std::string new_epoch() { return random_hex(8); }

}  // namespace

std::string AccountRole::to_string() const {
  switch (kind) {
    case Kind::kAdmin:
      return "admin";
    case Kind::kAnalyst:
      return "analyst";
    case Kind::kMunicipality:
      return "municipality:" + municipality;
  }
  return "analyst";
}

std::optional<AccountRole> parse_account_role(std::string_view text) {
  if (text == "admin") return AccountRole{AccountRole::Kind::kAdmin, {}};
  if (text == "analyst") return AccountRole{AccountRole::Kind::kAnalyst, {}};
  constexpr std::string_view kMun = "municipality:";
  if (!text.starts_with(kMun)) return std::nullopt;
  const std::string_view code = text.substr(kMun.size());
  if (code.size() != 6 || !code.starts_with("GM")) return std::nullopt;
  for (char c : code.substr(2))
    if (c < '0' || c > '9') return std::nullopt;
  return AccountRole{AccountRole::Kind::kMunicipality, std::string(code)};
}

bool valid_account_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::string> hash_password(std::string_view password) {
  if (!ensure_sodium()) return Status::error(ErrorKind::kInternal, "libsodium start mislukt");
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::error(ErrorKind::kInternal, "wachtwoord hashen mislukt (geheugen)");
  }
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  if (!ensure_sodium() || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_hex(size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return to_hex(buf.data(), buf.size());
}

std::string token_hash(std::string_view token) {
  ensure_sodium();
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(out, sizeof out);
}

Status check_role(store::Store& store, const AccountRole& role) {
  if (role.kind != AccountRole::Kind::kMunicipality) return Status::ok();
  bool found = false;
  if (Status s =
          store.scan_column(model::Kind::kMunicipalities, "code",
                            [&](const store::Cell& c) { found |= c.s == role.municipality; });
      !s)
    return s;
  if (!found)
    return Status::error(ErrorKind::kUsage,
                         fmt::format("gemeente '{}' staat niet in de gegevens (municipalities); "
                                     "importeer die eerst of kies een bestaande code",
                                     role.municipality));
  return Status::ok();
}

Status add_account(store::Store& store, const std::string& name, const AccountRole& role,
                   std::string_view password) {
  if (!valid_account_name(name))
    return Status::error(ErrorKind::kUsage,
                         "ongeldige naam '" + name + "' (letters, cijfers en . _ @ -)");
  if (Status s = check_password(name, password); !s) return s;
  auto existing = store.get_meta(user_key(name));
  if (!existing) return existing.status();
  if (!existing->empty())
    return Status::error(ErrorKind::kUsage, "gebruiker '" + name + "' bestaat al");
  if (Status s = check_role(store, role); !s) return s;
  auto hash = hash_password(password);
  if (!hash) return hash.status();
  const nlohmann::json doc{{"id", random_hex(16)},
                           {"role", role.to_string()},
                           {"password", *hash},
                           {"created", util::utc_now()},
                           {"session_epoch", new_epoch()}};
  return store.put_meta(user_key(name), doc.dump());
}

Status remove_account(store::Store& store, const std::string& name) {
  auto existing = store.get_meta(user_key(name));
  if (!existing) return existing.status();
  if (existing->empty())
    return Status::error(ErrorKind::kNotFound, "geen gebruiker '" + name + "'");
  if (auto revoked = revoke_tokens(store, name); !revoked) return revoked.status();
  return store.delete_meta(user_key(name));
}

Result<int> set_role(store::Store& store, const std::string& name, const AccountRole& role) {
  auto doc = read_account(store, name);
  if (!doc) return doc.status();
  if (Status s = check_role(store, role); !s) return s;
  (*doc)["role"] = role.to_string();
  (*doc)["session_epoch"] = new_epoch();
  if (Status s = store.put_meta(user_key(name), doc->dump()); !s) return s;
  return revoke_tokens(store, name);
}

Status set_password(store::Store& store, const std::string& name, std::string_view password) {
  if (Status s = check_password(name, password); !s) return s;
  auto doc = read_account(store, name);
  if (!doc) return doc.status();
  auto hash = hash_password(password);
  if (!hash) return hash.status();
  (*doc)["password"] = *hash;
  (*doc)["session_epoch"] = new_epoch();
  return store.put_meta(user_key(name), doc->dump());
}

Result<std::vector<Account>> list_accounts(store::Store& store) {
  auto rows = store.list_meta(kUserPrefix);
  if (!rows) return rows.status();
  std::vector<Account> out;
  for (const auto& [key, value] : *rows) {
    // A damaged entry is skipped (no login for it), never fatal.
    const nlohmann::json doc = nlohmann::json::parse(value, nullptr, false);
    if (!doc.is_object()) continue;
    try {
      auto role = parse_account_role(doc.value("role", std::string()));
      if (!role) continue;
      out.push_back(Account{key.substr(kUserPrefix.size()), *role, doc.value("password", ""),
                            doc.value("created", ""), doc.value("id", ""),
                            doc.value("session_epoch", "")});
    } catch (const nlohmann::json::exception&) {
      continue;
    }
  }
  return out;
}

Result<std::vector<TokenEntry>> list_tokens(store::Store& store) {
  auto rows = store.list_meta(kTokenPrefix);
  if (!rows) return rows.status();
  std::vector<TokenEntry> out;
  for (const auto& [key, value] : *rows) {
    const nlohmann::json doc = nlohmann::json::parse(value, nullptr, false);
    if (!doc.is_object()) continue;
    try {
      out.push_back(TokenEntry{key.substr(kTokenPrefix.size()), doc.value("name", ""),
                               doc.value("account", ""), doc.value("created", "")});
    } catch (const nlohmann::json::exception&) {
      continue;  // a damaged entry authenticates nobody
    }
  }
  return out;
}

Result<std::string> create_token(store::Store& store, const std::string& name) {
  auto account = read_account(store, name);
  if (!account) return account.status();
  std::string token = "rk_" + random_hex(32);
  const nlohmann::json doc{
      {"name", name}, {"account", account->value("id", "")}, {"created", util::utc_now()}};
  if (Status s = store.put_meta(std::string(kTokenPrefix) + token_hash(token), doc.dump()); !s)
    return s;
  return token;
}

Result<int> revoke_tokens(store::Store& store, const std::string& name) {
  auto tokens = list_tokens(store);
  if (!tokens) return tokens.status();
  int n = 0;
  for (const auto& t : *tokens) {
    if (t.name != name) continue;
    if (Status s = store.delete_meta(std::string(kTokenPrefix) + t.hash); !s) return s;
    ++n;
  }
  return n;
}

}  // namespace rk::server
