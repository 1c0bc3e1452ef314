#!/usr/bin/env bash
# ctest-labels: pg
# Two `regiekamer serve` processes share one PostgreSQL store and one key (as on two machines:
# each with its own snapshot cache); an import by a third process is picked up by both, their
# answers equal `kpi --format json` before and after, and both write to the one audit table.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/pg.sh"
command -v curl >/dev/null || fail "curl is needed (package curl)"
cd "$WORK"
export REGIEKAMER_KEY_FILE="$WORK/key"
uri=$(pg_new_database)
"$RK_BIN" generate --profile demo --dir "$WORK/a" >/dev/null
"$RK_BIN" generate --profile demo --seed 99 --dir "$WORK/b" >/dev/null
"$RK_BIN" import --db "$uri" --cache-dir "$WORK/cache-import" --rejects "$WORK/r.csv" "$WORK/a" >/dev/null
echo "lang-genoeg-wachtwoord" | "$RK_BIN" user add --db "$uri" --name an --role analyst >/dev/null
token=$("$RK_BIN" user token --db "$uri" --name an 2>/dev/null)
[ -n "$token" ] || fail "no API token"

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
bases=()
for n in 1 2; do
  "$RK_BIN" serve --db "$uri" --cache-dir "$WORK/cache-$n" --port 0 --threads 4 >"$WORK/serve$n.out" 2>"$WORK/serve$n.err" &
  pids+=($!)
done
for n in 1 2; do
  for _ in $(seq 100); do
    grep -q "http://" "$WORK/serve$n.out" && break
    sleep 0.1
  done
  base=$(grep -o 'http://[0-9.:]*' "$WORK/serve$n.out") || fail "serve $n printed no address: $(cat "$WORK/serve$n.err")"
  bases+=("$base")
done
ok "two servers on one PostgreSQL store: ${bases[*]}"

query="from=2020-01-01&to=2020-12-31&municipality=GM0917"
kpi() { "$RK_BIN" kpi --db "$uri" --cache-dir "$WORK/cache-kpi" --from 2020-01-01 --to 2020-12-31 --municipality GM0917 --format json | jq -S .; }
api() { curl -sf -H "Authorization: Bearer $token" "$1/api/indicators?$query" | jq -S .; }
before=$(kpi)
for base in "${bases[@]}"; do
  [ "$(api "$base")" = "$before" ] || fail "$base differs from kpi before the import"
done
ok "both servers answer as kpi before the import"

"$RK_BIN" import --db "$uri" --cache-dir "$WORK/cache-import" --rejects "$WORK/r.csv" "$WORK/b" >/dev/null || fail "the import failed"
for base in "${bases[@]}"; do
  for _ in $(seq 300); do
    [ "$(curl -sf "$base/api/health" | jq .data_version)" = 2 ] && break
    sleep 0.1
  done
  [ "$(curl -sf "$base/api/health" | jq .data_version)" = 2 ] || fail "$base did not load the new data"
done
after=$(kpi)
[ "$after" != "$before" ] || fail "the import did not change the figures"
for base in "${bases[@]}"; do
  [ "$(api "$base")" = "$after" ] || fail "$base differs from kpi after the import"
done
ok "both servers picked up the import (data_version 2) and answer as kpi"
ls "$WORK"/cache-1/*.snapshot "$WORK"/cache-2/*.snapshot >/dev/null || fail "each server should keep its snapshot in its cache"

for p in "${pids[@]}"; do kill -TERM "$p"; done
for p in "${pids[@]}"; do wait "$p" || fail "serve did not stop cleanly"; done
pids=()
audited=$(pg_psql "$uri" -At -c "SELECT count(*) FROM audit WHERE who = 'an' AND target LIKE '/api/indicators?%'")
[ "$audited" -eq 4 ] || fail "audit log: $audited rows for the 4 indicator requests"
ok "both servers wrote their requests to the one audit table"
done_checks
