// iJw message import: the official examples read as their schemas say, the bad-input corpus of
// tests/data/bad_ijw/ rejected with reasons, the merge rules of docs/ijw.md, and the round trip
// (the same dataset as CSV and as messages gives the same store rows).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "demo/dataset.hpp"
#include "demo/ijw_messages.hpp"
#include "ingest/ijw/reader.hpp"
#include "test_dataset.hpp"

namespace rk::testing {
namespace {

namespace fs = std::filesystem;
using ingest::ijw::Message;
using ingest::ijw::MessageType;
using ingest::ijw::ReadError;
using ingest::ijw::ReadOutcome;

const std::string kExamples = std::string(RK_SHARED_DIR) + "/ijw/examples/";
const std::string kBad = std::string(RK_TEST_DATA) + "/bad_ijw/";

ReadOutcome read(const std::string& path, Message& m, ReadError& e) {
  return ingest::ijw::read_message(read_file(path), m, e);
}

TEST(IjwReader, OfficialExamplesOfTheFourTypesAreRead) {
  for (const char* name : {"JW301", "JW305", "JW307"}) {
    Message m;
    ReadError e;
    EXPECT_EQ(read(kExamples + name + ".xml", m, e), ReadOutcome::kMessage) << name << e.reason;
    EXPECT_EQ(m.products.size(), 2u) << name;
  }
}

TEST(IjwReader, OfficialJw315WithImpossibleDateIsRejected) {
  Message m;
  ReadError e;
  ASSERT_EQ(read(kExamples + "JW315.xml", m, e), ReadOutcome::kRejected);
  EXPECT_EQ(e.element, "ToewijzingEinddatum");
  EXPECT_NE(e.reason.find("'2027-06-31' is geen bestaande datum"), std::string::npos) << e.reason;
  EXPECT_EQ(e.line, 44u);
}

TEST(IjwReader, OtherMessageTypesAreRecognisedAndSkipped) {
  Message m;
  ReadError e;
  EXPECT_EQ(read(kExamples + "JW302.xml", m, e), ReadOutcome::kOtherType);
  EXPECT_NE(e.reason.find("JW302"), std::string::npos) << e.reason;
}

TEST(IjwReader, ExampleFieldsAreMapped) {
  Message m;
  ReadError e;
  ASSERT_EQ(read(kExamples + "JW307.xml", m, e), ReadOutcome::kMessage) << e.reason;
  EXPECT_EQ(m.type, MessageType::kJw307);
  EXPECT_EQ(m.provider(), "65656055");
  EXPECT_EQ(m.municipality(), "GM0363");
  EXPECT_EQ(m.id, "123456789012");
  EXPECT_EQ(m.date.to_string(), "2026-07-20");
  EXPECT_EQ(m.birth_date.to_string(), "2010-02-14");
  const auto& p = m.products[0];
  EXPECT_EQ(p.assignment, 300201);
  EXPECT_EQ(p.category, "55");
  EXPECT_EQ(p.code, "55A11");
  EXPECT_EQ(p.start->to_string(), "2026-04-03");
  EXPECT_EQ(p.end->to_string(), "2026-07-17");
  EXPECT_EQ(p.end_reason, "plan");

  ASSERT_EQ(read(kExamples + "JW301.xml", m, e), ReadOutcome::kMessage) << e.reason;
  EXPECT_EQ(m.municipality(), "GM0384");
  EXPECT_EQ(m.provider(), "42420001");
  EXPECT_EQ(m.products[1].reference, "40A12341235");
}

TEST(IjwReader, FiftyMegabyteMessageIsRejectedUnparsed) {
  std::string huge = read_file(kExamples + "JW305.xml");
  const size_t at = huge.find("<jw305:Naam>");
  huge.insert(at, std::string(size_t{50} << 20, ' '));
  Message m;
  ReadError e;
  EXPECT_EQ(ingest::ijw::read_message(huge, m, e), ReadOutcome::kRejected);
  EXPECT_NE(e.reason.find("bericht te groot"), std::string::npos) << e.reason;
}

// Every expectation of tests/data/bad_ijw/expect, and the good messages imported.
TEST(IjwBadCorpus, EveryBadMessageIsRejectedWithItsReason) {
  ImportFixture fx;
  // The 50 MB message is made here rather than committed.
  TempDir big;
  std::string huge = read_file(kBad + "00_good_start.xml");
  huge.insert(huge.find("<jw305:Naam>"), std::string(size_t{50} << 20, '\n'));
  big.write("20_fifty_megabytes.xml", huge);
  const auto summary = fx.import({kBad, big.file("20_fifty_megabytes.xml")});
  const auto rejects = fx.rejects();
  std::ifstream in(kBad + "expect");
  std::string line;
  size_t expected = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    std::string file, element, reason;
    std::getline(ss, file, '|');
    std::getline(ss, element, '|');
    std::getline(ss, reason);
    ++expected;
    bool found = false;
    for (const auto& r : rejects) {
      if (fs::path(r.file).filename() != file) continue;
      found = true;
      EXPECT_EQ(r.column, element) << file;
      EXPECT_NE(r.reason.find(reason), std::string::npos) << file << ": " << r.reason;
      EXPECT_GE(r.line, 1u) << file;
    }
    EXPECT_TRUE(found) << file << " not rejected";
  }
  bool big_rejected = false;
  for (const auto& r : rejects)
    if (fs::path(r.file).filename() == "20_fifty_megabytes.xml")
      big_rejected = r.reason.find("bericht te groot") != std::string::npos;
  EXPECT_TRUE(big_rejected);
  EXPECT_EQ(rejects.size(), expected + 1);
  EXPECT_EQ(summary.rows_rejected, expected + 1);
  // 00_good_start and 05_duplicate_id_a: two trajectories each (two StartProducts).
  EXPECT_EQ(fx.count(model::Kind::kTrajectories), 2);
  EXPECT_EQ(fx.count(model::Kind::kClients), 1);
  // The BSN of the messages is nowhere in the store or the reject file.
  EXPECT_EQ(read_file(fx.db_path()).find("999900006"), std::string::npos);
  EXPECT_EQ(read_file(fx.rejects_path()).find("999900006"), std::string::npos);
  // Nor the BSN-shaped ToewijzingNummer and ReferentieAanbieder of 21_ and 22_ (ledger included).
  for (const char* number : {"123456782", "1112.22.333"}) {
    EXPECT_EQ(read_file(fx.db_path()).find(number), std::string::npos) << number;
    EXPECT_EQ(read_file(fx.rejects_path()).find(number), std::string::npos) << number;
  }
}

// A folder with municipalities and providers for the example senders and receivers.
void write_base(ImportFixture& fx) {
  fx.write_data("municipalities.csv", "code,name\nGM0363,Amsterdam\nGM0384,Diemen\n");
  fx.write_data("providers.csv",
                "provider_id,name,kind\n65656055,Zorgaanbieder Zuid,member\n"
                "42420001,Gebiedsteam Noord,own\n");
}

std::string example(const std::string& name, const std::string& id) {
  std::string text = read_file(kExamples + name + ".xml");
  const std::string from = "<ijw:Identificatie>123456789012</ijw:Identificatie>";
  text.replace(text.find(from), from.size(), "<ijw:Identificatie>" + id + "</ijw:Identificatie>");
  return text;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

std::vector<std::vector<std::string>> rows(store::Store& s, model::Kind kind) {
  std::vector<std::vector<std::string>> out;
  EXPECT_TRUE(s.scan(kind, [&](std::span<const store::Cell> row) {
                 std::vector<std::string> r;
                 for (const auto& c : row)
                   r.push_back(c.is_null()                       ? "<null>"
                               : c.tag == store::Cell::Tag::kInt ? std::to_string(c.i)
                                                                 : std::string(c.s));
                 out.push_back(std::move(r));
               }).is_ok());
  return out;
}

TEST(IjwMerge, StopBeforeStartInFileOrderStillEndsTheTrajectory) {
  ImportFixture fx;
  write_base(fx);
  fx.write_data("a_stop.xml", example("JW307", "S1"));
  fx.write_data("b_start.xml", example("JW305", "S1"));
  fx.import();
  const auto t = rows(fx.store(), model::Kind::kTrajectories);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0][0], "GM0363-65656055-300201");
  EXPECT_EQ(t[0][3], "K3");  // provider kind member
  EXPECT_EQ(t[0][8], "2026-04-03");
  EXPECT_EQ(t[0][9], "2026-07-17");  // the later JW307 wins over the earlier JW305
  EXPECT_EQ(t[0][10], "plan");
}

TEST(IjwMerge, LaterImportMergesWithTheLedgerAndRepeatsChangeNothing) {
  ImportFixture fx;
  write_base(fx);
  std::string start = example("JW305", "S1");
  replace_all(start, "<ijw:Code>55A11</ijw:Code>", "<ijw:Code>55A99</ijw:Code>");
  fx.write_data("start.xml", start);
  fx.import();
  // Second import: a JW307 without Product and a changed start date; the product stays.
  std::string stop = example("JW307", "S2");
  const size_t from = stop.find("<jw307:Product>");
  stop.erase(from, stop.find("</jw307:Product>") + 16 - from);
  TempDir second;
  second.write("stop.xml", stop);
  fx.import({second.path()});
  auto t = rows(fx.store(), model::Kind::kTrajectories);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0][6], "55A99");
  EXPECT_EQ(t[0][9], "2026-07-17");
  // A stop that is withdrawn (StatusAanlevering 3) reopens the trajectory.
  std::string withdraw = example("JW307", "S3");
  replace_all(withdraw, "2026-07-20", "2026-07-25");
  replace_all(withdraw, "<jw307:StatusAanlevering>1</jw307:StatusAanlevering>",
              "<jw307:StatusAanlevering>3</jw307:StatusAanlevering>");
  TempDir third;
  third.write("withdraw.xml", withdraw);
  third.write("repeat.xml", stop);  // identical repeat: nothing changes, nothing rejected
  const auto summary = fx.import({third.path()});
  EXPECT_EQ(summary.rows_rejected, 0u);
  t = rows(fx.store(), model::Kind::kTrajectories);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0][9], "<null>");
  EXPECT_EQ(t[0][10], "<null>");
  // The same id with other content in a later import is refused.
  TempDir fourth;
  std::string changed = stop;
  replace_all(changed, "<jw307:RedenBeeindiging>31", "<jw307:RedenBeeindiging>32");
  fourth.write("changed.xml", changed);
  EXPECT_EQ(fx.import({fourth.path()}).rows_rejected, 1u);
}

TEST(IjwMerge, RequestsCarryTheReferrerAndLinkToTheirAssignment) {
  ImportFixture fx;
  write_base(fx);
  std::string request = example("JW315", "R1");
  replace_all(request, "2027-06-31", "2027-06-30");
  fx.write_data("request.xml", request);
  fx.write_data("assignment.xml", example("JW301", "A1"));
  std::string start = example("JW305", "S1");
  replace_all(start, "<jw305:Afzender>65656055</jw305:Afzender>",
              "<jw305:Afzender>42420001</jw305:Afzender>");
  replace_all(start, "<jw305:Ontvanger>0363</jw305:Ontvanger>",
              "<jw305:Ontvanger>0384</jw305:Ontvanger>");
  fx.write_data("start.xml", start);
  fx.import();
  const auto r = rows(fx.store(), model::Kind::kRequests);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][0], "42420001-40A12341234");
  EXPECT_EQ(r[0][2], "2026-04-01T00:00:00");
  EXPECT_EQ(r[0][3], "municipality");  // COD327 01
  EXPECT_EQ(r[1][3], "gp");            // COD327 02
  const auto t = rows(fx.store(), model::Kind::kTrajectories);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0][0], "GM0384-42420001-300201");
  EXPECT_EQ(t[0][2], "42420001-40A12341234");
  EXPECT_EQ(t[0][3], "K2");  // the cooperative's own provider
}

// A ReferentieAanbieder becomes part of request_id: the rule of every id column applies to it, so
// a BSN-shaped reference rejects its JW315 (and reaches neither the store nor its ledger), while 9
// digits failing the 11-test are a reference like any other.
TEST(IjwBsnShaped, ARequestReferenceHoldingABsnRejectsItsMessage) {
  ImportFixture fx;
  write_base(fx);
  std::string request = example("JW315", "R1");
  replace_all(request, "2027-06-31", "2027-06-30");
  std::string bsn = request;
  replace_all(bsn, "40A12341235", "123456782");
  fx.write_data("a_request.xml", bsn);
  std::string other = example("JW315", "R2");
  replace_all(other, "2027-06-31", "2027-06-30");
  replace_all(other, "40A12341234", "123456789");
  replace_all(other, "40A12341235", "123456789");
  fx.write_data("b_request.xml", other);
  fx.import();
  const auto rejects = fx.rejects();
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_NE(rejects[0].file.find("a_request.xml"), std::string::npos);
  EXPECT_EQ(rejects[0].column, "ReferentieAanbieder");
  EXPECT_EQ(rejects[0].line, 57u);  // the product line with that reference
  EXPECT_NE(rejects[0].reason.find("waarde lijkt op een BSN (9 cijfers, elfproef); een BSN hoort "
                                   "alleen in het element Bsn"),
            std::string::npos)
      << rejects[0].reason;
  const auto r = rows(fx.store(), model::Kind::kRequests);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "42420001-123456789");
  EXPECT_EQ(read_file(fx.db_path()).find("123456782"), std::string::npos);
  EXPECT_EQ(read_file(fx.db_path()).find("40A12341235"), std::string::npos);  // nothing of it
}

// The round trip at store level: the same generated dataset as CSV and as messages.
TEST(IjwRoundTrip, CsvAndMessagesGiveTheSameRows) {
  TempDir dir;
  demo::DatasetParams p = demo::demo_params();
  p.clients = 150;
  ASSERT_TRUE(demo::write_dataset(dir.file("dataset"), p).is_ok());
  auto written = demo::write_ijw_messages(dir.file("dataset"), dir.path());
  ASSERT_TRUE(written.is_ok()) << written.status().message();
  EXPECT_GT(written->trajectories, 100u);
  EXPECT_GT(written->requests, 50u);

  auto pseudonymizer = ingest::Pseudonymizer::from_key_file(dir.file("key"));
  ASSERT_TRUE(pseudonymizer.is_ok());
  auto from_csv = store::Store::open(dir.file("csv.db"));
  auto from_xml = store::Store::open(dir.file("xml.db"));
  ASSERT_TRUE(from_csv.is_ok() && from_xml.is_ok());
  ingest::ImportOptions options;
  options.rejects_path = dir.file("csv.rejects");
  auto a = ingest::import_paths(**from_csv, {dir.file("csv")}, *pseudonymizer, options);
  options.rejects_path = dir.file("xml.rejects");
  auto b = ingest::import_paths(
      **from_xml,
      {dir.file("csv/municipalities.csv"), dir.file("csv/providers.csv"), dir.file("ijw")},
      *pseudonymizer, options);
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_EQ(a->rows_rejected, 0u);
  EXPECT_EQ(b->rows_rejected, 0u);
  EXPECT_EQ(b->rows_read, written->messages + a->files[0].read + a->files[1].read);
  for (model::Kind kind :
       {model::Kind::kClients, model::Kind::kRequests, model::Kind::kTrajectories}) {
    const auto x = rows(**from_csv, kind);
    const auto y = rows(**from_xml, kind);
    EXPECT_FALSE(x.empty());
    EXPECT_EQ(x, y) << model::table_spec(kind).table;
  }
}

}  // namespace
}  // namespace rk::testing
