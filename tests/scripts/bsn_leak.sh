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
    # A BSN written with dots, with spaces, and with its leading zero lost (as spreadsheets do):
    # read as BSNs (data-contract.md, dialects), the rows rejected for their unknown municipality.
    w.writerow(row("CX00003", "1112.22.333", "GM9999"))
    w.writerow(row("CX00004", "111 222 333", "GM9999"))
    w.writerow(row("CX00005", "12345672", "GM9999"))
PY
# BSN-shaped numbers (9 digits passing the 11-test) outside the bsn column: a client id, a request
# id, a note written with dots, an area name written with spaces. Each rejects its row; the number
# must appear nowhere the import writes. A note with 9 digits failing the 11-test is kept.
python3 - "$WORK/demo" "$WORK/shaped" <<'PY'
import csv, os, sys
demo, out = sys.argv[1:]
def bsn(prefix):  # 8 digits and the check digit that makes the 11-test hold
    s = sum(int(c) * (9 - i) for i, c in enumerate(prefix)) % 11
    assert s <= 9, prefix
    return prefix + str(s)
client, request, note, name = bsn("24681358"), bsn("13572468"), bsn("31415926"), bsn("27182818")
def append(file, change):
    path = os.path.join(demo, file)
    rows = list(csv.reader(open(path, newline="", encoding="utf-8-sig")))
    r = dict(zip(rows[0], rows[1]))
    change(r)
    with open(path, "a", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow([r[c] for c in rows[0]])
append("clients.csv", lambda r: r.update(client_id=client, bsn=""))
append("requests.csv", lambda r: r.update(request_id="AANVR-" + request))
append("measurements.csv", lambda r: r.update(period="2018", note=f"teruggebeld, bsn {note[:4]}.{note[4:6]}.{note[6:]}"))
append("measurements.csv", lambda r: r.update(period="2017", note="dossier 987654321 nagekeken"))
append("areas.csv", lambda r: r.update(area_id="wijk-x", name=f"Wijk {name[:3]} {name[3:6]} {name[6:]}"))
with open(out, "w") as f:
    f.write("\n".join([client, request, note, name]) + "\n")
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
for column in client_id request_id note name; do
  grep -q ",$column,\"waarde lijkt op een BSN (9 cijfers" "$rejects" ||
    fail "the BSN-shaped value in column $column should be rejected there"
done
ok "BSN-shaped values in client_id, request_id, note and name rejected"

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
# The BSN-shaped values outside the bsn column, as digits and as written (with dots or spaces).
hits=$(grep -a -F -l -f "$WORK/shaped" "$WORK"/store/* "$WORK/dump.sql" || true)
[ -z "$hits" ] || fail "a BSN-shaped value from an id or text column was found in: $hits"
for written in "$(sed -n 3p "$WORK/shaped" | sed -E 's/^(....)(..)(...)$/\1.\2.\3/')" \
  "$(sed -n 4p "$WORK/shaped" | sed -E 's/^(...)(...)(...)$/\1 \2 \3/')"; do
  if grep -a -q -F "$written" "$WORK"/store/* "$WORK/dump.sql"; then
    fail "the BSN-shaped value written as '$written' reached the store, snapshot or reject file"
  fi
done
ok "no BSN-shaped value from an id or text column in the store, snapshot, rejects or log"
grep -q "dossier 987654321 nagekeken" "$WORK/dump.sql" ||
  fail "a note with 9 digits failing the 11-test should be kept"
ok "9 digits failing the 11-test are kept in a note"

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
