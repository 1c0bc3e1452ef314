// The embedded default store: one SQLite file. Rollback-journal transactions make an import
// all-or-nothing, also when the process is killed; the key file and snapshot live beside it.
#pragma once

#include <array>
#include <memory>
#include <string>

#include "store/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace rk::store {

class SqliteStore final : public Store {
 public:
  // Opens or creates the database file and applies pending migrations.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  [[nodiscard]] int schema_version() const override { return schema_version_; }
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
  struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const;
  };
  using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;
  Stmt put_meta_;  // metadata statements, prepared on first use
  Stmt get_meta_;

  explicit SqliteStore(std::string path) : path_(std::move(path)) {}
  Status exec(const std::string& sql);
  Result<Stmt> prepare(const std::string& sql);
  Status migrate();
  Status error(const std::string& what) const;

  std::string path_;
  sqlite3* db_ = nullptr;
  int schema_version_ = 0;
  bool in_transaction_ = false;
  // Binds the cells of one row to parameters first+1.. of `st`.
  static void bind_row(sqlite3_stmt* st, const model::TableSpec& spec, std::span<const Cell> row,
                       int first);
  std::array<Stmt, model::kKindCount> upserts_;
  // INSERT OR REPLACE of kMultiRows rows in one statement (one execution per block of rows).
  std::array<Stmt, model::kKindCount> multi_upserts_;
};

}  // namespace rk::store
