#!/usr/bin/env bash
# ctest-labels: slow;pg
# Killing the PostgreSQL server (kill -9 of the postmaster) in the middle of an import: the import
# ends with exit 1 and a clear message; after a restart the store is exactly as before the import
# (every table, meta included); importing again succeeds. Runs its own server (it kills it).
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/pg.sh"
cd "$WORK"
export REGIEKAMER_KEY_FILE="$WORK/key"
export REGIEKAMER_CACHE_DIR="$WORK/cache"
server=$(mktemp -d /tmp/rk-pg.XXXXXX)
trap 'pg_stop "$server"; rm -rf "$WORK"' EXIT
uri=$(pg_start "$server")

"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
"$RK_BIN" generate --profile national --clients 20000 --seed 7 --dir "$WORK/big" >/dev/null
"$RK_BIN" import --db "$uri" "$WORK/demo" >/dev/null
before=$(pg_dump_hash "$uri")
ok "baseline store made from the demo dataset"

# kill_during WHAT: starts the big import and kills the postmaster when WHAT happens:
#   copy   - the import is streaming rows into its staging tables
#   merge  - the import merges staged rows into the real tables (INSERT .. SELECT)
kill_during() {
  local what=$1 pattern i seen=0
  case $what in
    copy) pattern="COPY rk_stage_%" ;;
    merge) pattern="INSERT INTO % SELECT DISTINCT ON %" ;;
  esac
  "$RK_BIN" import --db "$uri" "$WORK/big" >"$WORK/kill.out" 2>&1 &
  local pid=$!
  for i in $(seq 1 3000); do
    if [ "$(pg_psql "$uri" -At -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '$pattern' AND state = 'active'" 2>/dev/null)" = 1 ]; then
      seen=1
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  [ $seen -eq 1 ] || fail "never saw the import in its $what phase"
  pg_kill "$server"
  local code=0 waited=0
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 60 ]; do
    sleep 0.5
    waited=$((waited + 1))
  done
  kill -0 "$pid" 2>/dev/null && fail "the import hangs after the server died"
  wait "$pid" || code=$?
  [ $code -eq 1 ] || fail "import during a server kill ($what): exit $code, expected 1: $(tail -2 "$WORK/kill.out")"
  grep -q "PostgreSQL" "$WORK/kill.out" || fail "the message should name the store: $(tail -2 "$WORK/kill.out")"
  grep -q "ongewijzigd" "$WORK/kill.out" || fail "the message should say the store is unchanged: $(tail -2 "$WORK/kill.out")"
  pg_restart "$server" || fail "the server does not start again"
  [ "$(pg_dump_hash "$uri")" = "$before" ] || fail "store changed by an import killed during $what"
  ok "server killed during $what: exit 1 ($(grep -m1 fout "$WORK/kill.out" | head -c 150)); after a restart the store is unchanged"
}
kill_during copy
kill_during merge

"$RK_BIN" import --db "$uri" "$WORK/big" >"$WORK/final.out" 2>&1 || fail "import after the kills failed: $(tail -3 "$WORK/final.out")"
clients=$(pg_psql "$uri" -At -c "SELECT count(*) FROM clients")
expected=$(tail -q -n +2 "$WORK/demo/clients.csv" "$WORK/big/clients.csv" | cut -d, -f1 | sort -u | wc -l)
[ "$clients" -eq "$expected" ] || fail "after a full import: $clients clients, expected $expected"
ok "import after the restart completes: $clients clients"
done_checks
