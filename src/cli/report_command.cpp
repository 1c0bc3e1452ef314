// `regiekamer report`: the half-year (or any period's) report as report.html and report.pdf, with
// every figure beside the previous period of equal kind.
#include "cli/report_command.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "calendar/period.hpp"
#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/open_store.hpp"
#include "cli/run_command.hpp"
#include "engine/catalogue.hpp"
#include "engine/closing.hpp"
#include "engine/config.hpp"
#include "engine/disclosure.hpp"
#include "engine/insights.hpp"
#include "engine/labels.hpp"
#include "engine/snapshot.hpp"
#include "report/model.hpp"
#include "report/render.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

namespace fs = std::filesystem;

// What computing figures needs, opened once for both periods.
struct Engine {
  std::shared_ptr<const engine::Snapshot> snapshot;
  engine::Config config;
  engine::Scope scope;
  WorkingDays working_days;
  store::Store* store = nullptr;  // for the frozen figures of closed periods
  // The record keys for the disclosure layer; null for analysts.
  std::shared_ptr<const engine::RecordKeys> keys;
  // The municipality whose frozen figures apply ("" = combined); nullopt for a scope that is not
  // frozen (an area, quadrant or provider).
  std::optional<std::string> frozen_scope;
};

struct PeriodFigures {
  std::vector<engine::IndicatorResult> results;
  std::optional<report::Closing> closing;  // set when the period is closed
};

// The one place where the report gets the figures of a period: computed from the current records
// and suppressed for the role. Period closing replaces the figures of a closed period here by the
// frozen ones and fills `closing` with the differences against the current records.
Result<PeriodFigures> results_for_period(const Engine& e, Period period, engine::Role role) {
  engine::Query query{period.from, period.to, e.scope, &e.working_days};
  query.record_keys = e.keys.get();
  const engine::Catalogue catalogue = engine::Catalogue::create(e.config);
  PeriodFigures f;
  f.results = engine::compute_all(catalogue, *e.snapshot, query, e.config);
  if (Status s = engine::disclose(role, e.config, f.results); !s) return s;
  if (e.store == nullptr || !e.frozen_scope) return f;
  Result<std::optional<engine::ClosedPeriod>> closed = engine::find_closed(*e.store, period);
  if (!closed) return closed.status();
  if (!*closed) return f;
  auto frozen = engine::load_frozen(*e.store, period, *e.frozen_scope);
  if (!frozen) return frozen.status();
  if (!*frozen) return f;  // a municipality that was not in the data when closing
  if (Status s = engine::disclose(role, e.config, **frozen); !s) return s;
  report::Closing closing{(*closed)->closed_at, (*closed)->hash, {}};
  std::map<std::string, std::string> titles;
  for (const auto& r : **frozen) titles.emplace(r.id, r.title_nl);
  for (const auto& r : f.results) titles.emplace(r.id, r.title_nl);
  for (const engine::FigureDifference& d : engine::differences(**frozen, f.results)) {
    std::string figure = d.dimension.empty() ? "totaal" : d.dimension + ": " + d.key;
    if (!d.part.empty()) figure += " (" + d.part + ")";
    const std::string& title = titles[d.indicator];
    auto [then, now] = engine::difference_texts(d);
    closing.differences.push_back({title.empty() ? d.indicator : title + " (" + d.indicator + ")",
                                   figure, std::move(then), std::move(now)});
  }
  f.results = std::move(**frozen);
  f.closing = std::move(closing);
  return f;
}

// The insights of the summary: from the period's results as the report shows them and the
// comparison windows computed and disclosed for the role (the same sentences as /api/insights).
// A closed period keeps its frozen figures, and a closing freezes no figures outside the period:
// its insights are those of the frozen figures alone (norms, forecast), so that they never change.
Result<std::vector<engine::Insight>> insights_for_period(const Engine& e,
                                                         const report::ReportInput& input) {
  if (input.closing) {
    engine::InsightFigures frozen;
    frozen.period = input.period;
    frozen.current = input.current;
    return engine::make_insights(frozen);
  }
  engine::Query query{input.period.from, input.period.to, e.scope, &e.working_days};
  query.record_keys = e.keys.get();
  const engine::Catalogue catalogue = engine::Catalogue::create(e.config);
  Result<engine::InsightFigures> figures =
      engine::insight_figures(catalogue, *e.snapshot, query, e.config, input.role, input.current);
  if (!figures) return figures.status();
  return engine::make_insights(*figures);
}

Result<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::error(ErrorKind::kIo, "kan " + p.string() + " niet lezen");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// inleiding.md and <chapter-id>.md from the texts directory.
Result<std::map<std::string, std::string>> read_texts(const fs::path& dir) {
  std::map<std::string, std::string> texts;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Status::error(ErrorKind::kNotFound, "--texts: geen map " + dir.string());
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".md" || !entry.is_regular_file()) continue;
    Result<std::string> text = read_file(entry.path());
    if (!text) return text.status();
    texts[entry.path().stem().string()] = *text;
  }
  return texts;
}

std::string today() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now);
  return Date{static_cast<int32_t>(days.time_since_epoch().count())}.to_string();
}

Status write_outputs(const report::Report& model, const ReportRequest& o, const std::string& logo) {
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) return Status::error(ErrorKind::kIo, "kan map " + o.out + " niet maken: " + ec.message());
  std::string logo_png;
  if (!logo.empty()) {
    Result<std::string> bytes = read_file(logo);
    if (!bytes) return bytes.status();
    logo_png = *bytes;
  }
  const fs::path html = fs::path(o.out) / "report.html";
  const fs::path pdf = fs::path(o.out) / "report.pdf";
  const fs::path html_tmp = fs::path(o.out) / ".report.html.tmp";
  const fs::path pdf_tmp = fs::path(o.out) / ".report.pdf.tmp";
  auto cleanup = [&] {
    fs::remove(html_tmp, ec);
    fs::remove(pdf_tmp, ec);
  };
  if (Status s = report::render_pdf(model, pdf_tmp.string(), logo); !s) {
    cleanup();
    return s;
  }
  {
    std::ofstream out(html_tmp, std::ios::binary);
    out << report::render_html(model, logo_png);
    out.close();
    if (!out) {
      cleanup();
      return Status::error(ErrorKind::kIo, "kan " + html.string() + " niet schrijven");
    }
  }
  fs::rename(pdf_tmp, pdf, ec);
  if (!ec) fs::rename(html_tmp, html, ec);
  if (ec) {
    cleanup();
    return Status::error(ErrorKind::kIo,
                         "kan het rapport niet in " + o.out + " zetten: " + ec.message());
  }
  if (!o.quiet) fmt::print("rapport geschreven: {} en {}\n", html.string(), pdf.string());
  return Status::ok();
}

// The staff's texts (--texts) into `input`; returns the logo to print: --logo, else logo.png
// among the texts, else "" (none).
Result<std::string> read_texts_and_logo(const ReportRequest& o, report::ReportInput& input) {
  if (o.texts) {
    Result<std::map<std::string, std::string>> texts = read_texts(*o.texts);
    if (!texts) return texts.status();
    input.texts = std::move(*texts);
  }
  std::string logo = o.logo.value_or("");
  if (logo.empty() && o.texts && fs::exists(fs::path(*o.texts) / "logo.png"))
    logo = (fs::path(*o.texts) / "logo.png").string();
  if (!logo.empty() && !fs::is_regular_file(logo))
    return Status::error(ErrorKind::kNotFound, "--logo: geen bestand " + logo);
  return logo;
}

}  // namespace

Status run_report(const ReportRequest& o) {
  Result<Period> period = parse_period_option(o.period);
  if (!period) return period.status();
  const std::string role_text = o.role.value_or(o.scope.municipality ? "municipality" : "analyst");
  Result<engine::Role> role = parse_role_and_scope(role_text, o.scope);
  if (!role) return role.status();

  report::ReportInput input;
  Result<std::string> logo = read_texts_and_logo(o, input);
  if (!logo) return logo.status();
  Engine e;
  Result<engine::Config> config = read_config(o.config);
  if (!config) return config.status();
  e.config = std::move(*config);
  Result<OpenedStore> opened = open_store_with_snapshot(o.store.db, o.store.cache_dir);
  if (!opened) return opened.status();
  e.snapshot = opened->snapshot;
  input.scope = o.scope.text();
  e.scope = engine::resolve_scope(*e.snapshot, input.scope);
  e.store = opened->store.get();
  auto keys = record_keys_for(*role, o.store.key, *opened);
  if (!keys) return keys.status();
  e.keys = *keys;
  if (o.scope.is_closing_scope()) e.frozen_scope = o.scope.municipality.value_or("");

  input.period = *period;
  input.previous = report::previous_period(*period);
  input.role = *role;
  // A closed period is reported with its frozen figures; so is a closed previous period.
  Result<PeriodFigures> current = results_for_period(e, input.period, *role);
  if (!current) return current.status();
  input.current = std::move(current->results);
  input.closing = std::move(current->closing);
  Result<std::vector<engine::Insight>> insights = insights_for_period(e, input);
  if (!insights) return insights.status();
  input.insights = std::move(*insights);
  Result<PeriodFigures> previous = results_for_period(e, input.previous, *role);
  if (!previous) return previous.status();
  input.previous_results = std::move(previous->results);
  input.vocabulary = engine::Vocabulary::from_snapshot(*e.snapshot);
  input.generated_on = today();
  return write_outputs(report::build_report(input), o, *logo);
}

void register_report(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ReportRequest>();
  CLI::App* cmd = app.add_subcommand("report", "rapportage (HTML en PDF) voor een periode");
  add_store_options(*cmd, o->store);
  add_period_option(*cmd, o->period);
  add_scope_options(*cmd, o->scope);
  add_role_option(*cmd, o->role);
  cmd->add_option("--texts", o->texts, "map met inleiding.md en <hoofdstuk>.md (en logo.png)");
  cmd->add_option("--logo", o->logo, "logo (PNG) in de kop van het rapport");
  add_config_option(*cmd, o->config);
  add_key_option(*cmd, o->store.key);
  cmd->add_option("--out", o->out, "map voor report.html en report.pdf")->required();
  set_command_body(*cmd, "report", exit_code, [o] { return run_report(*o); });
}

}  // namespace rk::cli
