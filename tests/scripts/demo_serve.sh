#!/usr/bin/env bash
# `regiekamer demo` ends by serving the dashboard: it prints the address and a demo login that
# works (an analyst and a municipality account of Heerlen).
source "$(dirname "$0")/lib/common.bash"

"$RK_BIN" demo --dir "$WORK/demo" --port 0 >"$WORK/out" 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null; wait $demo 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 600); do
  grep -q 'regiekamer serve: http' "$WORK/out" && break
  kill -0 $demo 2>/dev/null || { cat "$WORK/out" >&2; fail "demo stopped before serving"; }
  sleep 0.1
done
url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$WORK/out" | head -1)
password=$(grep -o 'wachtwoord [0-9a-f]*' "$WORK/out" | head -1 | cut -d' ' -f2)
[ -n "$url" ] && [ -n "$password" ] || { cat "$WORK/out" >&2; fail "no address or demo login printed"; }
ok "demo prints $url and a demo login"

# The address is printed once the port is bound; the page must then be served. A failure names
# the last HTTP status (000: no answer), so a slow start and a refusal are told apart.
page="" code=""
for _ in $(seq 100); do
  code=$(curl -s -o "$WORK/page" -w '%{http_code}' "$url" || true)
  [ "$code" = 200 ] && page=$(cat "$WORK/page") && break
  sleep 0.1
done
grep -q '<title>Regiekamer' <<<"$page" || fail "no dashboard page at $url (HTTP $code)"
ok "the dashboard page is served"
for account in analist:null heerlen:GM0917; do
  name=${account%%:*}
  me=$(curl -fs -H 'Content-Type: application/json' \
    -d "{\"name\": \"$name\", \"password\": \"$password\"}" "${url}api/login") || fail "login $name"
  [ "$(jq -r .municipality <<<"$me")" = "${account#*:}" ] || fail "$name: $me"
done
ok "both demo accounts log in with the printed password"
done_checks
