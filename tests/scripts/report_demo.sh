#!/usr/bin/env bash
# The report of the demo dataset, end to end: the PDF has every page renderable and contains the
# CBS client table (a-e per municipality) with the figures `kpi --format json` gives on the same
# store; the HTML parses strictly and loads nothing from outside; narrative texts and the logo
# appear; a municipality report is suppressed; usage errors exit 2 and failures 1 with nothing
# written.
source "$(dirname "$0")/lib/common.bash"
for tool in pdftotext pdfinfo pdftoppm pdfimages python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing (poppler-utils, python3)"
done

"$RK_BIN" demo --dir "$WORK/demo" --no-serve >"$WORK/demo.out" 2>&1 || fail "demo: $(tail -3 "$WORK/demo.out")"
grep -q "demo-rapport" "$WORK/demo.out" || fail "demo does not say where its report is"
[ -s "$WORK/demo/rapport/report.pdf" ] && [ -s "$WORK/demo/rapport/report.html" ] ||
  fail "demo wrote no report"
ok "demo writes the report and prints where it is"

DB="$WORK/demo/regiekamer.db"
OUT="$WORK/combined"
"$RK_BIN" report --db "$DB" --period 2020H2 --out "$OUT" >/dev/null || fail "report exit $?"
PDF="$OUT/report.pdf"

# Every page renders.
pages=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 10 ] || fail "only ${pages:-0} pages"
mkdir "$WORK/png"
pdftoppm -r 30 -png "$PDF" "$WORK/png/p" 2>"$WORK/pdftoppm.err" || fail "pdftoppm failed"
[ ! -s "$WORK/pdftoppm.err" ] || fail "pdftoppm: $(head -3 "$WORK/pdftoppm.err")"
[ "$(ls "$WORK/png" | wc -l)" -eq "$pages" ] || fail "pdftoppm rendered $(ls "$WORK/png" | wc -l) of $pages pages"
ok "pdftoppm renders all $pages pages"

# The CBS table: figures from kpi --format json (an independent path), formatted Dutch.
"$RK_BIN" kpi --db "$DB" --from 2020-07-01 --to 2020-12-31 --format json >"$WORK/kpi.json"
pdftotext -layout "$PDF" "$WORK/report.txt"
python3 - "$WORK/kpi.json" "$WORK/demo/dataset/municipalities.csv" "$WORK/report.txt" <<'PY' ||
import csv, json, re, sys
kpi = json.load(open(sys.argv[1]))["indicators"]
names = {r["code"]: r["name"] for r in csv.DictReader(open(sys.argv[2]))}
text = open(sys.argv[3]).read()
ids = ["clients.start", "clients.new", "clients.total", "clients.ended", "clients.end"]
dutch = lambda n: f"{int(n):,}".replace(",", ".")
rows = [(names[c], [kpi[i]["breakdown"]["municipality"][c] for i in ids]) for c in names]
rows.append(("Totaal", [kpi[i]["value"] for i in ids]))
for label, values in rows:
    pattern = re.escape(label) + r"\s+2e halfjaar 2020\s+" + r"\s+".join(re.escape(dutch(v)) for v in values) + r"\s*$"
    if not re.search(pattern, text, re.M):
        sys.exit(f"CBS row not found in the PDF: {label} {[dutch(v) for v in values]}")
print(f"{len(rows)} CBS rows found")
PY
  fail "CBS table of the PDF differs from kpi --format json"
ok "the PDF's CBS table a-e matches kpi --format json for every municipality and the total"
grep -q "Inhoud" "$WORK/report.txt" && grep -Eq "pagina 3 van $pages" "$WORK/report.txt" ||
  fail "no table of contents or page numbers"
ok "table of contents and page numbers"

# The HTML: strict HTML5 parse, and no external resource of any kind. html5lib is Debian's
# python3-html5lib, installed for the system python.
HTML_PY=python3
[ -x /usr/bin/python3 ] && HTML_PY=/usr/bin/python3
check_html() {
  "$HTML_PY" - "$1" <<'PY'
import re, sys, html5lib
data = open(sys.argv[1], encoding="utf-8").read()
html5lib.HTMLParser(strict=True).parse(data)
bad = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", data, re.I)
bad = [b for b in bad if not b.rstrip().lower().endswith("data:")]
if bad or re.search(r"url\(\s*['\"]?\s*(?!data:)[^)'\"]", data, re.I) or "@import" in data \
        or re.search(r"<(?:script|link|iframe|object|embed)\b", data, re.I):
    sys.exit(f"external reference in {sys.argv[1]}: {bad[:3]}")
PY
}
check_html "$OUT/report.html" || fail "report.html fails the parser or references something outside"
ok "report.html parses strictly and loads nothing from outside"

# Texts and logo: a Markdown introduction with a link and an image, and a PNG logo.
mkdir "$WORK/texts"
printf '# Welkom\n\nDit is de **inleiding** van de regiekamer.\nZie [de site](https://example.org) en ![foto](http://example.org/x.png).\n' \
  >"$WORK/texts/inleiding.md"
printf 'Toelichting bij de wachtlijst: het aantal wachtenden daalde.\n' >"$WORK/texts/wachtlijst.md"
python3 - "$WORK/texts/logo.png" <<'PY'
import struct, sys, zlib
w, h = 40, 20
raw = b"".join(b"\0" + bytes([11, 79, 138]) * w for _ in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
"$RK_BIN" report --db "$DB" --period 2020H2 --texts "$WORK/texts" --out "$WORK/texts_out" >/dev/null ||
  fail "report with texts"
pdftotext "$WORK/texts_out/report.pdf" "$WORK/texts.txt"
grep -q "Dit is de inleiding van de regiekamer" "$WORK/texts.txt" || fail "introduction missing from the PDF"
grep -q "het aantal wachtenden daalde" "$WORK/texts.txt" || fail "chapter text missing from the PDF"
grep -q "<strong>inleiding</strong>" "$WORK/texts_out/report.html" || fail "introduction missing from the HTML"
check_html "$WORK/texts_out/report.html" || fail "report.html with texts references something outside"
grep -q 'src="data:image/png;base64,' "$WORK/texts_out/report.html" || fail "no logo in the HTML"
[ "$(pdfimages -list "$WORK/texts_out/report.pdf" | tail -n +3 | wc -l)" -gt 0 ] || fail "no logo in the PDF"
[ "$(pdfimages -list "$PDF" | tail -n +3 | wc -l)" -eq 0 ] || fail "an image in the PDF without logo"
grep -q "<img" "$OUT/report.html" && fail "an img element without logo"
ok "Markdown texts and the logo appear in both documents; no logo, no image"

# A municipality report: role municipality by default, small numbers suppressed with a footnote.
"$RK_BIN" report --db "$DB" --period 2020H2 --municipality GM0986 --out "$WORK/gm0986" >/dev/null ||
  fail "municipality report"
pdftotext -layout "$WORK/gm0986/report.pdf" "$WORK/gm0986.txt"
grep -q "Weergave: gemeente" "$WORK/gm0986.txt" || fail "municipality report not in role municipality"
grep -q "Weergave: analist" "$WORK/report.txt" || fail "combined report not in role analyst"
grep -q "<5" "$WORK/gm0986.txt" || fail "no <5 cell in the Voerendaal report"
grep -q "privacyregel" "$WORK/gm0986.txt" || fail "no privacy footnote"
grep -q "privacyregel" "$WORK/report.txt" && fail "privacy footnote in the analyst report"
ok "municipality report: role municipality, <5 cells with the privacy footnote"

# Usage errors exit 2, failures 1, and neither leaves a report behind.
expect_exit() {
  local want=$1
  shift
  set +e
  "$RK_BIN" report "$@" >/dev/null 2>"$WORK/err"
  local got=$?
  set -e
  [ "$got" -eq "$want" ] || fail "report $*: exit $got, expected $want"
}
expect_exit 2 --db "$DB" --period 2020H3 --out "$WORK/bad1"
expect_exit 2 --db "$DB" --period 2020H2 --role municipality --out "$WORK/bad2"
expect_exit 2 --db "$DB" --period 2020H2 --role mayor --out "$WORK/bad3"
expect_exit 2 --db "$DB" --out "$WORK/bad4"
expect_exit 1 --db "$WORK/none.db" --period 2020H2 --out "$WORK/bad5"
expect_exit 1 --db "$DB" --period 2020H2 --texts "$WORK/no-texts" --out "$WORK/bad6"
echo "geen png" >"$WORK/logo.txt"
expect_exit 1 --db "$DB" --period 2020H2 --logo "$WORK/logo.txt" --out "$WORK/bad7"
for d in bad1 bad2 bad3 bad4 bad5 bad6 bad7; do
  [ -z "$(ls -A "$WORK/$d" 2>/dev/null)" ] || fail "$d: something written: $(ls -A "$WORK/$d")"
done
ok "usage errors exit 2, failures 1, nothing written"
done_checks
