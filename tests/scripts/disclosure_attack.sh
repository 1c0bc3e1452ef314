#!/usr/bin/env bash
# ctest-labels: slow;privacy
# Issue 11: attack disclosure control as an outsider would. A municipality user of Heerlen
# (GM0917) asks kpi and the API overlapping periods, one area, quadrant and provider at a time,
# closes nothing but reads a closed period, and the public reads StatLine files; every cell
# its answers hide ("<5" or suppressed) is attacked by subtraction and compared with
# `kpi --role analyst`. Asserts at most half recovered per attack, shown counts within 2 of the
# truth, one published value per cell through every path, nothing of another municipality, and
# the same published figure for the same records. The work is in lib/disclosure_attack.py.
source "$(dirname "$0")/lib/common.bash"
command -v soffice >/dev/null || fail "soffice is needed (package libreoffice-calc-nogui)"

"$RK_BIN" demo --dir "$WORK/demo" --no-serve >/dev/null
db="$WORK/demo/regiekamer.db"
[ -f "$db" ] || fail "the demo made no store at $db"
"$RK_BIN" close --db "$db" --period 2020H2 >/dev/null
password="heerlen-beleid-$RANDOM-verkenning"
echo "$password" | "$RK_BIN" user add --db "$db" --name aanvaller --role municipality:GM0917 >/dev/null
token=$("$RK_BIN" user token --db "$db" --name aanvaller 2>/dev/null)
[ -n "$token" ] || fail "no API token"
ok "demo store, 2020H2 closed, municipality account aanvaller (GM0917) with a token"

"$RK_BIN" serve --db "$db" --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do
  grep -q "http://" "$WORK/serve.out" && break
  kill -0 $server 2>/dev/null || fail "serve stopped: $(cat "$WORK/serve.err")"
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$WORK/serve.out") || fail "serve printed no address"
ok "serve listens on $base"

python3 -B "$(dirname "$0")/lib/disclosure_attack.py" --bin "$RK_BIN" --db "$db" \
  --dataset "$WORK/demo/dataset" --work "$WORK" --url "$base" --name aanvaller \
  --password "$password" --token "$token" --municipality GM0917 --year 2020 \
  --closed 2020-07-01..2020-12-31 || fail "disclosure control gives hidden cells away (figures above)"
ok "every attack stays within its bound"
done_checks
