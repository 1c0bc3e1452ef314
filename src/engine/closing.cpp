#include "engine/closing.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "engine/render.hpp"
#include "engine/result_io.hpp"

namespace rk::engine {
namespace {

using nlohmann::json;

// Metadata layout: "closed:<key>" holds one closing (header and frozen results per scope);
// Store::list_meta finds them all. (Earlier versions also kept an index under "closed_periods";
// it is no longer read or written.)
constexpr std::string_view kMetaPrefix = "closed:";
std::string meta_key(std::string_view period_key) {
  return std::string(kMetaPrefix) + std::string(period_key);
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return hex;
}

// The hashed content: the period and every scope's results, in json's canonical (sorted) dump.
std::string canonical_content(const std::string& key, Period period, const json& scopes) {
  return json{{"period", key},
              {"from", period.from.to_string()},
              {"to", period.to.to_string()},
              {"scopes", scopes}}
      .dump();
}

// The closing record stored as `text` for period `key`; null when `text` is empty.
Result<json> parse_record(const std::string& text, std::string_view key) {
  if (text.empty()) return json(nullptr);
  json record = json::parse(text, nullptr, false);
  if (record.is_discarded() || !record.is_object())
    return Status::error(ErrorKind::kStore, "afsluiting " + std::string(key) + " is beschadigd");
  return record;
}

Result<json> read_record(store::Store& store, std::string_view key) {
  Result<std::string> text = store.get_meta(meta_key(key));
  if (!text) return text.status();
  return parse_record(*text, key);
}

// The string member `name` of a closing record; nullopt when absent or not a string.
std::optional<std::string> text_field(const json& record, const char* name) {
  const auto it = record.find(name);
  if (it == record.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Result<ClosedPeriod> header_of(const json& record, std::string_view key) {
  const std::optional<std::string> period_text = text_field(record, "period");
  const std::optional<std::string> closed_at = text_field(record, "closed_at");
  const std::optional<std::string> hash = text_field(record, "hash");
  const std::optional<Period> period = period_text ? parse_period(*period_text) : std::nullopt;
  if (!period || !closed_at || !hash)
    return Status::error(ErrorKind::kStore, "afsluiting " + std::string(key) + " is beschadigd");
  return ClosedPeriod{*period_text, *period, *closed_at, *hash};
}

json frozen_scope(const Catalogue& catalogue, const Snapshot& snapshot, const Config& config,
                  const WorkingDays& working_days, const RecordKeys* keys, Period period,
                  const ScopeText& scope) {
  Query query{period.from, period.to, resolve_scope(snapshot, scope), &working_days};
  query.record_keys = keys;
  return results_to_json(compute_all(catalogue, snapshot, query, config));
}

// Compares what a reader sees: two "<5" cells are equal whatever count they hide, so that the
// list of differences tells a role nothing its suppressed figures do not.
bool same_number(const Number& a, const Number& b) {
  if (a.below_five != b.below_five || a.suppressed != b.suppressed) return false;
  if (a.below_five) return true;
  if (a.value.has_value() != b.value.has_value()) return false;
  if (!a.value) return true;
  const double scale = std::max({1.0, std::fabs(*a.value), std::fabs(*b.value)});
  return std::fabs(*a.value - *b.value) <= 1e-9 * scale;
}

using RowKey = std::tuple<std::string, std::string, std::string, std::string>;
RowKey key_of(const FlatRow& r) { return {r.indicator, r.dimension, r.key, r.part}; }

FigureDifference difference_of(const FlatRow& r) {
  return FigureDifference{r.indicator, r.dimension, r.key, r.part, r.unit, {}, {}, {}, {}};
}

}  // namespace

Result<ClosedPeriod> close_period(store::Store& store, const Snapshot& snapshot,
                                  const Catalogue& catalogue, const Config& config,
                                  const WorkingDays& working_days, const RecordKeys* keys,
                                  Period period, std::string_view closed_at, bool force) {
  const std::string key = period_key(period);
  Result<json> existing = read_record(store, key);
  if (!existing) return existing.status();
  if (!existing->is_null() && !force) {
    const std::string when = text_field(*existing, "closed_at").value_or("?");
    return Status::error(ErrorKind::kInvalidInput,
                         "periode " + key + " is al afgesloten op " + when +
                             "; gebruik --force om opnieuw af te sluiten");
  }
  json scopes = json::object();
  scopes["combined"] = frozen_scope(catalogue, snapshot, config, working_days, keys, period, {});
  const Table& municipalities = snapshot.table(model::Kind::kMunicipalities);
  for (int32_t row = 0; row < municipalities.rows(); ++row) {
    const std::string code(municipalities.key_text(row));
    scopes["municipality:" + code] = frozen_scope(catalogue, snapshot, config, working_days, keys,
                                                  period, ScopeText{code, {}, {}, {}});
  }
  const std::string hash = sha256_hex(canonical_content(key, period, scopes));
  const json record{{"period", key},
                    {"from", period.from.to_string()},
                    {"to", period.to.to_string()},
                    {"closed_at", std::string(closed_at)},
                    {"hash", hash},
                    {"scopes", scopes}};
  if (Status s = store.put_meta(meta_key(key), record.dump()); !s) return s;
  return ClosedPeriod{key, period, std::string(closed_at), hash};
}

Result<std::vector<ClosedPeriod>> closed_periods(store::Store& store) {
  auto entries = store.list_meta(kMetaPrefix);
  if (!entries) return entries.status();
  std::vector<ClosedPeriod> out;
  for (const auto& [meta, text] : *entries) {
    const std::string_view key = std::string_view(meta).substr(kMetaPrefix.size());
    Result<json> record = parse_record(text, key);
    if (!record) return record.status();
    if (record->is_null()) continue;
    Result<ClosedPeriod> header = header_of(*record, key);
    if (!header) return header.status();
    out.push_back(*header);
  }
  // By key in byte order, whatever the collation of the store's listing.
  std::sort(out.begin(), out.end(),
            [](const ClosedPeriod& a, const ClosedPeriod& b) { return a.key < b.key; });
  return out;
}

Result<std::optional<ClosedPeriod>> find_closed(store::Store& store, Period period) {
  const std::string key = period_key(period);
  Result<json> record = read_record(store, key);
  if (!record) return record.status();
  if (record->is_null()) return std::optional<ClosedPeriod>{};
  Result<ClosedPeriod> header = header_of(*record, key);
  if (!header) return header.status();
  return std::optional<ClosedPeriod>{*header};
}

Result<std::optional<std::vector<IndicatorResult>>> load_frozen(store::Store& store, Period period,
                                                                std::string_view municipality) {
  using Frozen = std::optional<std::vector<IndicatorResult>>;
  const std::string key = period_key(period);
  Result<json> record = read_record(store, key);
  if (!record) return record.status();
  if (record->is_null()) return Frozen{};
  const json* scopes = record->contains("scopes") ? &record->at("scopes") : nullptr;
  if (scopes == nullptr || !scopes->is_object() ||
      sha256_hex(canonical_content(key, period, *scopes)) != text_field(*record, "hash"))
    return Status::error(ErrorKind::kStore,
                         "afsluiting " + key + ": de bevroren cijfers kloppen niet met de hash");
  const std::string scope =
      municipality.empty() ? "combined" : "municipality:" + std::string(municipality);
  if (!scopes->contains(scope)) return Frozen{};
  Result<std::vector<IndicatorResult>> results = results_from_json(scopes->at(scope));
  if (!results) return results.status();
  return Frozen{std::move(*results)};
}

std::vector<FigureDifference> differences(const std::vector<IndicatorResult>& frozen,
                                          const std::vector<IndicatorResult>& current) {
  const std::vector<FlatRow> frozen_rows = flatten(frozen);
  std::map<RowKey, const FlatRow*> by_key;
  for (const FlatRow& r : frozen_rows) by_key.emplace(key_of(r), &r);
  std::vector<FigureDifference> out;
  for (const FlatRow& now : flatten(current)) {
    auto it = by_key.find(key_of(now));
    if (it == by_key.end()) {
      FigureDifference d = difference_of(now);
      d.current = now.value;
      d.current_text = now.text;
      out.push_back(std::move(d));
      continue;
    }
    const FlatRow& then = *it->second;
    by_key.erase(it);
    if (same_number(then.value, now.value) && then.text == now.text) continue;
    FigureDifference d = difference_of(now);
    d.frozen = then.value;
    d.frozen_text = then.text;
    d.current = now.value;
    d.current_text = now.text;
    out.push_back(std::move(d));
  }
  for (const FlatRow& then : frozen_rows) {
    if (by_key.find(key_of(then)) == by_key.end()) continue;
    FigureDifference d = difference_of(then);
    d.frozen = then.value;
    d.frozen_text = then.text;
    out.push_back(std::move(d));
  }
  return out;
}

std::string difference_text(const std::optional<Number>& value, const std::string& text,
                            Unit unit) {
  if (!text.empty()) return text;
  if (!value) return "-";
  if (value->suppressed && !value->below_five) return "onderdrukt";
  return display_number(*value, unit);
}

std::pair<std::string, std::string> difference_texts(const FigureDifference& d) {
  std::string frozen = difference_text(d.frozen, d.frozen_text, d.unit);
  std::string current = difference_text(d.current, d.current_text, d.unit);
  const bool numbers = d.frozen && d.current && d.frozen->value && d.current->value &&
                       d.frozen_text.empty() && d.current_text.empty() && !d.frozen->below_five &&
                       !d.current->below_five;
  for (int decimals = 2; numbers && frozen == current && decimals <= 4; ++decimals) {
    const std::string suffix = d.unit == Unit::kPercent ? " %" : "";
    const std::string prefix = d.unit == Unit::kEuro ? "€ " : "";
    frozen = prefix;
    frozen += format_dutch(*d.frozen->value, decimals);
    frozen += suffix;
    current = prefix;
    current += format_dutch(*d.current->value, decimals);
    current += suffix;
  }
  return {frozen, current};
}

nlohmann::json closing_json(const ClosedPeriod& closed,
                            const std::vector<FigureDifference>& differences) {
  auto value = [](const std::optional<Number>& n, const std::string& text) -> json {
    if (!text.empty()) return text;
    if (!n) return nullptr;
    if (n->below_five) return "<5";
    return n->value ? json(*n->value) : json(nullptr);
  };
  json list = json::array();
  for (const FigureDifference& d : differences)
    list.push_back(json{{"indicator", d.indicator},
                        {"dimension", d.dimension},
                        {"key", d.key},
                        {"part", d.part},
                        {"frozen", value(d.frozen, d.frozen_text)},
                        {"current", value(d.current, d.current_text)}});
  return json{{"period", closed.key},
              {"from", closed.period.from.to_string()},
              {"to", closed.period.to.to_string()},
              {"closed_at", closed.closed_at},
              {"hash", closed.hash},
              {"differences", list}};
}

}  // namespace rk::engine
