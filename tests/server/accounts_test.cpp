// Accounts in the store's metadata: identity per account (not per name), role changes and
// password resets, the password rule and the municipality of a municipality role.
#include "server/accounts.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "store/store.hpp"

namespace rk::server {
namespace {

constexpr const char* kPassword = "correct-paard-batterij";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rk-accounts-test-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    auto s = store::Store::open(dir_ + "/store.db");
    ASSERT_TRUE(s) << s.status().message();
    store_ = std::move(*s);
    // One municipality in the data.
    ASSERT_TRUE(store_->begin());
    const store::Cell row[] = {store::Cell::text("GM0917"), store::Cell::text("Heerlen")};
    ASSERT_TRUE(store_->upsert(model::Kind::kMunicipalities, row));
    ASSERT_TRUE(store_->commit());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Account account(const std::string& name) {
    auto all = list_accounts(*store_);
    EXPECT_TRUE(all);
    for (const auto& a : *all)
      if (a.name == name) return a;
    ADD_FAILURE() << "no account " << name;
    return {};
  }
  static AccountRole role(const char* text) { return *parse_account_role(text); }

  std::string dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(AccountsTest, ReAddedNameIsAnotherAccount) {
  ASSERT_TRUE(add_account(*store_, "ana", role("analyst"), kPassword));
  const Account first = account("ana");
  EXPECT_EQ(first.id.size(), 32U);
  EXPECT_FALSE(first.session_epoch.empty());
  auto token = create_token(*store_, "ana");
  ASSERT_TRUE(token);
  auto tokens = list_tokens(*store_);
  ASSERT_EQ(tokens->size(), 1U);
  EXPECT_EQ((*tokens)[0].account, first.id);

  ASSERT_TRUE(remove_account(*store_, "ana"));
  EXPECT_TRUE(list_tokens(*store_)->empty());
  ASSERT_TRUE(add_account(*store_, "ana", role("analyst"), kPassword));
  const Account second = account("ana");
  EXPECT_NE(second.id, first.id);
  EXPECT_NE(second.session_epoch, first.session_epoch);
}

TEST_F(AccountsTest, RoleChangeEndsSessionsAndRevokesTokens) {
  ASSERT_TRUE(add_account(*store_, "gm", role("municipality:GM0917"), kPassword));
  const Account before = account("gm");
  ASSERT_TRUE(create_token(*store_, "gm"));
  ASSERT_TRUE(add_account(*store_, "ana", role("analyst"), kPassword));
  ASSERT_TRUE(create_token(*store_, "ana"));
  auto revoked = set_role(*store_, "gm", role("analyst"));
  ASSERT_TRUE(revoked) << revoked.status().message();
  EXPECT_EQ(*revoked, 1);
  const Account after = account("gm");
  EXPECT_EQ(after.role.to_string(), "analyst");
  EXPECT_EQ(after.id, before.id) << "the same account";
  EXPECT_NE(after.session_epoch, before.session_epoch);
  EXPECT_EQ(after.password_hash, before.password_hash);
  auto tokens = list_tokens(*store_);
  ASSERT_EQ(tokens->size(), 1U);
  EXPECT_EQ((*tokens)[0].name, "ana") << "other accounts keep their tokens";
  EXPECT_EQ(set_role(*store_, "nobody", role("admin")).status().kind(), ErrorKind::kNotFound);
}

TEST_F(AccountsTest, PasswordResetEndsSessionsKeepsTokens) {
  ASSERT_TRUE(add_account(*store_, "ana", role("analyst"), kPassword));
  ASSERT_TRUE(create_token(*store_, "ana"));
  const Account before = account("ana");
  EXPECT_FALSE(set_password(*store_, "ana", "te-kort"));
  EXPECT_FALSE(set_password(*store_, "ana", "welkom2024!!"));
  EXPECT_EQ(account("ana").password_hash, before.password_hash) << "refused: nothing changed";
  ASSERT_TRUE(set_password(*store_, "ana", "nieuwe-lange-zin-hier"));
  const Account after = account("ana");
  EXPECT_TRUE(verify_password(after.password_hash, "nieuwe-lange-zin-hier"));
  EXPECT_FALSE(verify_password(after.password_hash, kPassword));
  EXPECT_NE(after.session_epoch, before.session_epoch);
  EXPECT_EQ(after.id, before.id);
  EXPECT_EQ(list_tokens(*store_)->size(), 1U);
  EXPECT_EQ(set_password(*store_, "nobody", "nieuwe-lange-zin-hier").kind(), ErrorKind::kNotFound);
}

TEST_F(AccountsTest, PasswordRuleAppliesWhenAdding) {
  EXPECT_FALSE(add_account(*store_, "ana", role("analyst"), "elf-tekens!"));
  EXPECT_FALSE(add_account(*store_, "ana", role("analyst"), "wachtwoord123"));
  EXPECT_FALSE(add_account(*store_, "jansen", role("analyst"), "jansen-jansen-1"));
  EXPECT_TRUE(list_accounts(*store_)->empty());
  EXPECT_TRUE(add_account(*store_, "ana", role("analyst"), "twaalf-tekens"));
}

TEST_F(AccountsTest, MunicipalityRoleNeedsAMunicipalityInTheData) {
  const Status s = add_account(*store_, "gm", role("municipality:GM9999"), kPassword);
  EXPECT_EQ(s.kind(), ErrorKind::kUsage);
  EXPECT_NE(s.message().find("GM9999"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("niet in de gegevens"), std::string::npos) << s.message();
  EXPECT_TRUE(list_accounts(*store_)->empty());
  EXPECT_TRUE(add_account(*store_, "gm", role("municipality:GM0917"), kPassword));
  ASSERT_TRUE(add_account(*store_, "ana", role("analyst"), kPassword));
  EXPECT_FALSE(set_role(*store_, "ana", role("municipality:GM0001")));
  EXPECT_EQ(account("ana").role.to_string(), "analyst");
}

TEST_F(AccountsTest, AccountsFromBeforeIdsStillWork) {
  // An account and token written before ids existed: they match each other (both without id),
  // never an account added later under that name.
  const std::string hash = hash_password(kPassword).value();
  ASSERT_TRUE(store_->put_meta(
      "user:old",
      nlohmann::json{{"role", "analyst"}, {"password", hash}, {"created", "x"}}.dump()));
  ASSERT_TRUE(store_->put_meta("token:abc", R"({"name": "old", "created": "x"})"));
  const Account old = account("old");
  EXPECT_EQ(old.id, "");
  auto tokens = list_tokens(*store_);
  ASSERT_EQ(tokens->size(), 1U);
  EXPECT_EQ((*tokens)[0].account, old.id);
}

}  // namespace
}  // namespace rk::server
