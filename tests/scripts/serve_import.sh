#!/usr/bin/env bash
# ctest-labels: slow
# An import while `serve` is under load (issue 5, acceptance 4): wrk keeps 8 connections busy (6 s) on
# /api/indicators while a changed dataset is imported; no request may fail, the server must
# switch to the new figures (equal to `kpi --format json` after the import), and every request
# must be in the audit log once the server has stopped.
source "$(dirname "$0")/lib/common.bash"
command -v wrk >/dev/null || fail "wrk is needed (package wrk)"
command -v curl >/dev/null || fail "curl is needed (package curl)"
export REGIEKAMER_KEY_FILE="$WORK/key"
db="$WORK/store.db"
"$RK_BIN" generate --profile demo --dir "$WORK/a" >/dev/null
"$RK_BIN" generate --profile demo --seed 99 --dir "$WORK/b" >/dev/null
"$RK_BIN" import --db "$db" "$WORK/a" >/dev/null
echo "lang-genoeg-wachtwoord" | "$RK_BIN" user add --db "$db" --name load --role analyst >/dev/null
token=$("$RK_BIN" user token --db "$db" --name load 2>/dev/null)

"$RK_BIN" serve --db "$db" --port 0 --threads 16 >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do
  grep -q "http://" "$WORK/serve.out" && break
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$WORK/serve.out") || fail "serve printed no address"
ok "serve listens on $base"

query="from=2020-01-01&to=2020-12-31&municipality=GM0917"
api() { curl -sf -H "Authorization: Bearer $token" "$base/api/indicators?$query"; }
kpi() { "$RK_BIN" kpi --db "$db" --from 2020-01-01 --to 2020-12-31 --municipality GM0917 --format json; }
before=$(api | jq -S .)
[ "$before" = "$(kpi | jq -S .)" ] || fail "the API differs from kpi before the import"
ok "API answer equals kpi before the import"

RK_TOKEN=$token wrk -t2 -c8 -d6s -s "$RK_SOURCE_DIR/bench/server_load.lua" "$base/api/indicators?$query" \
  >"$WORK/wrk.out" 2>&1 &
load=$!
sleep 1.5
"$RK_BIN" import --db "$db" "$WORK/b" >/dev/null || fail "the import failed"
for _ in $(seq 100); do
  [ "$(curl -sf "$base/api/health" | jq .data_version)" = 2 ] && break
  sleep 0.1
done
[ "$(curl -sf "$base/api/health" | jq .data_version)" = 2 ] || fail "the server did not load the new data"
wait $load || fail "wrk failed: $(cat "$WORK/wrk.out")"
cat "$WORK/wrk.out"
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
[ "${requests:-0}" -gt 100 ] || fail "too few requests under load: $requests"
grep -q "non-200 answers: 0$" "$WORK/wrk.out" || fail "requests failed during the import"
! grep -q "Socket errors" "$WORK/wrk.out" || fail "socket errors during the import"
ok "$requests requests during the import, none failed"

after=$(api | jq -S .)
[ "$after" = "$(kpi | jq -S .)" ] || fail "the API differs from kpi after the import"
[ "$after" != "$before" ] || fail "the figures did not change with the import"
ok "new figures served after the import, equal to kpi"

kill -TERM $server
wait $server || fail "serve did not stop cleanly"
audited=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE who = 'load' AND target LIKE '/api/indicators?%'")
[ "$audited" -ge "$requests" ] || fail "audit log has $audited rows for $requests requests"
ok "audit log complete: $audited rows"
done_checks
