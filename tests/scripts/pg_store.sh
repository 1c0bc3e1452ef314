#!/usr/bin/env bash
# The whole program against a PostgreSQL store, with the SQLite store as the independent path:
# importing twice changes nothing; the same datasets (demo, every golden case, iJw messages) give
# byte-identical `kpi --format json` from both stores; the bad-input corpus gives the same exit
# codes and reject files; no BSN reaches the store, its cache or any output; a missing key or an
# unreachable server is a clear error without the password.
# ctest-labels: pg
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/pg.sh"
cd "$WORK"
export REGIEKAMER_KEY_FILE="$WORK/key"
export REGIEKAMER_CACHE_DIR="$WORK/cache"

"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null

# --- importing twice -------------------------------------------------------------------------
pg=$(pg_new_database)
"$RK_BIN" import --db "$pg" --rejects "$WORK/r.csv" "$WORK/demo" >/dev/null
first_hash=$(pg_data_hash "$pg")
for f in "$WORK"/demo/*.csv; do
  name=$(basename "$f" .csv)
  lines=$(($(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))))' "$f") - 1))
  rows=$(pg_psql "$pg" -At -c "SELECT count(*) FROM \"$name\"")
  [ "$rows" -eq "$lines" ] || fail "$name: $rows rows in the PostgreSQL store, $lines records in the file"
done
ok "first import: every table holds exactly the records of its file"
"$RK_BIN" import --db "$pg" --rejects "$WORK/r.csv" "$WORK/demo" >/dev/null
[ "$(pg_data_hash "$pg")" = "$first_hash" ] || fail "content changed by the second import"
[ "$(pg_psql "$pg" -At -c "SELECT value FROM meta WHERE key = 'data_version'")" = 2 ] ||
  fail "data_version should count two imports"
ok "second import: identical content; data_version 2"
python3 - "$WORK/demo/clients.csv" "$WORK/upd" <<'PY'
import csv, os, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rows = list(csv.reader(open(src, newline="", encoding="utf-8-sig")))
with open(os.path.join(out, "clients.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(rows[0])
    r = rows[1]
    r[rows[0].index("birth_date")] = "2010-01-01"
    w.writerow(r)
PY
"$RK_BIN" import --db "$pg" --rejects "$WORK/r.csv" "$WORK/upd/clients.csv" >/dev/null
[ "$(pg_psql "$pg" -At -c "SELECT birth_date FROM clients ORDER BY client_id COLLATE \"C\" LIMIT 1")" = "2010-01-01" ] ||
  fail "the updated record was not replaced"
ok "an updated record replaces the old one"

# --- identical kpi output ----------------------------------------------------------------------
# same_kpi NAME SQLITE_DB PG_URI [kpi args...]: byte-identical JSON from both stores.
same_kpi() {
  local name=$1 sq=$2 uri=$3
  shift 3
  "$RK_BIN" kpi --db "$sq" --format json "$@" >"$WORK/kpi-sqlite.json" || fail "$name: kpi on SQLite failed"
  "$RK_BIN" kpi --db "$uri" --format json "$@" >"$WORK/kpi-pg.json" || fail "$name: kpi on PostgreSQL failed"
  [ -s "$WORK/kpi-sqlite.json" ] || fail "$name: empty kpi output"
  if ! cmp -s "$WORK/kpi-sqlite.json" "$WORK/kpi-pg.json"; then
    diff "$WORK/kpi-sqlite.json" "$WORK/kpi-pg.json" | head -20 >&2
    fail "$name: kpi --format json differs between SQLite and PostgreSQL ($*)"
  fi
}
"$RK_BIN" import --db "$WORK/demo.db" "$WORK/demo" >/dev/null
"$RK_BIN" import --db "$WORK/demo.db" "$WORK/upd/clients.csv" >/dev/null
n=0
for args in "--from 2020-01-01 --to 2020-12-31" "--from 2021-04-01 --to 2021-06-30 --role public" \
  "--from 2020-07-01 --to 2021-06-30 --municipality GM0917 --role municipality" \
  "--from 2019-01-01 --to 2022-12-31 --quadrant K2"; do
  # shellcheck disable=SC2086
  same_kpi demo "$WORK/demo.db" "$pg" $args
  [ $n -gt 0 ] || jq -e '.indicators | length > 40' "$WORK/kpi-pg.json" >/dev/null || fail "demo: too few indicators"
  n=$((n + 1))
done
ok "demo dataset: identical kpi --format json from both stores for $n queries"

# --- report, close and export read a PostgreSQL store as they read SQLite ----------------------
for store in "$WORK/demo.db" "$pg"; do
  tag=sqlite
  [ "$store" = "$pg" ] && tag=pg
  "$RK_BIN" export statline --db "$store" --from 2020-07-01 --to 2020-12-31 \
    --out "$WORK/statline-$tag.csv" || fail "export statline on $tag"
  "$RK_BIN" export xlsx --db "$store" --from 2020-07-01 --to 2020-12-31 \
    --out "$WORK/export-$tag.xlsx" || fail "export xlsx on $tag"
  "$RK_BIN" report --db "$store" --period 2020H2 --municipality GM0917 \
    --out "$WORK/report-$tag" >/dev/null || fail "report on $tag"
  "$RK_BIN" close --db "$store" --period 2020H2 >/dev/null || fail "close on $tag"
  "$RK_BIN" kpi --db "$store" --from 2020-07-01 --to 2020-12-31 --format json |
    jq -S 'del(.closed.closed_at)' >"$WORK/closed-$tag.json" || fail "kpi of a closed period on $tag"
done
[ -s "$WORK/statline-pg.csv" ] || fail "empty StatLine export from PostgreSQL"
cmp -s "$WORK/statline-sqlite.csv" "$WORK/statline-pg.csv" || fail "StatLine export differs between the stores"
[ -s "$WORK/export-pg.xlsx" ] || fail "empty xlsx export from PostgreSQL"
cmp -s "$WORK/report-sqlite/report.html" "$WORK/report-pg/report.html" ||
  fail "report.html differs between the stores"
jq -e '.closed.hash | length == 64' "$WORK/closed-pg.json" >/dev/null || fail "no closing on PostgreSQL"
cmp -s "$WORK/closed-sqlite.json" "$WORK/closed-pg.json" || fail "kpi of a closed period differs between the stores"
ok "report, close, export statline and xlsx on PostgreSQL: the same output as on SQLite"

runs=0
uri=$(pg_new_database)
for case_dir in "$RK_TEST_DATA"/golden/*/; do
  case_name=$(basename "$case_dir")
  mkdir -p "$WORK/golden/$case_name"
  cp "$case_dir"/*.csv "$WORK/golden/$case_name/"
  sq="$WORK/golden/$case_name.db"
  pg_reset_database "$uri"
  "$RK_BIN" import --db "$sq" "$WORK/golden/$case_name" >/dev/null || [ $? -eq 3 ] || fail "$case_name: SQLite import"
  "$RK_BIN" import --db "$uri" --rejects "$WORK/r.csv" "$WORK/golden/$case_name" >/dev/null || [ $? -eq 3 ] ||
    fail "$case_name: PostgreSQL import"
  config=()
  [ -f "$case_dir/config.json" ] && config=(--config "$case_dir/config.json")
  expected_files=("$case_dir"/expected*.json)
  if [ ! -e "${expected_files[0]}" ]; then
    # A case checked by another test (e.g. the StatLine tables) has no kpi expectations of its
    # own: compare the whole years its records may span.
    same_kpi "$case_name/all" "$sq" "$uri" --from 2018-01-01 --to 2022-12-31 "${config[@]}"
    runs=$((runs + 1))
    continue
  fi
  for expected in "${expected_files[@]}"; do
    mapfile -t args < <(jq -r '.args | to_entries[] | "--\(.key)", .value' "$expected")
    same_kpi "$case_name/$(basename "$expected")" "$sq" "$uri" "${args[@]}" "${config[@]}"
    runs=$((runs + 1))
  done
done
[ "$runs" -ge 10 ] || fail "only $runs golden runs"
ok "golden datasets: identical kpi --format json from both stores in $runs runs"

# iJw messages (the import's ledger lives in the meta table).
"$RK_BIN" generate --dir "$WORK/gen" --clients 300 --ijw >/dev/null
ijw=$(pg_new_database)
ijw_in=("$WORK/gen/csv/municipalities.csv" "$WORK/gen/csv/providers.csv" "$WORK/gen/ijw")
"$RK_BIN" import --db "$WORK/ijw.db" "${ijw_in[@]}" >"$WORK/ijw-sqlite.out" || [ $? -eq 3 ] || fail "iJw import into SQLite"
"$RK_BIN" import --db "$ijw" --rejects "$WORK/r.csv" "${ijw_in[@]}" >"$WORK/ijw-pg.out" || [ $? -eq 3 ] || fail "iJw import into PostgreSQL"
diff <(grep -v '^import in\|^momentopname' "$WORK/ijw-sqlite.out") <(grep -v '^import in\|^momentopname' "$WORK/ijw-pg.out") >&2 ||
  fail "the iJw import summaries differ"
[ "$(pg_psql "$ijw" -At -c "SELECT count(*) FROM trajectories")" -gt 100 ] || fail "iJw: too few trajectories"
same_kpi ijw "$WORK/ijw.db" "$ijw" --from 2019-01-01 --to 2021-12-31
ok "iJw messages: same import summary and identical kpi output from both stores"

# --- bad input: exit codes and reject files --------------------------------------------------
cases=0
uri=$(pg_new_database)
for dir in "$RK_TEST_DATA"/bad/*/; do
  name=$(basename "$dir")
  want=$(awk '$1 == "exit" {print $2}' "$dir/expect")
  pg_reset_database "$uri"
  set +e
  "$RK_BIN" import --db "$uri" --rejects "$WORK/bad-$name.csv" "$dir" >"$WORK/bad.out" 2>&1
  got=$?
  "$RK_BIN" import --db "$WORK/bad-$name.db" --rejects "$WORK/bad-$name-sqlite.csv" "$dir" >/dev/null 2>&1
  set -e
  [ "$got" -eq "$want" ] || fail "$name: exit $got on PostgreSQL, expected $want: $(tail -3 "$WORK/bad.out")"
  if [ -f "$WORK/bad-$name-sqlite.csv" ]; then
    cmp -s "$WORK/bad-$name.csv" "$WORK/bad-$name-sqlite.csv" || fail "$name: reject files differ between the stores"
  fi
  cases=$((cases + 1))
done
ok "$cases bad-input cases: expected exit codes, the same reject files as with SQLite"

# --- no BSN anywhere -------------------------------------------------------------------------
python3 - "$WORK/demo/clients.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, newline="", encoding="utf-8-sig")))
head = rows[0]
r = list(rows[1])
r[head.index("client_id")] = "CX00001"
r[head.index("bsn")] = "111222333"
r[head.index("municipality")] = "GM9999"
with open(path, "a", newline="") as f:
    csv.writer(f, lineterminator="\n").writerow(r)
PY
awk -F, 'NR>1 && $2!="" {print $2}' "$WORK/demo/clients.csv" | sort -u >"$WORK/bsns"
[ "$(wc -l <"$WORK/bsns")" -gt 100 ] || fail "the dataset should carry BSNs"
bsn_db=$(pg_new_database)
mkdir "$WORK/out"
set +e
"$RK_BIN" import --db "$bsn_db" --rejects "$WORK/out/rejects.csv" "$WORK/demo" >"$WORK/out/import.log" 2>&1
code=$?
set -e
[ "$code" -eq 3 ] || fail "import with a bad row should exit 3, got $code"
for t in $(pg_psql "$bsn_db" -At -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"); do
  pg_psql "$bsn_db" -c "COPY \"$t\" TO STDOUT" >>"$WORK/out/dump.txt"
done
[ "$(wc -l <"$WORK/out/dump.txt")" -gt 60000 ] || fail "the dump of the store looks empty"
cp "$WORK"/cache/* "$WORK/out/"
hits=$(grep -a -F -l -f "$WORK/bsns" "$WORK"/out/* || true)
[ -z "$hits" ] || fail "a BSN was found in: $hits"
ok "no BSN in the PostgreSQL store, its snapshot cache, the reject file or the output"

# --- clear errors ------------------------------------------------------------------------------
set +e
REGIEKAMER_KEY_FILE="" "$RK_BIN" import --db "$pg" "$WORK/demo" >/dev/null 2>"$WORK/err"
code=$?
set -e
[ "$code" -eq 2 ] || fail "a PostgreSQL store without a key should exit 2, got $code"
grep -q -- "--key" "$WORK/err" || fail "the message should name --key: $(cat "$WORK/err")"
ok "no key for a PostgreSQL store: exit 2, $(head -1 "$WORK/err")"
set +e
"$RK_BIN" kpi --db "postgresql://anna:geheim@127.0.0.1:1/rk?connect_timeout=3" --from 2020-01-01 --to 2020-12-31 >/dev/null 2>"$WORK/err"
code=$?
set -e
[ "$code" -eq 1 ] || fail "an unreachable server should exit 1, got $code"
grep -q "geheim" "$WORK/err" && fail "the password is in the message: $(cat "$WORK/err")"
grep -q "PostgreSQL" "$WORK/err" || fail "the message should say what failed: $(cat "$WORK/err")"
ok "unreachable server: exit 1 without the password: $(head -c 120 "$WORK/err")"
done_checks
