// The configuration file: norm overrides (every year and per year) and manual indicators, in TOML
// (read with toml++) and in JSON. Errors are Dutch and name the key, and in TOML the line.
#include "engine/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/catalogue.hpp"
#include "engine/disclosure.hpp"

namespace rk::engine {
namespace {

using ::testing::HasSubstr;

Config parse_toml(const std::string& text) {
  Result<Config> c = parse_config_toml(text);
  EXPECT_TRUE(c.is_ok()) << c.status().message();
  return c.is_ok() ? *c : Config{};
}

std::string toml_error(const std::string& text) {
  Result<Config> c = parse_config_toml(text);
  EXPECT_FALSE(c.is_ok());
  EXPECT_EQ(c.status().kind(), ErrorKind::kInvalidInput);
  return c.status().message();
}

std::string json_error(const std::string& text) {
  Result<Config> c = parse_config_json(text);
  EXPECT_FALSE(c.is_ok());
  EXPECT_EQ(c.status().kind(), ErrorKind::kInvalidInput);
  return c.status().message();
}

// The example of docs/indicators.md ("Configuration").
constexpr const char* kDocumented = R"(
[norms."flow.intake_5wd"]          # every year
target = 90
tolerance = 5
op = ">="                          # or "<="

[norms."care.share_k2".years.2021] # one year only (the year of the period's `to`)
target = 60

[norms."requests.incomplete"]
none = true                        # no norm: status "none"

[manual."safety.reporting_code_trained"]
title_nl = "Medewerkers getraind in de meldcode"
title_en = "Staff trained in the reporting code"
unit = "percent"
target = 100
tolerance = 10
)";

TEST(ConfigToml, ReadsTheDocumentedExample) {
  const Config c = parse_toml(kDocumented);
  const NormOverride& intake = c.norms.at("flow.intake_5wd");
  EXPECT_EQ(intake.op, Norm::Op::kAtLeast);
  EXPECT_EQ(intake.target, 90);
  EXPECT_EQ(intake.tolerance, 5);
  EXPECT_FALSE(intake.none);
  EXPECT_EQ(c.norms_by_year.at("care.share_k2").at(2021).target, 60);
  EXPECT_FALSE(c.norms.at("care.share_k2").target);
  EXPECT_EQ(c.norms.at("requests.incomplete").none, true);

  ASSERT_TRUE(c.manual_declared);
  ASSERT_EQ(c.manual.size(), 1u);
  const ManualIndicator& m = c.manual[0];
  EXPECT_EQ(m.id, "safety.reporting_code_trained");
  EXPECT_EQ(m.title_nl, "Medewerkers getraind in de meldcode");
  EXPECT_EQ(m.title_en, "Staff trained in the reporting code");
  EXPECT_EQ(m.unit, Unit::kPercent);
  ASSERT_TRUE(m.norm);
  EXPECT_EQ(m.norm->op, Norm::Op::kAtLeast);
  EXPECT_EQ(m.norm->target, 100);
  EXPECT_EQ(m.norm->tolerance, 10);
}

TEST(ConfigToml, NormOverridesApplyDefaultThenEveryYearThenTheYear) {
  const Config c = parse_toml(R"(
[norms."care.share_k2"]
target = 50
[norms."care.share_k2".2021]   # a year directly under the indicator, as under `years`
op = "<="
target = 60.5
[norms."requests.incomplete"]
none = true
)");
  const Norm fallback{Norm::Op::kAtLeast, 40, 5};
  const std::optional<Norm> n2020 = c.norm_for("care.share_k2", fallback, 2020);
  ASSERT_TRUE(n2020);
  EXPECT_EQ(n2020->op, Norm::Op::kAtLeast);
  EXPECT_EQ(n2020->target, 50);
  EXPECT_EQ(n2020->tolerance, 5);
  const std::optional<Norm> n2021 = c.norm_for("care.share_k2", fallback, 2021);
  ASSERT_TRUE(n2021);
  EXPECT_EQ(n2021->op, Norm::Op::kAtMost);
  EXPECT_EQ(n2021->target, 60.5);
  EXPECT_FALSE(c.norm_for("requests.incomplete", fallback, 2021));
  // An indicator without a default norm gets one from an override with a target only.
  EXPECT_FALSE(c.norm_for("care.other", std::nullopt, 2021));
}

TEST(ConfigToml, NormIsASynonymOfNorms) {
  const Config c = parse_toml("[norm.\"flow.intake_5wd\"]\ntarget = 80\n");
  EXPECT_EQ(c.norms.at("flow.intake_5wd").target, 80);
}

TEST(ConfigToml, WithoutManualDeclarationsTheDefaultsApply) {
  const Config c = parse_toml("[norms.\"flow.intake_5wd\"]\ntarget = 80\n");
  EXPECT_FALSE(c.manual_declared);
  const Catalogue catalogue = Catalogue::create(c);
  for (const ManualIndicator& m : default_manual_indicators())
    EXPECT_NE(catalogue.find("manual." + m.id), nullptr) << m.id;
}

TEST(ConfigToml, ManualTitlesDefaultToTheIdAndTheDutchTitle) {
  const Config c = parse_toml(R"(
[manual."own.figure"]
unit = "%"
[manual."own.count"]
title_nl = "Eigen telling"
unit = "count"
)");
  ASSERT_EQ(c.manual.size(), 2u);
  EXPECT_EQ(c.manual[0].id, "own.count");
  EXPECT_EQ(c.manual[0].title_nl, "Eigen telling");
  EXPECT_EQ(c.manual[0].title_en, "Eigen telling");
  EXPECT_EQ(c.manual[0].unit, Unit::kCount);
  EXPECT_FALSE(c.manual[0].norm);  // no target, no norm
  EXPECT_EQ(c.manual[1].title_nl, "own.figure");
  EXPECT_EQ(c.manual[1].unit, Unit::kPercent);
}

// What the hand-written parser got wrong.

TEST(ConfigToml, StringEscapesAreDecoded) {
  const Config c = parse_toml(R"([manual."own.figure"]
title_nl = "a\"b"
title_en = "regel\nregel Ge\u00ebvalueerd \\ \t."
)");
  ASSERT_EQ(c.manual.size(), 1u);
  EXPECT_EQ(c.manual[0].title_nl, "a\"b");
  EXPECT_EQ(c.manual[0].title_en, "regel\nregel Geëvalueerd \\ \t.");
}

TEST(ConfigToml, LiteralAndMultiLineStrings) {
  const Config c = parse_toml(R"([manual."own.figure"]
title_nl = 'C:\map\"niet geëscaped"'
title_en = """
twee \
regels"""
)");
  ASSERT_EQ(c.manual.size(), 1u);
  EXPECT_EQ(c.manual[0].title_nl, R"(C:\map\"niet geëscaped")");
  EXPECT_EQ(c.manual[0].title_en, "twee regels");
}

TEST(ConfigToml, CommentsAfterValuesAndHashesInStrings) {
  const Config c = parse_toml(R"([manual."own.figure"]   # the header may carry a comment
title_nl = "nummer #1"  # a comment after a string holding '#'
target = 90 # after a number
)");
  ASSERT_EQ(c.manual.size(), 1u);
  EXPECT_EQ(c.manual[0].title_nl, "nummer #1");
  ASSERT_TRUE(c.manual[0].norm);
  EXPECT_EQ(c.manual[0].norm->target, 90);
}

TEST(ConfigToml, InlineTablesAndDottedKeys) {
  const Config c = parse_toml(R"(
norms."flow.intake_5wd".target = 90
norms."flow.intake_5wd".years.2021 = { target = 95, tolerance = 2.5 }
norms."care.share_k2" = { op = "<=", target = 60 }
manual."own.figure" = { title_nl = "Eigen", unit = "count" }
)");
  EXPECT_EQ(c.norms.at("flow.intake_5wd").target, 90);
  EXPECT_EQ(c.norms_by_year.at("flow.intake_5wd").at(2021).target, 95);
  EXPECT_EQ(c.norms_by_year.at("flow.intake_5wd").at(2021).tolerance, 2.5);
  EXPECT_EQ(c.norms.at("care.share_k2").op, Norm::Op::kAtMost);
  ASSERT_EQ(c.manual.size(), 1u);
  EXPECT_EQ(c.manual[0].unit, Unit::kCount);
}

TEST(ConfigToml, ArrayOfTablesDeclaresEachManualIndicatorInOrder) {
  const Config c = parse_toml(R"(
[[manual_indicators]]
id = "vision.recognised"
title_nl = "Stakeholders die de visie herkennen"
unit = "%"

[[manual_indicators]]
id = "own.figure"
title_nl = "Eigen"
title_en = "Own"
unit = "count"
norm = { op = "<=", target = 10, tolerance = 5 }
)");
  ASSERT_TRUE(c.manual_declared);
  ASSERT_EQ(c.manual.size(), 2u);
  EXPECT_EQ(c.manual[0].id, "vision.recognised");
  EXPECT_EQ(c.manual[0].title_en, "Stakeholders die de visie herkennen");
  EXPECT_FALSE(c.manual[0].norm);
  EXPECT_EQ(c.manual[1].id, "own.figure");
  EXPECT_EQ(c.manual[1].title_en, "Own");
  EXPECT_EQ(c.manual[1].unit, Unit::kCount);
  ASSERT_TRUE(c.manual[1].norm);
  EXPECT_EQ(c.manual[1].norm->op, Norm::Op::kAtMost);
  EXPECT_EQ(c.manual[1].norm->target, 10);
  EXPECT_EQ(c.manual[1].norm->tolerance, 5);

  // The declared indicators replace the spec's three defaults.
  const Catalogue catalogue = Catalogue::create(c);
  EXPECT_NE(catalogue.find("manual.vision.recognised"), nullptr);
  EXPECT_NE(catalogue.find("manual.own.figure"), nullptr);
  EXPECT_EQ(catalogue.find("manual.safety.reporting_code_trained"), nullptr);
  EXPECT_EQ(catalogue.find("manual.safety.veilig_thuis_taken_up"), nullptr);
}

TEST(ConfigToml, ManualIndicatorsAsAMultiLineArray) {
  const Config c = parse_toml(R"(
manual_indicators = [
  { id = "a.one", unit = "count" },   # first
  { id = "a.two", norm = { target = 75 } },
]
)");
  ASSERT_EQ(c.manual.size(), 2u);
  EXPECT_EQ(c.manual[0].id, "a.one");
  EXPECT_EQ(c.manual[1].id, "a.two");
  ASSERT_TRUE(c.manual[1].norm);
  EXPECT_EQ(c.manual[1].norm->op, Norm::Op::kAtLeast);
  EXPECT_EQ(c.manual[1].norm->tolerance, 0);
}

TEST(ConfigToml, ANormSubTableOfAManualIndicator) {
  const Config c = parse_toml(R"(
[[manual_indicators]]
id = "own.figure"
[manual_indicators.norm]
target = 12
)");
  ASSERT_EQ(c.manual.size(), 1u);
  ASSERT_TRUE(c.manual[0].norm);
  EXPECT_EQ(c.manual[0].norm->target, 12);
}

TEST(ConfigToml, AManualIndicatorSaysWhichWayIsBetter) {
  const Config c = parse_toml(R"(
[manual."own.figure"]
unit = "count"
better = "lower"

[manual."other.figure"]
unit = "count"
)");
  ASSERT_EQ(c.manual.size(), 2u);
  for (const ManualIndicator& m : c.manual)  // "other.figure" keeps the default
    EXPECT_EQ(m.better, m.id == "own.figure" ? Better::kLower : Better::kNeither) << m.id;
  const Catalogue catalogue = Catalogue::create(c);
  ASSERT_NE(catalogue.find("manual.own.figure"), nullptr);
  EXPECT_EQ(catalogue.find("manual.own.figure")->better, Better::kLower);
  // The spec's defaults have norms ">=": higher is better.
  const Catalogue defaults = Catalogue::create(Config{});
  EXPECT_EQ(defaults.find("manual.vision.recognised")->better, Better::kHigher);
  EXPECT_EQ(defaults.find("flow.lead_time_days")->better, Better::kLower);
  EXPECT_EQ(defaults.find("clients.total")->better, Better::kNeither);
  EXPECT_THAT(toml_error("[manual.x]\nbetter = \"omhoog\"\n"),
              HasSubstr("regel 2: manual.x.better: onbekende richting \"omhoog\" (verwacht "
                        "higher, lower of neither)"));
}

// Errors name the line and the key, in Dutch.

TEST(ConfigTomlErrors, AStringWhereANumberBelongs) {
  const std::string e = toml_error(R"(
[norms."flow.intake_5wd"]
target = "negentig"
)");
  EXPECT_THAT(e, HasSubstr("regel 3"));
  EXPECT_THAT(e, HasSubstr("norms.\"flow.intake_5wd\".target"));
  EXPECT_THAT(e, HasSubstr("verwacht een getal, gevonden tekst"));
}

TEST(ConfigTomlErrors, ANumberWhereTextBelongs) {
  const std::string e = toml_error("[manual.\"own.figure\"]\ntitle_nl = 5\n");
  EXPECT_THAT(e, HasSubstr("regel 2"));
  EXPECT_THAT(e, HasSubstr("manual.\"own.figure\".title_nl: verwacht tekst, gevonden een getal"));
}

TEST(ConfigTomlErrors, UnknownKeys) {
  EXPECT_THAT(toml_error("[norms.\"flow.intake_5wd\"]\n\ntarget = 1\ntolerence = 5\n"),
              HasSubstr("regel 4: norms.\"flow.intake_5wd\".tolerence: onbekende sleutel"));
  EXPECT_THAT(toml_error("[manual.x]\ntarget = 1\ncolour = \"rood\"\n"),
              HasSubstr("regel 3: manual.x.colour: onbekende sleutel"));
  EXPECT_THAT(toml_error("[[manual_indicators]]\nid = \"x\"\nnorm = { targett = 1 }\n"),
              HasSubstr("regel 3: manual_indicators (nr. 1).norm.targett: onbekende sleutel"));
}

TEST(ConfigTomlErrors, BadValues) {
  EXPECT_THAT(toml_error("[norms.x]\nop = \">\"\n"),
              HasSubstr("regel 2: norms.x.op: verwacht \">=\" of \"<=\", gevonden \">\""));
  EXPECT_THAT(toml_error("[manual.x]\nunit = \"procent\"\n"),
              HasSubstr("regel 2: manual.x.unit: onbekende eenheid \"procent\""));
  EXPECT_THAT(toml_error("[norms.x.years.twintig]\ntarget = 1\n"),
              HasSubstr("norms.x.years.twintig: verwacht een jaar"));
  EXPECT_THAT(toml_error("[norms.x]\ntarget = nan\n"),
              HasSubstr("regel 2: norms.x.target: verwacht een eindig getal"));
  EXPECT_THAT(toml_error("[norms.x]\nnone = \"ja\"\n"),
              HasSubstr("regel 2: norms.x.none: verwacht true of false, gevonden tekst"));
  EXPECT_THAT(toml_error("norms = 5\n"), HasSubstr("regel 1: norms: verwacht een tabel"));
}

TEST(ConfigTomlErrors, ManualIndicatorsNeedAnIdOnce) {
  EXPECT_THAT(toml_error("[[manual_indicators]]\ntitle_nl = \"Zonder id\"\n"),
              HasSubstr("regel 1: manual_indicators (nr. 1): elke handmatige indicator heeft een "
                        "\"id\" nodig"));
  EXPECT_THAT(toml_error("[[manual_indicators]]\nid = \"x\"\n[[manual_indicators]]\nid = \"x\"\n"),
              HasSubstr("regel 4: manual_indicators (nr. 2).id: \"x\" is al gedeclareerd"));
  EXPECT_THAT(toml_error("[manual_indicators]\nid = \"x\"\n"),
              HasSubstr("manual_indicators: verwacht een lijst ([[manual_indicators]])"));
}

TEST(ConfigTomlErrors, SyntaxErrorsNameLineAndColumn) {
  const std::string e = toml_error("[norms.x]\ntarget = 90\ntolerance = = 5\n");
  EXPECT_THAT(e, HasSubstr("regel 3, kolom"));
  EXPECT_THAT(e, HasSubstr("geen geldige TOML"));
  // A key defined twice is invalid TOML (the old parser kept the last).
  EXPECT_THAT(toml_error("[norms.x]\ntarget = 1\ntarget = 2\n"), HasSubstr("regel 3"));
}

// JSON goes through the same reader.

TEST(ConfigJson, TheListFormAndNorms) {
  Result<Config> c = parse_config_json(R"({
    "norms": {"flow.intake_5wd": {"target": 90, "years": {"2021": {"target": 95}}}},
    "manual_indicators": [
      {"id": "own.figure", "title_nl": "Eigen", "unit": "count",
       "norm": {"op": "<=", "target": 10, "tolerance": 5}},
      {"id": "vision.recognised", "title_nl": "Visie", "unit": "%"}
    ]})");
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_EQ(c->norms.at("flow.intake_5wd").target, 90);
  EXPECT_EQ(c->norms_by_year.at("flow.intake_5wd").at(2021).target, 95);
  ASSERT_EQ(c->manual.size(), 2u);
  EXPECT_EQ(c->manual[0].id, "own.figure");
  ASSERT_TRUE(c->manual[0].norm);
  EXPECT_EQ(c->manual[0].norm->op, Norm::Op::kAtMost);
  EXPECT_EQ(c->manual[1].id, "vision.recognised");
  EXPECT_EQ(c->manual[1].title_en, "Visie");
  EXPECT_FALSE(c->manual[1].norm);
}

TEST(ConfigJson, ErrorsNameTheKeyPath) {
  EXPECT_EQ(json_error(R"({"norms": {"flow.intake_5wd": {"target": "90"}}})"),
            "norms.\"flow.intake_5wd\".target: verwacht een getal, gevonden tekst");
  EXPECT_EQ(json_error(R"({"manual": {"x": {"title_nl": null}}})"),
            "manual.x.title_nl: null is hier niet toegestaan");
  EXPECT_EQ(json_error(R"({"manual_indicators": {"id": "x"}})"),
            "manual_indicators: verwacht een lijst ([[manual_indicators]]), gevonden een tabel");
  EXPECT_EQ(json_error("[1]"), "configuratie: verwacht een JSON-object");
  EXPECT_THAT(json_error("{\n\"norms\": {,}\n}"), HasSubstr("regel 2: geen geldige JSON"));
}

class ConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rk-config-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  std::string dir_;
};

TEST_F(ConfigFile, TheNameDecidesBetweenJsonAndToml) {
  Result<Config> json = load_config(write("c.json", R"({"norms": {"x": {"target": 1}}})"));
  ASSERT_TRUE(json.is_ok()) << json.status().message();
  EXPECT_EQ(json->norms.at("x").target, 1);
  Result<Config> toml = load_config(write("regiekamer.toml", "[norms.x]\ntarget = 2\n"));
  ASSERT_TRUE(toml.is_ok()) << toml.status().message();
  EXPECT_EQ(toml->norms.at("x").target, 2);
}

TEST_F(ConfigFile, ErrorsStartWithTheFileName) {
  const std::string path = write("regiekamer.toml", "[norms.x]\ntarget = \"1\"\n");
  Result<Config> c = load_config(path);
  ASSERT_FALSE(c.is_ok());
  EXPECT_EQ(c.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(c.status().message(),
            path + ": regel 2: norms.x.target: verwacht een getal, gevonden tekst");
  Result<Config> missing = load_config(dir_ + "/geen.toml");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().kind(), ErrorKind::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("geen.toml"));
}

}  // namespace
}  // namespace rk::engine

namespace rk::engine {
namespace {

TEST(DisclosureConfig, LessNoiseOnlyWhenSaidInSoManyWords) {
  auto standard = parse_config_toml("[disclosure]\nmax_noise = 2\nvariance = 1.0\n");
  ASSERT_TRUE(standard) << standard.status().message();
  EXPECT_EQ(standard->disclosure.max_noise, 2);
  EXPECT_FALSE(parse_config_toml("[disclosure]\nmax_noise = 0\n"));
  EXPECT_FALSE(parse_config_toml("[disclosure]\nmax_noise = 1\n"));
  EXPECT_FALSE(parse_config_toml("[disclosure]\nvariance = 5\n"));
  EXPECT_FALSE(parse_config_toml("[disclosure]\nmax_noise = 3\nexact_for_tests = true\n"));
  auto exact = parse_config_json(R"({"disclosure": {"max_noise": 0, "exact_for_tests": true}})");
  ASSERT_TRUE(exact) << exact.status().message();
  EXPECT_EQ(exact->disclosure.max_noise, 0);
  EXPECT_EQ(PerturbationTable::of(*exact)->noise(7, 0), 0);
  EXPECT_EQ(PerturbationTable::of(*exact)->noise(7, ~uint64_t{0}), 0);
}

}  // namespace
}  // namespace rk::engine
