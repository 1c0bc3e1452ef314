// `regiekamer kpi`: compute every indicator for a period and scope and print it as a Dutch table,
// JSON (cli.md) or CSV; `--explain ID` lists the records behind one indicator (analysts only).
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "calendar/period.hpp"
#include "calendar/workdays.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/config_file.hpp"
#include "cli/open_store.hpp"
#include "cli/run_command.hpp"
#include "engine/catalogue.hpp"
#include "engine/closing.hpp"
#include "engine/config.hpp"
#include "engine/disclosure.hpp"
#include "engine/labels.hpp"
#include "engine/render.hpp"
#include "engine/snapshot.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

struct KpiOptions {
  StoreOptions store;
  DateRangeOptions range;
  ScopeOptions scope;
  std::string role = "analyst";
  std::string format = "table";
  std::optional<std::string> explain;
  std::optional<std::string> config;
};

// The closing of exactly this period, when the scope is combined or one municipality: the frozen
// figures under the same role, compared with the current ones. nullopt when there is none.
struct ClosingView {
  engine::ClosedPeriod closed;
  std::vector<engine::FigureDifference> differences;
};

Result<std::optional<ClosingView>> closing_view(store::Store& store, const ScopeOptions& scope,
                                                const engine::Config& config, Period period,
                                                engine::Role role,
                                                const std::vector<engine::IndicatorResult>& now) {
  if (!scope.is_closing_scope()) return std::optional<ClosingView>{};
  Result<std::optional<engine::ClosedPeriod>> closed = engine::find_closed(store, period);
  if (!closed) return closed.status();
  if (!*closed) return std::optional<ClosingView>{};
  auto frozen = engine::load_frozen(store, period, scope.municipality.value_or(""));
  if (!frozen) return frozen.status();
  if (!*frozen) return std::optional<ClosingView>{};
  if (Status s = engine::disclose(role, config, **frozen); !s) return s;
  return std::optional<ClosingView>{ClosingView{**closed, engine::differences(**frozen, now)}};
}

// The notice of table and csv output (stderr, so that stdout stays the current figures).
void print_closing_notice(const ClosingView& view) {
  std::fprintf(stderr, "let op: periode %s is afgesloten op %s (hash %s)\n",
               view.closed.key.c_str(), view.closed.closed_at.c_str(), view.closed.hash.c_str());
  if (view.differences.empty()) {
    std::fputs("de huidige cijfers zijn gelijk aan de bevroren cijfers\n", stderr);
    return;
  }
  std::fprintf(stderr, "%zu cijfers wijken nu af van de bevroren cijfers (bevroren -> nu):\n",
               view.differences.size());
  for (const auto& d : view.differences) {
    std::string where = d.dimension.empty() ? "" : " " + d.dimension + ": " + d.key;
    if (!d.part.empty()) where += " " + d.part;
    const auto [then, now] = engine::difference_texts(d);
    std::fprintf(stderr, "  %s%s: %s -> %s\n", d.indicator.c_str(), where.c_str(), then.c_str(),
                 now.c_str());
  }
}

// Standard output flushed; a failure to write it (a full disk, a closed pipe) is a failure.
Status flush_output() {
  std::cout.flush();
  if (!std::cout.good()) return Status::error(ErrorKind::kIo, "kan de uitvoer niet schrijven");
  return Status::ok();
}

Status print_explain(const engine::Catalogue& catalogue, const engine::Snapshot& snapshot,
                     engine::Query query, const engine::Config& config, const KpiOptions& o) {
  const std::string& id = *o.explain;
  const engine::IndicatorDef* def = catalogue.find(id);
  if (def == nullptr)
    return Status::error(ErrorKind::kNotFound, "onbekende indicator '" + id + "'");
  if (!def->explainable)
    return Status::error(ErrorKind::kInvalidInput,
                         "indicator '" + id + "' heeft geen onderliggende records");
  query.explain = true;
  std::optional<engine::IndicatorResult> r =
      engine::compute_one(catalogue, id, snapshot, query, config);
  if (!r)
    return Status::error(ErrorKind::kInvalidInput,
                         "indicator '" + id + "' is niet te berekenen voor deze scope");
  if (o.format == "json") {
    std::cout << nlohmann::json{{"indicator", r->id}, {"records", r->records}}.dump(2) << '\n';
  } else {
    for (const auto& record : r->records) std::cout << record << '\n';
  }
  return Status::ok();
}

// The current figures in the chosen format, with the closing of the period if there is one: in
// the JSON document, else as a notice on stderr.
Status print_results(const KpiOptions& o, const engine::DocumentHeader& header,
                     const std::vector<engine::IndicatorResult>& results,
                     const std::optional<ClosingView>& closing,
                     const engine::Vocabulary& vocabulary) {
  if (o.format == "json") {
    nlohmann::json doc = engine::document_json(header, results, vocabulary);
    if (closing) doc["closed"] = engine::closing_json(closing->closed, closing->differences);
    std::cout << doc.dump(2) << '\n';
    return flush_output();
  }
  if (closing) print_closing_notice(*closing);
  if (o.format == "csv") {
    std::cout << engine::render_csv(results);
  } else {
    std::cout << engine::render_table(header, results, vocabulary);
  }
  return flush_output();
}

Status run(const KpiOptions& o) {
  Result<Period> period = parse_date_range(o.range);
  if (!period) return period.status();
  Result<engine::Role> role = parse_role_and_scope(o.role, o.scope);
  if (!role) return role.status();
  if (o.format != "json" && o.format != "csv" && o.format != "table")
    return Status::error(ErrorKind::kUsage,
                         "--format: verwacht json, csv of table, gevonden '" + o.format + "'");
  if (o.explain && *role != engine::Role::kAnalyst)
    return Status::error(ErrorKind::kForbidden,
                         "--explain is alleen beschikbaar voor de rol analyst");

  auto source =
      open_figure_source(o.config, o.store.db, o.store.cache_dir, *period, o.scope.text());
  if (!source) return source.status();
  const engine::Config& config = (*source)->config;
  const OpenedStore& opened = (*source)->opened;
  engine::Query& query = (*source)->query;
  const engine::Catalogue catalogue = engine::Catalogue::create(config);
  if (o.explain) return print_explain(catalogue, *opened.snapshot, query, config, o);

  auto keys = record_keys_for(*role, o.store.key, opened);
  if (!keys) return keys.status();
  query.record_keys = keys->get();
  std::vector<engine::IndicatorResult> results =
      engine::compute_all(catalogue, *opened.snapshot, query, config);
  if (Status s = engine::disclose(*role, config, results); !s) return s;
  Result<std::optional<ClosingView>> closing =
      closing_view(*opened.store, o.scope, config, *period, *role, results);
  if (!closing) return closing.status();
  const engine::DocumentHeader header{period->from, period->to, o.scope.text(), *role};
  return print_results(o, header, results, *closing,
                       engine::Vocabulary::from_snapshot(*opened.snapshot));
}

}  // namespace

void register_kpi(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<KpiOptions>();
  CLI::App* cmd = app.add_subcommand("kpi", "indicatoren berekenen voor een periode");
  add_store_options(*cmd, options->store);
  add_date_range_options(*cmd, options->range);
  add_scope_options(*cmd, options->scope);
  add_role_option(*cmd, options->role);
  cmd->add_option("--format", options->format, "table, json of csv");
  cmd->add_option("--explain", options->explain, "records achter één indicator (analist)");
  add_config_option(*cmd, options->config);
  add_key_option(*cmd, options->store.key);
  set_command_body(*cmd, "kpi", exit_code, [options] { return run(*options); });
}

}  // namespace rk::cli
