#!/usr/bin/env bash
# Import while serving at national scale (issue 5, acceptance 4, beside the small
# tests/scripts/serve_import.sh): `regiekamer serve` on the national store answers wrk (32
# connections, token auth, /api/indicators for one year and municipality) while the national CSV
# folder is imported into the same store again. Reports failed answers (must be 0), the latency
# under the import, when the new data version was served, and whether the audit log is complete.
#
#   bench/server_import.sh [BUILD_DIR]
#
# Environment: RK_BENCH_DIR (default /tmp/rk-server-bench, as bench/server_load.sh, which makes
# the store), RK_BENCH_DATA the CSV folder to import (default $RK_BENCH_DIR/data),
# RK_BENCH_SECONDS load duration (default 150).
set -euo pipefail

build=${1:-build}
bin=$(realpath "$build/src/regiekamer")
here=$(dirname "$(realpath "$0")")
dir=${RK_BENCH_DIR:-/tmp/rk-server-bench}
data=${RK_BENCH_DATA:-$dir/data}
seconds=${RK_BENCH_SECONDS:-150}
db="$dir/national.db"
export REGIEKAMER_KEY_FILE="$dir/key"
[ -f "$db" ] || { echo "no store $db: run bench/server_load.sh first" >&2; exit 1; }

export RK_TOKEN
RK_TOKEN=$("$bin" user token --db "$db" --name bench 2>/dev/null)
rm -f "$dir/serve.out"  # not an old address: the server starts in the background
"$bin" serve --db "$db" --port 0 >"$dir/serve.out" 2>"$dir/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  grep -q "http://" "$dir/serve.out" && break
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$dir/serve.out")
version=$(curl -sf "$base/api/health" | jq .data_version)
audit_before=$(sqlite3 "$db" "SELECT count(*) FROM audit")
echo "== import while serving: data version $version, load average $(cut -d' ' -f1-3 /proc/loadavg)"

wrk -t2 -c32 -d"${seconds}s" --latency -s "$here/server_load.lua" \
  "$base/api/indicators?from=2024-01-01&to=2024-12-31&municipality=GM0363" >"$dir/wrk.out" 2>&1 &
load=$!
start=$(date +%s.%N)
sleep 5
/usr/bin/time -f "import: %e s wall, %M KiB peak RSS" "$bin" import --db "$db" "$data" >/dev/null
imported=$(date +%s.%N)
while [ "$(curl -sf "$base/api/health" | jq .data_version)" = "$version" ]; do
  sleep 0.5
  kill -0 $load 2>/dev/null || { echo "the load ended before the new data was served" >&2; break; }
done
served=$(date +%s.%N)
echo "import ended $(echo "$imported - $start" | bc) s after the load started;" \
  "new data version served $(echo "$served - $imported" | bc) s after the import ended"
wait $load
grep -E "requests in|Requests/sec|non-200|p50|Socket|Non-2xx" "$dir/wrk.out"
kill -TERM $server
wait $server
requests=$(awk '/requests in/ {print $1}' "$dir/wrk.out")
audit_after=$(sqlite3 "$db" "SELECT count(*) FROM audit")
echo "audit rows written: $((audit_after - audit_before)) for $requests load requests (+ health checks are not audited)"
