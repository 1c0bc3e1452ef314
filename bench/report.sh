#!/usr/bin/env bash
# Whole-program benchmark of `regiekamer report` (issue 4, acceptance 3): the demo dataset
# imported once, then the 2020H2 report — HTML and PDF, both periods computed — for the largest
# municipality (GM0917, role municipality) and for all municipalities combined, several runs each,
# timed with /usr/bin/time (wall clock, CPU, peak RSS). Target: a municipality report <= 3 s.
#
#   bench/report.sh [BUILD_DIR]        (default build)
#
# Environment: RK_BENCH_RUNS (default 5), RK_BENCH_DIR work folder (default: a temporary one).
set -euo pipefail

build=${1:-build}
bin=$(realpath "$build/src/regiekamer")
runs=${RK_BENCH_RUNS:-5}
dir=${RK_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/rk-report-bench.XXXXXX")}
[ -n "${RK_BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
[ -x "$bin" ] || { echo "no program at $bin: build first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (package time)" >&2; exit 1; }

echo "== regiekamer report benchmark: demo dataset, period 2020H2, $runs runs"
echo "machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" demo --dir "$dir/demo" --no-serve >/dev/null
db="$dir/demo/regiekamer.db"

worst=0
for scope in municipality combined; do
  args=()
  [ "$scope" = municipality ] && args=(--municipality GM0917)
  printf '%-13s %8s %8s %10s\n' "$scope" "wall s" "CPU s" "RSS MiB"
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$bin" report --db "$db" --period 2020H2 \
      "${args[@]}" --out "$dir/out-$scope" >/dev/null
    read -r wall user sys rss <"$dir/time"
    awk -v i="$i" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
      'BEGIN { printf "  run %-7s %8s %8.2f %10.1f\n", i, w, u + s, r / 1024 }'
    [ "$scope" = municipality ] && worst=$(awk -v a="$wall" -v b="$worst" 'BEGIN { print (a > b ? a : b) }')
  done
done
pages=$(pdfinfo "$dir/out-municipality/report.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "municipality report: ${pages:-?} PDF pages, $(du -k "$dir/out-municipality/report.pdf" | cut -f1) KiB PDF, $(du -k "$dir/out-municipality/report.html" | cut -f1) KiB HTML"
if awk -v w="$worst" 'BEGIN { exit !(w <= 3) }'; then
  echo "target met: slowest municipality report $worst s <= 3 s"
else
  echo "TARGET MISSED: slowest municipality report $worst s > 3 s"
  exit 1
fi
