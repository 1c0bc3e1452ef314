// A BSN belongs in the `bsn` column only: a BSN-shaped number (9 digits passing the 11-test) in an
// id or free-text column rejects its row, the reject file keeps the row masked, and the number
// reaches neither the store nor the snapshot. Numbers failing the 11-test are kept.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/snapshot.hpp"
#include "ingest/bsn.hpp"
#include "test_dataset.hpp"

namespace rk::testing {
namespace {

using ingest::BsnContext;
using ingest::holds_bsn_shaped;
using model::Kind;

// 123456782, 111222333 and 999999990 pass the 11-test; 123456789 does not.
constexpr const char* kReason = "waarde lijkt op een BSN (9 cijfers, elfproef)";

TEST(HoldsBsnShaped, FindsNineDigitNumbersInText) {
  ASSERT_TRUE(ingest::is_valid_bsn("123456782"));
  ASSERT_FALSE(ingest::is_valid_bsn("123456789"));
  for (const char* yes :
       {"123456782", "bsn 123456782.", "BSN123456782", "(123456782)", "1234.56.782", "123 456 782",
        "123.456.782", "12.123456782", "2020 123456782", "123456782 1", "tel 1112.22.333 of",
        "sinds 2021 123 456 782", "123 456 782 111 222 333", "12345678 2"})
    EXPECT_TRUE(holds_bsn_shaped(yes, BsnContext::kText)) << yes;
  for (const char* no :
       {"", "123456789", "1234.56.789", "1234567820", "12345678", "000000000", "2020-07-01",
        "tel 045 123 4567", "1.234.567,82", "12345-6782", "123  456 782", "€ 1.234.567"})
    EXPECT_FALSE(holds_bsn_shaped(no, BsnContext::kText)) << no;
}

TEST(HoldsBsnShaped, InAnIdentifierOnlyANumberNotJoinedToALetter) {
  for (const char* yes : {"123456782", "C-123456782", "GM0917-65656055-123456782",
                          "73100001-123456782", "1234.56.782", "client_123456782"})
    EXPECT_TRUE(holds_bsn_shaped(yes, BsnContext::kIdentifier)) << yes;
  // A hashed pseudonym in hex holds digit runs by chance; joined to letters they are no BSN.
  const char* hex = "c4f123456782ab0e9d7712e4c0a1b2c3";
  EXPECT_FALSE(holds_bsn_shaped(hex, BsnContext::kIdentifier));
  EXPECT_TRUE(holds_bsn_shaped(hex, BsnContext::kText));
  for (const char* no : {"C123456782", "123456782A", "C000017", "R000017-2", "73100001",
                         "GM0917-73100001-12", "123456789"})
    EXPECT_FALSE(holds_bsn_shaped(no, BsnContext::kIdentifier)) << no;
}

TEST(MaskDigitRuns, MasksEveryNumberHoldsBsnShapedLooksAt) {
  EXPECT_EQ(ingest::mask_digit_runs("2020 123456782"), "2020 *********");
  EXPECT_EQ(ingest::mask_digit_runs("12.123456782"), "12.*********");
  EXPECT_EQ(ingest::mask_digit_runs("123456782 1"), "********* 1");
  EXPECT_EQ(ingest::mask_digit_runs("2021 123 456 782"), "2021 *** *** ***");
  EXPECT_EQ(ingest::mask_digit_runs("123 456 782 111 222 333"), "*** *** *** *** *** ***");
  EXPECT_EQ(ingest::mask_digit_runs("06 1234 5678"), "06 1234 5678");  // a phone number
  // Masked whether or not it passes the 11-test (a mistyped BSN is still personal data).
  EXPECT_EQ(ingest::mask_digit_runs("x123456789y"), "x*********y");
}

class BsnShapedImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fx_.write_data("municipalities.csv", "code,name\nGM0917,Heerlen\n");
    fx_.write_data("clients.csv", "client_id,birth_date,municipality\nC1,2010-05-01,GM0917\n");
  }
  // Imports, builds the snapshot beside the store, and returns the reject entries.
  std::vector<Reject> import() {
    fx_.import();
    EXPECT_TRUE(engine::rebuild_snapshot(fx_.store()).is_ok());
    return fx_.rejects();
  }
  // True when `text` is in any file the import wrote: the store and every file beside it (key,
  // journal, snapshot) and the reject file. The input folder is not searched.
  bool written(const std::string& text) {
    for (const auto& e : std::filesystem::directory_iterator(fx_.dir().path())) {
      if (!e.is_regular_file()) continue;
      if (read_file(e.path().string()).find(text) != std::string::npos) return true;
    }
    return false;
  }
  ImportFixture fx_;
};

TEST_F(BsnShapedImportTest, RejectsAClientIdThatIsABsn) {
  fx_.write_data("clients.csv",
                 "client_id,birth_date,municipality\nC1,2010-05-01,GM0917\n"
                 "123456782,2011-05-01,GM0917\n");
  const auto rejects = import();
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].line, 3u);
  EXPECT_EQ(rejects[0].column, "client_id");
  EXPECT_NE(rejects[0].reason.find(kReason), std::string::npos) << rejects[0].reason;
  EXPECT_NE(rejects[0].reason.find("kolom bsn"), std::string::npos);
  EXPECT_EQ(fx_.count(Kind::kClients), 1);
  const std::string file = read_file(fx_.rejects_path());
  EXPECT_NE(file.find("*********,2011-05-01,GM0917"), std::string::npos) << file;
  EXPECT_FALSE(written("123456782"));
}

TEST_F(BsnShapedImportTest, RejectsARequestIdAndAReferenceHoldingABsn) {
  fx_.write_data("requests.csv",
                 "request_id,client_id,received_at,referrer\n"
                 "AANVRAAG-111.222.333,C1,2020-03-02,gp\n"
                 "R2,999999990,2020-03-02,gp\n"
                 "R3,C1,2020-03-02,gp\n");
  const auto rejects = import();
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(rejects[0].column, "request_id");
  EXPECT_NE(rejects[0].reason.find(kReason), std::string::npos) << rejects[0].reason;
  // A reference column is an id column too: the BSN rule comes before the unknown-client check,
  // whose reason would name the value.
  EXPECT_EQ(rejects[1].column, "client_id");
  EXPECT_NE(rejects[1].reason.find(kReason), std::string::npos) << rejects[1].reason;
  EXPECT_EQ(fx_.count(Kind::kRequests), 1);
  EXPECT_FALSE(written("111.222.333"));
  EXPECT_FALSE(written("999999990"));
  EXPECT_NE(read_file(fx_.rejects_path()).find("AANVRAAG-***.***.***"), std::string::npos);
}

TEST_F(BsnShapedImportTest, RejectsANoteHoldingABsnAndKeepsOneFailingTheElevenTest) {
  fx_.write_data("measurements.csv",
                 "indicator,period,value,note\n"
                 "safety.reporting_code_trained,2020,0.5,gebeld met moeder (bsn 1112 22 333)\n"
                 "safety.reporting_code_trained,2021,0.6,dossier 123456789 nagekeken\n");
  const auto rejects = import();
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].line, 2u);
  EXPECT_EQ(rejects[0].column, "note");
  EXPECT_NE(rejects[0].reason.find(kReason), std::string::npos) << rejects[0].reason;
  EXPECT_EQ(fx_.count(Kind::kMeasurements), 1);
  const std::string file = read_file(fx_.rejects_path());
  EXPECT_NE(file.find("(bsn **** ** ***)"), std::string::npos) << file;
  EXPECT_FALSE(written("1112 22 333"));
  EXPECT_FALSE(written("111222333"));
  // Kept: 9 digits that fail the 11-test are no BSN; stored as written.
  EXPECT_TRUE(written("dossier 123456789 nagekeken"));
}

TEST_F(BsnShapedImportTest, KeepsIdsWhoseDigitsAreJoinedToLetters) {
  fx_.write_data("clients.csv",
                 "client_id,birth_date,municipality\nC1,2010-05-01,GM0917\n"
                 "C123456782,2011-05-01,GM0917\n");
  EXPECT_TRUE(import().empty());
  EXPECT_EQ(fx_.count(Kind::kClients), 2);
}

TEST_F(BsnShapedImportTest, RejectsNamesAndTeamsHoldingABsn) {
  fx_.write_data("areas.csv",
                 "area_id,name,municipality,team\nA1,Heerlen Noord,GM0917,Team 123456782\n"
                 "A2,Wijk 123 456 782,GM0917,\nA3,Schaesberg,GM0917,\n");
  const auto rejects = import();
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(rejects[0].column, "team");
  EXPECT_EQ(rejects[1].column, "name");
  EXPECT_EQ(fx_.count(Kind::kAreas), 1);
  EXPECT_FALSE(written("123456782"));
  EXPECT_FALSE(written("123 456 782"));
}

}  // namespace
}  // namespace rk::testing
