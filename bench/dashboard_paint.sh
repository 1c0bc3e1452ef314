#!/usr/bin/env bash
# First paint of the dashboard after login on the national dataset (issue 14, acceptance 5:
# <= 1 s, cached), loopback only: the store of bench/server_load.sh (1,000,000 clients, generated
# and imported once into RK_BENCH_DIR), an analyst account, `regiekamer serve`, then
# bench/dashboard_paint.mjs in headless Chromium (performance timing; see there).
#
#   bench/dashboard_paint.sh [BUILD_DIR]        (default build)
#
# Environment: RK_BENCH_DIR (default /tmp/rk-server-bench, shared with server_load.sh),
# RK_BENCH_CLIENTS (generate with --clients N instead of the profile's 1,000,000; its own store),
# RK_BENCH_YEAR (default 2024), RK_BENCH_RUNS (default 6), RK_CHROMIUM (default /usr/bin/chromium).
set -euo pipefail

build=${1:-build}
bin=$(realpath "$build/src/regiekamer")
here=$(dirname "$(realpath "$0")")
dir=${RK_BENCH_DIR:-/tmp/rk-server-bench}
year=${RK_BENCH_YEAR:-2024}
clients=${RK_BENCH_CLIENTS:-}
db="$dir/national${clients:+-$clients}.db"
export REGIEKAMER_KEY_FILE="$dir/key"

[ -x "$bin" ] || { echo "no program at $bin: build first" >&2; exit 1; }
[ -d "$here/../tests/browser/node_modules/playwright-core" ] ||
  (cd "$here/../tests/browser" && npm ci --no-audit --no-fund >/dev/null)
mkdir -p "$dir"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== dashboard first paint: national profile${clients:+, $clients clients}, $year"
echo "machine: $(nproc) cores; load average at start: $(loadavg)"
if [ ! -f "$db" ]; then
  data="$dir/data${clients:+-$clients}"
  if [ ! -f "$data/clients.csv" ]; then
    echo "-- generating the national dataset in $data"
    "$bin" generate --profile national ${clients:+--clients "$clients"} --dir "$data" >/dev/null
  fi
  echo "-- importing $data"
  "$bin" import --db "$db.tmp" "$data" >/dev/null
  mv "$db.tmp" "$db"
  [ -f "$db.tmp.snapshot" ] && mv "$db.tmp.snapshot" "$db.snapshot"
fi
password="bench-lange-wachtwoordzin-$RANDOM$RANDOM"
"$bin" user remove --db "$db" --name bench-dashboard >/dev/null 2>&1 || true
echo "$password" | "$bin" user add --db "$db" --name bench-dashboard --role analyst >/dev/null

out=$(mktemp)
"$bin" serve --db "$db" --port 0 >"$out" 2>"$dir/dashboard-serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 600); do
  grep -q "http://" "$out" && break
  kill -0 $server 2>/dev/null || { cat "$dir/dashboard-serve.err" >&2; exit 1; }
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$out")/
curl -sf "${base}api/health" >/dev/null
echo "-- serving at $base (load average $(loadavg))"
RK_URL="$base" RK_NAME=bench-dashboard RK_PASSWORD="$password" RK_FROM="$year-01-01" \
  RK_TO="$year-12-31" RK_RUNS="${RK_BENCH_RUNS:-6}" \
  node "$here/dashboard_paint.mjs"
echo "load average at end: $(loadavg)"
