#!/usr/bin/env bash
# Peak memory of `regiekamer serve` under the widest requests it accepts (issue 11): the demo
# store (made once with `regiekamer demo --no-serve`), a server of its own, a login, then six very
# wide periods — three of the longest span allowed (ten years, 3,653 days) and three longer ones,
# which are refused with 400 — for the whole indicator document and the records behind a figure,
# and a 50 MB body sent chunked and with a Content-Length (both refused with 413 after at most
# 80 KiB is read). Prints each answer and the server's peak resident memory (VmHWM of
# /proc/PID/status). Target: under 600 MB. Exit status 1 when over it.
#
#   bench/server_memory.sh [BUILD_DIR]        (default build)
#
# Environment: RK_BENCH_DIR work folder (default /tmp/rk-server-memory; the demo store is kept
# between runs), RK_BENCH_DB another store to serve instead (it needs an analyst account
# RK_BENCH_USER with password RK_BENCH_PASSWORD), RK_BENCH_TARGET_MB (default 600).
set -euo pipefail

build=${1:-build}
bin=$(realpath "$build/src/regiekamer")
dir=${RK_BENCH_DIR:-/tmp/rk-server-memory}
target_mb=${RK_BENCH_TARGET_MB:-600}
export REGIEKAMER_KEY_FILE="$dir/key"

[ -x "$bin" ] || { echo "no program at $bin: build first" >&2; exit 1; }
mkdir -p "$dir"

if [ -n "${RK_BENCH_DB:-}" ]; then
  db=$RK_BENCH_DB
  user=${RK_BENCH_USER:?RK_BENCH_USER is needed with RK_BENCH_DB}
  password=${RK_BENCH_PASSWORD:?RK_BENCH_PASSWORD is needed with RK_BENCH_DB}
else
  db="$dir/demo/regiekamer.db"
  user=analist
  if [ ! -f "$dir/password" ] || [ ! -f "$db" ]; then
    echo "-- making the demo store in $dir/demo"
    "$bin" demo --dir "$dir/demo" --no-serve >"$dir/demo.out" 2>&1 ||
      { cat "$dir/demo.out" >&2; exit 1; }
    grep -o 'wachtwoord [0-9a-f]*' "$dir/demo.out" | cut -d' ' -f2 >"$dir/password"
  fi
  password=$(cat "$dir/password")
fi

echo "== regiekamer serve memory benchmark: $db"
echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$dir/serve.out"
"$bin" serve --db "$db" --port 0 >"$dir/serve.out" 2>"$dir/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$dir/cookies"' EXIT
for _ in $(seq 300); do
  grep -q "http://" "$dir/serve.out" && break
  kill -0 "$server" 2>/dev/null || { cat "$dir/serve.err" >&2; exit 1; }
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$dir/serve.out")
hwm() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }
echo "started: peak resident memory $(hwm) MB"

code=$(curl -s -o /dev/null -w '%{http_code}' -c "$dir/cookies" -H 'Content-Type: application/json' \
  -d "{\"name\": \"$user\", \"password\": \"$password\"}" "$base/api/login")
[ "$code" = 200 ] || { echo "login failed: $code" >&2; exit 1; }

ask() {  # path: prints status, time, size and the peak so far
  curl -s -o /dev/null -b "$dir/cookies" \
    -w "%{http_code} %{time_total} s %{size_download} bytes  " "$base$1"
  echo "peak $(hwm) MB  $1"
}
# The widest allowed spans (ten years around the data) and three that are refused.
for period in "from=2012-01-01&to=2021-12-31" "from=2019-01-01&to=2028-12-31" \
  "from=2016-01-01&to=2025-12-31" "from=1900-01-01&to=2200-12-31" \
  "from=2000-01-01&to=2099-12-31" "from=2019-01-01&to=2029-01-01"; do
  ask "/api/indicators?$period"
done
ask "/api/explain/clients.total?from=2012-01-01&to=2021-12-31"
ask "/api/indicators?from=2012-01-01&to=2021-12-31&municipality=GM0917"

echo "-- 50 MB bodies to /api/login"
head -c 50000000 /dev/zero |
  curl -s -o /dev/null -w "chunked: %{http_code}, %{size_upload} bytes sent  " \
    -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' \
    --data-binary @- "$base/api/login" || true
echo "peak $(hwm) MB"
head -c 50000000 /dev/zero >"$dir/body"
curl -s -o /dev/null -w "Content-Length: %{http_code}, %{size_upload} bytes sent  " \
  -H 'Content-Type: application/json' --data-binary @"$dir/body" "$base/api/login" || true
rm -f "$dir/body"
echo "peak $(hwm) MB"
health=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health")
echo "health after the bodies: $health"

peak=$(hwm)
kill -TERM "$server"
wait "$server" || true
echo "peak resident memory of serve (VmHWM): $peak MB (target < $target_mb MB)"
[ "$peak" -lt "$target_mb" ]
