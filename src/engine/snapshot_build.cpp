// Building the snapshot: scan every contract table, convert cells to fixed-width columns, resolve
// references to row indexes, add derived columns, and serialize to the file layout.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>

#include "calendar/date.hpp"
#include "engine/snapshot.hpp"
#include "engine/snapshot_format.hpp"

namespace rk::engine {
namespace {

using model::FieldType;
using model::Kind;

struct DictBuilder {
  std::string blob;
  std::vector<uint64_t> offsets{0};
  std::unordered_map<std::string, int32_t> index;
  bool unique = false;  // the table's key column: every value is new, no lookup needed

  int32_t intern(std::string_view s) {
    if (!unique) {
      auto [it, inserted] =
          index.try_emplace(std::string(s), static_cast<int32_t>(offsets.size() - 1));
      if (!inserted) return it->second;
    }
    blob.append(s);
    offsets.push_back(blob.size());
    return static_cast<int32_t>(offsets.size() - 2);
  }
  [[nodiscard]] std::string_view at(int32_t i) const {
    return std::string_view(blob).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
  [[nodiscard]] int32_t size() const { return static_cast<int32_t>(offsets.size() - 1); }
};

struct ColumnBuilder {
  std::string name;
  ColumnType type = ColumnType::kI32;
  int8_t references = -1;
  bool has_dictionary = false;
  std::vector<int8_t> i8;
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;
  std::vector<double> f64;
  DictBuilder dict;

  [[nodiscard]] int64_t length() const {
    switch (type) {
      case ColumnType::kI8:
        return static_cast<int64_t>(i8.size());
      case ColumnType::kI32:
        return static_cast<int64_t>(i32.size());
      case ColumnType::kI64:
        return static_cast<int64_t>(i64.size());
      case ColumnType::kF64:
        return static_cast<int64_t>(f64.size());
    }
    return 0;
  }
};

struct TableBuilder {
  Kind kind;
  int32_t rows = 0;
  std::vector<ColumnBuilder> columns;
  // Row index by key text for referenced tables: sorted permutation of the key dictionary.
  std::vector<int32_t> key_order;

  ColumnBuilder& column(std::string_view name) {
    for (auto& c : columns)
      if (c.name == name) return c;
    throw std::logic_error("snapshot: no column " + std::string(name));
  }
  ColumnBuilder& add(std::string name, ColumnType type, int8_t references = -1) {
    ColumnBuilder& c = columns.emplace_back();
    c.name = std::move(name);
    c.type = type;
    c.references = references;
    return c;
  }
};

ColumnType column_type(FieldType type) {
  switch (type) {
    case FieldType::kDate:
      return ColumnType::kI32;
    case FieldType::kTimestamp:
      return ColumnType::kI64;
    case FieldType::kBool:
      return ColumnType::kI8;
    case FieldType::kInt:
    case FieldType::kMoney:
      return ColumnType::kI64;
    case FieldType::kNumber:
      return ColumnType::kF64;
    case FieldType::kEnum:
      return ColumnType::kI8;
    default:
      return ColumnType::kI32;  // dictionary code or referenced row, both 32-bit
  }
}

int32_t lookup_key(const TableBuilder& target, std::string_view text) {
  const DictBuilder& keys = target.columns.front().dict;
  auto it = std::lower_bound(target.key_order.begin(), target.key_order.end(), text,
                             [&](int32_t row, std::string_view t) { return keys.at(row) < t; });
  if (it == target.key_order.end() || keys.at(*it) != text) return kNullIndex;
  return *it;
}

void append_cell(ColumnBuilder& col, const model::FieldSpec& spec, const store::Cell& cell,
                 const std::vector<TableBuilder>& built) {
  const bool null = cell.is_null();
  switch (spec.type) {
    case FieldType::kDate: {
      std::optional<Date> d = null ? std::nullopt : parse_date(cell.s);
      col.i32.push_back(d ? d->days : kNullDate);
      return;
    }
    case FieldType::kTimestamp: {
      std::optional<Timestamp> t = null ? std::nullopt : parse_timestamp(cell.s);
      col.i64.push_back(t ? t->seconds : kNullTime);
      return;
    }
    case FieldType::kBool:
      col.i8.push_back(null ? int8_t{-1} : static_cast<int8_t>(cell.i != 0));
      return;
    case FieldType::kInt:
    case FieldType::kMoney:
      col.i64.push_back(
          null ? kNullInt : (cell.tag == store::Cell::Tag::kReal ? std::llround(cell.r) : cell.i));
      return;
    case FieldType::kNumber:
      col.f64.push_back(
          null ? std::nan("")
               : (cell.tag == store::Cell::Tag::kInt ? static_cast<double>(cell.i) : cell.r));
      return;
    case FieldType::kEnum: {
      int8_t v = -1;
      if (!null)
        for (size_t i = 0; i < spec.enum_values.size(); ++i)
          if (spec.enum_values[i] == cell.s) v = static_cast<int8_t>(i);
      col.i8.push_back(v);
      return;
    }
    default:
      if (null && col.dict.unique) {
        col.i32.push_back(col.dict.intern(""));  // keeps row == dictionary index
      } else if (null) {
        col.i32.push_back(kNullIndex);
      } else if (spec.references >= 0) {
        col.i32.push_back(lookup_key(built[static_cast<size_t>(spec.references)], cell.s));
      } else {
        col.i32.push_back(col.dict.intern(cell.s));
      }
  }
}

Status scan_table(store::Store& store, const model::TableSpec& spec,
                  std::vector<TableBuilder>& built) {
  TableBuilder& tb = built[static_cast<size_t>(spec.kind)];
  tb.kind = spec.kind;
  for (const auto& f : spec.fields) {
    const bool is_ref = f.references >= 0;
    auto& c = tb.add(std::string(f.name), column_type(f.type), f.references);
    const bool stringy = c.type == ColumnType::kI32 && f.type != FieldType::kDate;
    c.has_dictionary = stringy && !is_ref;
  }
  // A single-column key is unique: skip the interning map for it.
  if (spec.key.size() == 1 && spec.field_index(spec.key[0]) == 0 && tb.columns[0].has_dictionary)
    tb.columns[0].dict.unique = true;
  const size_t n_fields = spec.fields.size();
  Status st = store.scan(spec.kind, [&](std::span<const store::Cell> row) {
    for (size_t i = 0; i < n_fields && i < row.size(); ++i)
      append_cell(tb.columns[i], spec.fields[i], row[i], built);
    ++tb.rows;
  });
  if (!st) return st;
  if (tb.columns[0].dict.unique) {
    const DictBuilder& keys = tb.columns[0].dict;
    tb.key_order.resize(static_cast<size_t>(keys.size()));
    std::iota(tb.key_order.begin(), tb.key_order.end(), 0);
    bool sorted = true;
    for (int32_t i = 1; i < keys.size() && sorted; ++i) sorted = keys.at(i - 1) < keys.at(i);
    if (!sorted)
      std::sort(tb.key_order.begin(), tb.key_order.end(),
                [&](int32_t a, int32_t b) { return keys.at(a) < keys.at(b); });
  }
  return Status::ok();
}

// CSR index: for each parent row the children rows in begin[p]..begin[p+1] of `order`.
void add_csr(TableBuilder& parent, TableBuilder& child, std::string_view ref_column,
             const std::string& begin_name, const std::string& order_name) {
  const auto& ref = child.column(ref_column).i32;
  auto& begin = parent.add(begin_name, ColumnType::kI32).i32;
  begin.assign(static_cast<size_t>(parent.rows) + 1, 0);
  for (int32_t p : ref)
    if (p >= 0) ++begin[static_cast<size_t>(p) + 1];
  for (size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
  std::vector<int32_t> fill(begin.begin(), begin.end() - 1);
  auto& order = child.add(order_name, ColumnType::kI32).i32;
  order.assign(static_cast<size_t>(begin.back()), 0);
  for (size_t r = 0; r < ref.size(); ++r)
    if (ref[r] >= 0)
      order[static_cast<size_t>(fill[static_cast<size_t>(ref[r])]++)] = static_cast<int32_t>(r);
}

// municipality_eff / area_eff: the record's own municipality, else its client's.
void add_client_scope(TableBuilder& t, const TableBuilder& clients, bool own_municipality) {
  const auto& client = t.column("client_id").i32;
  const auto& c_muni = const_cast<TableBuilder&>(clients).column("municipality").i32;
  const auto& c_area = const_cast<TableBuilder&>(clients).column("area_id").i32;
  std::vector<int32_t> muni(client.size(), kNullIndex), area(client.size(), kNullIndex);
  const std::vector<int32_t>* own = own_municipality ? &t.column("municipality").i32 : nullptr;
  for (size_t r = 0; r < client.size(); ++r) {
    const int32_t c = client[r];
    if (own && (*own)[r] >= 0)
      muni[r] = (*own)[r];
    else if (c >= 0)
      muni[r] = c_muni[static_cast<size_t>(c)];
    if (c >= 0) area[r] = c_area[static_cast<size_t>(c)];
  }
  t.add("municipality_eff", ColumnType::kI32, static_cast<int8_t>(Kind::kMunicipalities)).i32 =
      std::move(muni);
  t.add("area_eff", ColumnType::kI32, static_cast<int8_t>(Kind::kAreas)).i32 = std::move(area);
}

void add_derived(std::vector<TableBuilder>& t) {
  auto& clients = t[static_cast<size_t>(Kind::kClients)];
  auto& trajectories = t[static_cast<size_t>(Kind::kTrajectories)];
  add_csr(clients, trajectories, "client_id", "traj_begin", "by_client");
  add_csr(trajectories, t[static_cast<size_t>(Kind::kGoals)], "trajectory_id", "goal_begin",
          "by_trajectory");
  add_client_scope(trajectories, clients, true);
  add_client_scope(t[static_cast<size_t>(Kind::kRequests)], clients, false);
  add_client_scope(t[static_cast<size_t>(Kind::kWaitlist)], clients, false);
  auto& costs = t[static_cast<size_t>(Kind::kCosts)];
  const auto& month = costs.column("month");
  std::vector<int32_t> start;
  start.reserve(month.i32.size());
  for (int32_t m : month.i32) {
    std::optional<Date> d = m < 0 ? std::nullopt : parse_month(month.dict.at(m));
    start.push_back(d ? d->days : kNullDate);
  }
  costs.add("month_start", ColumnType::kI32).i32 = std::move(start);
}

// Appends raw bytes to the 8-byte-word buffer, padding to a word boundary; returns the offset.
uint64_t put(std::vector<uint64_t>& out, const void* data, size_t bytes) {
  const uint64_t offset = out.size() * 8;
  out.resize(out.size() + (bytes + 7) / 8, 0);
  if (bytes) std::memcpy(reinterpret_cast<char*>(out.data()) + offset, data, bytes);
  return offset;
}

std::vector<uint64_t> serialize(std::vector<TableBuilder>& tables, int64_t data_version) {
  std::vector<uint64_t> out(sizeof(format::FileHeader) / 8, 0);
  std::vector<format::TableHeader> table_headers(tables.size());
  const uint64_t tables_at =
      put(out, table_headers.data(), sizeof(format::TableHeader) * tables.size());
  for (size_t ti = 0; ti < tables.size(); ++ti) {
    TableBuilder& tb = tables[ti];
    std::vector<format::ColumnHeader> cols(tb.columns.size());
    for (size_t ci = 0; ci < tb.columns.size(); ++ci) {
      ColumnBuilder& c = tb.columns[ci];
      format::ColumnHeader& h = cols[ci];
      std::strncpy(h.name, c.name.c_str(), sizeof(h.name) - 1);
      h.type = static_cast<uint8_t>(c.type);
      h.references = c.references;
      h.length = static_cast<uint64_t>(c.length());
      switch (c.type) {
        case ColumnType::kI8:
          h.data = put(out, c.i8.data(), c.i8.size());
          break;
        case ColumnType::kI32:
          h.data = put(out, c.i32.data(), c.i32.size() * 4);
          break;
        case ColumnType::kI64:
          h.data = put(out, c.i64.data(), c.i64.size() * 8);
          break;
        case ColumnType::kF64:
          h.data = put(out, c.f64.data(), c.f64.size() * 8);
          break;
      }
      if (c.has_dictionary) {
        h.has_dictionary = 1;
        h.dictionary_size = static_cast<uint64_t>(c.dict.size());
        h.dictionary_offsets = put(out, c.dict.offsets.data(), c.dict.offsets.size() * 8);
        h.dictionary_blob = put(out, c.dict.blob.data(), c.dict.blob.size());
      }
      c = ColumnBuilder{};  // release memory as we go
    }
    format::TableHeader th{};
    th.kind = static_cast<uint32_t>(tb.kind);
    th.rows = static_cast<uint32_t>(tb.rows);
    th.column_count = static_cast<uint32_t>(cols.size());
    th.columns = put(out, cols.data(), cols.size() * sizeof(format::ColumnHeader));
    std::memcpy(reinterpret_cast<char*>(out.data()) + tables_at + ti * sizeof(th), &th, sizeof(th));
  }
  format::FileHeader fh{};
  std::memcpy(fh.magic, format::kMagic, sizeof(fh.magic));
  fh.format_version = format::kFormatVersion;
  fh.table_count = static_cast<uint32_t>(tables.size());
  fh.data_version = data_version;
  fh.tables = tables_at;
  fh.total_size = out.size() * 8;
  std::memcpy(out.data(), &fh, sizeof(fh));
  return out;
}

}  // namespace

Result<std::vector<uint64_t>> serialize_snapshot(store::Store& store) {
  Result<int64_t> version = store.data_version();
  if (!version) return version.status();
  std::vector<TableBuilder> tables(model::contract().size());
  for (const auto& spec : model::contract()) {
    Status st = scan_table(store, spec, tables);
    if (!st) return st;
  }
  add_derived(tables);
  return serialize(tables, *version);
}

}  // namespace rk::engine
