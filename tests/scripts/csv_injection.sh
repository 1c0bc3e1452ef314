#!/usr/bin/env bash
# CSV injection (docs/privacy.md, CSV-injectie): text from the data that starts like a formula
# (=HYPERLINK(…), +1+1, @SUM(1), -2+3) reaches `kpi --format csv` (as GP practice ids, a breakdown
# key) and the reject file (rejected records that start with it: unknown municipality, and a
# quote inside an unquoted field, whose record is the raw line). Both files are opened in
# headless LibreOffice Calc with formula evaluation on, as a user's spreadsheet would open them:
# every such cell must be text (prefixed with '), none a formula; negative figures stay numbers.
source "$(dirname "$0")/lib/common.bash"

"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
python3 - "$WORK/demo" <<'PY'
import csv, os, sys
demo = sys.argv[1]
payloads = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(1)", "-2+3"]
raw_payloads = ['=HYPERLINK("http://x";"y")', "+1+1", "@SUM(1)", "-2+3"]

def rewrite(name, change):
    path = os.path.join(demo, name)
    rows = list(csv.reader(open(path, newline="", encoding="utf-8-sig")))
    change(rows[0], rows)
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)

def gp_practices(head, rows):  # four GP requests of 2020H2 name a practice with a payload
    todo = list(payloads)
    for r in rows[1:]:
        if todo and r[head.index("referrer")] == "gp" and "2020-08" <= r[head.index("received_at")] < "2021":
            r[head.index("gp_practice")] = todo.pop()
    assert not todo

rewrite("requests.csv", gp_practices)
# Rejected area rows written as raw lines, each starting with a payload.
with open(os.path.join(demo, "areas.csv"), "a") as f:
    for p in raw_payloads:
        f.write(p + ",Wijk,GM9999,\n")
PY

db="$WORK/store.db"
set +e
"$RK_BIN" import --db "$db" "$WORK/demo" >"$WORK/import.log" 2>&1
code=$?
set -e
[ "$code" -eq 3 ] || fail "import should reject the four areas with exit 3, got $code"
mkdir "$WORK/csv"
cp "$db.rejects.csv" "$WORK/csv/rejects.csv"
"$RK_BIN" kpi --db "$db" --from 2020-07-01 --to 2020-12-31 --format csv >"$WORK/csv/kpi.csv"
ok "kpi --format csv and the reject file written"

# Token 13 (true) evaluates formulas on import, as Excel always does; 1033: '.' decimal point.
for f in "$WORK"/csv/*.csv; do
  soffice -env:UserInstallation="file://$WORK/lo-profile" --headless \
    --infilter='Text - txt - csv (StarCalc):44,34,76,1,,1033,false,false,false,false,false,-1,true' \
    --convert-to fods --outdir "$WORK/fods" "$f" >/dev/null 2>&1
done
python3 - "$WORK/fods" <<'PY' || fail "a cell of a CSV file opens as a formula"
import os, sys
import xml.etree.ElementTree as ET

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
payloads = {"kpi.fods": ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(1)", "-2+3"],
            "rejects.fods": ['=HYPERLINK("http://x";"y")', "+1+1", "@SUM(1)", "-2+3"]}

def cells(path):
    for cell in ET.parse(path).getroot().iter(TABLE + "table-cell"):
        text = "\n".join("".join(p.itertext()) for p in cell.iter(TEXT + "p"))
        yield cell.get(TABLE + "formula"), cell.get(OFFICE + "value-type"), cell.get(OFFICE + "value"), text

errors = []
for name, where in (("kpi.fods", "kpi --format csv"), ("rejects.fods", "reject file")):
    all_cells = list(cells(os.path.join(sys.argv[1], name)))
    formulas = [c for c in all_cells if c[0]]
    if formulas:
        errors.append(f"{where}: {len(formulas)} formula cells, e.g. {formulas[0][0]}")
    for p in payloads[name]:
        # The payload's own cell, or a cell that shows its formula result (y for HYPERLINK).
        hits = [c for c in all_cells if p in c[3]]
        if not hits:
            errors.append(f"{where}: no text cell holds {p!r}")
        for formula, kind, value, text in hits:
            if kind != "string" or not text.startswith("'" + p):
                errors.append(f"{where}: {p!r} opened as {kind} {text!r}, not as text '{p}")
    print(f"ok: {where}: {len(all_cells)} cells, none a formula; every payload is text")
    if name == "kpi.fods":
        negative = [c for c in all_cells if c[1] == "float" and float(c[2]) < 0]
        if not negative:
            errors.append("kpi --format csv: no negative figure opened as a number")
        else:
            print(f"ok: {len(negative)} negative figures opened as numbers, e.g. {negative[0][2]}")
for e in errors:
    print("FAIL:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
ok "LibreOffice opens every data value as text, no cell as a formula"
done_checks
