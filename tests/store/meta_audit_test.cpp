// The store's metadata listing and removal, and the audit log (issue 5), on SQLite.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace rk::store {
namespace {

class StoreMetaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rk-store-test-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    auto s = Store::open(dir_ + "/store.db");
    ASSERT_TRUE(s) << s.status().message();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreMetaTest, ListMetaByPrefixInKeyOrder) {
  ASSERT_TRUE(store_->put_meta("user:bob", "2"));
  ASSERT_TRUE(store_->put_meta("user:alice", "1"));
  ASSERT_TRUE(store_->put_meta("users", "not a user"));
  ASSERT_TRUE(store_->put_meta("token:ab", "t"));
  ASSERT_TRUE(store_->put_meta("user_x", "no"));
  auto users = store_->list_meta("user:");
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 2U);
  EXPECT_EQ((*users)[0], (std::pair<std::string, std::string>{"user:alice", "1"}));
  EXPECT_EQ((*users)[1], (std::pair<std::string, std::string>{"user:bob", "2"}));
  // A prefix with LIKE wildcards is taken literally.
  ASSERT_TRUE(store_->put_meta("a%b", "x"));
  ASSERT_TRUE(store_->put_meta("aXb", "y"));
  auto literal = store_->list_meta("a%");
  ASSERT_TRUE(literal);
  ASSERT_EQ(literal->size(), 1U);
  EXPECT_EQ((*literal)[0].first, "a%b");
  auto none = store_->list_meta("closed:");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(StoreMetaTest, DeleteMeta) {
  ASSERT_TRUE(store_->put_meta("token:1", "a"));
  ASSERT_TRUE(store_->put_meta("token:2", "b"));
  ASSERT_TRUE(store_->delete_meta("token:1"));
  ASSERT_TRUE(store_->delete_meta("token:absent"));
  EXPECT_EQ(store_->get_meta("token:1").value(), "");
  EXPECT_EQ(store_->get_meta("token:2").value(), "b");
  EXPECT_EQ(store_->list_meta("token:")->size(), 1U);
}

TEST_F(StoreMetaTest, AuditRowsAreAppendedAndCounted) {
  EXPECT_EQ(store_->count_audit().value(), 0);
  std::vector<AuditRecord> batch;
  for (int i = 0; i < 3; ++i)
    batch.push_back(AuditRecord{"2026-01-01T00:00:0" + std::to_string(i) + ".000Z", "ana",
                                "analyst", "GET", "/api/indicators?from=2020-01-01&to=2020-12-31",
                                "2020-01-01..2020-12-31", 200 + i, 1000 + i, "192.0.2.7"});
  ASSERT_TRUE(store_->append_audit(batch));
  ASSERT_TRUE(store_->append_audit({}));
  EXPECT_EQ(store_->count_audit().value(), 3);
  // Read back with SQLite itself: every field in its column.
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/store.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT time, who, role, method, target, scope, status, "
                               "result_size, address FROM audit ORDER BY time DESC LIMIT 1",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  auto text = [st](int c) {
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
  };
  EXPECT_EQ(text(0), "2026-01-01T00:00:02.000Z");
  EXPECT_EQ(text(1), "ana");
  EXPECT_EQ(text(2), "analyst");
  EXPECT_EQ(text(3), "GET");
  EXPECT_EQ(text(4), "/api/indicators?from=2020-01-01&to=2020-12-31");
  EXPECT_EQ(text(5), "2020-01-01..2020-12-31");
  EXPECT_EQ(sqlite3_column_int(st, 6), 202);
  EXPECT_EQ(sqlite3_column_int64(st, 7), 1002);
  EXPECT_EQ(text(8), "192.0.2.7");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(StoreMetaTest, AuditWaitsForNoImport) {
  // Inside an import transaction of the same connection the audit is refused, not mixed in.
  ASSERT_TRUE(store_->begin());
  const AuditRecord r{"t", "w", "r", "GET", "/", "", 200, 0, "::1"};
  EXPECT_FALSE(store_->append_audit({&r, 1}));
  store_->rollback();
  EXPECT_TRUE(store_->append_audit({&r, 1}));
  EXPECT_EQ(store_->count_audit().value(), 1);
}

TEST_F(StoreMetaTest, SchemaHasTheAuditMigration) { EXPECT_GE(store_->schema_version(), 3); }

TEST_F(StoreMetaTest, AuditOfAnOlderStoreGainsTheAddressColumn) {
  // A store made before migration 3 (and so before the later ones): its audit rows keep '' as
  // their address.
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/store.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "ALTER TABLE audit DROP COLUMN address; DROP TABLE activities; "
                         "DELETE FROM schema_migrations WHERE version >= 3; "
                         "INSERT INTO audit VALUES ('t', 'w', 'r', 'GET', '/', '', 200, 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  auto s = Store::open(dir_ + "/store.db");
  ASSERT_TRUE(s) << s.status().message();
  EXPECT_EQ((*s)->schema_version(), 4);
  const AuditRecord r{"t2", "w", "r", "GET", "/", "", 200, 0, "198.51.100.1"};
  ASSERT_TRUE((*s)->append_audit({&r, 1}));
  s->reset();
  ASSERT_EQ(sqlite3_open((dir_ + "/store.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT group_concat(address, '|') FROM audit ORDER BY rowid",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))),
            "|198.51.100.1");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

}  // namespace
}  // namespace rk::store
