// The server store: one PostgreSQL database shared by several processes (imports, servers).
// Same schema and migrations as SQLite (schema.cpp, Dialect::kPostgres). An import is one
// transaction: rows are streamed with COPY into per-kind staging tables and merged into the real
// tables (INSERT .. ON CONFLICT DO UPDATE) before anything reads them and at commit. A failure or
// a killed server leaves the store as before the import.
// Sources: postgres_store.cpp (connection, errors, migrations, transactions, metadata, audit),
// postgres_copy.cpp (COPY in and out, staging and merging), postgres_sql.* (SQL and COPY text).
#pragma once

#include <array>
#include <memory>
#include <string>

#include "store/store.hpp"

struct pg_conn;
struct pg_result;

namespace rk::store {

// `uri` with any password left out, for messages.
std::string redact_uri(std::string_view uri);

class PostgresStore final : public Store {
 public:
  // Connects to the database named by the URI and applies pending migrations.
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& uri,
                                                     const OpenOptions& options);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  [[nodiscard]] bool shared() const override { return true; }
  [[nodiscard]] int schema_version() const override { return schema_version_; }
  Result<int64_t> data_version() override;
  [[nodiscard]] std::string side_path(std::string_view suffix) const override;

  Status begin() override;
  Status commit() override;
  void rollback() override;
  Status upsert(model::Kind kind, std::span<const Cell> row) override;
  Status upsert_many(model::Kind kind, std::span<const Cell> cells, size_t columns) override;
  Result<int64_t> clear(model::Kind kind) override;
  Result<int64_t> remove_orphans(model::Kind kind) override;
  Status scan(model::Kind kind, const RowVisitor& visit) override;
  Result<int64_t> count(model::Kind kind) override;
  Status scan_column(model::Kind kind, std::string_view column,
                     const std::function<void(const Cell&)>& visit) override;
  Status put_meta(std::string_view key, std::string_view value) override;
  Result<std::string> get_meta(std::string_view key) override;
  Result<std::vector<std::pair<std::string, std::string>>> list_meta(
      std::string_view prefix) override;
  Status delete_meta(std::string_view key) override;
  Status append_audit(std::span<const AuditRecord> records) override;
  Result<int64_t> count_audit() override;

 private:
  struct ResultDeleter {
    void operator()(pg_result* r) const;
  };
  using PgResult = std::unique_ptr<pg_result, ResultDeleter>;

  PostgresStore() = default;
  Status error(const std::string& what) const;
  Status exec(const std::string& sql);
  // Runs `sql` with text parameters; returns the result when it succeeded.
  Result<PgResult> query(const std::string& sql, std::initializer_list<std::string_view> params);
  Status migrate();
  // Ends a running COPY into a staging table (sends the buffered rows).
  Status end_copy();
  // Merges every staging table into its real table. Everything that reads or deletes rows,
  // and commit(), calls it first, so staged rows behave as if written at once.
  Status flush();
  Status merge(model::Kind kind);
  Status send_buffer();
  // Streams `sql` (a COPY .. TO STDOUT) and calls `line` with every row's text.
  Status copy_out(const std::string& sql, const std::function<void(std::string_view)>& line);

  pg_conn* conn_ = nullptr;
  std::string display_;  // the URI without password, for messages
  std::string cache_dir_;
  std::string identity_;  // store_id from the meta table
  int schema_version_ = 0;
  bool in_transaction_ = false;
  int copy_kind_ = -1;  // kind whose staging table a COPY is writing, or -1
  std::string buffer_;  // COPY text not yet sent
  std::array<bool, model::kKindCount> staging_created_{};
  std::array<bool, model::kKindCount> staged_{};
};

}  // namespace rk::store
