#!/usr/bin/env bash
# SQLite and PostgreSQL side by side in one run (issue 7, acceptance 3), on one CSV dataset
# (default: the 1,000,000-client national dataset of bench/run, bench-data/national):
#   1. import into a fresh SQLite store and into a fresh PostgreSQL store (a server this script
#      starts, tuned as below), each with the snapshot rebuild that follows the commit;
#   2. snapshot build from each store (kpi with no snapshot file: scan the store, build, compute)
#      and snapshot load (kpi with the snapshot file present, warm);
#   3. the full indicator set: `regiekamer kpi` for one year, JSON, RUNS warm runs per store;
#      both stores must give byte-identical output;
#   4. the client, request and waiting-list subset as plain SQL: bench/sql/subset_sqlite.sql in
#      sqlite3 and bench/sql/subset_postgres.sql in psql, RUNS warm runs each; both must give the
#      kpi figures (the check of bench/kpi.sh).
# Every step under /usr/bin/time; the load average before and after each.
#
#   bench/pg_compare.sh [DATASET_DIR]
#   env: BUILD=build  RUNS=3  YEAR=2024  WORK=/tmp/rk-pg-bench (kept: delete when done)
#
# PostgreSQL settings (2 cores, 23 GiB shared with other work): shared_buffers=2GB,
# work_mem=256MB, maintenance_work_mem=1GB, max_parallel_workers_per_gather=2,
# max_wal_size=8GB, checkpoint_timeout=30min; fsync and synchronous_commit stay on (the SQLite
# store also syncs at commit).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${BUILD:-build}
BIN=$ROOT/$BUILD/src/regiekamer
RUNS=${RUNS:-3}
YEAR=${YEAR:-2024}
DATA=$(realpath "${1:-bench-data/national}")
WORK=${WORK:-/tmp/rk-pg-bench}
[ -x "$BIN" ] || { echo "no $BIN: build first" >&2; exit 1; }
[ -d "$DATA" ] || { echo "no dataset $DATA (bench/run national generates it)" >&2; exit 1; }
source "$ROOT/tests/scripts/lib/pg.sh"

rm -rf "$WORK"
mkdir -p "$WORK"
PGDIR=$(mktemp -d /tmp/rk-pg-bench-server.XXXXXX)
trap 'pg_stop "$PGDIR"' EXIT
export REGIEKAMER_KEY_FILE=$WORK/key
export REGIEKAMER_CACHE_DIR=$WORK/cache
sqlite_db=$WORK/store.db
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
# timed LABEL CMD...: runs CMD under /usr/bin/time, prints one line, leaves the wall time in $T.
timed() {
  local label=$1 before
  shift
  before=$(load)
  /usr/bin/time -o "$WORK/time" -f "%e %U %S %M" "$@"
  read -r T user sys rss <"$WORK/time"
  printf '  %-44s %8.2f s wall %8.2f s CPU %6d MiB   load %s -> %s\n' "$label" "$T" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" $((rss / 1024)) "$before" "$(load)" >&2
}

echo "== SQLite and PostgreSQL side by side: $(basename "$DATA"), year $YEAR, $RUNS runs" >&2
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), SQLite $(sqlite3 --version | cut -d' ' -f1), $("$PG_BIN/postgres" --version)" >&2
echo "dataset: $(du -sm --apparent-size "$DATA" | cut -f1) MB; load average at start: $(load)" >&2

pg_start "$PGDIR" >/dev/null
pg_as_owner "$PG_BIN/pg_ctl" -D "$PGDIR/data" -w stop >/dev/null
cat >>"$PGDIR/data/postgresql.conf" <<'EOF'
shared_buffers = 2GB
work_mem = 256MB
maintenance_work_mem = 1GB
max_parallel_workers_per_gather = 2
max_wal_size = 8GB
checkpoint_timeout = 30min
EOF
# pg_server_start's test settings (fsync off) are not for the benchmark: start it plainly.
pg_as_owner "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-k $PGDIR -c listen_addresses=''" start >/dev/null
pg_uri="postgresql://regiekamer@/regiekamer?host=$PGDIR"
pg_psql "$pg_uri" -At -c "SELECT 'PostgreSQL settings: ' || string_agg(name || '=' || current_setting(name), ', ') FROM pg_settings WHERE name IN ('shared_buffers','work_mem','max_parallel_workers_per_gather','fsync','synchronous_commit')" >&2

echo "-- 1. import (the import itself, then the snapshot rebuild after the commit)" >&2
for store in sqlite postgres; do
  db=$sqlite_db
  [ $store = postgres ] && db=$pg_uri
  timed "import into $store (whole program)" "$BIN" import --db "$db" --rejects "$WORK/$store.rejects.csv" "$DATA" >"$WORK/import-$store.out" || [ $? -eq 3 ]
  printf '    %s: %s rows; %s; %s\n' "$store" "$(awk '$1 == "totaal" {print $2}' "$WORK/import-$store.out")" \
    "$(grep '^import in' "$WORK/import-$store.out")" "$(grep '^momentopname' "$WORK/import-$store.out")" >&2
done
if [ "$(sed -n '/^bestand/,/^totaal/p' "$WORK/import-sqlite.out")" != "$(sed -n '/^bestand/,/^totaal/p' "$WORK/import-postgres.out")" ]; then
  echo "FAIL: the two imports report different row counts" >&2
  exit 1
fi
echo "  both imports: the same rows read, imported and rejected per file" >&2
echo "  store sizes: SQLite $(du -m "$sqlite_db" | cut -f1) MB, PostgreSQL $(pg_psql "$pg_uri" -At -c "SELECT pg_database_size(current_database()) / 1048576") MB" >&2

kpi_args=(--from "$YEAR-01-01" --to "$YEAR-12-31" --format json)
echo "-- 2. snapshot build (no snapshot file: scan the store, build, compute) and load (warm)" >&2
for store in sqlite postgres; do
  db=$sqlite_db
  [ $store = postgres ] && db=$pg_uri
  rm -f "$sqlite_db.snapshot" "$WORK"/cache/*.snapshot
  timed "kpi on $store, snapshot built from the store" "$BIN" kpi --db "$db" "${kpi_args[@]}" >"$WORK/kpi-$store-cold.json"
done
echo "-- 3. full indicator set: kpi, snapshot present, $RUNS warm runs per store" >&2
for store in sqlite postgres; do
  db=$sqlite_db
  [ $store = postgres ] && db=$pg_uri
  "$BIN" kpi --db "$db" "${kpi_args[@]}" >/dev/null
  : >"$WORK/times"
  for i in $(seq "$RUNS"); do
    timed "kpi on $store, run $i" "$BIN" kpi --db "$db" "${kpi_args[@]}" >"$WORK/kpi-$store.json"
    echo "$T" >>"$WORK/times"
  done
  echo "  kpi on $store: median $(median <"$WORK/times") s" >&2
  eval "kpi_$store=$(median <"$WORK/times")"
done
cmp -s "$WORK/kpi-sqlite.json" "$WORK/kpi-postgres.json" || { echo "FAIL: kpi output differs between the stores" >&2; exit 1; }
cmp -s "$WORK/kpi-sqlite.json" "$WORK/kpi-postgres-cold.json" || { echo "FAIL: cold kpi output differs" >&2; exit 1; }
echo "  kpi --format json: identical from both stores ($(wc -c <"$WORK/kpi-sqlite.json") bytes)" >&2

echo "-- 4. the client, request and waiting-list subset as SQL, warm-up + $RUNS runs each" >&2
sed "s/'2024-01-01' AS f, '2024-12-31' AS t/'$YEAR-01-01' AS f, '$YEAR-12-31' AS t/" bench/sql/subset_sqlite.sql >"$WORK/subset_sqlite.sql"
sed "s/'2024-01-01', '2024-12-31'/'$YEAR-01-01', '$YEAR-12-31'/" bench/sql/subset_postgres.sql >"$WORK/subset_postgres.sql"
sqlite3 "$sqlite_db" <"$WORK/subset_sqlite.sql" >/dev/null
pg_psql "$pg_uri" -c "VACUUM ANALYZE" >/dev/null
pg_psql "$pg_uri" -A -t -F ' ' <"$WORK/subset_postgres.sql" >/dev/null
for store in sqlite postgres; do
  : >"$WORK/times"
  for i in $(seq "$RUNS"); do
    if [ $store = sqlite ]; then
      timed "SQL subset in sqlite3, run $i" sqlite3 -separator ' ' "$sqlite_db" <"$WORK/subset_sqlite.sql" >"$WORK/sql-$store.out"
    else
      timed "SQL subset in PostgreSQL, run $i" psql -X -q -v ON_ERROR_STOP=1 -A -t -F ' ' -d "$pg_uri" <"$WORK/subset_postgres.sql" >"$WORK/sql-$store.out"
    fi
    echo "$T" >>"$WORK/times"
  done
  echo "  SQL subset in $store: median $(median <"$WORK/times") s" >&2
  eval "sql_$store=$(median <"$WORK/times")"
  python3 bench/sql/check_subset.py "$WORK/kpi-sqlite.json" "$WORK/sql-$store.out" >&2
done

echo "== summary (load average at end: $(load))" >&2
printf '  full indicator set (kpi): SQLite store %s s, PostgreSQL store %s s\n' "$kpi_sqlite" "$kpi_postgres" >&2
printf '  SQL subset: SQLite %s s, PostgreSQL %s s\n' "$sql_sqlite" "$sql_postgres" >&2
awk -v k="$kpi_postgres" -v k2="$kpi_sqlite" -v s="$sql_sqlite" -v p="$sql_postgres" 'BEGIN {
  kk = (k > k2 ? k : k2); sm = (s < p ? s : p);
  printf "  full set vs the faster SQL subset: %.1fx (target >= 10x)\n", sm / kk }' >&2
