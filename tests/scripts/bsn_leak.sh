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
    # A BSN written with dots, with spaces, and with its leading zero lost (as spreadsheets do).
    w.writerow(row("CX00003", "1112.22.333", rows[1][head.index("municipality")]))
    w.writerow(row("CX00004", "111 222 333", rows[1][head.index("municipality")]))
    w.writerow(row("CX00005", "12345672", rows[1][head.index("municipality")]))
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
[ "$code" -eq 3 ] || fail "import should report the rejected rows with exit 3, got $code"
rejects="$WORK/store/regiekamer.db.rejects.csv"
[ "$(grep -c 'CX0000' "$rejects")" -eq 5 ] || fail "all five bad rows should be in the reject file"
ok "import done, five rows rejected"

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
for variant in "1112.22.333" "111 222 333" "12345672"; do
  if grep -q -F "$variant" "$rejects" "$WORK/store/import.log"; then
    fail "the BSN written as '$variant' reached the reject file or the output"
  fi
done
ok "BSNs written with dots, spaces or a lost leading zero are blanked"

# A clients file without a header: its first row is read as the header and must not be echoed.
mkdir "$WORK/noheader"
cp "$WORK/demo/municipalities.csv" "$WORK/noheader/"
awk -F, 'NR>1 && $2!="" && n<2 {print; n++}' "$WORK/demo/clients.csv" >"$WORK/noheader/clients.csv"
first_bsn=$(head -1 "$WORK/noheader/clients.csv" | cut -d, -f2)
[ -n "$first_bsn" ] || fail "the first client should carry a BSN"
set +e
"$RK_BIN" import --db "$WORK/noheader/s.db" "$WORK/noheader" >"$WORK/noheader.log" 2>&1
set -e
if grep -q -F "$first_bsn" "$WORK/noheader.log" "$WORK"/noheader/s.db*; then
  fail "the BSN of a header-less file's first row was echoed"
fi
ok "a header-less file's first row is not echoed"
done_checks
