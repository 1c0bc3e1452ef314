#!/usr/bin/env bash
# Files as people save them (issue 13; data-contract.md "Files as people save them", mapping.md):
# the demo dataset written in every dialect of the contract (tools/dialects.py) imports to exactly
# the same `kpi --format json` and the same social map (activities.csv) as the canonical files;
# `check` accepts every form without changing a store.
source "$(dirname "$0")/lib/common.bash"
forms=(excel1252 bom tab xlsx workbook ecd)

"$RK_BIN" generate --profile demo --dir "$WORK/csv" >/dev/null 2>&1 || fail "generate"
head -c 32 /dev/urandom >"$WORK/key"  # one key: BSN pseudonyms alike in every store

kpis() {  # kpis DB: the figures of two periods
  "$RK_BIN" kpi --db "$1" --from 2020-01-01 --to 2020-12-31 --format json
  "$RK_BIN" kpi --db "$1" --from 2019-03-15 --to 2021-11-20 --format json
}

"$RK_BIN" import --db "$WORK/canonical.db" --key "$WORK/key" "$WORK/csv" >/dev/null 2>&1 ||
  fail "canonical import"
kpis "$WORK/canonical.db" >"$WORK/canonical.json"
[ -s "$WORK/canonical.json" ] || fail "no canonical figures"
activities() {  # activities DB: the social map's rows (no figure shows them)
  sqlite3 "$1" "SELECT * FROM activities ORDER BY provider, area, name"
}
activities "$WORK/canonical.db" >"$WORK/canonical.activities"
[ -s "$WORK/canonical.activities" ] || fail "no activities in the canonical store"

for form in "${forms[@]}"; do
  python3 "$RK_SOURCE_DIR/tools/dialects.py" "$form" "$WORK/csv" "$WORK/$form" || fail "$form: convert"
  "$RK_BIN" import --db "$WORK/$form.db" --key "$WORK/key" "$WORK/$form" >"$WORK/$form.out" 2>&1 ||
    { cat "$WORK/$form.out"; head "$WORK/$form.db.rejects.csv"; fail "$form: import exit $?"; }
  grep -q "^totaal .* 0$" "$WORK/$form.out" || fail "$form: rows rejected"
  kpis "$WORK/$form.db" >"$WORK/$form.json"
  cmp -s "$WORK/canonical.json" "$WORK/$form.json" ||
    { diff <(head -c 3000 "$WORK/canonical.json") <(head -c 3000 "$WORK/$form.json") | head; fail "$form: figures differ"; }
  activities "$WORK/$form.db" | cmp -s "$WORK/canonical.activities" - || fail "$form: activities differ"
  ok "$form: same kpi --format json and activities as the canonical files"
done

grep -q "clients.csv: gelezen als Windows-1252, scheidingsteken ;, decimaalteken ," "$WORK/excel1252.out" ||
  fail "excel1252: the summary does not say how the file was read"
grep -q "gelezen als UTF-8 met BOM, scheidingsteken ;" "$WORK/bom.out" || fail "bom: not said"
grep -q "gelezen als UTF-8, scheidingsteken tab, decimaalteken ,, regeleinde CR" "$WORK/tab.out" ||
  fail "tab: not said"
grep -q "Aanmeldingen.xlsx \[blad Aanmeldingen\]: gelezen als Excel-werkmap" "$WORK/ecd.out" ||
  fail "ecd: the workbook sheet is not named"
grep -q "datumsysteem 1904" "$WORK/xlsx.out" || fail "xlsx: the 1904 date system is not said"
ok "the summary says per file how it was read"

# check: every form passes; a store stays byte for byte as it was, and no snapshot is written.
before=$(sha256sum "$WORK/canonical.db" | cut -d' ' -f1)
snapshot=$(ls -l --time-style=full-iso "$WORK"/canonical.db.snapshot* 2>/dev/null | sha256sum)
for form in "${forms[@]}"; do
  "$RK_BIN" check --db "$WORK/canonical.db" --key "$WORK/key" --rejects "$WORK/check.csv" \
    "$WORK/$form" >"$WORK/check.out" 2>&1 || { cat "$WORK/check.out"; fail "check $form: exit $?"; }
done
[ "$(sha256sum "$WORK/canonical.db" | cut -d' ' -f1)" = "$before" ] || fail "check changed the store"
[ "$(ls -l --time-style=full-iso "$WORK"/canonical.db.snapshot* 2>/dev/null | sha256sum)" = "$snapshot" ] ||
  fail "check touched the snapshot"
[ ! -e "$WORK/canonical.db-journal" ] || fail "check left a journal"
ok "check accepts every form (exit 0) and leaves the store's bytes unchanged"

# check without a store, on a delivery with a bad row and on one with a bad file.
cp -r "$WORK/bom" "$WORK/bad"
printf 'C999999;;31-02-2012;GM0917;;\n' >>"$WORK/bad/clients.csv"
set +e
(cd "$WORK" && "$RK_BIN" check bad >check.out 2>&1)
code=$?
set -e
[ "$code" = 3 ] || { cat "$WORK/check.out"; fail "check with a bad row: exit $code, expected 3"; }
grep -q "birth_date,geen bestaande datum: '31-02-2012'" "$WORK/regiekamer-check.rejects.csv" ||
  fail "check: the reject file does not name the bad date"
printf 'PK\x03\x04 no workbook' >"$WORK/bad/waitlist.xlsx"
set +e
"$RK_BIN" check --rejects "$WORK/r.csv" "$WORK/bad" >"$WORK/check.out" 2>&1
code=$?
set -e
[ "$code" = 1 ] || { cat "$WORK/check.out"; fail "check with a bad workbook: exit $code, expected 1"; }
ok "check: exit 3 for a rejected row, 1 for a rejected file"

# The data-quality page: strict HTML5 (html5lib, as the report's check), nothing from outside,
# the files as read and the rejected rows grouped by column and reason.
set +e
"$RK_BIN" check --rejects "$WORK/r.csv" --report "$WORK/page.html" "$WORK/bad" >/dev/null 2>&1
set -e
[ -s "$WORK/page.html" ] || fail "check --report wrote no page"
HTML_PY=python3
[ -x /usr/bin/python3 ] && HTML_PY=/usr/bin/python3
strict_page() {  # strict_page FILE: parses strictly and loads nothing from outside
  "$HTML_PY" - "$1" <<'PY' || fail "the data-quality page $1 fails the parser or loads from outside"
import re, sys, html5lib
data = open(sys.argv[1], encoding="utf-8").read()
html5lib.HTMLParser(strict=True).parse(data)
if re.search(r"(?:src|href)\s*=|url\(|@import|<(?:script|link|iframe|object|embed)\b", data, re.I):
    sys.exit("external reference")
PY
}
strict_page "$WORK/page.html"
grep -q "gelezen als UTF-8 met BOM, scheidingsteken ;" "$WORK/page.html" || fail "page: how files were read"
grep -q "geen bestaande datum: &#39;…&#39; (gelezen als dag-maand-jaar)" "$WORK/page.html" ||
  fail "page: the rejected date is not grouped by its reason"
ok "check --report writes a self-contained data-quality page that parses strictly"

# The page's column profile over the rows that would be imported: a tiny delivery as Dutch Excel
# saves it, 4 good clients (one without family_id) and one with a date that does not exist.
mkdir -p "$WORK/tiny"
printf 'code;name\r\nGM0917;Heerlen\r\n' >"$WORK/tiny/municipalities.csv"
printf 'client_id;birth_date;municipality;family_id\r\nC1;31-1-2012;GM0917;F1\r\n%s\r\n%s\r\n%s\r\n%s\r\n' \
  'C2;5-11-2009;GM0917;' 'C3;30-6-2015;GM0917;F3' 'C4;1-5-2010;GM0917;F4' 'C5;31-2-2001;GM0917;' \
  >"$WORK/tiny/clients.csv"
set +e
"$RK_BIN" check --rejects "$WORK/tiny.csv" --report "$WORK/tiny.html" "$WORK/tiny" >"$WORK/tiny.out" 2>&1
code=$?
set -e
[ "$code" = 3 ] || { cat "$WORK/tiny.out"; fail "check tiny: exit $code, expected 3"; }
strict_page "$WORK/tiny.html"
grep -q "<th>lege cellen (optioneel)</th><th>eerste datum</th><th>laatste datum</th>" "$WORK/tiny.html" ||
  fail "page: no column profile"
grep -q "<tr><td>family_id</td><td class=n>25 % (1 van 4)</td><td></td><td></td></tr>" "$WORK/tiny.html" ||
  fail "page: the share of empty family_id cells is not 25 %"
grep -q "<tr><td>birth_date</td><td class=n>verplicht</td><td>05-11-2009</td><td>30-06-2015</td></tr>" \
  "$WORK/tiny.html" || fail "page: the birth dates do not run from 05-11-2009 to 30-06-2015"
ok "check --report shows per column the share of empty optional cells and the date range"
done_checks
