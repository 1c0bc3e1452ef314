#!/usr/bin/env bash
# Load benchmark of `regiekamer serve` (issue 5, acceptance 3), loopback only: the national
# dataset (1,000,000 clients) imported once, then `/api/indicators` for one year and one
# municipality with token authentication: the first (uncached) answer timed with curl, then the
# cached answer under 32 connections with wrk (2 threads) on the same machine, for each worker
# thread count asked for. Targets: first answer <= 1 s; p99 <= 50 ms and >= 2,000 requests/s.
#
#   bench/server_load.sh [BUILD_DIR]        (default build)
#
# Environment: RK_BENCH_DIR work folder (default /tmp/rk-server-bench; store kept between runs),
# RK_BENCH_DATA CSV folder of the national dataset (default: generated in the work folder),
# RK_BENCH_THREADS worker thread counts to try (default "34 64 128"), RK_BENCH_SECONDS (default
# 20), RK_BENCH_YEAR (default 2024), RK_BENCH_MUNICIPALITY (default GM0363).
set -euo pipefail

build=${1:-build}
bin=$(realpath "$build/src/regiekamer")
here=$(dirname "$(realpath "$0")")
dir=${RK_BENCH_DIR:-/tmp/rk-server-bench}
threads_list=${RK_BENCH_THREADS:-34 64 128}
seconds=${RK_BENCH_SECONDS:-20}
year=${RK_BENCH_YEAR:-2024}
municipality=${RK_BENCH_MUNICIPALITY:-GM0363}
db="$dir/national.db"
export REGIEKAMER_KEY_FILE="$dir/key"

[ -x "$bin" ] || { echo "no program at $bin: build first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (package wrk)" >&2; exit 1; }
mkdir -p "$dir"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== regiekamer serve load benchmark: /api/indicators $year, $municipality"
echo "machine: $(nproc) cores; load average at start: $(loadavg)"
if [ ! -f "$db" ]; then
  data=${RK_BENCH_DATA:-$dir/data}
  if [ ! -d "$data" ]; then
    echo "-- generating the national dataset in $data"
    "$bin" generate --profile national --dir "$data" >/dev/null
  fi
  echo "-- importing $data"
  "$bin" import --db "$db.tmp" "$data" >/dev/null
  mv "$db.tmp" "$db"
  [ -f "$db.tmp.snapshot" ] && mv "$db.tmp.snapshot" "$db.snapshot"
fi
if ! "$bin" user list --db "$db" | grep -q '^bench '; then
  echo "meet-de-snelheid-42" | "$bin" user add --db "$db" --name bench --role analyst >/dev/null
fi
export RK_TOKEN
RK_TOKEN=$("$bin" user token --db "$db" --name bench 2>/dev/null)
url_path="/api/indicators?from=$year-01-01&to=$year-12-31&municipality=$municipality"

for threads in $threads_list; do
  rm -f "$dir/serve.out"  # not an old address: the server starts in the background
  "$bin" serve --db "$db" --port 0 --threads "$threads" >"$dir/serve.out" 2>"$dir/serve.err" &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 300); do
    grep -q "http://" "$dir/serve.out" && break
    sleep 0.1
  done
  base=$(grep -o 'http://[0-9.:]*' "$dir/serve.out")
  audit_before=$(sqlite3 "$db" "SELECT count(*) FROM audit")
  echo "-- $threads worker threads (load average $(loadavg))"
  curl -sf -o /dev/null -H "Authorization: Bearer $RK_TOKEN" \
    -w "first (uncached) answer: %{time_total} s, %{size_download} bytes\n" "$base$url_path"
  curl -sf -o /dev/null -H "Authorization: Bearer $RK_TOKEN" \
    -w "second (cached) answer: %{time_total} s\n" "$base$url_path"
  wrk -t2 -c32 -d"${seconds}s" --latency -s "$here/server_load.lua" "$base$url_path" |
    grep -E "requests in|Requests/sec|non-200|p50|Socket"
  kill -TERM "$server"
  wait "$server"
  audit_after=$(sqlite3 "$db" "SELECT count(*) FROM audit")
  echo "audit rows written: $((audit_after - audit_before))"
done
echo "load average at end: $(loadavg)"
