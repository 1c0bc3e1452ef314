#!/usr/bin/env bash
# Whole-program benchmark of `regiekamer kpi` (issue 3, acceptance 4): the national dataset
# (1,000,000 clients) imported once, then `regiekamer kpi` for one year, all municipalities,
# complete indicator set, JSON out, several warm runs, each timed with /usr/bin/time (wall clock
# and peak RSS). Beside it the same subset as SQL against the same SQLite store
# (bench/sql/subset_sqlite.sql), also warm and timed, and a check that both give the same figures.
#
#   bench/kpi.sh [BUILD_DIR]        (default build)
#
# Environment: RK_BENCH_DIR work folder (default /tmp/rk-kpi-bench; the dataset and store are kept
# there between runs, delete it when done), RK_BENCH_CLIENTS (default 1000000), RK_BENCH_RUNS
# (default 5), RK_BENCH_SQL_RUNS (default 3; at 1,000,000 clients one SQL run takes minutes),
# RK_BENCH_YEAR (default 2024), RK_BENCH_SQL=0 skips the SQL timing.
set -euo pipefail

build=${1:-build}
bin=$(realpath "$build/src/regiekamer")
here=$(dirname "$(realpath "$0")")
dir=${RK_BENCH_DIR:-/tmp/rk-kpi-bench}
clients=${RK_BENCH_CLIENTS:-1000000}
runs=${RK_BENCH_RUNS:-5}
sql_runs=${RK_BENCH_SQL_RUNS:-3}
year=${RK_BENCH_YEAR:-2024}
db="$dir/national-$clients.db"
export REGIEKAMER_KEY_FILE="$dir/key"

[ -x "$bin" ] || { echo "no program at $bin: build first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (package time)" >&2; exit 1; }
mkdir -p "$dir"

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== regiekamer kpi benchmark: $clients clients, year $year, $runs runs"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average at start: $(loadavg)"

if [ ! -f "$db" ]; then
  echo "-- generating and importing the national dataset (once; kept in $dir)"
  rm -rf "$dir/data-$clients"
  "$bin" generate --profile national --clients "$clients" --dir "$dir/data-$clients"
  /usr/bin/time -f "import: %e s wall, %M KiB peak RSS" "$bin" import --db "$db.tmp" "$dir/data-$clients" >/dev/null
  mv "$db.tmp" "$db"
  [ -f "$db.tmp.snapshot" ] && mv "$db.tmp.snapshot" "$db.snapshot"
  [ -f "$db.tmp.key" ] && mv "$db.tmp.key" "$db.key"
  rm -rf "$dir/data-$clients"
fi
echo "store: $(du -hL "$db" | cut -f1), snapshot: $(du -hL "$db.snapshot" 2>/dev/null | cut -f1 || echo none)"
for t in clients trajectories requests waitlist; do
  printf '  %-13s %s rows\n' "$t" "$(sqlite3 "$db" "SELECT count(*) FROM $t")"
done

# Median of the numbers on stdin.
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

echo "-- warm-up run (maps the snapshot, fills the page cache; not counted)"
/usr/bin/time -f "warm-up: %e s wall, %M KiB peak RSS" "$bin" kpi --db "$db" --from "$year-01-01" --to "$year-12-31" --format json >"$dir/kpi.json"
indicators=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["indicators"]))' "$dir/kpi.json")
echo "kpi output: $(wc -c <"$dir/kpi.json") bytes, $indicators indicators"

echo "-- regiekamer kpi, $runs warm runs"
: >"$dir/kpi.times"
for i in $(seq "$runs"); do
  /usr/bin/time -o "$dir/time.txt" -f "%e %M %U %S" "$bin" kpi --db "$db" --from "$year-01-01" --to "$year-12-31" --format json >"$dir/kpi.json"
  read -r wall rss user sys <"$dir/time.txt"
  printf '  run %d: %s s wall, %s s user, %s s sys, %d MiB peak RSS (load %s)\n' "$i" "$wall" "$user" "$sys" $((rss / 1024)) "$(loadavg)"
  echo "$wall $rss" >>"$dir/kpi.times"
done
kpi_wall=$(cut -d' ' -f1 "$dir/kpi.times" | median)
kpi_rss=$(cut -d' ' -f2 "$dir/kpi.times" | sort -n | tail -1)

sql_wall=-
if [ "${RK_BENCH_SQL:-1}" != 0 ]; then
  sed "s/'2024-01-01' AS f, '2024-12-31' AS t/'$year-01-01' AS f, '$year-12-31' AS t/" \
    "$here/sql/subset_sqlite.sql" >"$dir/subset.sql"
  echo "-- SQL subset against the same SQLite store (sqlite3 $(sqlite3 --version | cut -d' ' -f1)), warm-up + $sql_runs runs"
  sqlite3 "$db" <"$dir/subset.sql" >/dev/null
  : >"$dir/sql.times"
  for i in $(seq "$sql_runs"); do
    /usr/bin/time -o "$dir/time.txt" -f "%e %M %U %S" sqlite3 -separator ' ' "$db" <"$dir/subset.sql" >"$dir/sql.out"
    read -r wall rss user sys <"$dir/time.txt"
    printf '  run %d: %s s wall, %s s user, %s s sys, %d MiB peak RSS (load %s)\n' "$i" "$wall" "$user" "$sys" $((rss / 1024)) "$(loadavg)"
    echo "$wall" >>"$dir/sql.times"
  done
  sql_wall=$(median <"$dir/sql.times")
  # The subset's figures must be the engine's.
  python3 "$here/sql/check_subset.py" "$dir/kpi.json" "$dir/sql.out"
fi

echo "== summary ($clients clients, year $year; load average at end: $(loadavg))"
printf '  regiekamer kpi (complete set, JSON): median %s s wall, peak RSS %d MiB\n' "$kpi_wall" $((kpi_rss / 1024))
printf '  SQLite, SQL subset:                  median %s s wall\n' "$sql_wall"
