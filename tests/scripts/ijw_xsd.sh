#!/usr/bin/env bash
# Every generated iJw message validates against the official schemas (xmllint), and the importer's
# verdict on each official example of JW301, JW305, JW307 and JW315 is the schema's.
set -euo pipefail
: "${RK_BIN:?}" "${RK_SOURCE_DIR:?}"
SHARED="$RK_SOURCE_DIR/../shared/ijw"
command -v xmllint >/dev/null || { echo "FAIL: xmllint missing (./dev installs libxml2-utils)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export REGIEKAMER_KEY_FILE="$work/key"

"$RK_BIN" generate --dir "$work/gen" --clients 150 --ijw >/dev/null
for type in JW301 JW305 JW307 JW315; do
  files=("$work"/gen/ijw/*_"$type".xml)
  [ -e "${files[0]}" ] || { echo "FAIL: no $type messages generated"; exit 1; }
  if ! xmllint --noout --nonet --schema "$SHARED/xsd/$type.xsd" "${files[@]}" 2>"$work/xmllint.log"; then
    grep -v ' validates$' "$work/xmllint.log" | head -5
    echo "FAIL: generated $type messages do not validate"
    exit 1
  fi
  echo "ok: ${#files[@]} generated $type messages validate"
done

printf 'code,name\nGM0363,Amsterdam\nGM0384,Diemen\n' >"$work/municipalities.csv"
printf 'provider_id,name,kind\n65656055,Zuid,member\n42420001,Noord,own\n' >"$work/providers.csv"
for type in JW301 JW305 JW307 JW315; do
  example="$SHARED/examples/$type.xml"
  schema=valid
  xmllint --noout --nonet --schema "$SHARED/xsd/$type.xsd" "$example" 2>/dev/null || schema=invalid
  rm -f "$work/ex.db"*
  set +e
  "$RK_BIN" import --db "$work/ex.db" "$work/municipalities.csv" "$work/providers.csv" "$example" \
    >"$work/out.txt" 2>&1
  rc=$?
  set -e
  importer=invalid
  [ $rc -eq 0 ] && importer=valid
  if [ "$schema" != "$importer" ]; then
    cat "$work/out.txt" "$work/ex.db.rejects.csv" 2>/dev/null || true
    echo "FAIL: $type example: schema says $schema, importer says $importer (exit $rc)"
    exit 1
  fi
  echo "ok: $type example is $schema for the schema and the importer"
done
grep -q "'2027-06-31' is geen bestaande datum" "$work/ex.db.rejects.csv" ||
  { echo "FAIL: JW315 example not rejected for its date"; exit 1; }
echo "ok: JW315 example rejected: $(tail -1 "$work/ex.db.rejects.csv" | cut -d, -f3-4)"
