#include "engine/statline.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "engine/indicators/common.hpp"
#include "engine/record_keys.hpp"
#include "model/contract.hpp"

namespace rk::engine {
namespace {

using model::Kind;

// Distinct clients of one category: a client counts once per row of figures.
class ClientSet {
 public:
  explicit ClientSet(int32_t clients) : seen_(static_cast<size_t>(clients), 0) {}
  void add(int32_t client, uint64_t key) {
    if (client < 0 || seen_[static_cast<size_t>(client)] != 0) return;
    seen_[static_cast<size_t>(client)] = 1;
    tally_.add(key);
  }
  [[nodiscard]] const Tally& tally() const { return tally_; }

 private:
  std::vector<uint8_t> seen_;
  Tally tally_;
};

enum class Ending : uint8_t { kPlan, kEarly, kOther };

// The records behind one row of the StatLine tables.
struct Row {
  Tally clients_start, clients_end, clients_started, clients_ended;
  Tally trajectories_start, trajectories_end, trajectories_started, trajectories_ended;
  std::vector<Tally> by_referrer;  // contract order, last: no request
  std::array<Tally, 3> by_ending;  // Ending
  double duration_sum = 0;
};

std::vector<std::string> referrer_keys() {
  const model::TableSpec& spec = model::table_spec(Kind::kRequests);
  const auto field = static_cast<size_t>(spec.field_index("referrer"));
  std::vector<std::string> keys;
  const size_t n = spec.fields[field].enum_values.size();
  for (size_t r = 0; r < n; ++r)
    keys.emplace_back(detail::enum_text(Kind::kRequests, "referrer", static_cast<int32_t>(r)));
  keys.emplace_back("unknown");
  return keys;
}

// The category of every end_reason value of the contract.
std::vector<Ending> endings() {
  const model::TableSpec& spec = model::table_spec(Kind::kTrajectories);
  const auto field = static_cast<size_t>(spec.field_index("end_reason"));
  std::vector<Ending> out;
  const size_t n = spec.fields[field].enum_values.size();
  for (size_t r = 0; r < n; ++r) {
    const std::string why =
        detail::enum_text(Kind::kTrajectories, "end_reason", static_cast<int32_t>(r));
    if (why == "plan") {
      out.push_back(Ending::kPlan);
    } else if (why == "mutual" || why == "client" || why == "provider") {
      out.push_back(Ending::kEarly);
    } else {
      out.push_back(Ending::kOther);
    }
  }
  return out;
}

// `municipality` is a row of the municipalities table, or Scope::kAny for the total row.
Row row_for(const Snapshot& snapshot, const Query& query, int32_t municipality,
            const std::vector<Ending>& ending, size_t referrers) {
  const Table& traj = snapshot.table(Kind::kTrajectories);
  const Table& requests = snapshot.table(Kind::kRequests);
  const auto client = traj.i32("client_id");
  const auto start = traj.i32("start_date");
  const auto end = traj.i32("end_date");
  const auto reason = traj.i8("end_reason");
  const auto request = traj.i32("request_id");
  const auto referrer = requests.i8("referrer");
  const detail::ScopeColumns sc = detail::scope_columns(traj);
  const KeySpan traj_keys =
      query.record_keys == nullptr ? KeySpan() : query.record_keys->of(Kind::kTrajectories);
  const KeySpan client_keys =
      query.record_keys == nullptr ? KeySpan() : query.record_keys->of(Kind::kClients);
  Scope scope = query.scope;
  if (municipality != Scope::kAny) scope.municipality = municipality;

  const int32_t clients = snapshot.table(Kind::kClients).rows();
  ClientSet at_start(clients), at_end(clients), started(clients), ended(clients);
  Row row;
  row.by_referrer.resize(referrers + 1);
  for (int32_t t = 0; t < traj.rows(); ++t) {
    if (!sc.in(scope, t)) continue;
    const uint64_t key = traj_keys[t];
    const uint64_t client_key = client[t] >= 0 ? client_keys[client[t]] : 0;
    if (detail::covers(start[t], end[t], query.from.days)) {
      row.trajectories_start.add(key);
      at_start.add(client[t], client_key);
    }
    if (detail::covers(start[t], end[t], query.to.days)) {
      row.trajectories_end.add(key);
      at_end.add(client[t], client_key);
    }
    if (detail::in_period(start[t], query)) {
      row.trajectories_started.add(key);
      started.add(client[t], client_key);
      const int32_t req = request[t];
      const int8_t ref = req >= 0 ? referrer[req] : int8_t{-1};
      row.by_referrer[ref >= 0 ? static_cast<size_t>(ref) : referrers].add(key);
    }
    if (detail::in_period(end[t], query)) {
      row.trajectories_ended.add(key);
      ended.add(client[t], client_key);
      const Ending e = reason[t] >= 0 ? ending[static_cast<size_t>(reason[t])] : Ending::kOther;
      row.by_ending[static_cast<size_t>(e)].add(key);
      row.duration_sum += static_cast<double>(end[t] - start[t] + 1);
    }
  }
  row.clients_start = at_start.tally();
  row.clients_end = at_end.tally();
  row.clients_started = started.tally();
  row.clients_ended = ended.tally();
  return row;
}

// A StatLine result: `cell(row)` for the total row and for every municipality.
template <typename Cell>
IndicatorResult result(std::string_view id, std::string title_nl, std::string title_en, Unit unit,
                       const std::vector<std::pair<std::string, Row>>& rows, const Row& total,
                       bool keyed, Cell&& cell) {
  IndicatorResult r;
  r.id = std::string(id);
  r.title_nl = std::move(title_nl);
  r.title_en = std::move(title_en);
  r.unit = unit;
  r.keyed = keyed;
  r.total = cell(total);
  Breakdown b{std::string(statline::kDimension), {}};
  b.cells.reserve(rows.size());
  for (const auto& [code, row] : rows) b.cells.emplace_back(code, cell(row));
  r.breakdowns.push_back(std::move(b));
  return r;
}

// A count and its parts: the value `whole`, nested by `dimension`.
Figure with_parts(const Tally& whole, const std::string& dimension,
                  const std::vector<std::string>& keys, const std::vector<Tally>& parts) {
  Figure f = Figure::of(Number::count(whole));
  Breakdown b{dimension, {}};
  b.cells.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i)
    b.cells.emplace_back(keys[i], Figure::of(Number::count(parts[i])));
  f.nested.push_back(std::move(b));
  return f;
}

}  // namespace

std::vector<IndicatorResult> statline_results(const Snapshot& snapshot, const Query& query) {
  const Table& municipalities = snapshot.table(Kind::kMunicipalities);
  std::vector<std::pair<std::string, int32_t>> order;
  for (int32_t m = 0; m < municipalities.rows(); ++m)
    if (Scope::matches(query.scope.municipality, m))
      order.emplace_back(std::string(municipalities.key_text(m)), m);
  std::sort(order.begin(), order.end());

  const std::vector<std::string> referrers = referrer_keys();
  const std::vector<Ending> ending = endings();
  std::vector<std::pair<std::string, Row>> rows;
  rows.reserve(order.size());
  for (const auto& [code, m] : order)
    rows.emplace_back(code, row_for(snapshot, query, m, ending, referrers.size() - 1));
  const Row total = row_for(snapshot, query, Scope::kAny, ending, referrers.size() - 1);
  const bool keyed = query.record_keys != nullptr;

  const auto count = [](Tally Row::*field) {
    return [field](const Row& row) { return Figure::of(Number::count(row.*field)); };
  };
  const auto by_referrer = [&](const Row& row) {
    return with_parts(row.trajectories_started, "referrer", referrers, row.by_referrer);
  };
  const auto by_reason = [](const Row& row) {
    static const std::vector<std::string> kKeys = {"plan", "early", "other"};
    return with_parts(row.trajectories_ended, "end_reason", kKeys,
                      {row.by_ending.begin(), row.by_ending.end()});
  };
  const auto average = [](const Row& row) {
    const int64_t n = row.trajectories_ended.n;
    return Figure::of(Number::statistic(
        n > 0 ? std::optional<double>(row.duration_sum / static_cast<double>(n)) : std::nullopt,
        n));
  };
  struct Spec {
    std::string_view id;
    const char* title_nl;
    const char* title_en;
  };
  std::vector<IndicatorResult> out;
  const auto add = [&](const Spec& spec, Unit unit, auto&& cell) {
    out.push_back(result(spec.id, spec.title_nl, spec.title_en, unit, rows, total, keyed, cell));
  };
  add({statline::kClientsStart, "Jongeren met jeugdhulp begin",
       "Young people in care at the start"},
      Unit::kCount, count(&Row::clients_start));
  add({statline::kClientsEnd, "Jongeren met jeugdhulp eind", "Young people in care at the end"},
      Unit::kCount, count(&Row::clients_end));
  add({statline::kClientsStarted, "Jongeren met gestart traject",
       "Young people with a started trajectory"},
      Unit::kCount, count(&Row::clients_started));
  add({statline::kClientsEnded, "Jongeren met beëindigd traject",
       "Young people with an ended trajectory"},
      Unit::kCount, count(&Row::clients_ended));
  add({statline::kTrajectoriesStart, "Trajecten lopend begin", "Trajectories in care at the start"},
      Unit::kCount, count(&Row::trajectories_start));
  add({statline::kTrajectoriesEnd, "Trajecten lopend eind", "Trajectories in care at the end"},
      Unit::kCount, count(&Row::trajectories_end));
  add({statline::kStartedByReferrer, "Gestarte jeugdhulptrajecten naar verwijzer",
       "Started trajectories by referrer"},
      Unit::kCount, by_referrer);
  add({statline::kEndedByReason, "Beëindigde jeugdhulptrajecten naar reden beëindiging",
       "Ended trajectories by reason of ending"},
      Unit::kCount, by_reason);
  add({statline::kAverageDuration, "Gemiddelde duur beëindigde jeugdhulptrajecten (dagen)",
       "Average duration of ended trajectories (days)"},
      Unit::kDays, average);
  return out;
}

}  // namespace rk::engine
