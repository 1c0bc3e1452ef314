#!/usr/bin/env bash
# Issue 14, acceptance 3: no code reaches a view without its label. Every view's output of the
# demo dataset is read as a person reads it and searched for bare codes: municipality codes
# (GM0917), area ids (hoensbroek), 8-digit AGB codes (73000001), snake_case words (admin_burden),
# the contract's enum codes (gp, treatment …) and period keys (2020Q1, 2020H2, 2020-W01, 2020-07).
# Views: `kpi --format table` (analyst and municipality), the report's HTML (text, not attributes)
# and PDF text, the xlsx cell texts, the StatLine CSV, the server's chart SVGs (text, titles and
# labels, not data-key) of every indicator, and the `labels` of the JSON document, which must name
# every dimension, key, part and period the document holds.
#
# Codes shown on purpose, each excluded here by name (docs/vocabulary.md):
#  - the indicator id (clients.start): the kpi table's first column (the name `kpi --explain`
#    takes), the xlsx index's columns Blad and Indicator and the "(id)" after a sheet's title;
#  - the xlsx column Sleutel: the key's code beside its name (column Naam), for joining files;
#  - the StatLine CSV's columns Gemeente and Perioden: the codes CBS keys its tables by.
source "$(dirname "$0")/lib/common.bash"

"$RK_BIN" generate --profile demo --dir "$WORK/data" >/dev/null 2>&1 || fail "generate"
db="$WORK/demo.db"
"$RK_BIN" import --db "$db" "$WORK/data" >/dev/null 2>&1 || fail "import"
range=(--from 2020-07-01 --to 2020-12-31)
out="$WORK/views"
mkdir -p "$out"

# The views, written to files the checker below reads.
"$RK_BIN" kpi --db "$db" "${range[@]}" --format table >"$out/table-analyst.txt"
"$RK_BIN" kpi --db "$db" "${range[@]}" --municipality GM0917 --role municipality --format table \
  >"$out/table-municipality.txt"
"$RK_BIN" kpi --db "$db" "${range[@]}" --format json >"$out/kpi.json"
"$RK_BIN" kpi --db "$db" --from 2020-01-01 --to 2020-12-31 --municipality GM0917 \
  --role municipality --format json >"$out/kpi-municipality.json"
"$RK_BIN" report --db "$db" --period 2020H2 --out "$out/report" >/dev/null || fail "report"
pdftotext -layout "$out/report/report.pdf" "$out/report.txt" || fail "pdftotext"
"$RK_BIN" export xlsx --db "$db" "${range[@]}" --out "$out/x.xlsx" >/dev/null || fail "xlsx"
"$RK_BIN" export statline --db "$db" "${range[@]}" --out "$out/statline.csv" >/dev/null ||
  fail "statline"

echo "lang-genoeg-wachtwoord" | "$RK_BIN" user add --db "$db" --name ana --role analyst >/dev/null
token=$("$RK_BIN" user token --db "$db" --name ana 2>/dev/null)
"$RK_BIN" serve --db "$db" --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 300); do
  grep -q "http://" "$WORK/serve.out" && break
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$WORK/serve.out") || fail "serve printed no address"
mkdir -p "$out/charts"
charts=0
for id in $(jq -r '.indicators | keys[]' "$out/kpi.json"); do
  code=$(curl -s -o "$out/charts/$id.svg" -w '%{http_code}' -H "Authorization: Bearer $token" \
    "$base/api/charts/$id?from=2020-07-01&to=2020-12-31")
  # 404: an indicator with neither a series nor a breakdown has no chart.
  case $code in
    200) charts=$((charts + 1)) ;;
    404) rm -f "$out/charts/$id.svg" ;;
    *) fail "chart $id: HTTP $code" ;;
  esac
done
[ "$charts" -ge 25 ] || fail "only $charts charts drawn"
ok "views written: kpi tables, report HTML and PDF, xlsx, StatLine, $charts chart SVGs"

python3 - "$out" "$WORK/data/areas.csv" <<'PY' || fail "a view shows a bare code (above)"
import csv, html.parser, json, os, re, sys, zipfile
out, areas_csv = sys.argv[1:]
area_ids = [r["area_id"] for r in csv.DictReader(open(areas_csv, encoding="utf-8"))]
enum_codes = ["gp", "youth_doctor", "medical_specialist", "certified_institution",
              "neighbourhood_team", "court", "self", "mutual", "external", "multi_problem",
              "single", "multiple", "cooperative", "treatment", "support", "diagnostics",
              "referral", "secretariat", "initiatives", "organisation", "running", "embedded",
              "partly", "median", "p90", "opened", "completed", "income", "costs", "total",
              "none", "other", "care", "provider", "municipality", "analyst", "public", "true",
              "false", "yes", "no", "member", "subcontractor", "supplier", "incidental"]
patterns = [
    ("municipality code", re.compile(r"\bGM\d{4}\b")),
    ("AGB code", re.compile(r"(?<![\d.,])\d{8}(?![\d.,])")),
    ("snake_case", re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")),
    ("quarter key", re.compile(r"\b\d{4}Q[1-4]\b")),
    ("half-year key", re.compile(r"\b\d{4}H[12]\b")),
    ("week key", re.compile(r"\b\d{4}-W\d{2}\b")),
    ("month key", re.compile(r"(?<![\w-])\d{4}-\d{2}(?![\d-])")),
    ("range key", re.compile(r"\d{4}-\d{2}-\d{2}\.\.")),
    ("area id", re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, area_ids)) + r")(?![\w-])")),
    ("enum code", re.compile(r"(?<![\w.-])(" + "|".join(enum_codes) + r")(?![\w.-])")),
]
found = []
checked = {}

shown = {}

def check(view, text):
    checked[view] = checked.get(view, 0) + 1
    for what, p in patterns:
        m = p.search(text)
        if m:
            shown[(view, what)] = shown.get((view, what), 0) + 1
            if shown[(view, what)] <= 3:  # a few examples of each kind per view
                found.append(f"{view}: {what} '{m.group(0)}' in: {text.strip()[:160]!r}")
            else:
                found.append("")
            return

# kpi --format table: every line but its first column (the indicator id).
for name in ("table-analyst.txt", "table-municipality.txt"):
    lines = open(os.path.join(out, name), encoding="utf-8").read().splitlines()
    for i, line in enumerate(lines):
        body = line if i < 3 else re.sub(r"^\S+", "", line)
        check(name, body)

# Report HTML: the text a browser shows (titles and aria-labels too), not attributes such as
# data-key.
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        for k, v in attrs:
            if k in ("aria-label", "title", "alt") and v:
                self.parts.append(v)
    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1
    def handle_data(self, data):
        if not self.skip and data.strip():
            self.parts.append(data)

def text_of(path):
    t = Text()
    t.feed(open(path, encoding="utf-8").read())
    return t.parts

for part in text_of(os.path.join(out, "report", "report.html")):
    check("report.html", part)
for line in open(os.path.join(out, "report.txt"), encoding="utf-8"):
    check("report.pdf", line)

# xlsx: the cell texts, without the codes shown on purpose (see the header of this script).
with zipfile.ZipFile(os.path.join(out, "x.xlsx")) as z:
    strings = re.findall(r"<si>(?:<t[^>]*>)(.*?)</t></si>", z.read("xl/sharedStrings.xml").decode())
    unescape = lambda s: s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    strings = [unescape(s) for s in strings]
    sheets = sorted((n for n in z.namelist() if n.startswith("xl/worksheets/sheet")),
                    key=lambda n: int(re.search(r"(\d+)", n).group(1)))
    for number, sheet in enumerate(sheets, 1):
        xml = z.read(sheet).decode()
        for ref, index in re.findall(r'<c r="([A-Z]+\d+)"[^>]*t="s"[^>]*><v>(\d+)</v>', xml):
            column, row = re.match(r"([A-Z]+)(\d+)", ref).groups()
            text = strings[int(index)]
            if number == 1 and column in ("A", "B") and int(row) > 4:
                continue  # the index: sheet name and indicator id
            if number > 1 and column == "B" and int(row) > 4:
                continue  # Sleutel: the code beside its name
            if ref == "A1":
                text = re.sub(r"\s\([a-z0-9_.]+\)$", "", text)  # the title's "(id)"
            check("xlsx", text)

# StatLine: every cell but the columns Gemeente and Perioden of the data rows.
for row in csv.reader(open(os.path.join(out, "statline.csv"), encoding="utf-8"), delimiter=";"):
    cells = row[2:] if len(row) > 2 and re.fullmatch(r"GM\d{4}|Totaal", row[0]) else row
    for cell in cells:
        check("statline.csv", cell)

# Chart SVGs: text, <title> and aria-label.
charts = os.path.join(out, "charts")
for name in sorted(os.listdir(charts)):
    for part in text_of(os.path.join(charts, name)):
        check("chart " + name, part)

# JSON labels: complete for every dimension, key, part and period, and themselves no codes.
def walk_breakdown(dims, cells, labels, where):
    dimension = dims[0]
    for key, cell in cells.items():
        if key not in labels["codes"].get(dimension, {}):
            found.append(f"{where}: no label for {dimension} '{key}'")
        if len(dims) > 1 and isinstance(cell, dict) and not ({"value", "values"} & cell.keys()):
            walk_breakdown(dims[1:], cell, labels, where)

for name in ("kpi.json", "kpi-municipality.json"):
    doc = json.load(open(os.path.join(out, name), encoding="utf-8"))
    labels = doc["labels"]
    for iid, ind in doc["indicators"].items():
        where = f"{name} {iid}"
        if ind["unit"] not in labels["units"]:
            found.append(f"{where}: no label for unit {ind['unit']}")
        if ind.get("status") and ind["status"] not in labels["statuses"]:
            found.append(f"{where}: no label for status {ind['status']}")
        for part in ind.get("values", {}):
            if part not in labels["parts"]:
                found.append(f"{where}: no label for part {part}")
        for point in ind.get("series", []):
            if point["key"] not in labels["periods"] and point["key"] not in labels["codes"].get("series", {}):
                found.append(f"{where}: no label for series key {point['key']}")
            for part in point.get("values", {}):
                if part not in labels["parts"]:
                    found.append(f"{where}: no label for part {part}")
        for dimension, cells in ind.get("breakdown", {}).items():
            if dimension not in labels["dimensions"]:
                found.append(f"{where}: no label for dimension {dimension}")
            walk_breakdown(dimension.split("/"), cells, labels, where)
            for cell in cells.values():
                if isinstance(cell, dict):
                    for part in cell.get("values", {}):
                        if part not in labels["parts"]:
                            found.append(f"{where}: no label for part {part}")
    for group in ("dimensions", "parts", "periods", "units", "statuses", "texts"):
        for word in labels[group].values():
            check(f"{name} labels.{group}", word)
    for dimension, names in labels["codes"].items():
        for word in names.values():
            check(f"{name} labels.codes.{dimension}", word)
    checked[name] = len(doc["indicators"])

if found:
    print("\n".join(f for f in found if f)[:8000])
    print(f"{len(found)} bare codes or missing labels")
    sys.exit(1)
views = [v for v in checked if not v.startswith("chart ") and " labels." not in v]
small = [v for v in views if checked[v] < 5]
if small:
    sys.exit(f"views with almost nothing checked: {small}")
print(", ".join(f"{v}: {checked[v]}" for v in views))
PY
ok "no bare code in any view; the JSON labels name everything the document holds"
kill -TERM $server
wait $server || fail "serve did not stop cleanly"
done_checks
