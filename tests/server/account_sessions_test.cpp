// Accounts as the running server sees them (issue 11): a removed account's sessions and tokens
// end for good, `user set --role` and `user password` end sessions, failed logins are throttled
// per name and address, and `user add` refuses weak passwords and unknown municipalities.
#include <gtest/gtest.h>

#include <string>

#include "server_fixture.hpp"

namespace rk::server {
namespace {

class AccountSessionsTest : public ServerTest {
 protected:
  static httplib::Headers cookie(const std::string& session) { return {{"Cookie", session}}; }
  static int me(const httplib::Headers& h) { return get("/api/me", h)->status; }
  static int try_login(const std::string& name, const std::string& password) {
    return client()
        .Post("/api/login", Json{{"name", name}, {"password", password}}.dump(), "application/json")
        ->status;
  }
  // Adds an analyst `name` through the program, as an administrator would.
  static void add_analyst(const std::string& name) {
    std::string out;
    ASSERT_EQ(
        program("user add --db " + db_ + " --name " + name + " --role analyst", out, kPassword), 0)
        << out;
  }
};

TEST_F(AccountSessionsTest, RemovedAndReAddedAccountKeepsNoSessionOrToken) {
  add_analyst("tijdelijk");
  std::string token;
  std::pair<std::string, std::string> token_entry;
  {
    auto store = store::Store::open(db_);
    token = create_token(**store, "tijdelijk").value();
    auto entries = (*store)->list_meta("token:");
    for (const auto& e : *entries)
      if (e.second.find("\"tijdelijk\"") != std::string::npos) token_entry = e;
  }
  ASSERT_FALSE(token_entry.first.empty());
  ASSERT_TRUE(eventually([&] { return me(bearer(token)) == 200; }));
  const auto [session, csrf] = login("tijdelijk");
  ASSERT_EQ(me(cookie(session)), 200);

  std::string out;
  ASSERT_EQ(program("user remove --db " + db_ + " --name tijdelijk", out), 0) << out;
  add_analyst("tijdelijk");
  std::string new_token;
  {
    auto store = store::Store::open(db_);
    new_token = create_token(**store, "tijdelijk").value();
    // A token entry of the old account that is still (or again) in the store, e.g. from a
    // restored copy: it names the account by name, but was made for the old one.
    ASSERT_TRUE((*store)->put_meta(token_entry.first, token_entry.second));
  }
  // Once the server knows the new account, the old one's session and token are still dead.
  ASSERT_TRUE(eventually([&] { return me(bearer(new_token)) == 200; }));
  EXPECT_EQ(me(cookie(session)), 401) << "the old session lives on in the new account";
  EXPECT_EQ(me(bearer(token)), 401) << "the old token works for the new account";
  const auto [fresh, fresh_csrf] = login("tijdelijk");
  EXPECT_EQ(me(cookie(fresh)), 200);
}

TEST_F(AccountSessionsTest, RoleChangeEndsSessionsAndTokens) {
  add_analyst("wisselaar");
  std::string token;
  {
    auto store = store::Store::open(db_);
    token = create_token(**store, "wisselaar").value();
  }
  ASSERT_TRUE(eventually([&] { return me(bearer(token)) == 200; }));
  const auto [session, csrf] = login("wisselaar");
  ASSERT_EQ(me(cookie(session)), 200);
  std::string out;
  ASSERT_EQ(program("user set --db " + db_ + " --name wisselaar --role municipality:GM0917", out),
            0)
      << out;
  EXPECT_NE(out.find("sessies"), std::string::npos) << out;
  EXPECT_TRUE(eventually([&] { return me(cookie(session)) == 401; }));
  EXPECT_EQ(me(bearer(token)), 401);
  const auto [fresh, fresh_csrf] = login("wisselaar");
  auto r = get("/api/me", cookie(fresh));
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(Json::parse(r->body)["municipality"], "GM0917");
  // A municipality that is not in the data is refused, and nothing changes.
  EXPECT_EQ(program("user set --db " + db_ + " --name wisselaar --role municipality:GM9999", out),
            2);
  EXPECT_NE(out.find("GM9999"), std::string::npos) << out;
  EXPECT_EQ(me(cookie(fresh)), 200);
}

TEST_F(AccountSessionsTest, PasswordResetEndsSessionsNotTokens) {
  add_analyst("vergeetachtig");
  std::string token;
  {
    auto store = store::Store::open(db_);
    token = create_token(**store, "vergeetachtig").value();
  }
  ASSERT_TRUE(eventually([&] { return me(bearer(token)) == 200; }));
  const auto [session, csrf] = login("vergeetachtig");
  std::string out;
  EXPECT_EQ(program("user password --db " + db_ + " --name vergeetachtig", out, "welkom123456"), 2)
      << "a common password is refused";
  EXPECT_EQ(me(cookie(session)), 200);
  ASSERT_EQ(
      program("user password --db " + db_ + " --name vergeetachtig", out, "een-heel-nieuw-geheim"),
      0)
      << out;
  EXPECT_TRUE(eventually([&] { return me(cookie(session)) == 401; }));
  EXPECT_EQ(me(bearer(token)), 200) << "tokens do not come from the password";
  EXPECT_EQ(try_login("vergeetachtig", kPassword), 401);
  EXPECT_EQ(try_login("vergeetachtig", "een-heel-nieuw-geheim"), 200);
}

TEST_F(AccountSessionsTest, FailuresForOneNameDoNotLockOthersAtTheSameAddress) {
  add_analyst("doelwit");
  {
    // Waiting for the server to know the account, without failing logins meanwhile.
    auto store = store::Store::open(db_);
    const std::string token = create_token(**store, "doelwit").value();
    ASSERT_TRUE(eventually([&] { return me(bearer(token)) == 200; }));
  }
  ASSERT_EQ(try_login("doelwit", kPassword), 200);
  int status = 0;
  for (int i = 0; i < 8 && status != 429; ++i) status = try_login("doelwit", "fout-fout-fout");
  EXPECT_EQ(status, 429);
  EXPECT_EQ(try_login("doelwit", kPassword), 429) << "locked for this name from this address";
  // Another account from the same address is not locked, and its login resets nothing of
  // doelwit's.
  EXPECT_EQ(try_login("ana", kPassword), 200);
  EXPECT_EQ(try_login("doelwit", kPassword), 429);
}

TEST_F(AccountSessionsTest, AddRefusesWeakPasswordsAndUnknownMunicipalities) {
  std::string out;
  EXPECT_EQ(program("user add --db " + db_ + " --name zwak --role analyst", out, "elf-tekens!"), 2);
  EXPECT_NE(out.find("minstens 12"), std::string::npos) << out;
  EXPECT_EQ(program("user add --db " + db_ + " --name zwak --role analyst", out, "wachtwoord2024"),
            2);
  EXPECT_NE(out.find("voorspelbaar"), std::string::npos) << out;
  EXPECT_EQ(program("user add --db " + db_ + " --name zwak --role analyst", out, "zwak-zwak-zwak!"),
            2);
  EXPECT_NE(out.find("gebruikersnaam"), std::string::npos) << out;
  EXPECT_EQ(
      program("user add --db " + db_ + " --name gm2 --role municipality:GM9999", out, kPassword),
      2);
  EXPECT_NE(out.find("GM9999"), std::string::npos) << out;
  ASSERT_EQ(program("user list --db " + db_, out), 0);
  EXPECT_EQ(out.find("zwak"), std::string::npos) << out;
  EXPECT_EQ(out.find("gm2"), std::string::npos) << out;
}

}  // namespace
}  // namespace rk::server
