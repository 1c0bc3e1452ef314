#!/usr/bin/env bash
# The BSNs of an import appear nowhere: not in the store (or anything beside it), the reject
# file, or the program's output and log.
source "$(dirname "$0")/lib/common.bash"

"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
# Add rejected rows that carry a valid BSN (unknown municipality) and an invalid one, so the reject
# file has BSNs to leak.
python3 - "$WORK/demo/clients.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, newline="", encoding="utf-8-sig")))
head = rows[0]
def row(cid, bsn, muni):
    r = list(rows[1])
    r[head.index("client_id")] = cid
    r[head.index("bsn")] = bsn
    r[head.index("municipality")] = muni
    return r
with open(path, "a", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(row("CX00001", "111222333", "GM9999"))   # valid 11-test, unknown municipality
    w.writerow(row("CX00002", "123456789", rows[1][head.index("municipality")]))  # fails 11-test
PY
awk -F, 'NR>1 && $2!="" {print $2}' "$WORK/demo/clients.csv" | sort -u >"$WORK/bsns"
n=$(wc -l <"$WORK/bsns")
[ "$n" -gt 100 ] || fail "the dataset should carry BSNs (found $n)"
ok "$n distinct BSNs in the input"

mkdir "$WORK/store"
db="$WORK/store/regiekamer.db"
set +e
"$RK_BIN" import --db "$db" "$WORK/demo" >"$WORK/store/import.log" 2>&1
code=$?
set -e
[ "$code" -eq 3 ] || fail "import should report the two rejected rows with exit 3, got $code"
rejects="$WORK/store/regiekamer.db.rejects.csv"
[ "$(grep -c 'CX0000' "$rejects")" -eq 2 ] || fail "both bad rows should be in the reject file"
ok "import done, two rows rejected"

# Search every file the import wrote (store, journal, key, rejects, snapshot, log), as bytes.
hits=$(grep -a -F -l -f "$WORK/bsns" "$WORK"/store/* || true)
[ -z "$hits" ] || fail "a BSN was found in: $hits"
ok "no BSN in $(ls "$WORK/store" | tr '\n' ' ')"
# Also as text in a plain dump of the store (in case of compressed or encoded pages).
sqlite3 "$db" .dump >"$WORK/dump.sql"
if grep -q -F -f "$WORK/bsns" "$WORK/dump.sql"; then fail "a BSN is in the store dump"; fi
ok "no BSN in the store dump"
grep -q "123456789" "$WORK/dump.sql" "$rejects" && fail "the invalid BSN leaked"
ok "the invalid BSN is masked in the reject file"
done_checks
