// The COPY side of the PostgreSQL store: an import's rows streamed into per-kind staging tables
// and merged into the real tables, and rows read back with COPY .. TO STDOUT.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <vector>

#include <fmt/format.h>

#include "store/postgres_sql.hpp"
#include "store/postgres_store.hpp"
#include "store/schema.hpp"

namespace rk::store {

using pg::append_escaped;
using pg::column_list;
using pg::is_integer_type;
using pg::key_columns;
using pg::quote_ident;
using pg::split_row;
using pg::staging_table;

namespace {
// COPY text is sent in chunks of about this size.
constexpr size_t kCopyChunk = size_t{1} << 20;
}  // namespace

Status PostgresStore::send_buffer() {
  if (buffer_.empty()) return Status::ok();
  if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    return error("schrijven naar de opslag mislukt");
  buffer_.clear();
  return Status::ok();
}

Status PostgresStore::end_copy() {
  if (copy_kind_ < 0) return Status::ok();
  const auto& spec = model::table_spec(static_cast<model::Kind>(copy_kind_));
  copy_kind_ = -1;
  if (Status s = send_buffer(); !s) return s;
  if (PQputCopyEnd(conn_, nullptr) != 1) return error("schrijven naar de opslag mislukt");
  bool ok = true;
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) ok = false;
    PQclear(r);
  }
  if (!ok) return error(fmt::format("schrijven naar {} mislukt", spec.table));
  return Status::ok();
}

Status PostgresStore::upsert(model::Kind kind, std::span<const Cell> row) {
  return upsert_many(kind, row, row.size());
}

Status PostgresStore::upsert_many(model::Kind kind, std::span<const Cell> cells, size_t columns) {
  const auto k = static_cast<size_t>(kind);
  const auto& spec = model::table_spec(kind);
  if (copy_kind_ != static_cast<int>(k)) {
    if (Status s = end_copy(); !s) return s;
    const std::string stage = staging_table(spec);
    if (!staging_created_[k]) {
      // A temporary table without keys or indexes: COPY appends, rk_ord keeps the arrival order
      // so that the last row of a key wins, as with single-row upserts.
      if (Status s = exec(fmt::format("CREATE TEMP TABLE IF NOT EXISTS {} (LIKE {}, "
                                      "rk_ord BIGINT GENERATED ALWAYS AS IDENTITY)",
                                      stage, spec.table));
          !s)
        return s;
      staging_created_[k] = true;
    }
    PgResult r(PQexec(
        conn_,
        fmt::format("COPY {} ({}) FROM STDIN", stage, column_list(stored_columns(spec))).c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN)
      return error(fmt::format("schrijven naar {} mislukt", spec.table));
    copy_kind_ = static_cast<int>(k);
  }
  staged_[k] = true;
  const size_t rows = columns == 0 ? 0 : cells.size() / columns;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i = 0; i < columns; ++i) {
      const Cell& c = cells[r * columns + i];
      if (i) buffer_ += '\t';
      switch (c.tag) {
        case Cell::Tag::kNull:
          if (!(i < spec.fields.size() && is_nullable_key(spec, i))) buffer_ += "\\N";
          break;
        case Cell::Tag::kInt:
          fmt::format_to(std::back_inserter(buffer_), "{}", c.i);
          break;
        case Cell::Tag::kReal:
          fmt::format_to(std::back_inserter(buffer_), "{}", c.r);
          break;
        case Cell::Tag::kText:
          append_escaped(buffer_, c.s);
          break;
      }
    }
    buffer_ += '\n';
    if (buffer_.size() >= kCopyChunk)
      if (Status s = send_buffer(); !s) return s;
  }
  return Status::ok();
}

Status PostgresStore::merge(model::Kind kind) {
  const auto& spec = model::table_spec(kind);
  const auto cols = stored_columns(spec);
  const auto keys = key_columns(spec);
  const std::string list = column_list(cols);
  const std::string key_list = column_list(keys);
  std::string update;
  for (const auto& c : cols) {
    if (std::find(keys.begin(), keys.end(), c) != keys.end()) continue;
    update += fmt::format("{}{} = EXCLUDED.{}", update.empty() ? "" : ", ", quote_ident(c),
                          quote_ident(c));
  }
  const std::string stage = staging_table(spec);
  // Into an empty table (a first import, --replace) a plain INSERT: no conflict to look for,
  // about half the work per row.
  auto any = query(fmt::format("SELECT EXISTS (SELECT 1 FROM {})", spec.table), {});
  if (!any) return any.status();
  const bool empty = PQgetvalue(any->get(), 0, 0)[0] == 'f';
  const std::string conflict =
      empty ? std::string()
            : fmt::format(" ON CONFLICT ({}) DO {}", key_list,
                          update.empty() ? std::string("NOTHING") : "UPDATE SET " + update);
  const std::string sql = fmt::format(
      "INSERT INTO {0} ({1}) SELECT DISTINCT ON ({2}) {1} FROM {3} ORDER BY {2}, rk_ord DESC{4}",
      spec.table, list, key_list, stage, conflict);
  if (Status s = exec(sql); !s) return s;
  return exec(fmt::format("TRUNCATE {}", stage));
}

Status PostgresStore::flush() {
  if (Status s = end_copy(); !s) return s;
  for (size_t k = 0; k < staged_.size(); ++k) {
    if (!staged_[k]) continue;
    if (Status s = merge(static_cast<model::Kind>(k)); !s) return s;
    staged_[k] = false;
  }
  return Status::ok();
}

Status PostgresStore::copy_out(const std::string& sql,
                               const std::function<void(std::string_view)>& line) {
  PgResult r(PQexec(conn_, sql.c_str()));
  if (!r || PQresultStatus(r.get()) != PGRES_COPY_OUT) return error("lezen uit de opslag mislukt");
  for (;;) {
    char* buf = nullptr;
    const int n = PQgetCopyData(conn_, &buf, 0);
    if (n == -1) break;
    if (n < 0) return error("lezen uit de opslag mislukt");
    size_t len = static_cast<size_t>(n);
    if (len > 0 && buf[len - 1] == '\n') --len;
    line(std::string_view(buf, len));
    PQfreemem(buf);
  }
  bool ok = true;
  while (PGresult* res = PQgetResult(conn_)) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK) ok = false;
    PQclear(res);
  }
  if (!ok) return error("lezen uit de opslag mislukt");
  return Status::ok();
}

Status PostgresStore::scan(model::Kind kind, const RowVisitor& visit) {
  if (Status s = flush(); !s) return s;
  const auto& spec = model::table_spec(kind);
  const auto cols = stored_columns(spec);
  const std::string sql =
      fmt::format("COPY (SELECT {} FROM {} ORDER BY {}) TO STDOUT", column_list(cols), spec.table,
                  column_list(key_columns(spec)));
  std::vector<Cell> row(cols.size());
  std::vector<std::string_view> fields;
  std::string buf;
  bool bad = false;
  Status st = copy_out(sql, [&](std::string_view line) {
    split_row(line, buf, fields);
    if (fields.size() != cols.size()) {
      bad = true;
      return;
    }
    for (size_t i = 0; i < cols.size(); ++i) {
      const std::string_view f = fields[i];
      const bool is_field = i < spec.fields.size();
      const model::FieldType type = is_field ? spec.fields[i].type : model::FieldType::kInt;
      // NULL, and the empty text of an optional key column, are both returned as NULL.
      const bool null = f.data() == nullptr ||
                        (f.empty() && !is_integer_type(type) && type != model::FieldType::kNumber &&
                         is_field && is_nullable_key(spec, i));
      if (null) {
        row[i] = Cell::null();
      } else if (is_integer_type(type)) {
        int64_t v = 0;
        std::from_chars(f.data(), f.data() + f.size(), v);
        row[i] = Cell::integer(v);
      } else if (type == model::FieldType::kNumber) {
        double v = 0;
        std::from_chars(f.data(), f.data() + f.size(), v);
        row[i] = Cell::real(v);
      } else {
        row[i] = Cell::text(f);
      }
    }
    visit(row);
  });
  if (!st) return st;
  if (bad)
    return Status::error(ErrorKind::kStore, fmt::format("onverwachte rij in {}", spec.table));
  return Status::ok();
}

Status PostgresStore::scan_column(model::Kind kind, std::string_view column,
                                  const std::function<void(const Cell&)>& visit) {
  if (Status s = flush(); !s) return s;
  const auto& spec = model::table_spec(kind);
  std::vector<std::string_view> fields;
  std::string buf;
  return copy_out(
      fmt::format("COPY (SELECT {} FROM {}) TO STDOUT", quote_ident(column), spec.table),
      [&](std::string_view line) {
        split_row(line, buf, fields);
        if (fields.empty() || fields[0].data() == nullptr)
          visit(Cell::null());
        else
          visit(Cell::text(fields[0]));
      });
}

}  // namespace rk::store
