#!/usr/bin/env bash
# The configuration's search path (docs/operations.md): --config, $REGIEKAMER_CONFIG,
# ./regiekamer.toml, $XDG_CONFIG_HOME/regiekamer/regiekamer.toml (~/.config when unset),
# /etc/regiekamer/regiekamer.toml; the first that exists wins. Every candidate here holds a syntax
# error, so the message of kpi names the file that was read (the configuration is read before
# the store is opened). /etc is the machine's own and is not written by a test.
source "$(dirname "$0")/lib/common.bash"

cwd="$WORK/cwd"
home="$WORK/home"
xdg="$WORK/xdg"
mkdir -p "$cwd" "$home/.config/regiekamer" "$xdg/regiekamer"
for f in "$WORK/option.toml" "$WORK/env.toml" "$cwd/regiekamer.toml" \
  "$home/.config/regiekamer/regiekamer.toml" "$xdg/regiekamer/regiekamer.toml"; do
  echo 'norms = [' >"$f"
done

# read_by EXPECTED [ENV…] [-- ARGS…]: kpi fails on the configuration EXPECTED (its path in the
# message); ENV are assignments for env(1), ARGS extra options.
read_by() {
  local want=$1
  shift
  local -a envs=() args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1") && shift; done
  [ "${1:-}" = "--" ] && shift
  args=("$@")
  set +e
  (cd "$cwd" && env -u REGIEKAMER_CONFIG -u XDG_CONFIG_HOME HOME="$home" "${envs[@]}" \
    "$RK_BIN" kpi --db "$WORK/none.db" --from 2020-01-01 --to 2020-12-31 "${args[@]}") \
    >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  set -e
  [ "$rc" -ne 0 ] || fail "kpi succeeded with a broken configuration"
  grep -qF "$want" "$WORK/err" || fail "expected the configuration $want, got: $(cat "$WORK/err")"
  ok "read $want"
}

read_by "$WORK/option.toml" REGIEKAMER_CONFIG="$WORK/env.toml" -- --config "$WORK/option.toml"
read_by "$WORK/env.toml" REGIEKAMER_CONFIG="$WORK/env.toml" XDG_CONFIG_HOME="$xdg"
read_by "regiekamer.toml:" XDG_CONFIG_HOME="$xdg"
grep -qF "$xdg" "$WORK/err" && fail "./regiekamer.toml should win over XDG_CONFIG_HOME"
rm "$cwd/regiekamer.toml"
read_by "$xdg/regiekamer/regiekamer.toml" XDG_CONFIG_HOME="$xdg"
read_by "$home/.config/regiekamer/regiekamer.toml"
# A relative XDG_CONFIG_HOME is not valid (XDG Base Directory): ~/.config instead.
read_by "$home/.config/regiekamer/regiekamer.toml" XDG_CONFIG_HOME=relative/dir

# A file named by the environment must exist, as one named by --config.
read_by "kan configuratie $WORK/missing.toml niet lezen" REGIEKAMER_CONFIG="$WORK/missing.toml"
read_by "kan configuratie $WORK/missing.toml niet lezen" -- --config "$WORK/missing.toml"

# With none of the user's files, the next candidate is /etc's: the store is reached (and missing)
# unless this machine has a configuration of its own there.
rm "$home/.config/regiekamer/regiekamer.toml"
if [ ! -e /etc/regiekamer/regiekamer.toml ]; then
  set +e
  (cd "$cwd" && env -u REGIEKAMER_CONFIG -u XDG_CONFIG_HOME HOME="$home" \
    "$RK_BIN" kpi --db "$WORK/none.db" --from 2020-01-01 --to 2020-12-31) 2>"$WORK/err"
  set -e
  grep -q "configuratie" "$WORK/err" && fail "no configuration, yet: $(cat "$WORK/err")"
  grep -qF "$WORK/none.db" "$WORK/err" || fail "expected the missing store: $(cat "$WORK/err")"
  ok "no configuration found: the defaults, then the store"
else
  echo "skip: /etc/regiekamer/regiekamer.toml exists on this machine"
fi
done_checks
