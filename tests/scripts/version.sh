#!/usr/bin/env bash
# The version traces a figure to a release (issue 16): `regiekamer --version` prints the project
# version and, built from a git checkout, the commit (-dirty when tracked files differed); the
# same text is in GET /api/health, the PDF report's Creator and the workbook's properties.
source "$(dirname "$0")/lib/common.bash"

line=$("$RK_BIN" --version)
[[ $line =~ ^regiekamer\ ([0-9]+\.[0-9]+\.[0-9]+)(\ \(([0-9a-f]{7,})(-dirty)?\))?$ ]] ||
  fail "--version prints '$line'"
version=${line#regiekamer }
project=$(sed -nE 's/^project\(regiekamer VERSION ([0-9.]+) .*/\1/p' "$RK_SOURCE_DIR/CMakeLists.txt")
[ "${BASH_REMATCH[1]}" = "$project" ] || fail "--version says ${BASH_REMATCH[1]}, CMakeLists.txt $project"
if git -C "$RK_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
  [ -n "${BASH_REMATCH[3]}" ] || fail "built from a checkout, yet no commit in '$line'"
  git -C "$RK_SOURCE_DIR" rev-parse --verify -q "${BASH_REMATCH[3]}^{commit}" >/dev/null ||
    fail "commit ${BASH_REMATCH[3]} is not in the repository"
fi
ok "--version: $line"
"$RK_BIN" --help | grep -qE -- "--version +versie tonen en stoppen" || fail "--help lacks --version"
ok "--help names --version in Dutch"

export REGIEKAMER_KEY_FILE="$WORK/key"
db="$WORK/store.db"
"$RK_BIN" import --db "$db" "$RK_TEST_DATA/golden/clients_edges" >/dev/null

"$RK_BIN" serve --db "$db" --port 0 --threads 2 >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do
  grep -q "http://" "$WORK/serve.out" && break
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$WORK/serve.out") || fail "serve printed no address"
health=$(curl -sf "$base/api/health") || fail "no answer from /api/health"
[ "$(jq -r .version <<<"$health")" = "$version" ] || fail "health: $health, --version: $version"
[ "$(jq -r .status <<<"$health")" = ok ] || fail "health: $health"
kill "$server"
wait "$server" || true
ok "GET /api/health: $health"

"$RK_BIN" report --db "$db" --period 2020 --out "$WORK/report" >/dev/null || fail "report failed"
creator=$(pdfinfo "$WORK/report/report.pdf" | sed -n 's/^Creator: *//p')
[ "$creator" = "regiekamer $version" ] || fail "PDF Creator '$creator', expected 'regiekamer $version'"
ok "PDF Creator: $creator"

"$RK_BIN" export xlsx --db "$db" --from 2020-01-01 --to 2020-12-31 --out "$WORK/k.xlsx" >/dev/null ||
  fail "export xlsx failed"
core=$(unzip -p "$WORK/k.xlsx" docProps/core.xml)
grep -qF "<dc:description>Gemaakt met regiekamer $version</dc:description>" <<<"$core" ||
  fail "docProps/core.xml lacks the version: $core"
grep -qF "<dc:creator>regiekamer</dc:creator>" <<<"$core" || fail "docProps/core.xml: no creator"
ok "workbook properties: Gemaakt met regiekamer $version"
done_checks
