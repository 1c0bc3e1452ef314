#!/usr/bin/env bash
# Whole-program timing of the iJw message import: generates a message set (demo profile, CLIENTS
# clients; default 4,000, about 48,000 messages) and times `regiekamer import` of it into a fresh
# store, RUNS times. Prints messages/s per run (wall clock and CPU) for docs/performance.md.
#   bench/ijw_timing.sh [BUILD_DIR]      env: CLIENTS=4000 RUNS=3
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build}/src/regiekamer
CLIENTS=${CLIENTS:-4000}
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export REGIEKAMER_KEY_FILE="$work/key"
"$BIN" generate --dir "$work/gen" --clients "$CLIENTS" --ijw
messages=$(find "$work/gen/ijw" -name '*.xml' | wc -l)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$RUNS"); do
  rm -f "$work/t.db"*
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$BIN" import --db "$work/t.db" \
    "$work/gen/csv/municipalities.csv" "$work/gen/csv/providers.csv" "$work/gen/ijw" >/dev/null
  read -r wall user sys <"$work/time"
  awk -v n="$messages" -v w="$wall" -v u="$user" -v s="$sys" -v r="$run" 'BEGIN {
    printf "run %d: %d messages in %.2f s wall (%.0f messages/s), %.2f s CPU (%.0f messages per CPU-second)\n",
      r, n, w, n / w, u + s, n / (u + s) }'
done
