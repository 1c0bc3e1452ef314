#!/usr/bin/env bash
# Importing the same dataset twice gives the same store: same ids replace, nothing is duplicated.
source "$(dirname "$0")/lib/common.bash"

"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
db="$WORK/store.db"
"$RK_BIN" import --db "$db" "$WORK/demo" >/dev/null
first_counts=$(table_counts "$db")
first_hash=$(data_hash "$db")
clients=$(sqlite3 "$db" "SELECT count(*) FROM clients")
[ "$clients" -eq $(($(wc -l <"$WORK/demo/clients.csv") - 1)) ] || fail "first import: $clients clients"
ok "first import: $clients clients"

"$RK_BIN" import --db "$db" "$WORK/demo" >/dev/null
[ "$(table_counts "$db")" = "$first_counts" ] || fail "row counts changed by the second import"
[ "$(data_hash "$db")" = "$first_hash" ] || fail "content changed by the second import"
[ "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'data_version'")" -eq 2 ] || fail "data_version should count two imports"
ok "second import: identical row counts and content; data_version 2"

# Every file's rows equal the file's data lines: nothing lost, nothing doubled.
for f in "$WORK"/demo/*.csv; do
  name=$(basename "$f" .csv)
  lines=$(($(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))))' "$f") - 1))
  rows=$(sqlite3 "$db" "SELECT count(*) FROM \"$name\"")
  [ "$rows" -eq "$lines" ] || fail "$name: $rows rows in the store, $lines records in the file"
done
ok "every table holds exactly the records of its file"

# A changed record with the same id replaces the old one.
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
"$RK_BIN" import --db "$db" "$WORK/upd/clients.csv" >/dev/null
[ "$(table_counts "$db")" = "$first_counts" ] || fail "an update changed row counts"
[ "$(sqlite3 "$db" "SELECT birth_date FROM clients WHERE client_id = (SELECT min(client_id) FROM clients)")" = "2010-01-01" ] || fail "the updated record was not replaced"
ok "an updated record replaces the old one"
done_checks
