// The importer against the data contract: one test per rejection reason, the whole-file defects,
// idempotency, --replace, and BSN handling.
#include <gtest/gtest.h>

#include "ingest/bsn.hpp"
#include "test_dataset.hpp"

namespace rk::testing {
namespace {

using model::Kind;

const char* kMunicipalities = "code,name\nGM0917,Heerlen\nGM0882,Landgraaf\n";
const char* kProviders =
    "provider_id,name,kind,employees,ggz\nP1,Eigen teams,own,120,false\n"
    "P2,Kleine praktijk,supplier,6,true\n";
const char* kClients =
    "client_id,birth_date,municipality\nC1,2010-05-01,GM0917\n"
    "C2,2012-01-31,GM0882\n";
const char* kRequestsHeader =
    "request_id,client_id,received_at,referrer,complete_at,intake_at,core_team_at,matched_at,"
    "approval_at,offer_letter_at\n";

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fx_.write_data("municipalities.csv", kMunicipalities);
    fx_.write_data("providers.csv", kProviders);
    fx_.write_data("clients.csv", kClients);
  }
  // Imports with one extra file and expects exactly one reject: that file's line 2 (or `line`),
  // at `column`, with `reason` in its text.
  void expect_reject(const std::string& file, const std::string& content, const std::string& column,
                     const std::string& reason, uint64_t line = 2) {
    fx_.write_data(file, content);
    const auto summary = fx_.import();
    const auto rejects = fx_.rejects();
    ASSERT_EQ(rejects.size(), 1u) << file;
    EXPECT_EQ(rejects[0].line, line);
    EXPECT_EQ(rejects[0].column, column);
    EXPECT_NE(rejects[0].reason.find(reason), std::string::npos) << rejects[0].reason;
    EXPECT_NE(rejects[0].file.find(file), std::string::npos);
    EXPECT_EQ(summary.rows_rejected, 1u);
  }
  ImportFixture fx_;
};

TEST_F(ImporterTest, ImportsValidDataset) {
  fx_.write_data("requests.csv", std::string(kRequestsHeader) +
                                     "R1,C1,2020-03-02T09:15,gp,2020-03-03,2020-03-05T10:00,"
                                     "2020-03-09,2020-03-09,2020-03-10,2020-03-11\n");
  const auto s = fx_.import();
  EXPECT_EQ(s.rows_rejected, 0u);
  EXPECT_EQ(s.rows_imported, 2u + 2u + 2u + 1u);
  EXPECT_EQ(fx_.count(Kind::kRequests), 1);
  EXPECT_EQ(fx_.count(Kind::kClients), 2);
}

TEST_F(ImporterTest, RejectsBadDate) {
  expect_reject("clients.csv", "client_id,birth_date,municipality\nC3,2020-02-30,GM0917\n",
                "birth_date", "geen geldige datum");
}

TEST_F(ImporterTest, RejectsBadTimestamp) {
  expect_reject("requests.csv", std::string(kRequestsHeader) + "R1,C1,2020-03-02T25:00,gp,,,,,,\n",
                "received_at", "geen geldig tijdstip");
}

TEST_F(ImporterTest, RejectsStepBackInTime) {
  expect_reject("requests.csv",
                std::string(kRequestsHeader) + "R1,C1,2020-03-02,gp,,2020-03-05,2020-03-04,,,\n",
                "core_team_at", "ligt voor intake_at");
}

TEST_F(ImporterTest, RejectsOfferLetterBeforeApproval) {
  expect_reject("requests.csv",
                std::string(kRequestsHeader) + "R1,C1,2020-03-02,gp,,,,,2020-03-10,2020-03-09\n",
                "offer_letter_at", "ligt voor approval_at");
}

TEST_F(ImporterTest, RejectsEndBeforeStart) {
  expect_reject("trajectories.csv",
                "trajectory_id,client_id,quadrant,provider_id,start_date,end_date,end_reason\n"
                "T1,C1,K2,P1,2020-05-01,2020-04-30,plan\n",
                "end_date", "ligt voor start_date");
}

TEST_F(ImporterTest, RejectsEndReasonRules) {
  expect_reject("trajectories.csv",
                "trajectory_id,client_id,quadrant,provider_id,start_date,end_date,end_reason\n"
                "T1,C1,K2,P1,2020-05-01,2020-06-30,\n",
                "end_reason", "end_reason ontbreekt");
}

TEST_F(ImporterTest, RejectsUnknownEnumValue) {
  expect_reject("requests.csv", std::string(kRequestsHeader) + "R1,C1,2020-03-02,doctor,,,,,,\n",
                "referrer", "onbekende waarde 'doctor'");
}

TEST_F(ImporterTest, EnumsAreCaseInsensitiveAndStoredCanonical) {
  fx_.write_data("requests.csv", std::string(kRequestsHeader) + "R1,C1,2020-03-02,GP,,,,,,\n");
  EXPECT_EQ(fx_.import().rows_rejected, 0u);
  std::string referrer;
  ASSERT_TRUE(fx_.store()
                  .scan(Kind::kRequests,
                        [&](std::span<const store::Cell> row) { referrer = std::string(row[3].s); })
                  .is_ok());
  EXPECT_EQ(referrer, "gp");
}

TEST_F(ImporterTest, RejectsOutOfRange) {
  expect_reject("surveys.csv",
                "response_id,answered_on,complete,grade,stars\nS1,2020-05-01,true,11,\n", "grade",
                "buiten bereik");
}

TEST_F(ImporterTest, RejectsEmptyRequiredField) {
  expect_reject("clients.csv", "client_id,birth_date,municipality\nC3,,GM0917\n", "birth_date",
                "verplicht veld is leeg");
}

TEST_F(ImporterTest, RejectsWrongFieldCount) {
  expect_reject("clients.csv", "client_id,birth_date,municipality\nC3,2010-01-01\n", "",
                "3 velden verwacht, 2 gevonden");
}

TEST_F(ImporterTest, RejectsMalformedCsvRecord) {
  expect_reject("clients.csv", "client_id,birth_date,municipality\nC3,2010-01-01,GM\"0917\n", "",
                "aanhalingsteken");
}

TEST_F(ImporterTest, RejectsDuplicateKeyInFile) {
  expect_reject("clients.csv",
                "client_id,birth_date,municipality\nC3,2010-01-01,GM0917\nC3,2011-01-01,GM0917\n",
                "client_id", "dubbele sleutel (ook op regel 2)", 3);
  EXPECT_EQ(fx_.count(Kind::kClients), 1);
}

TEST_F(ImporterTest, RejectsUnknownMunicipality) {
  expect_reject("clients.csv", "client_id,birth_date,municipality\nC3,2010-01-01,GM0999\n",
                "municipality", "onbekende gemeente 'GM0999'");
}

TEST_F(ImporterTest, RejectsBadMunicipalityCode) {
  expect_reject("clients.csv", "client_id,birth_date,municipality\nC3,2010-01-01,0917\n",
                "municipality", "geen CBS-gemeentecode");
}

TEST_F(ImporterTest, RejectsUnknownClient) {
  expect_reject("requests.csv", std::string(kRequestsHeader) + "R1,C9,2020-03-02,gp,,,,,,\n",
                "client_id", "onbekende cliënt 'C9'");
}

TEST_F(ImporterTest, RejectsUnknownProvider) {
  expect_reject("trajectories.csv",
                "trajectory_id,client_id,quadrant,provider_id,start_date\nT1,C1,K3,P9,2020-05-01\n",
                "provider_id", "onbekende aanbieder 'P9'");
}

TEST_F(ImporterTest, RejectsTooLongId) {
  expect_reject(
      "clients.csv",
      "client_id,birth_date,municipality\n" + std::string(65, 'x') + ",2010-01-01,GM0917\n",
      "client_id", "identificatie te lang");
}

TEST_F(ImporterTest, RejectsHugeTextField) {
  expect_reject("areas.csv",
                "area_id,name,municipality\nA1," + std::string(10 << 20, 'a') + ",GM0917\n", "name",
                "tekst te lang");
}

TEST_F(ImporterTest, RejectsBadMoneyAndBool) {
  expect_reject("costs.csv", "month,category,amount\n2020-01,K1,\"12,50\"\n", "amount",
                "geen geldig bedrag");
  fx_.write_data("costs.csv", "month,category,amount\n2020-01,K1,-12.5\n");
  EXPECT_EQ(fx_.import().rows_rejected, 0u);
}

TEST_F(ImporterTest, RejectsInvalidBsnWithoutEchoingIt) {
  expect_reject("clients.csv", "bsn,birth_date,municipality\n123456789,2010-01-01,GM0917\n", "bsn",
                "elfproef");
  EXPECT_EQ(read_file(fx_.rejects_path()).find("123456789"), std::string::npos);
}

TEST(MaskDigitRuns, MasksNineDigitGroupsAlsoWithSeparators) {
  EXPECT_EQ(ingest::mask_digit_runs("bsn 123456782 ok"), "bsn ********* ok");
  EXPECT_EQ(ingest::mask_digit_runs("1234.56.782"), "****.**.***");
  EXPECT_EQ(ingest::mask_digit_runs("x 123 456 782 y"), "x *** *** *** y");
  EXPECT_EQ(ingest::mask_digit_runs("99990000 6"), "******** *");
  // Dates, amounts, AGB codes and longer numbers stay readable.
  EXPECT_EQ(ingest::mask_digit_runs("2020-07-01"), "2020-07-01");
  EXPECT_EQ(ingest::mask_digit_runs("73000011"), "73000011");
  EXPECT_EQ(ingest::mask_digit_runs("1234.56"), "1234.56");
  EXPECT_EQ(ingest::mask_digit_runs("1234567890"), "1234567890");
}

TEST_F(ImporterTest, BlanksTheBsnColumnOfARejectedRowWhateverItHolds) {
  // 8 digits are read with a leading zero (012345671), which fails the 11-test.
  expect_reject("clients.csv",
                "client_id,bsn,birth_date,municipality\nC1,12345671,2010-01-01,GM0917\n", "bsn",
                "");
  const std::string rejects = read_file(fx_.rejects_path());
  EXPECT_EQ(rejects.find("12345671"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("[bsn]"), std::string::npos) << rejects;
}

TEST_F(ImporterTest, PseudonymizesBsnAndResolvesRowsByBsn) {
  ASSERT_TRUE(ingest::is_valid_bsn("111222333"));
  fx_.write_data("clients.csv",
                 "client_id,bsn,birth_date,municipality\nC1,,2010-05-01,GM0917\n"
                 "C5,111222333,2011-01-01,GM0917\n");
  fx_.write_data("requests.csv",
                 "request_id,bsn,received_at,referrer\nR1,111222333,2020-03-02,gp\n"
                 "R2,123456782,2020-03-02,gp\n");
  const auto s = fx_.import();
  ASSERT_EQ(fx_.rejects().size(), 1u);
  EXPECT_EQ(fx_.rejects()[0].column, "bsn");
  EXPECT_EQ(s.rows_rejected, 1u);
  std::string client;
  ASSERT_TRUE(fx_.store()
                  .scan(Kind::kRequests,
                        [&](std::span<const store::Cell> row) { client = std::string(row[1].s); })
                  .is_ok());
  EXPECT_EQ(client, "C5");
  const std::string db = read_file(fx_.db_path());
  EXPECT_EQ(db.find("111222333"), std::string::npos);
  EXPECT_EQ(db.find("123456782"), std::string::npos);
  EXPECT_EQ(read_file(fx_.rejects_path()).find("123456782"), std::string::npos);
}

TEST_F(ImporterTest, ClientWithOnlyBsnGetsPseudonymAsId) {
  fx_.write_data("clients.csv", "bsn,birth_date,municipality\n111222333,2010-05-01,GM0917\n");
  fx_.import();
  std::string id;
  ASSERT_TRUE(fx_.store()
                  .scan(Kind::kClients,
                        [&](std::span<const store::Cell> row) { id = std::string(row[0].s); })
                  .is_ok());
  EXPECT_EQ(id.size(), 32u);
  EXPECT_EQ(id.find("111222333"), std::string::npos);
}

TEST_F(ImporterTest, MissingRequiredColumnRejectsWholeFile) {
  fx_.write_data("requests.csv", "request_id,client_id,referrer\nR1,C1,gp\nR2,C2,gp\n");
  const auto s = fx_.import();
  EXPECT_EQ(fx_.count(Kind::kRequests), 0);
  const auto rejects = fx_.rejects();
  ASSERT_EQ(rejects.size(), 2u);  // every record listed
  EXPECT_EQ(rejects[0].line, 2u);
  EXPECT_EQ(rejects[1].line, 3u);
  EXPECT_NE(rejects[0].reason.find("received_at"), std::string::npos);
  bool flagged = false;
  for (const auto& f : s.files) flagged |= f.kind == "requests.csv" && !f.file_error.empty();
  EXPECT_TRUE(flagged);
}

TEST_F(ImporterTest, FileWithoutUtf8SequencesIsReadAsWindows1252) {
  fx_.write_data("areas.csv",
                 "area_id,name,municipality\nA1,Schaesberg,GM0882\nA2,Br\xfcnssum,GM0917\n");
  const auto s = fx_.import();
  EXPECT_EQ(fx_.count(Kind::kAreas), 2);
  EXPECT_TRUE(fx_.rejects().empty());
  for (const auto& f : s.files) {
    if (f.kind == "areas.csv") {
      EXPECT_NE(f.read_as.find("Windows-1252"), std::string::npos);
    }
  }
}

TEST_F(ImporterTest, InvalidUtf8RejectsOnlyItsRow) {
  fx_.write_data("areas.csv",
                 "area_id,name,municipality\nA1,H\xc3\xbclsberg,GM0882\nA2,Bad\xff\xfe,GM0917\n");
  const auto s = fx_.import();
  EXPECT_EQ(fx_.count(Kind::kAreas), 1);
  const auto rejects = fx_.rejects();
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].line, 3u);
  EXPECT_NE(rejects[0].reason.find("UTF-8"), std::string::npos);
  EXPECT_NE(rejects[0].reason.find("byte-positie 52"), std::string::npos) << rejects[0].reason;
  EXPECT_EQ(s.files_rejected, 0u);
}

TEST_F(ImporterTest, EmptyFileIsRejectedHeaderOnlyIsNot) {
  fx_.write_data("areas.csv", "");
  fx_.write_data("goals.csv", "goal_id,trajectory_id,weight,score\n");
  const auto s = fx_.import();
  ASSERT_EQ(fx_.rejects().size(), 1u);
  EXPECT_NE(fx_.rejects()[0].file.find("areas.csv"), std::string::npos);
  EXPECT_EQ(s.files_rejected, 1u);
  EXPECT_EQ(s.rows_rejected, 0u);
}

TEST_F(ImporterTest, UnknownColumnsWarnOnce) {
  fx_.write_data("areas.csv", "AREA_ID,Name,extra,municipality\nA1,Schaesberg,x,GM0882\n");
  const auto s = fx_.import();
  EXPECT_EQ(fx_.count(Kind::kAreas), 1);
  size_t warnings = 0;
  for (const auto& f : s.files) warnings += f.kind == "areas.csv" ? f.warnings.size() : 0;
  EXPECT_EQ(warnings, 1u);
}

TEST_F(ImporterTest, ReimportIsIdempotent) {
  fx_.write_data("costs.csv",
                 "month,municipality,category,amount\n2020-01,GM0917,K1,10\n"
                 "2020-01,GM0917,K1,10\n2020-01,,overhead,5\n");
  fx_.import();
  fx_.import();
  EXPECT_EQ(fx_.count(Kind::kClients), 2);
  EXPECT_EQ(fx_.count(Kind::kCosts), 3);  // two equal ledger rows stay two rows, not four
}

TEST_F(ImporterTest, ReplaceRemovesAbsentRecordsAndTheirChildren) {
  fx_.write_data("requests.csv", std::string(kRequestsHeader) +
                                     "R1,C1,2020-03-02,gp,,,,,,\n"
                                     "R2,C2,2020-03-02,gp,,,,,,\n");
  fx_.import();
  EXPECT_EQ(fx_.count(Kind::kRequests), 2);
  TempDir second;
  second.write("clients.csv", "client_id,birth_date,municipality\nC1,2010-05-01,GM0917\n");
  const auto s = fx_.import({second.path()}, true);
  EXPECT_EQ(fx_.count(Kind::kClients), 1);
  EXPECT_EQ(fx_.count(Kind::kRequests), 1);  // R2's client is gone, so R2 is gone too
  EXPECT_EQ(s.orphans_removed, 1);
  EXPECT_EQ(s.files[0].removed, 1);
}

TEST_F(ImporterTest, ReferencesResolveAgainstTheStore) {
  fx_.import();
  TempDir later;
  later.write("requests.csv", std::string(kRequestsHeader) + "R1,C2,2020-03-02,gp,,,,,,\n");
  EXPECT_EQ(fx_.import({later.path()}).rows_rejected, 0u);
}

TEST_F(ImporterTest, FailedImportLeavesStoreUnchanged) {
  fx_.import();
  const int64_t before = fx_.count(Kind::kClients);
  ingest::ImportOptions options;
  options.rejects_path = "/nonexistent-dir/rejects.csv";  // cannot be written: import fails
  auto p = ingest::Pseudonymizer::from_key_file(fx_.dir().file("store.db.key"));
  ASSERT_TRUE(p.is_ok());
  TempDir more;
  more.write("clients.csv", "client_id,birth_date,municipality\nC7,2010-05-01,GM0917\n");
  auto r = ingest::import_paths(fx_.store(), {more.path()}, *p, options);
  EXPECT_FALSE(r.is_ok());
  EXPECT_EQ(fx_.count(Kind::kClients), before);
}

// The column profile of `check --report`: over the valid rows only, the empty cells of each
// column and the first and last day of date and timestamp columns.
TEST_F(ImporterTest, ProfilesTheColumnsOfValidRows) {
  fx_.write_data("clients.csv",
                 "client_id,birth_date,municipality,family_id\n"
                 "C1,2012-01-31,GM0917,F1\nC2,2009-11-05,GM0882,\nC3,2015-06-30,GM0917,F3\n"
                 "C4,2010-05-01,GM0917,F4\nC5,2020-02-30,GM0917,\n");
  fx_.write_data("requests.csv", std::string(kRequestsHeader) +
                                     "R1,C1,2020-03-05T23:59,gp,,,,,,\n"
                                     "R2,C2,2020-03-02T09:15,gp,,,,,,\n");
  ingest::ImportOptions options;
  options.profile = true;
  auto summary = fx_.try_import({fx_.data_dir()}, options);
  ASSERT_TRUE(summary.is_ok()) << summary.status().message();
  const ingest::FileSummary* clients = nullptr;
  const ingest::FileSummary* requests = nullptr;
  for (const auto& f : summary->files) {
    if (f.kind == "clients.csv") clients = &f;
    if (f.kind == "requests.csv") requests = &f;
    if (f.kind == "municipalities.csv") {
      EXPECT_EQ(f.columns.size(), 2u);
    }
  }
  ASSERT_NE(clients, nullptr);
  ASSERT_NE(requests, nullptr);
  EXPECT_EQ(clients->rejected, 1u);  // C5: no such date, left out of the profile
  auto column = [](const ingest::FileSummary& f, std::string_view name) {
    for (const auto& c : f.columns)
      if (c.column == name) return c;
    ADD_FAILURE() << "no column " << name;
    return ingest::ColumnProfile{};
  };
  // bsn_pseudonym is derived (never read from a file): not profiled.
  EXPECT_EQ(clients->columns.size(), 5u);
  const auto family = column(*clients, "family_id");
  EXPECT_TRUE(family.optional);
  EXPECT_FALSE(family.dated);
  EXPECT_EQ(family.rows, 4u);
  EXPECT_EQ(family.empty, 1u);  // 25 %
  EXPECT_FALSE(family.first.has_value());
  const auto area = column(*clients, "area_id");  // not in the file: every cell empty
  EXPECT_EQ(area.empty, 4u);
  const auto birth = column(*clients, "birth_date");
  EXPECT_FALSE(birth.optional);
  EXPECT_TRUE(birth.dated);
  EXPECT_EQ(birth.empty, 0u);
  ASSERT_TRUE(birth.first && birth.last);
  EXPECT_EQ(birth.first->to_string(), "2009-11-05");
  EXPECT_EQ(birth.last->to_string(), "2015-06-30");
  const auto received = column(*requests, "received_at");  // a timestamp: its day
  ASSERT_TRUE(received.first && received.last);
  EXPECT_EQ(received.first->to_string(), "2020-03-02");
  EXPECT_EQ(received.last->to_string(), "2020-03-05");
  const auto intake = column(*requests, "intake_at");
  EXPECT_EQ(intake.empty, 2u);
  EXPECT_FALSE(intake.first.has_value());
}

TEST_F(ImporterTest, ImportDoesNotProfile) {
  const auto summary = fx_.import();
  for (const auto& f : summary.files) EXPECT_TRUE(f.columns.empty()) << f.path;
}

}  // namespace
}  // namespace rk::testing
