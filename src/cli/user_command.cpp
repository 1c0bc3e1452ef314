// `regiekamer user add|remove|list|token|set|password`: accounts of the API and dashboard
// (server/accounts). A password is read from standard input (one line), never from the command
// line.
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/open_store.hpp"
#include "cli/run_command.hpp"
#include "server/accounts.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

struct UserOptions {
  std::string db;
  std::string name;
  std::string role;
  bool revoke = false;
};

Result<server::AccountRole> parse_role(const std::string& text) {
  const auto role = server::parse_account_role(text);
  if (!role)
    return Status::error(
        ErrorKind::kUsage,
        "--role: verwacht admin, analyst of municipality:GMxxxx, niet '" + text + "'");
  return *role;
}

// One line of standard input, without its line end.
Result<std::string> read_password() {
  std::string password;
  if (!std::getline(std::cin, password))
    return Status::error(ErrorKind::kUsage, "geen wachtwoord op de standaardinvoer");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Status add(const UserOptions& o) {
  auto role = parse_role(o.role);
  if (!role) return role.status();
  auto password = read_password();
  if (!password) return password.status();
  auto store = open_existing_store(o.db);
  if (!store) return store.status();
  if (Status s = server::add_account(**store, o.name, *role, *password); !s) return s;
  std::printf("gebruiker %s toegevoegd (%s)\n", o.name.c_str(), role->to_string().c_str());
  return Status::ok();
}

Status change_role(const UserOptions& o) {
  auto role = parse_role(o.role);
  if (!role) return role.status();
  auto store = open_existing_store(o.db);
  if (!store) return store.status();
  auto revoked = server::set_role(**store, o.name, *role);
  if (!revoked) return revoked.status();
  std::printf("gebruiker %s heeft nu rol %s; sessies beëindigd, %d token(s) ingetrokken\n",
              o.name.c_str(), role->to_string().c_str(), *revoked);
  return Status::ok();
}

Status change_password(const UserOptions& o) {
  auto password = read_password();
  if (!password) return password.status();
  auto store = open_existing_store(o.db);
  if (!store) return store.status();
  if (Status s = server::set_password(**store, o.name, *password); !s) return s;
  std::printf("nieuw wachtwoord voor %s; sessies beëindigd (tokens blijven geldig)\n",
              o.name.c_str());
  return Status::ok();
}

Status remove(const UserOptions& o) {
  auto store = open_existing_store(o.db);
  if (!store) return store.status();
  if (Status s = server::remove_account(**store, o.name); !s) return s;
  std::printf("gebruiker %s verwijderd, met zijn tokens\n", o.name.c_str());
  return Status::ok();
}

Status list(const UserOptions& o) {
  auto store = open_existing_store(o.db);
  if (!store) return store.status();
  auto accounts = server::list_accounts(**store);
  if (!accounts) return accounts.status();
  auto tokens = server::list_tokens(**store);
  if (!tokens) return tokens.status();
  std::map<std::string, int> per_name;
  for (const auto& t : *tokens) ++per_name[t.name];
  std::printf("%-24s %-22s %-21s %s\n", "naam", "rol", "aangemaakt", "tokens");
  for (const auto& a : *accounts)
    std::printf("%-24s %-22s %-21s %d\n", a.name.c_str(), a.role.to_string().c_str(),
                a.created.c_str(), per_name[a.name]);
  return Status::ok();
}

Status token(const UserOptions& o) {
  auto store = open_existing_store(o.db);
  if (!store) return store.status();
  if (o.revoke) {
    auto n = server::revoke_tokens(**store, o.name);
    if (!n) return n.status();
    std::printf("%d token(s) van %s ingetrokken\n", *n, o.name.c_str());
    return Status::ok();
  }
  auto t = server::create_token(**store, o.name);
  if (!t) return t.status();
  // Only the token on standard output (for scripts); it is not stored and not shown again.
  std::printf("%s\n", t->c_str());
  std::fprintf(stderr, "bewaar dit token: het wordt niet opnieuw getoond\n");
  return Status::ok();
}

}  // namespace

void register_user(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<UserOptions>();
  CLI::App* cmd = app.add_subcommand("user", "accounts, rollen en API-tokens");
  cmd->require_subcommand(1);
  CLI::App* add_cmd = cmd->add_subcommand("add", "account toevoegen (wachtwoord via stdin)");
  CLI::App* remove_cmd = cmd->add_subcommand("remove", "account en tokens verwijderen");
  CLI::App* list_cmd = cmd->add_subcommand("list", "accounts tonen");
  CLI::App* token_cmd = cmd->add_subcommand("token", "nieuw API-token (of --revoke)");
  CLI::App* set_cmd =
      cmd->add_subcommand("set", "andere rol (beëindigt sessies en trekt tokens in)");
  CLI::App* password_cmd =
      cmd->add_subcommand("password", "nieuw wachtwoord via stdin (beëindigt sessies)");
  for (CLI::App* c : {add_cmd, remove_cmd, list_cmd, token_cmd, set_cmd, password_cmd})
    add_db_option(*c, o->db);
  for (CLI::App* c : {add_cmd, remove_cmd, token_cmd, set_cmd, password_cmd})
    c->add_option("--name", o->name, "naam van het account")->required();
  for (CLI::App* c : {add_cmd, set_cmd})
    c->add_option("--role", o->role, "admin, analyst of municipality:GMxxxx")->required();
  token_cmd->add_flag("--revoke", o->revoke, "alle tokens van het account intrekken");
  const std::pair<CLI::App*, Status (*)(const UserOptions&)> bodies[] = {
      {add_cmd, add},     {remove_cmd, remove},   {list_cmd, list},
      {token_cmd, token}, {set_cmd, change_role}, {password_cmd, change_password}};
  for (const auto& [c, body] : bodies)
    set_command_body(*c, "user", exit_code, [o, body = body] { return body(*o); });
}

}  // namespace rk::cli
