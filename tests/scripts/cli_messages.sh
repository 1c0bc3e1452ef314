#!/usr/bin/env bash
# The command line answers a wrong use in Dutch, with exit code 2 (cli.md): CLI11's own messages
# (missing or unknown option, value out of range, missing or unknown command) and the checks the
# commands share (dates, period, role, scope). A failure is 1, --help is 0.
source "$(dirname "$0")/lib/common.bash"

# expect CODE TEXT ARGS…: the program exits CODE and says TEXT on stderr, in Dutch.
expect() {
  local want=$1 text=$2
  shift 2
  set +e
  "$RK_BIN" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  local got=$?
  set -e
  [ "$got" -eq "$want" ] || fail "regiekamer $*: exit $got, expected $want: $(cat "$WORK/err")"
  grep -qF -- "$text" "$WORK/err" || fail "regiekamer $*: no '$text' in: $(cat "$WORK/err")"
  if grep -qE "required|not expected|Could not convert|not in range|Run with|expected|found '" \
    "$WORK/err"; then
    fail "regiekamer $*: English on stderr: $(cat "$WORK/err")"
  fi
}

db="$WORK/none.db"
expect 2 "kies een opdracht: import, demo"
expect 2 "onbekende opdracht 'frobnicate'" frobnicate
expect 2 "regiekamer kpi: --db is verplicht" kpi
expect 2 "--db: de waarde ontbreekt" kpi --db
expect 2 "niet verwacht: --bogus" kpi --db "$db" --from 2020-01-01 --to 2020-12-31 --bogus
expect 2 "--db: hoogstens 1 keer toegestaan" kpi --db a --db b --from 2020-01-01 --to 2020-12-31
expect 2 "--port: verwacht een getal van 0 tot en met 65535, gevonden '70000'" serve --db "$db" --port 70000
expect 2 "--seed: ongeldige waarde 'abc'" generate --dir "$WORK/gen" --seed abc
expect 2 "regiekamer user: kies een opdracht: add, remove" user
expect 2 "regiekamer export xlsx: --out is verplicht" export xlsx --db "$db" --from 2020-01-01 --to 2020-12-31
ok "CLI11's messages are Dutch and name the command"

expect 2 "--from: verwacht een datum JJJJ-MM-DD, gevonden '2020-13-01'" kpi --db "$db" --from 2020-13-01 --to 2020-12-31
expect 2 "--from 2020-06-01 ligt na --to 2020-01-31" kpi --db "$db" --from 2020-06-01 --to 2020-01-31
expect 2 "--role: verwacht analyst, municipality of public" kpi --db "$db" --from 2020-01-01 --to 2020-12-31 --role mayor
expect 2 "--role municipality vraagt om --municipality CODE" kpi --db "$db" --from 2020-01-01 --to 2020-12-31 --role municipality
expect 2 "--quadrant: verwacht K1, K2 of K3" export statline --db "$db" --from 2020-01-01 --to 2020-12-31 --quadrant K4 --out "$WORK/x.csv"
expect 2 "--format: verwacht json, csv of table" kpi --db "$db" --from 2020-01-01 --to 2020-12-31 --format xml
expect 2 "--period: verwacht 2020H2" close --db "$db" --period 2020H3
expect 2 "--period: verwacht 2020H2" report --db "$db" --period 2020H3 --out "$WORK/r"
ok "the shared checks of dates, period, role and scope are Dutch usage errors"

expect 1 "regiekamer kpi: geen gegevensbestand $db" kpi --db "$db" --from 2020-01-01 --to 2020-12-31
expect 1 "regiekamer user: geen gegevensbestand $db" user list --db "$db"
[ ! -e "$db" ] || fail "a missing store was created"
"$RK_BIN" kpi --help >/dev/null || fail "kpi --help should exit 0"
ok "a missing store is a failure (1) and is not created; --help exits 0"
done_checks
