#!/usr/bin/env bash
# The dashboard in headless Chromium (tests/browser/dashboard.test.mjs, with axe-core): log in, tiles with the
# figures of `kpi --format json`, the municipality filter, drill-down with chart, tooltip and
# breakdown, log out; a municipality account sees only its own municipality, through the page
# and through the API. Screenshots (laptop and tablet size) go to screenshots/ in the build dir.
source "$(dirname "$0")/lib/common.bash"

browser_dir="$RK_SOURCE_DIR/tests/browser"
chromium=${RK_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "no Chromium at $chromium (./dev installs the Debian package chromium)"
command -v node >/dev/null || fail "no node (./dev installs nodejs)"
if [ ! -d "$browser_dir/node_modules/playwright-core" ] || [ ! -d "$browser_dir/node_modules/@axe-core/playwright" ]; then
  (cd "$browser_dir" && npm ci --no-audit --no-fund >/dev/null) || fail "npm ci in tests/browser failed"
fi

"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
db="$WORK/store.db"
"$RK_BIN" import --db "$db" "$WORK/demo" >/dev/null
password="proef-$RANDOM-wachtwoord"
echo "$password" | "$RK_BIN" user add --db "$db" --name analist --role analyst >/dev/null
echo "$password" | "$RK_BIN" user add --db "$db" --name heerlen --role municipality:GM0917 >/dev/null
ok "demo store with an analyst and a municipality account"

# Expected figures by an independent path: the kpi command on the same store.
mkdir -p "$WORK/expect"
kpi() { "$RK_BIN" kpi --db "$db" --from 2020-01-01 --to 2020-12-31 --format json "$@"; }
kpi >"$WORK/expect/analyst.json"
kpi --municipality GM0882 >"$WORK/expect/analyst-GM0882.json"
kpi --municipality GM0917 --role municipality >"$WORK/expect/municipality-GM0917.json"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$RK_BIN" serve --db "$db" --port "$port" --bind 127.0.0.1 >"$WORK/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$WORK/serve.log" >&2; fail "serve stopped"; }
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/api/health" >/dev/null || fail "serve did not answer on port $port"
ok "serve answers on port $port"

shots="$PWD/screenshots"
mkdir -p "$shots"
RK_URL="http://127.0.0.1:$port/" RK_EXPECT_DIR="$WORK/expect" RK_SHOT_DIR="$shots" \
  RK_PASSWORD="$password" RK_CHROMIUM="$chromium" \
  timeout 240 node "$browser_dir/dashboard.test.mjs" || { tail -20 "$WORK/serve.log" >&2; fail "browser test"; }
ok "browser test (screenshots in $shots)"
done_checks
