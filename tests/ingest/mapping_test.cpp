// Specification of the mapping file (shared/spec/mapping.md): what it maps, and every refusal as
// a usage error that names the mapping file's line.
#include "ingest/mapping.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rk::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kExample = R"(# An ECD's export.
[clients]
files = ["Export clienten*.csv"]
sheet = "Cliënten"

[clients.columns]
client_id    = "Cliëntnummer"
birth_date   = "Geboortedatum"
municipality = "Woongemeente"

[clients.values.municipality]
"Heerlen"    = "GM0917"
" landgraaf" = "GM0882"

[requests]
files = "aanmeldingen.xlsx"
[requests.columns]
request_id = "Aanmeldnummer"
client_id = "Cliëntnummer"
received_at = "Datum aanmelding"
referrer   = "Verwijzer"
[requests.values.referrer]
"Huisarts" = "gp"
[requests.fixed]
urgent = false
)";

Mapping parse(std::string_view text) {
  auto m = parse_mapping(text, "mapping.toml");
  EXPECT_TRUE(m.is_ok()) << m.status().message();
  return m.is_ok() ? *m : Mapping{};
}

// The usage error of a refused mapping.
std::string refusal(std::string_view text) {
  auto m = parse_mapping(text, "mapping.toml");
  if (m.is_ok()) return "accepted";
  EXPECT_EQ(m.status().kind(), ErrorKind::kUsage);
  EXPECT_EQ(exit_code(m.status()), 2);
  return m.status().message();
}

TEST(Mapping, ReadsTheExampleOfMappingMd) {
  const Mapping m = parse(kExample);
  ASSERT_EQ(m.kinds.size(), 2U);
  const KindMapping* clients = m.find(model::Kind::kClients);
  ASSERT_NE(clients, nullptr);
  EXPECT_EQ(clients->sheet, "Cliënten");
  ASSERT_EQ(clients->columns.size(), 3U);
  EXPECT_EQ(clients->values.at("municipality").at("landgraaf"), "GM0882");
  EXPECT_EQ(clients->values.at("municipality").at("heerlen"), "GM0917");
  const KindMapping* requests = m.find(model::Kind::kRequests);
  ASSERT_NE(requests, nullptr);
  ASSERT_EQ(requests->fixed.size(), 1U);
  EXPECT_EQ(requests->fixed[0].column, "urgent");
  EXPECT_EQ(requests->fixed[0].value, "false");
  EXPECT_EQ(m.find(model::Kind::kTrajectories), nullptr);
}

TEST(Mapping, FilesAreGlobsWithoutCaseAndDefaultToTheContractNames) {
  const Mapping m = parse(std::string(kExample) + "[trajectories]\n");
  EXPECT_EQ(m.for_file("Export clienten 2020-12.csv"), m.find(model::Kind::kClients));
  EXPECT_EQ(m.for_file("EXPORT CLIENTEN.CSV"), m.find(model::Kind::kClients));
  EXPECT_EQ(m.for_file("aanmeldingen.xlsx"), m.find(model::Kind::kRequests));
  EXPECT_EQ(m.for_file("trajectories.csv"), m.find(model::Kind::kTrajectories));
  EXPECT_EQ(m.for_file("trajectories.xlsx"), m.find(model::Kind::kTrajectories));
  EXPECT_EQ(m.for_file("clients.csv"), nullptr);
}

TEST(Mapping, HeaderIsRenamedValuesTranslatedFixedAppended) {
  const Mapping m = parse(kExample);
  std::vector<std::string> ignored;
  // ASCII letters only lose their case: "CLIËNTNUMMER" with a capital Ë is another header.
  const std::vector<std::string_view> upper = {" CLIËNTNUMMER", "geboortedatum", "Woongemeente"};
  EXPECT_FALSE(FileMapping::from_header(*m.find(model::Kind::kClients), upper, ignored).is_ok());
  const std::vector<std::string_view> header = {" cliëntNUMMER ", "GEBOORTEDATUM", "Extra",
                                                "Woongemeente"};
  ignored.clear();
  auto fm = FileMapping::from_header(*m.find(model::Kind::kClients), header, ignored);
  ASSERT_TRUE(fm.is_ok()) << fm.status().message();
  EXPECT_THAT(ignored, ElementsAre("Extra"));
  std::vector<std::string_view> row = {"C1", "2010-01-01", "x", " LandGraaf "};
  EXPECT_THAT(fm->contract_header(), ElementsAre("client_id", "birth_date", "", "municipality"));
  fm->apply(row);
  EXPECT_THAT(row, ElementsAre("C1", "2010-01-01", "x", "GM0882"));
  // A value without an entry passes through unchanged (and is then validated as usual).
  std::vector<std::string_view> other = {"C2", "2010-01-01", "", "Maastricht"};
  fm->apply(other);
  EXPECT_EQ(other[3], "Maastricht");
  EXPECT_EQ(fm->export_header("birth_date"), "Geboortedatum");
  EXPECT_EQ(fm->export_header("area_id"), "area_id");
}

TEST(Mapping, FixedColumnsAreAppendedToHeaderAndRows) {
  const Mapping m = parse(kExample);
  const std::vector<std::string_view> header = {"Aanmeldnummer", "Cliëntnummer", "Datum aanmelding",
                                                "Verwijzer"};
  std::vector<std::string> ignored;
  auto fm = FileMapping::from_header(*m.find(model::Kind::kRequests), header, ignored);
  ASSERT_TRUE(fm.is_ok());
  EXPECT_THAT(fm->contract_header(),
              ElementsAre("request_id", "client_id", "received_at", "referrer", "urgent"));
  std::vector<std::string_view> row = {"R1", "C1", "1-2-2020", "HUISARTS"};
  fm->apply(row);
  EXPECT_THAT(row, ElementsAre("R1", "C1", "1-2-2020", "gp", "false"));
}

TEST(Mapping, MissingMappedHeaderRejectsTheFileNamingTheHeader) {
  const Mapping m = parse(kExample);
  const std::vector<std::string_view> header = {"Cliëntnummer", "Woongemeente"};
  std::vector<std::string> ignored;
  auto fm = FileMapping::from_header(*m.find(model::Kind::kClients), header, ignored);
  ASSERT_FALSE(fm.is_ok());
  EXPECT_EQ(fm.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_THAT(fm.status().message(), HasSubstr("kolom 'Geboortedatum' (voor birth_date)"));
}

TEST(MappingRefusal, InvalidToml) {
  EXPECT_THAT(refusal("[clients]\ncolumns = {\n"), HasSubstr("mapping.toml, regel 2"));
  EXPECT_THAT(refusal("[clients]\ncolumns = {\n"), HasSubstr("geen geldige TOML"));
  // A key given twice is invalid TOML.
  EXPECT_THAT(refusal("[clients.columns]\nclient_id = \"A\"\nclient_id = \"B\"\n"),
              HasSubstr("regel 3"));
}

TEST(MappingRefusal, UnknownKind) {
  const std::string message = refusal("\n[klanten]\nfiles = \"x.csv\"\n");
  EXPECT_THAT(message, HasSubstr("regel 2"));
  EXPECT_THAT(message, HasSubstr("onbekende bestandssoort 'klanten'"));
  EXPECT_THAT(message, HasSubstr("clients"));
}

TEST(MappingRefusal, UnknownContractColumn) {
  const std::string message = refusal("[clients.columns]\nclient_id = \"A\"\ngeboorte = \"B\"\n");
  EXPECT_THAT(message, HasSubstr("regel 3"));
  EXPECT_THAT(message, HasSubstr("onbekende kolom 'geboorte'"));
  EXPECT_THAT(message, HasSubstr("birth_date"));
  // A derived column is no column of the export.
  EXPECT_THAT(refusal("[clients.columns]\nbsn_pseudonym = \"A\"\n"), HasSubstr("onbekende kolom"));
  // bsn is a column where the contract accepts a BSN, and only there.
  EXPECT_EQ(refusal("[clients.columns]\nbsn = \"BSN\"\n"), "accepted");
  EXPECT_THAT(refusal("[providers.columns]\nbsn = \"BSN\"\n"), HasSubstr("onbekende kolom 'bsn'"));
  EXPECT_THAT(refusal("[clients.fixed]\nwoonplaats = \"x\"\n"), HasSubstr("regel 2"));
  EXPECT_THAT(refusal("[clients.values.wijk]\n\"a\" = \"b\"\n"), HasSubstr("onbekende kolom"));
}

TEST(MappingRefusal, ColumnMappedTwice) {
  const std::string message =
      refusal("[areas.columns]\narea_id = \"Wijk\"\nname = \"Naam\"\nteam = \" wijk \"\n");
  EXPECT_THAT(message, HasSubstr("regel 4"));
  EXPECT_THAT(message, HasSubstr("al aan area_id gekoppeld (regel 2)"));
}

TEST(MappingRefusal, ColumnsAndFixedBoth) {
  const std::string message = refusal(
      "[clients.columns]\nmunicipality = \"Gemeente\"\n\n[clients.fixed]\nmunicipality = "
      "\"GM0917\"\n");
  EXPECT_THAT(message, HasSubstr("regel 5"));
  EXPECT_THAT(message, HasSubstr("in columns (regel 2) en in fixed"));
}

TEST(MappingRefusal, WrongShapes) {
  EXPECT_THAT(refusal("clients = 3\n"), HasSubstr("regel 1"));
  EXPECT_THAT(refusal("[clients]\nfiles = []\n"), HasSubstr("lege lijst"));
  EXPECT_THAT(refusal("[clients]\nfiles = [\"a/b.csv\"]\n"), HasSubstr("bevat een map"));
  EXPECT_THAT(refusal("[clients]\nsheet = 1\n"), HasSubstr("sheet moet tekst zijn"));
  EXPECT_THAT(refusal("[clients]\ncolums = {}\n"), HasSubstr("onbekende sleutel 'colums'"));
  EXPECT_THAT(refusal("[clients.columns]\nclient_id = 5\n"), HasSubstr("regel 2"));
  EXPECT_THAT(refusal("[clients.columns]\nclient_id = \"  \"\n"), HasSubstr("kolomkop"));
  EXPECT_THAT(refusal("[clients.fixed]\nbirth_date = 2020-01-01\n"), HasSubstr("regel 2"));
  EXPECT_THAT(refusal("[clients.columns]\nmunicipality = \"G\"\n[clients.values.municipality]\n"
                      "\"a\" = 1\n"),
              HasSubstr("regel 4"));
}

TEST(MappingRefusal, SameValueTwiceAndValuesForAColumnNotRead) {
  EXPECT_THAT(refusal("[clients.columns]\nmunicipality = \"G\"\n[clients.values.municipality]\n"
                      "\"Heerlen\" = \"GM0917\"\n\"HEERLEN \" = \"GM0882\"\n"),
              HasSubstr("twee keer"));
  EXPECT_THAT(refusal("[clients.values.municipality]\n\"Heerlen\" = \"GM0917\"\n"),
              HasSubstr("staat niet in [clients.columns]"));
}

TEST(MappingRefusal, UnreadableOrHugeFile) {
  auto m = load_mapping("/nonexistent/mapping.toml");
  ASSERT_FALSE(m.is_ok());
  EXPECT_EQ(m.status().kind(), ErrorKind::kUsage);
  EXPECT_THAT(refusal(std::string((1 << 20) + 1, '#')), HasSubstr("groter dan 1 MiB"));
}

}  // namespace
}  // namespace rk::ingest

namespace rk::ingest {
namespace {

// The README's example mapping file is a valid mapping.
TEST(Mapping, TheDocumentedExampleIsValid) {
  auto m = load_mapping(std::string(RK_TEST_DATA) + "/../../docs/mapping-example.toml");
  ASSERT_TRUE(m.is_ok()) << m.status().message();
  EXPECT_EQ(m->kinds.size(), 2U);
  EXPECT_EQ(m->for_file("Aanmeldingen 2020.xlsx"), m->find(model::Kind::kRequests));
}

}  // namespace
}  // namespace rk::ingest
