#!/usr/bin/env bash
# The analyst's figures of the demo dataset do not change by accident: `kpi --format json` and
# `--format csv` for several periods and scopes, the StatLine CSV and the xlsx sheets equal the
# files in tests/data/outputs, written before the disclosure layer and the code-health clean-up.
# A change that alters an analyst figure on purpose updates those files (make_outputs below) and
# says why in its commit.
#   RK_WRITE_OUTPUTS=1 ctest -R analyst_outputs   rewrites the expected files
source "$(dirname "$0")/lib/common.bash"
expected="$RK_SOURCE_DIR/tests/data/outputs"

"$RK_BIN" generate --profile demo --dir "$WORK/data" >/dev/null 2>&1 || fail "generate"
"$RK_BIN" import --db "$WORK/demo.db" "$WORK/data" >/dev/null 2>&1 || fail "import"

make_outputs() {  # make_outputs DIR
  local out=$1 kpi=("$RK_BIN" kpi --db "$WORK/demo.db")
  mkdir -p "$out"
  "${kpi[@]}" --from 2020-07-01 --to 2020-12-31 --format json >"$out/kpi-2020H2.json"
  "${kpi[@]}" --from 2020-01-01 --to 2020-12-31 --format json >"$out/kpi-2020.json"
  "${kpi[@]}" --from 2019-03-15 --to 2019-11-20 --format json >"$out/kpi-2019-range.json"
  "${kpi[@]}" --from 2020-07-01 --to 2020-12-31 --municipality GM0917 --format json >"$out/kpi-2020H2-GM0917.json"
  "${kpi[@]}" --from 2020-07-01 --to 2020-12-31 --area hoensbroek --format json >"$out/kpi-2020H2-hoensbroek.json"
  "${kpi[@]}" --from 2020-07-01 --to 2020-12-31 --quadrant K2 --format json >"$out/kpi-2020H2-K2.json"
  "${kpi[@]}" --from 2020-07-01 --to 2020-12-31 --provider GT0001 --format json >"$out/kpi-2020H2-GT0001.json"
  "${kpi[@]}" --from 2020-07-01 --to 2020-12-31 --format csv >"$out/kpi-2020H2.csv"
  "$RK_BIN" export statline --db "$WORK/demo.db" --from 2020-07-01 --to 2020-12-31 \
    --out "$out/statline-2020H2.csv" >/dev/null
  "$RK_BIN" export xlsx --db "$WORK/demo.db" --from 2020-07-01 --to 2020-12-31 \
    --out "$WORK/x.xlsx" >/dev/null
  # The sheets and their strings (the document properties carry the time of writing).
  (cd "$WORK" && rm -rf xl && unzip -q -o x.xlsx 'xl/worksheets/*' 'xl/sharedStrings.xml' &&
    for f in xl/sharedStrings.xml $(ls xl/worksheets/*.xml | sort -V); do
      echo "== $f"
      cat "$f"
      echo
    done) >"$out/xlsx-2020H2.txt"
}

if [ "${RK_WRITE_OUTPUTS:-}" = 1 ]; then
  make_outputs "$expected"
  ok "expected outputs written to $expected"
  done_checks
  exit 0
fi

make_outputs "$WORK/now"
for f in "$expected"/*; do
  name=$(basename "$f")
  [ -s "$WORK/now/$name" ] || fail "$name: no output"
  if ! cmp -s "$f" "$WORK/now/$name"; then
    diff <(head -c 200000 "$f") <(head -c 200000 "$WORK/now/$name") | head -20
    fail "$name differs from the expected analyst output"
  fi
  ok "$name unchanged"
done
[ "$(ls "$expected" | wc -l)" -ge 10 ] || fail "expected outputs missing"
done_checks
