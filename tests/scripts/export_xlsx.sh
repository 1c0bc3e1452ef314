#!/usr/bin/env bash
# Issue 4, acceptance 4: the Excel workbook of the demo dataset opens in LibreOffice (headless),
# every sheet converts to CSV, and every figure equals `kpi --format csv` for the same period,
# scope and role, to the displayed precision; numbers are stored as numbers, not text.
source "$(dirname "$0")/lib/common.bash"

"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
db="$WORK/store.db"
"$RK_BIN" import --db "$db" "$WORK/demo" >/dev/null

check() {  # check NAME ARGS...: export, convert every sheet and compare with kpi
  local name=$1
  shift
  "$RK_BIN" export xlsx --db "$db" --from 2020-07-01 --to 2020-12-31 "$@" --out "$WORK/$name.xlsx" >/dev/null
  "$RK_BIN" kpi --db "$db" --from 2020-07-01 --to 2020-12-31 "$@" --format csv >"$WORK/$name.kpi.csv"
  # The CSV filter's token 12 (-1) writes every sheet as NAME-SHEET.csv.
  soffice -env:UserInstallation="file://$WORK/lo-profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$WORK/$name.sheets" "$WORK/$name.xlsx" >/dev/null 2>&1
  python3 - "$WORK/$name.xlsx" "$WORK/$name.kpi.csv" "$WORK/$name.sheets" "$name" <<'PY'
import csv, os, re, sys, zipfile
xlsx, kpi_csv, sheets, name = sys.argv[1:]
prefix = os.path.splitext(os.path.basename(xlsx))[0] + "-"

def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))

# The index sheet maps sheet names to indicator ids.
index = read(os.path.join(sheets, prefix + "Inhoud.csv"))
start = next(i for i, r in enumerate(index) if r[:2] == ["Blad", "Indicator"]) + 1
sheet_of = {r[1]: r[0] for r in index[start:] if r and r[0]}
kpi = read(kpi_csv)[1:]
ids = list(dict.fromkeys(r[0] for r in kpi))
assert set(ids) == set(sheet_of), f"indicators differ: {set(ids) ^ set(sheet_of)}"
names = list(sheet_of.values())
assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == len(names)
files = [f for f in os.listdir(sheets) if f.endswith(".csv")]
assert len(files) == len(ids) + 1, f"{len(files)} sheets converted for {len(ids)} indicators"

def same(a, b):
    if a == b:
        return True
    try:
        return round(float(a), 2) == round(float(b), 2)  # at most two decimals are displayed
    except ValueError:
        return False

compared = 0
status_nl = {"green": "op norm", "yellow": "binnen marge", "red": "onder norm", "none": "geen oordeel", "": ""}
for ind in ids:
    rows = read(os.path.join(sheets, prefix + sheet_of[ind] + ".csv"))
    head = next(i for i, r in enumerate(rows) if r[:1] == ["Uitsplitsing"])
    got = [r for r in rows[head + 1:] if any(r)]
    want = [r for r in kpi if r[0] == ind]
    assert len(got) == len(want), f"{ind}: {len(got)} rows in the sheet, {len(want)} in kpi"
    # Columns: Uitsplitsing (Dutch), Sleutel (the code), Naam, Onderdeel (Dutch), Waarde, Teller,
    # Noemer, Status, Opmerking.
    for g, w in zip(got, want):
        assert g[1] == w[2], f"{ind}: key {g[1]} against {w[2]}"
        assert bool(g[0]) == bool(w[1]) and bool(g[3]) == bool(w[3]), f"{ind}: {g[0:4]} against {w[1:4]}"
        assert bool(g[2]) == bool(w[2]), f"{ind}: a key without its name: {g[0:4]}"
        if w[1] in ("municipality", "provider", "area"):
            assert g[2] != w[2], f"{ind}: the name of {w[2]} is its code"
        for col_sheet, col_kpi in ((4, 4), (5, 5), (6, 6)):
            if col_sheet == 4 and w[4] in ("running", "embedded"):
                assert g[4] in ("lopend", "geborgd"), f"{ind}: text {g[4]!r}"
                continue
            assert same(g[col_sheet], w[col_kpi]), f"{ind} {w[1:4]}: {g[col_sheet]!r} != {w[col_kpi]!r}"
            compared += 1
        assert g[7] == status_nl[w[7]], f"{ind}: status {g[7]} against {w[7]}"
        if w[4] == "" and g[4] == "":
            pass
        elif w[4] == "<5":
            assert "privacy" in g[8], f"{ind}: a <5 cell without its note"

# Numbers are numbers: the total of clients.start is a numeric cell with a count format.
with zipfile.ZipFile(xlsx) as z:
    wb = z.read("xl/workbook.xml").decode()
    sheet_ids = re.findall(r'<sheet name="([^"]+)" sheetId="(\d+)"', wb)
    number = dict(sheet_ids)[sheet_of["clients.start"]]
    xml = z.read(f"xl/worksheets/sheet{number}.xml").decode()
    cell = re.search(r'<c r="E5"([^>]*)><v>([^<]*)</v>', xml)
    assert cell and 't="s"' not in cell.group(1), "E5 of clients.start is not a number"
    styles = z.read("xl/styles.xml").decode()
    assert 'formatCode="#,##0"' in styles and 'formatCode="0.0"' in styles
print(f"{name}: {compared} figures of {len(ids)} sheets equal kpi")
PY
}

check analyst
ok "analyst workbook: every sheet converts and equals kpi --format csv"
check municipality --municipality GM0917 --role municipality
ok "municipality workbook (with suppression) equals kpi --format csv"
grep -q '^[^,]*,[^,]*,[^,]*,[^,]*,<5,' "$WORK/municipality.kpi.csv" || fail "no <5 cell was compared"
ok "suppressed cells were part of the comparison"
done_checks
