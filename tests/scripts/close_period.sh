#!/usr/bin/env bash
# Issue 4, acceptance 5: import the demo data, close 2020H2, change records by importing changed
# CSV rows, and check that the report keeps the frozen figures and lists the differences, that kpi
# still prints the current figures while its JSON lists exactly the figures that changed (frozen
# against current, read from kpi runs before and after the change); closing twice is refused,
# --force closes again.
source "$(dirname "$0")/lib/common.bash"

"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
db="$WORK/store.db"
# A fixed store key, so that the perturbed figures of the municipality's view below are the same
# in every run: with perturbation, a change of one or two records can, by chance, publish the same
# values as before (with this key it does not, and the check below sees the differences).
printf 'regiekamer-close-period-test-ke2' >"$db.key"
chmod 600 "$db.key"
"$RK_BIN" import --db "$db" "$WORK/demo" >/dev/null
kpi() { "$RK_BIN" kpi --db "$db" --from 2020-07-01 --to 2020-12-31 "$@"; }
kpi --format json >"$WORK/before.json"

"$RK_BIN" close --db "$db" --period 2020H2 >"$WORK/close.out"
grep -q "periode 2020H2 afgesloten op 20[0-9-]*T[0-9:]*Z" "$WORK/close.out" || fail "close: $(cat "$WORK/close.out")"
hash=$(sed -n 's/^hash //p' "$WORK/close.out")
[ ${#hash} -eq 64 ] || fail "close printed no SHA-256 hash"
ok "2020H2 closed, hash $hash"

set +e
"$RK_BIN" close --db "$db" --period 2020-07-01..2020-12-31 2>"$WORK/twice.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "closing twice: exit $rc, expected 1"
grep -q "al afgesloten" "$WORK/twice.err" || fail "closing twice: $(cat "$WORK/twice.err")"
ok "closing the same period twice is refused (exit 1, clear message)"

kpi --format json >"$WORK/closed.json"
python3 - "$WORK/closed.json" "$hash" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["closed"]
assert c["period"] == "2020H2" and c["hash"] == sys.argv[2], c
assert c["differences"] == [], c["differences"]
PY
ok "kpi json of the closed period: closing block, no differences yet"

# The report sets every figure beside the previous period's: closing 2020H1 too freezes those.
"$RK_BIN" close --db "$db" --period 2020H1 >/dev/null
"$RK_BIN" report --db "$db" --period 2020H2 --out "$WORK/report-closed" >/dev/null
ok "2020H1 closed; report of the closed period before any change"

# Change two trajectories: one that ended in 2020H2 according to plan now ended early (client),
# and the only trajectory of a client in care on 2020-07-01 now starts on 2020-08-01, which moves
# the CBS table (clients.start) of the report.
python3 - "$WORK/demo/trajectories.csv" "$WORK/upd" >"$WORK/changed.txt" <<'PY'
import csv, collections, os, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
h = rows[0]
col = {name: i for i, name in enumerate(h)}
ended = next(r for r in rows[1:] if r[col["end_reason"]] == "plan"
             and "2020-07-01" <= r[col["end_date"]] <= "2020-12-31")
ended[col["end_reason"]] = "client"
per_client = collections.Counter(r[col["client_id"]] for r in rows[1:])
moved = next(r for r in rows[1:] if per_client[r[col["client_id"]]] == 1 and r is not ended
             and r[col["start_date"]] < "2020-06-01" and r[col["end_date"]] == "")
moved[col["start_date"]] = "2020-08-01"
os.makedirs(sys.argv[2], exist_ok=True)
with open(os.path.join(sys.argv[2], "trajectories.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(h)
    w.writerow(ended)
    w.writerow(moved)
print(ended[col["municipality"]])
PY
"$RK_BIN" import --db "$db" "$WORK/upd/trajectories.csv" >/dev/null || fail "the changed rows were rejected"
ok "two trajectories changed"

kpi --format json >"$WORK/after.json"
python3 - "$WORK/before.json" "$WORK/after.json" <<'PY'
import json, sys
before = json.load(open(sys.argv[1]))
after = json.load(open(sys.argv[2]))

# Expected differences, from the two kpi documents themselves (an independent path).
def flat(doc):
    out = {}
    for ind, o in doc["indicators"].items():
        if "value" in o: out[(ind, "", "", "")] = o["value"]
        for dim, cells in o.get("breakdown", {}).items():
            for k, cell in cells.items():
                if isinstance(cell, dict):
                    if "value" in cell: out[(ind, dim, k, "")] = cell["value"]
                else:
                    out[(ind, dim, k, "")] = cell
    return out
b, a = flat(before), flat(after)
expected = {k for k in b.keys() | a.keys() if b.get(k) != a.get(k)}
assert expected, "the change moved no figure"
got = {(d["indicator"], d["dimension"], d["key"], d["part"]) for d in after["closed"]["differences"]}
simple = {k for k in got if k in b or k in a}
assert expected == simple, f"expected {sorted(expected)}, listed {sorted(got)}"
for d in after["closed"]["differences"]:
    k = (d["indicator"], d["dimension"], d["key"], d["part"])
    if k in b:
        assert d["frozen"] == b[k] and d["current"] == a[k], d
# kpi keeps printing the current figures.
assert after["indicators"]["outcome.end_reasons"] != before["indicators"]["outcome.end_reasons"]
assert ("outcome.end_reasons", "end_reason", "plan", "") in got
assert ("clients.start", "", "", "") in got
print(f"{len(got)} differences listed")
PY
ok "kpi json lists the changed figures with frozen and current values"

kpi --format csv >"$WORK/after.csv" 2>"$WORK/after.err"
grep -q "periode 2020H2 is afgesloten" "$WORK/after.err" || fail "csv: no notice on stderr"
grep -q "outcome.end_reasons end_reason: plan" "$WORK/after.err" || fail "csv notice: $(cat "$WORK/after.err")"
head -1 "$WORK/after.csv" | grep -q "^indicator,dimension" || fail "csv output changed by the notice"
ok "kpi csv prints the current figures and the differences on stderr"

# The report of the closed period keeps the frozen figures: apart from the closing section its
# HTML is the report written before the change; the closing section lists the changed figures.
"$RK_BIN" report --db "$db" --period 2020H2 --out "$WORK/report-changed" >/dev/null
python3 - "$WORK/report-closed/report.html" "$WORK/report-changed/report.html" "$WORK/before.json" "$WORK/after.json" "$hash" <<'PY'
import json, re, sys
closed, changed = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
before, after = (json.load(open(p)) for p in sys.argv[3:5])
section = re.compile(r'<section class="closing".*?</section>', re.S)
assert section.search(closed) and section.search(changed), "no closing section"
assert "geen enkel cijfer veranderd" in section.search(closed).group(0)
assert sys.argv[5] in section.search(changed).group(0), "hash missing"
assert section.sub("", closed) == section.sub("", changed), "the report's figures changed"
def dutch(n):
    return f"{n:,}".replace(",", ".")
b = before["indicators"]["clients.start"]["value"]
a = after["indicators"]["clients.start"]["value"]
assert a != b
block = section.search(changed).group(0)
row = re.search(r"<tr>(?:(?!</tr>).)*\(clients\.start\)(?:(?!</tr>).)*</tr>", block, re.S)
assert row, "clients.start is not listed"
cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row.group(0), re.S)
assert dutch(b) in cells and dutch(a) in cells, cells
assert dutch(b) in section.sub("", changed), "the frozen clients.start is not in the report"
PY
ok "report of the closed period: frozen figures, the closing section lists the differences"
pdftotext "$WORK/report-changed/report.pdf" "$WORK/report-changed.txt"
grep -q "Afsluiting" "$WORK/report-changed.txt" || fail "the PDF has no closing section"
grep -q "Bevroren" "$WORK/report-changed.txt" || fail "the PDF lists no differences"
ok "the PDF shows the closing section with the differences"

# A municipality's view: the same reading with its suppression.
muni=$(cat "$WORK/changed.txt")
kpi --municipality "$muni" --role municipality --format json >"$WORK/muni.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["closed"]["differences"], d["closed"]' "$WORK/muni.json"
ok "kpi for $muni shows its differences"

"$RK_BIN" close --db "$db" --period 2020H2 --force >"$WORK/force.out"
kpi --format json | python3 -c 'import json,sys; assert json.load(sys.stdin)["closed"]["differences"] == []'
ok "--force closes again with the current figures"
done_checks
