# Shared helpers for the whole-program tests in tests/scripts/*.sh (sourced, not run).
# ctest passes RK_BIN (the regiekamer binary), RK_TEST_DATA and RK_SOURCE_DIR.
set -euo pipefail
: "${RK_BIN:?RK_BIN must name the regiekamer binary}"
: "${RK_TEST_DATA:?RK_TEST_DATA must name tests/data}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rk-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

CHECKS=0
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
ok() {
  CHECKS=$((CHECKS + 1))
  echo "ok: $*"
}
# Every script ends with done_checks, which refuses a run that checked nothing.
done_checks() {
  [ "$CHECKS" -gt 0 ] || fail "no checks ran"
  echo "$CHECKS checks passed"
}

# dump_hash DB: a hash of the store's full logical content (schema and rows, in key order).
dump_hash() {
  sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1
}

# data_hash DB: as dump_hash, without the meta table (whose data_version counts imports).
data_hash() {
  local db=$1 t
  for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type='table' AND name <> 'meta' ORDER BY name"); do
    sqlite3 "$db" ".dump \"$t\""
  done | sha256sum | cut -d' ' -f1
}

# table_counts DB: "table rows" for every table, sorted.
table_counts() {
  local db=$1 t
  for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"); do
    echo "$t $(sqlite3 "$db" "SELECT count(*) FROM \"$t\"")"
  done
}
