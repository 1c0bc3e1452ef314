#!/usr/bin/env bash
# The API's description (docs/openapi.json, served at GET /api/openapi.json without login) is a
# valid OpenAPI 3.1 document for a real validator from npm (@readme/openapi-parser, pinned in
# tests/browser/package-lock.json), and the validator is shown to refuse broken copies. That the
# document names every route the server registers is checked in tests/server (takeaway_test).
source "$(dirname "$0")/lib/common.bash"

browser_dir="$RK_SOURCE_DIR/tests/browser"
command -v node >/dev/null || fail "no node (./dev installs nodejs)"
if [ ! -d "$browser_dir/node_modules/@readme/openapi-parser" ]; then
  (cd "$browser_dir" && flock /tmp/regiekamer-npm-ci.lock npm ci --no-audit --no-fund >/dev/null) ||
    fail "npm ci in tests/browser failed"
fi
validate() { node "$browser_dir/openapi.validate.mjs" "$1"; }

# The document as the program serves it.
"$RK_BIN" generate --profile demo --dir "$WORK/demo" >/dev/null
db="$WORK/store.db"
"$RK_BIN" import --db "$db" "$WORK/demo" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$RK_BIN" serve --db "$db" --port "$port" --bind 127.0.0.1 >"$WORK/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$WORK/serve.log" >&2; fail "serve stopped"; }
  sleep 0.1
done
curl -fs -o "$WORK/openapi.json" "http://127.0.0.1:$port/api/openapi.json" ||
  fail "GET /api/openapi.json without login failed"
cmp -s "$WORK/openapi.json" "$RK_SOURCE_DIR/docs/openapi.json" ||
  fail "the served document differs from docs/openapi.json"
ok "GET /api/openapi.json without login serves docs/openapi.json"

out=$(validate "$WORK/openapi.json") || { echo "$out" >&2; fail "docs/openapi.json is not valid OpenAPI"; }
grep -q "^geldig: .*3\.1\.0" <<<"$out" || fail "not an OpenAPI 3.1 document: $out"
ok "valid OpenAPI 3.1 for @readme/openapi-parser"

# The validator is not a rubber stamp: broken copies are refused.
python3 - "$WORK/openapi.json" "$WORK" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
out = sys.argv[2]
def write(name, d):
    json.dump(d, open(f"{out}/{name}.json", "w"))
bad = json.loads(json.dumps(doc)); bad["paths"]["/api/charts/{id}"]["get"]["parameters"] = []
write("undeclared-path-parameter", bad)
bad = json.loads(json.dumps(doc)); bad["paths"]["/api/me"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/Nergens"}
write("dangling-ref", bad)
bad = json.loads(json.dumps(doc)); bad["paths"]["/api/periods"]["get"]["operationId"] = "indicators"
write("duplicate-operation-id", bad)
bad = json.loads(json.dumps(doc)); del bad["info"]
write("no-info", bad)
PY
for broken in undeclared-path-parameter dangling-ref duplicate-operation-id no-info; do
  if validate "$WORK/$broken.json" >"$WORK/$broken.out" 2>&1; then
    fail "the validator accepted a copy with $broken"
  fi
done
ok "the validator refuses copies with an undeclared path parameter, a dangling \$ref, a repeated operationId, no info"

done_checks
