#!/usr/bin/env bash
# Round trip: one generated dataset imported as CSV and as iJw messages gives the same
# `kpi --format json` figures for what messages carry: client counts, monthly clients, end
# reasons, ended by plan and trajectory duration.
set -euo pipefail
: "${RK_BIN:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export REGIEKAMER_KEY_FILE="$work/key"

if ! "$RK_BIN" kpi --help >/dev/null 2>&1; then
  echo "SKIP: regiekamer kpi is not available in this build"
  exit 0
fi

"$RK_BIN" generate --dir "$work/gen" --clients 600 --ijw >/dev/null
"$RK_BIN" import --db "$work/csv.db" "$work/gen/csv" >/dev/null
"$RK_BIN" import --db "$work/xml.db" "$work/gen/csv/municipalities.csv" \
  "$work/gen/csv/providers.csv" "$work/gen/ijw" >/dev/null

WANTED='["clients.start","clients.new","clients.total","clients.ended","clients.end",
  "clients.monthly","outcome.end_reasons","outcome.ended_by_plan","outcome.duration_days"]'
compared=0
for period in 2019-01-01:2019-12-31 2020-01-01:2020-12-31 2020-07-01:2020-12-31 2019-01-01:2021-12-31; do
  from=${period%%:*}
  to=${period##*:}
  for db in csv xml; do
    "$RK_BIN" kpi --db "$work/$db.db" --from "$from" --to "$to" --format json |
      jq -S --argjson w "$WANTED" '.indicators | with_entries(select(.key as $k | $w | index($k)))' \
        >"$work/$db.json"
  done
  present=$(jq -r 'keys | join(" ")' "$work/csv.json")
  for id in clients.start clients.total clients.monthly; do
    [[ " $present " == *" $id "* ]] || { echo "FAIL: kpi gives no $id"; exit 1; }
  done
  jq -e '."clients.total".value > 0' "$work/xml.json" >/dev/null ||
    { echo "FAIL: $from..$to: no clients in care from the messages"; exit 1; }
  if ! diff -u "$work/csv.json" "$work/xml.json" >"$work/diff.txt"; then
    head -40 "$work/diff.txt"
    echo "FAIL: $from..$to: CSV and iJw messages give different figures"
    exit 1
  fi
  compared=$((compared + 1))
  echo "ok: $from..$to identical for: $present"
done
missing=$(jq -r --argjson w "$WANTED" '$w - keys | join(" ")' "$work/csv.json")
[ -z "$missing" ] || echo "note: not computed by kpi yet, so not compared: $missing"
echo "ok: $compared periods compared"
