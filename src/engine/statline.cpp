#include "engine/statline.hpp"

#include <algorithm>

#include "engine/indicators/common.hpp"
#include "model/contract.hpp"

namespace rk::engine {
namespace {

using model::Kind;

// Distinct clients of one category: a client counts once per row of figures.
class ClientSet {
 public:
  explicit ClientSet(int32_t clients) : seen_(static_cast<size_t>(clients), 0) {}
  void add(int32_t client) {
    if (client < 0 || seen_[static_cast<size_t>(client)] != 0) return;
    seen_[static_cast<size_t>(client)] = 1;
    ++count_;
  }
  [[nodiscard]] int64_t count() const { return count_; }

 private:
  std::vector<uint8_t> seen_;
  int64_t count_ = 0;
};

// `municipality` is a row of the municipalities table, or Scope::kAny for the total row.
StatlineFigures figures_for(const Snapshot& snapshot, const Query& query, int32_t municipality) {
  const Table& traj = snapshot.table(Kind::kTrajectories);
  const Table& requests = snapshot.table(Kind::kRequests);
  const auto client = traj.i32("client_id");
  const auto start = traj.i32("start_date");
  const auto end = traj.i32("end_date");
  const auto reason = traj.i8("end_reason");
  const auto request = traj.i32("request_id");
  const auto referrer = requests.i8("referrer");
  const detail::ScopeColumns sc = detail::scope_columns(traj);
  Scope scope = query.scope;
  if (municipality != Scope::kAny) scope.municipality = municipality;

  const model::TableSpec& spec = model::table_spec(Kind::kRequests);
  const auto field = static_cast<size_t>(spec.field_index("referrer"));
  const size_t referrers = spec.fields[field].enum_values.size();
  std::vector<int64_t> by_referrer(referrers + 1, 0);  // last: unknown

  const int32_t clients = snapshot.table(Kind::kClients).rows();
  ClientSet at_start(clients), at_end(clients), started(clients), ended(clients);
  StatlineFigures f;
  double duration_sum = 0;
  for (int32_t t = 0; t < traj.rows(); ++t) {
    if (!sc.in(scope, t)) continue;
    if (detail::covers(start[t], end[t], query.from.days)) {
      ++f.trajectories_start;
      at_start.add(client[t]);
    }
    if (detail::covers(start[t], end[t], query.to.days)) {
      ++f.trajectories_end;
      at_end.add(client[t]);
    }
    if (detail::in_period(start[t], query)) {
      ++f.trajectories_started;
      started.add(client[t]);
      const int32_t req = request[t];
      const int8_t ref = req >= 0 ? referrer[req] : int8_t{-1};
      ++by_referrer[ref >= 0 ? static_cast<size_t>(ref) : referrers];
    }
    if (detail::in_period(end[t], query)) {
      ++f.trajectories_ended;
      ended.add(client[t]);
      const std::string why =
          reason[t] >= 0 ? detail::enum_text(Kind::kTrajectories, "end_reason", reason[t]) : "";
      if (why == "plan") {
        ++f.ended_plan;
      } else if (why == "mutual" || why == "client" || why == "provider") {
        ++f.ended_early;
      } else {
        ++f.ended_other;
      }
      duration_sum += static_cast<double>(end[t] - start[t] + 1);
    }
  }
  f.clients_start = at_start.count();
  f.clients_end = at_end.count();
  f.clients_started = started.count();
  f.clients_ended = ended.count();
  for (size_t r = 0; r < referrers; ++r)
    f.started_by_referrer.emplace_back(
        detail::enum_text(Kind::kRequests, "referrer", static_cast<int32_t>(r)), by_referrer[r]);
  f.started_by_referrer.emplace_back("unknown", by_referrer[referrers]);
  if (f.trajectories_ended > 0)
    f.average_duration_days = duration_sum / static_cast<double>(f.trajectories_ended);
  return f;
}

}  // namespace

std::vector<StatlineFigures> statline_figures(const Snapshot& snapshot, const Query& query) {
  const Table& municipalities = snapshot.table(Kind::kMunicipalities);
  std::vector<std::pair<std::string, int32_t>> order;
  for (int32_t m = 0; m < municipalities.rows(); ++m)
    if (Scope::matches(query.scope.municipality, m))
      order.emplace_back(std::string(municipalities.key_text(m)), m);
  std::sort(order.begin(), order.end());
  std::vector<StatlineFigures> out;
  for (const auto& [code, row] : order) {
    out.push_back(figures_for(snapshot, query, row));
    out.back().municipality = code;
  }
  out.push_back(figures_for(snapshot, query, Scope::kAny));
  out.back().municipality = "totaal";
  return out;
}

}  // namespace rk::engine
