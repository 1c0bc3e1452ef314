// The password rule: at least 12 characters (code points), no well-known password, not the
// account's name.
#include "server/password_policy.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rk::server {
namespace {

bool accepted(std::string_view name, std::string_view password) {
  return check_password(name, password).is_ok();
}

TEST(PasswordPolicyTest, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(count_code_points("abc"), 3U);
  EXPECT_EQ(count_code_points("ëéü"), 3U);  // six bytes
  EXPECT_FALSE(accepted("an", "kort-maar-8"));
  EXPECT_FALSE(accepted("an", "zeeën-één"));  // 9 characters in 13 bytes
  const Status s = check_password("an", "zeeën-één");
  EXPECT_NE(s.message().find("9 tekens"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("12"), std::string::npos);
  EXPECT_TRUE(accepted("an", "paard-bij-zee"));
  EXPECT_TRUE(accepted("an", "ëéüëéüïöçàèx"));  // 12 characters
}

TEST(PasswordPolicyTest, CommonPasswordsAreRefused) {
  for (const char* weak :
       {"wachtwoord12", "Wachtwoord2024!", "welkom123456", "WELKOM-WELKOM", "password1234",
        "p@ssw0rd1234", "123456789012", "qwertyuiopas", "aaaaaaaaaaaa", "abcabcabcabc",
        "098765432109", "geheim!!!!!!", "voetbal12345", "Feyenoord1908", "iloveyou1234"}) {
    const Status s = check_password("beheer", weak);
    EXPECT_FALSE(s.is_ok()) << weak;
    EXPECT_EQ(s.kind(), ErrorKind::kUsage) << weak;
  }
  // Words of the list inside a longer phrase are fine; the phrase is what counts.
  for (const char* strong : {"lang-genoeg-wachtwoord", "correct-paard-batterij",
                             "fiets onder de brug 7", "Tulpen&Molens&Kaas", "x7#kQ9!vLm2p"}) {
    EXPECT_TRUE(accepted("beheer", strong))
        << strong << ": " << check_password("beheer", strong).message();
  }
}

TEST(PasswordPolicyTest, NameIsNotThePassword) {
  EXPECT_FALSE(accepted("jansen.k", "jansen.k1234"));
  EXPECT_FALSE(accepted("Jansen", "mijn-JANSEN-sleutel"));
  const Status s = check_password("jansen", "ikbenjansen!!");
  EXPECT_NE(s.message().find("gebruikersnaam"), std::string::npos) << s.message();
  // A name of one or two characters is refused as the whole password only.
  EXPECT_TRUE(accepted("an", "bananenschillen"));
  EXPECT_FALSE(accepted("anananananananan", "anananananananan"));
}

}  // namespace
}  // namespace rk::server
