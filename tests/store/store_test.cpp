// The Store contract, run against every backend: SQLite (a temporary file) and PostgreSQL (a fresh
// database on the server named by RK_TEST_PG_URI, which the ctest fixture starts).
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/postgres_store.hpp"
#include "store/schema.hpp"
#include "store/store.hpp"

namespace rk::store {
namespace {

using model::Kind;

// A stored row, owned: "\\N" stands for NULL, "i:" / "r:" prefixes for numbers.
using Row = std::vector<std::string>;

// Exact: equal texts mean equal doubles.
std::string real_text(double v) {
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "r:%.17g", v);
  return buf.data();
}

std::vector<Row> rows_of(Store& s, Kind kind) {
  std::vector<Row> out;
  Status st = s.scan(kind, [&](std::span<const Cell> cells) {
    Row r;
    for (const Cell& c : cells) {
      switch (c.tag) {
        case Cell::Tag::kNull:
          r.emplace_back("\\N");
          break;
        case Cell::Tag::kInt:
          r.push_back("i:" + std::to_string(c.i));
          break;
        case Cell::Tag::kReal:
          r.push_back(real_text(c.r));
          break;
        case Cell::Tag::kText:
          r.emplace_back(c.s);
          break;
      }
    }
    out.push_back(std::move(r));
  });
  EXPECT_TRUE(st) << st.message();
  return out;
}

std::string pg_base_uri() {
  const char* uri = std::getenv("RK_TEST_PG_URI");
  return uri != nullptr ? uri : "";
}

// Creates database `name` on the test server and returns its URI.
std::string create_pg_database(const std::string& name) {
  const std::string base = pg_base_uri();
  PGconn* c = PQconnectdb(base.c_str());
  EXPECT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
  PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + name).c_str()));
  PGresult* r = PQexec(c, ("CREATE DATABASE " + name).c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  const size_t at = base.find("/regiekamer?");
  return base.substr(0, at) + "/" + name + base.substr(at + 11);
}

class StoreTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string test = testing::UnitTest::GetInstance()->current_test_info()->name();
    name_ = "rk_t" + std::to_string(::getpid()) + "_" +
            std::to_string(std::hash<std::string>{}(test) % 1000000);
    dir_ = std::filesystem::temp_directory_path() / name_;
    std::filesystem::create_directories(dir_);
    if (GetParam() == "sqlite") {
      uri_ = (dir_ / "store.db").string();
    } else {
      if (pg_base_uri().empty()) GTEST_SKIP() << "RK_TEST_PG_URI not set: no PostgreSQL server";
      uri_ = create_pg_database(name_);
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Store> open() {
    auto s = Store::open(uri_, OpenOptions{(dir_ / "cache").string()});
    EXPECT_TRUE(s) << s.status().message();
    return s ? std::move(*s) : nullptr;
  }

  std::filesystem::path dir_;
  std::string name_;
  std::string uri_;
};

Status put_municipality(Store& s, std::string_view code, std::string_view name) {
  const Cell row[] = {Cell::text(code), Cell::text(name)};
  return s.upsert(Kind::kMunicipalities, row);
}

TEST_P(StoreTest, NewStoreHasSchemaAndNoData) {
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->schema_version(), static_cast<int>(migrations(Dialect::kSqlite).size()));
  EXPECT_EQ(s->data_version().value(), 0);
  EXPECT_EQ(s->count(Kind::kClients).value(), 0);
  EXPECT_EQ(s->shared(), GetParam() == "postgres");
  EXPECT_FALSE(s->side_path(".snapshot").empty());
}

TEST_P(StoreTest, CommitMakesRowsVisibleInKeyOrderAndCountsVersions) {
  auto s = open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(put_municipality(*s, "GM0917", "Heerlen"));
  ASSERT_TRUE(put_municipality(*s, "GM0882", "Landgraaf"));
  ASSERT_TRUE(put_municipality(*s, "GM0986", "Voerendaal"));
  ASSERT_TRUE(s->commit());
  EXPECT_EQ(s->data_version().value(), 1);
  const std::vector<Row> want = {
      {"GM0882", "Landgraaf"}, {"GM0917", "Heerlen"}, {"GM0986", "Voerendaal"}};
  EXPECT_EQ(rows_of(*s, Kind::kMunicipalities), want);
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(s->commit());
  EXPECT_EQ(s->data_version().value(), 2);
  // A second connection sees the same.
  auto t = open();
  EXPECT_EQ(rows_of(*t, Kind::kMunicipalities), want);
  EXPECT_EQ(t->data_version().value(), 2);
}

TEST_P(StoreTest, KeysSortBytewise) {
  auto s = open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->begin());
  for (const char* code : {"b", "B", "a", "A", "é", "Z", "_"})
    ASSERT_TRUE(put_municipality(*s, code, "x"));
  ASSERT_TRUE(s->commit());
  std::vector<std::string> keys;
  for (const Row& r : rows_of(*s, Kind::kMunicipalities)) keys.push_back(r[0]);
  EXPECT_EQ(keys, (std::vector<std::string>{"A", "B", "Z", "_", "a", "b", "é"}));
}

TEST_P(StoreTest, LaterRowOfTheSameKeyReplacesEarlierOne) {
  auto s = open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(put_municipality(*s, "GM0917", "eerst"));
  ASSERT_TRUE(put_municipality(*s, "GM0917", "daarna"));
  ASSERT_TRUE(s->commit());
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(put_municipality(*s, "GM0917", "tweede import"));
  ASSERT_TRUE(s->commit());
  EXPECT_EQ(rows_of(*s, Kind::kMunicipalities), (std::vector<Row>{{"GM0917", "tweede import"}}));
}

TEST_P(StoreTest, ValuesRoundTrip) {
  auto s = open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->begin());
  // measurements: indicator, period, municipality (optional key), value (number), note (text)
  const std::string odd = "tab\there, newline\nthere, back\\slash, \\N, quote \" and 'ü€'";
  const Cell a[] = {Cell::text("m1"), Cell::text("2020"), Cell::null(), Cell::real(0.1),
                    Cell::text(odd)};
  const Cell b[] = {Cell::text("m1"), Cell::text("2020Q3"), Cell::text("GM0917"),
                    Cell::real(-1.25e-300), Cell::null()};
  const Cell c[] = {Cell::text("m2"), Cell::text("2020-11"), Cell::text("GM0917"),
                    Cell::real(123456789.123456789), Cell::text("")};
  ASSERT_TRUE(s->upsert(Kind::kMeasurements, a));
  std::vector<Cell> many(b, b + 5);
  many.insert(many.end(), c, c + 5);
  ASSERT_TRUE(s->upsert_many(Kind::kMeasurements, many, 5));
  ASSERT_TRUE(s->commit());
  const std::vector<Row> want = {{"m1", "2020", "\\N", real_text(0.1), odd},
                                 {"m1", "2020Q3", "GM0917", real_text(-1.25e-300), "\\N"},
                                 {"m2", "2020-11", "GM0917", real_text(123456789.123456789), ""}};
  EXPECT_EQ(rows_of(*s, Kind::kMeasurements), want);
  std::vector<std::string> column;
  ASSERT_TRUE(s->scan_column(Kind::kMeasurements, "note", [&](const Cell& cell) {
    column.emplace_back(cell.is_null() ? "\\N" : std::string(cell.s));
  }));
  std::sort(column.begin(), column.end());
  EXPECT_EQ(column, (std::vector<std::string>{"", "\\N", odd}));
}

TEST_P(StoreTest, IntegersAndSequenceNumbers) {
  auto s = open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->begin());
  // costs: month, municipality, category, provider_id, amount (cents), then seq
  const Cell r1[] = {Cell::text("2020-01"),
                     Cell::text("GM0917"),
                     Cell::text("care"),
                     Cell::null(),
                     Cell::integer(-922337203685477580),
                     Cell::integer(1)};
  const Cell r2[] = {Cell::text("2020-01"), Cell::text("GM0917"), Cell::text("care"),
                     Cell::null(),          Cell::integer(250),   Cell::integer(0)};
  ASSERT_TRUE(s->upsert(Kind::kCosts, r1));
  ASSERT_TRUE(s->upsert(Kind::kCosts, r2));
  ASSERT_TRUE(s->commit());
  const std::vector<Row> want = {
      {"2020-01", "GM0917", "care", "\\N", "i:250", "i:0"},
      {"2020-01", "GM0917", "care", "\\N", "i:-922337203685477580", "i:1"}};
  EXPECT_EQ(rows_of(*s, Kind::kCosts), want);
}

TEST_P(StoreTest, RollbackLeavesTheStoreAsItWas) {
  auto s = open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(put_municipality(*s, "GM0917", "Heerlen"));
  ASSERT_TRUE(s->put_meta("closed", "2020"));
  ASSERT_TRUE(s->commit());
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(put_municipality(*s, "GM0882", "Landgraaf"));
  ASSERT_TRUE(put_municipality(*s, "GM0917", "anders"));
  EXPECT_EQ(s->count(Kind::kMunicipalities).value(), 2);  // visible inside the transaction
  ASSERT_TRUE(s->put_meta("closed", "2021"));
  ASSERT_TRUE(s->clear(Kind::kMunicipalities));
  s->rollback();
  EXPECT_EQ(rows_of(*s, Kind::kMunicipalities), (std::vector<Row>{{"GM0917", "Heerlen"}}));
  EXPECT_EQ(s->get_meta("closed").value(), "2020");
  EXPECT_EQ(s->data_version().value(), 1);
  // A store closed with an open transaction rolls it back too.
  {
    auto t = open();
    ASSERT_TRUE(t->begin());
    ASSERT_TRUE(put_municipality(*t, "GM0882", "Landgraaf"));
  }
  EXPECT_EQ(s->count(Kind::kMunicipalities).value(), 1);
  // And the next import works.
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(put_municipality(*s, "GM0882", "Landgraaf"));
  ASSERT_TRUE(s->commit());
  EXPECT_EQ(s->count(Kind::kMunicipalities).value(), 2);
}

TEST_P(StoreTest, ClearAndRemoveOrphans) {
  auto s = open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(put_municipality(*s, "GM0917", "Heerlen"));
  ASSERT_TRUE(put_municipality(*s, "GM0882", "Landgraaf"));
  // areas: area_id, name, municipality (required reference), team
  const Cell a1[] = {Cell::text("A1"), Cell::text("Noord"), Cell::text("GM0917"), Cell::null()};
  const Cell a2[] = {Cell::text("A2"), Cell::text("Zuid"), Cell::text("GM0882"), Cell::null()};
  ASSERT_TRUE(s->upsert(Kind::kAreas, a1));
  ASSERT_TRUE(s->upsert(Kind::kAreas, a2));
  ASSERT_TRUE(s->commit());
  ASSERT_TRUE(s->begin());
  auto cleared = s->clear(Kind::kMunicipalities);
  ASSERT_TRUE(cleared);
  EXPECT_EQ(*cleared, 2);
  ASSERT_TRUE(put_municipality(*s, "GM0917", "Heerlen"));
  auto removed = s->remove_orphans(Kind::kAreas);
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 1);
  ASSERT_TRUE(s->commit());
  EXPECT_EQ(rows_of(*s, Kind::kAreas), (std::vector<Row>{{"A1", "Noord", "GM0917", "\\N"}}));
}

TEST_P(StoreTest, MetadataAndReopen) {
  {
    auto s = open();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->get_meta("nothing").value(), "");
    ASSERT_TRUE(s->put_meta("k", "v1"));
    ASSERT_TRUE(s->put_meta("k", "v2 met spatie en 'quote'"));
  }
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->get_meta("k").value(), "v2 met spatie en 'quote'");
  EXPECT_EQ(s->schema_version(), static_cast<int>(migrations(Dialect::kSqlite).size()));
}

TEST_P(StoreTest, ListAndDeleteMetadata) {
  auto s = open();
  ASSERT_TRUE(s);
  for (const char* k : {"user:bob", "user:alice", "users", "user_x", "a%b", "aXb"})
    ASSERT_TRUE(s->put_meta(k, std::string("v-") + k));
  auto users = s->list_meta("user:");
  ASSERT_TRUE(users);
  EXPECT_EQ(*users, (std::vector<std::pair<std::string, std::string>>{
                        {"user:alice", "v-user:alice"}, {"user:bob", "v-user:bob"}}));
  auto literal = s->list_meta("a%");
  ASSERT_TRUE(literal);
  ASSERT_EQ(literal->size(), 1U);
  EXPECT_EQ((*literal)[0].first, "a%b");
  ASSERT_TRUE(s->delete_meta("user:bob"));
  ASSERT_TRUE(s->delete_meta("no such key"));
  EXPECT_EQ(s->list_meta("user:").value().size(), 1U);
  EXPECT_EQ(s->get_meta("user:bob").value(), "");
}

TEST_P(StoreTest, AuditRowsAreAppended) {
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->count_audit().value(), 0);
  std::vector<AuditRecord> rows(3);
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i] = {"2026-11-23T22:00:00.000Z",
               "an",
               "analyst",
               "GET",
               "/api/indicators?from=2020-01-01&x=tab\there\\",
               "GM0917",
               200,
               static_cast<int64_t>(i),
               "2001:db8::1\tx\\"};
  }
  ASSERT_TRUE(s->append_audit(rows));
  ASSERT_TRUE(s->append_audit(std::span<const AuditRecord>(rows).first(1)));
  EXPECT_EQ(s->count_audit().value(), 4);
  // Not inside an import's transaction.
  ASSERT_TRUE(s->begin());
  EXPECT_FALSE(s->append_audit(rows));
  s->rollback();
  EXPECT_EQ(open()->count_audit().value(), 4);
}

TEST_P(StoreTest, AStoreOfSchema3GainsTheActivitiesTable) {
  ASSERT_TRUE(open());
  // Back to the store as migration 3 left it, with SQL of its own backend.
  const std::string sql = "DROP TABLE activities; DELETE FROM schema_migrations WHERE version = 4";
  if (GetParam() == "sqlite") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(uri_.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  } else {
    PGconn* c = PQconnectdb(uri_.c_str());
    PGresult* r = PQexec(c, sql.c_str());
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(c);
    PQclear(r);
    PQfinish(c);
  }
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->schema_version(), 4);
  const Cell row[] = {Cell::text("73100001"),
                      Cell::text("heerlen-noord"),
                      Cell::text("Jongerenwerk"),
                      Cell::text("Jongeren van 12 tot 23 jaar"),
                      Cell::null(),
                      Cell::integer(2)};
  ASSERT_TRUE(s->begin());
  ASSERT_TRUE(s->upsert(Kind::kActivities, row));
  ASSERT_TRUE(s->commit());
  EXPECT_EQ(rows_of(*s, Kind::kActivities),
            (std::vector<Row>{{"73100001", "heerlen-noord", "Jongerenwerk",
                               "Jongeren van 12 tot 23 jaar", "\\N", "i:2"}}));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

TEST(PostgresStore, PasswordNeverInMessages) {
  EXPECT_EQ(redact_uri("postgresql://anna:geheim@db.example:5432/rk?sslmode=require"),
            "postgresql://anna@db.example:5432/rk?sslmode=require");
  EXPECT_EQ(redact_uri("postgres://h/rk?user=anna&password=geheim&x=1"),
            "postgres://h/rk?user=anna&password=***&x=1");
  // A refused connection names the store without its password.
  auto s = Store::open("postgresql://anna:geheim@127.0.0.1:1/rk?connect_timeout=2");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.status().message().find("geheim"), std::string::npos) << s.status().message();
  EXPECT_NE(s.status().message().find("anna@127.0.0.1:1"), std::string::npos)
      << s.status().message();
}

}  // namespace
}  // namespace rk::store
