// Specification of which contract files a delivered file holds: CSV files by name or mapping,
// workbooks by their name, their sheets' names or the mapping's `sheet`.
#include "ingest/workbook_sources.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace rk::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class WorkbookSources : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rk-wbsrc-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A workbook named `name` with one header cell per sheet.
  std::string write(const std::string& name, const std::vector<std::string>& sheets) {
    std::string path = (dir_ / name).string();
    lxw_workbook* wb = workbook_new(path.c_str());
    for (const auto& s : sheets) {
      worksheet_write_string(workbook_add_worksheet(wb, s.c_str()), 0, 0, "x", nullptr);
    }
    EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
    return path;
  }

  fs::path dir_;
};

Mapping mapping(std::string_view text) {
  auto m = parse_mapping(text, "mapping.toml");
  EXPECT_TRUE(m.is_ok()) << m.status().message();
  return *m;
}

std::vector<std::string> kinds(const WorkbookContents& c) {
  std::vector<std::string> out;
  for (const auto& p : c.parts) out.push_back(fmt::format("{}:{}", p.spec->file, p.sheet));
  return out;
}

TEST_F(WorkbookSources, WorkbookNamedAfterAContractFileIsThatFileFromItsFirstSheet) {
  auto c = workbook_contents(write("Clients.xlsx", {"Blad1", "clients"}), nullptr);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_THAT(kinds(*c), ElementsAre("clients.csv:0"));
  EXPECT_THAT(c->parts[0].label, HasSubstr("Clients.xlsx [blad Blad1]"));
  EXPECT_EQ(c->parts[0].table, nullptr);
}

TEST_F(WorkbookSources, OtherWorkbookHasASheetPerContractFile) {
  auto c =
      workbook_contents(write("dataset.xlsx", {"Toelichting", "clients", " Requests"}), nullptr);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_THAT(kinds(*c), ElementsAre("clients.csv:1", "requests.csv:2"));
  EXPECT_THAT(c->warnings, ElementsAre(HasSubstr("werkblad 'Toelichting' genegeerd")));
}

TEST_F(WorkbookSources, WorkbookWithoutContractSheetsIsRejected) {
  auto c = workbook_contents(write("export.xlsx", {"Blad1"}), nullptr);
  ASSERT_FALSE(c.is_ok());
  EXPECT_EQ(c.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_THAT(c.status().message(), HasSubstr("municipalities, areas"));
}

TEST_F(WorkbookSources, MappingNamesTheWorkbookAndItsSheet) {
  const Mapping m = mapping(
      "[requests]\nfiles = \"Aanmeldingen*.xlsx\"\nsheet = \"aanmeldingen\"\n"
      "[clients]\nfiles = \"Clienten.xlsx\"\n");
  auto c = workbook_contents(write("Aanmeldingen 2020.xlsx", {"Overzicht", "Aanmeldingen"}), &m);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_THAT(kinds(*c), ElementsAre("requests.csv:1"));
  EXPECT_EQ(c->parts[0].table, m.find(model::Kind::kRequests));
  c = workbook_contents(write("Clienten.xlsx", {"Blad1", "Blad2"}), &m);
  ASSERT_TRUE(c.is_ok());
  EXPECT_THAT(kinds(*c), ElementsAre("clients.csv:0"));
  c = workbook_contents(write("Aanmeldingen.xlsx", {"Blad1"}), &m);
  ASSERT_FALSE(c.is_ok());
  EXPECT_THAT(c.status().message(), HasSubstr("werkblad 'aanmeldingen' (uit de mapping"));
}

TEST(KindOfFile, CsvByNameOrMapping) {
  const Mapping m = mapping("[clients]\nfiles = [\"Export clienten*.csv\"]\n");
  const KindMapping* table = nullptr;
  EXPECT_EQ(kind_of_file("Export clienten 2020.csv", &m, table)->kind, model::Kind::kClients);
  EXPECT_EQ(table, m.find(model::Kind::kClients));
  EXPECT_EQ(kind_of_file("requests.csv", &m, table)->kind, model::Kind::kRequests);
  EXPECT_EQ(table, nullptr);
  EXPECT_EQ(kind_of_file("clients.XLSX", nullptr, table)->kind, model::Kind::kClients);
  EXPECT_EQ(kind_of_file("notes.csv", nullptr, table), nullptr);
  EXPECT_TRUE(is_workbook_name("a.XLSX"));
  EXPECT_FALSE(is_workbook_name(".xlsx"));
  EXPECT_FALSE(is_workbook_name("a.xls"));
}

}  // namespace
}  // namespace rk::ingest
