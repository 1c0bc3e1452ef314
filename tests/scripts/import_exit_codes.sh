#!/usr/bin/env bash
# The program itself over the bad-input corpus (tests/data/bad/*/expect): the exit code is the one
# expected, a reject file names every bad line, and usage errors and failures give 2 and 1.
source "$(dirname "$0")/lib/common.bash"

for dir in "$RK_TEST_DATA"/bad/*/; do
  name=$(basename "$dir")
  want=$(awk '$1 == "exit" {print $2}' "$dir/expect")
  [ -n "$want" ] || fail "$name: no exit line in expect"
  db="$WORK/$name.db"
  set +e
  "$RK_BIN" import --db "$db" "$dir" >"$WORK/$name.out" 2>&1
  got=$?
  set -e
  [ "$got" -eq "$want" ] || fail "$name: exit $got, expected $want: $(tail -3 "$WORK/$name.out")"
  rejected=$(awk '$1 == "rejected"' "$dir/expect" | wc -l)
  if [ "$rejected" -gt 0 ]; then
    # Data lines of the reject file (header excluded; records may span lines, so count via csv).
    lines=$(python3 -c "import csv,sys; csv.field_size_limit(sys.maxsize); print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=\"\"))) - 1)" "$db.rejects.csv")
    [ "$lines" -eq "$rejected" ] || fail "$name: $lines reject entries, expected $rejected"
  fi
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = "ok" ] || fail "$name: store integrity"
done
ok "$(ls -d "$RK_TEST_DATA"/bad/*/ | wc -l) bad-input cases: exit codes and reject entries as expected"

set +e
"$RK_BIN" import >/dev/null 2>&1
[ $? -eq 2 ] || fail "import without arguments should exit 2"
"$RK_BIN" import --db "$WORK/x.db" --no-such-flag "$RK_TEST_DATA/bad/19_header_only" >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown flag should exit 2"
"$RK_BIN" import --db "$WORK/x.db" "$WORK/does-not-exist" >/dev/null 2>"$WORK/err"
code=$?
set -e
[ $code -eq 2 ] || fail "a missing input path is wrong usage (exit 2), got $code"
grep -q "does-not-exist" "$WORK/err" || fail "the message should name the missing path"
ok "usage errors and a missing input path exit 2 with a message"

mkdir -p "$WORK/ro"
"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
set +e
"$RK_BIN" import --db "$WORK/ro/sub/none/store.db" "$WORK/demo" >/dev/null 2>"$WORK/err"
code=$?
set -e
[ $code -eq 1 ] || fail "an unopenable store should exit 1, got $code"
ok "an unopenable store exits 1: $(head -1 "$WORK/err")"
done_checks
