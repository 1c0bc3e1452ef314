// `regiekamer kpi`: compute every indicator for a period and scope and print it as a Dutch table,
// JSON (cli.md) or CSV; `--explain ID` lists the records behind one indicator (analysts only).
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "calendar/date.hpp"
#include "calendar/period.hpp"
#include "calendar/workdays.hpp"
#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/open_store.hpp"
#include "engine/catalogue.hpp"
#include "engine/closing.hpp"
#include "engine/config.hpp"
#include "engine/disclosure.hpp"
#include "engine/render.hpp"
#include "engine/snapshot.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

struct KpiOptions {
  std::string db;
  std::string from;
  std::string to;
  std::optional<std::string> municipality, area, quadrant, provider;
  std::string role = "analyst";
  std::string format = "table";
  std::optional<std::string> explain;
  std::optional<std::string> config;
  std::string cache_dir;
  std::string key;
};

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "regiekamer kpi: %s\n", message.c_str());
  return code;
}

// The closing of exactly this period, when the scope is combined or one municipality: the frozen
// figures under the same role, compared with the current ones. nullopt when there is none.
struct ClosingView {
  engine::ClosedPeriod closed;
  std::vector<engine::FigureDifference> differences;
};

Result<std::optional<ClosingView>> closing_view(store::Store& store, const KpiOptions& o,
                                                const engine::Config& config, Period period,
                                                engine::Role role,
                                                const std::vector<engine::IndicatorResult>& now) {
  if (o.area || o.quadrant || o.provider) return std::optional<ClosingView>{};
  Result<std::optional<engine::ClosedPeriod>> closed = engine::find_closed(store, period);
  if (!closed) return closed.status();
  if (!*closed) return std::optional<ClosingView>{};
  auto frozen = engine::load_frozen(store, period, o.municipality.value_or(""));
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

int print_explain(const engine::Catalogue& catalogue, const engine::Snapshot& snapshot,
                  engine::Query query, const engine::Config& config, const KpiOptions& o) {
  const engine::IndicatorDef* def = catalogue.find(*o.explain);
  if (def == nullptr) return fail(1, "onbekende indicator '" + *o.explain + "'");
  if (!def->explainable)
    return fail(1, "indicator '" + *o.explain + "' heeft geen onderliggende records");
  query.explain = true;
  std::optional<engine::IndicatorResult> r =
      engine::compute_one(catalogue, *o.explain, snapshot, query, config);
  if (!r) return fail(1, "indicator '" + *o.explain + "' is niet te berekenen voor deze scope");
  if (o.format == "json") {
    std::cout << nlohmann::json{{"indicator", r->id}, {"records", r->records}}.dump(2) << '\n';
  } else {
    for (const auto& id : r->records) std::cout << id << '\n';
  }
  return 0;
}

int run(const KpiOptions& o) {
  const std::optional<Date> from = parse_date(o.from);
  const std::optional<Date> to = parse_date(o.to);
  if (!from) return fail(2, "--from: expected a date YYYY-MM-DD, found '" + o.from + "'");
  if (!to) return fail(2, "--to: expected a date YYYY-MM-DD, found '" + o.to + "'");
  if (*to < *from) return fail(2, "--from " + o.from + " lies after --to " + o.to);
  const std::optional<engine::Role> role = engine::parse_role(o.role);
  if (!role)
    return fail(2, "--role: expected analyst, municipality or public, found '" + o.role + "'");
  if (*role == engine::Role::kMunicipality && !o.municipality)
    return fail(2, "--role municipality requires --municipality CODE");
  if (o.quadrant && *o.quadrant != "K1" && *o.quadrant != "K2" && *o.quadrant != "K3")
    return fail(2, "--quadrant: expected K1, K2 or K3, found '" + *o.quadrant + "'");
  if (o.format != "json" && o.format != "csv" && o.format != "table")
    return fail(2, "--format: expected json, csv or table, found '" + o.format + "'");
  if (o.explain && *role != engine::Role::kAnalyst)
    return fail(1, "--explain is alleen beschikbaar voor de rol analyst");

  Result<engine::Config> config = read_config(o.config);
  if (!config) return fail(1, config.status().message());
  Result<OpenedStore> opened = open_store_with_snapshot(o.db, o.cache_dir);
  if (!opened) return fail(1, opened.status().message());
  const std::unique_ptr<store::Store>& store = opened->store;
  const std::shared_ptr<const engine::Snapshot>& snapshot = opened->snapshot;

  const engine::ScopeText scope_text{o.municipality, o.area, o.quadrant, o.provider};
  const WorkingDays working_days;
  engine::Query query{*from, *to, engine::resolve_scope(*snapshot, scope_text), &working_days};
  const engine::Catalogue catalogue = engine::Catalogue::create(*config);
  if (o.explain) return print_explain(catalogue, *snapshot, query, *config, o);

  auto keys = record_keys_for(*role, o.key, *opened);
  if (!keys) return fail(exit_code(keys.status().kind()), keys.status().message());
  query.record_keys = keys->get();
  std::vector<engine::IndicatorResult> results =
      engine::compute_all(catalogue, *snapshot, query, *config);
  if (Status s = engine::disclose(*role, *config, results); !s) return fail(1, s.message());
  Result<std::optional<ClosingView>> closing =
      closing_view(*store, o, *config, Period{*from, *to}, *role, results);
  if (!closing) return fail(1, closing.status().message());
  const engine::DocumentHeader header{*from, *to, scope_text, *role};
  if (o.format == "json") {
    nlohmann::json doc = engine::document_json(header, results);
    if (*closing) doc["closed"] = engine::closing_json((*closing)->closed, (*closing)->differences);
    std::cout << doc.dump(2) << '\n';
    std::cout.flush();
    return std::cout.good() ? 0 : fail(1, "cannot write the output");
  }
  if (*closing) print_closing_notice(**closing);
  if (o.format == "csv") {
    std::cout << engine::render_csv(results);
  } else {
    std::cout << engine::render_table(header, results);
  }
  std::cout.flush();
  return std::cout.good() ? 0 : fail(1, "cannot write the output");
}

}  // namespace

void register_kpi(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<KpiOptions>();
  CLI::App* cmd = app.add_subcommand("kpi", "indicatoren berekenen voor een periode");
  cmd->add_option("--db", options->db, "gegevensbestand (SQLite) of postgresql://-URI")->required();
  cmd->add_option("--cache-dir", options->cache_dir,
                  "map voor de momentopname van een PostgreSQL-opslag")
      ->envname("REGIEKAMER_CACHE_DIR");
  cmd->add_option("--from", options->from, "eerste dag YYYY-MM-DD")->required();
  cmd->add_option("--to", options->to, "laatste dag YYYY-MM-DD")->required();
  cmd->add_option("--municipality", options->municipality, "gemeentecode, bv. GM0917");
  cmd->add_option("--area", options->area, "gebied");
  cmd->add_option("--quadrant", options->quadrant, "K1, K2 of K3");
  cmd->add_option("--provider", options->provider, "aanbieder");
  cmd->add_option("--role", options->role, "analyst, municipality of public");
  cmd->add_option("--format", options->format, "table, json of csv");
  cmd->add_option("--explain", options->explain, "records achter één indicator (analist)");
  cmd->add_option("--config", options->config, "configuratie (regiekamer.toml of JSON)");
  cmd->add_option("--key", options->key, "sleutelbestand van de opslag (standaard naast de opslag)")
      ->envname("REGIEKAMER_KEY_FILE");
  cmd->callback([options, &exit_code] {
    try {
      exit_code = run(*options);
    } catch (const std::exception& e) {
      exit_code = fail(1, std::string("interne fout: ") + e.what());
    }
  });
}

}  // namespace rk::cli
