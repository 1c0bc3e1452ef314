#!/usr/bin/env bash
# `cmake --install` into a prefix (issue 16): the program runs from there and says the same
# version; the manual page (help2man, every command's --help), the bash completion, the example
# configuration (which parses, settings uncommented too), the documentation and the systemd unit
# are in place; the unit passes `systemd-analyze verify` and its offline security review; a
# second install keeps an edited configuration. The completion offers every command and option
# the program's --help lists.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/completion.bash"
: "${RK_BUILD_DIR:?RK_BUILD_DIR must name the build folder}"

prefix="$WORK/prefix"
cmake --install "$RK_BUILD_DIR" --prefix "$prefix" >"$WORK/install.out" ||
  fail "cmake --install failed: $(cat "$WORK/install.out")"
bin="$prefix/bin/regiekamer"
[ "$("$bin" --version)" = "$("$RK_BIN" --version)" ] || fail "installed --version: $("$bin" --version)"
ok "installed program runs: $("$bin" --version)"

for f in share/bash-completion/completions/regiekamer share/doc/regiekamer/examples/regiekamer.toml \
  share/doc/regiekamer/operations.md share/doc/regiekamer/README.md etc/regiekamer/regiekamer.toml \
  lib/systemd/system/regiekamer.service; do
  [ -s "$prefix/$f" ] || fail "not installed: $f"
done
ok "completion, example configuration, documentation and unit installed"

man="$prefix/share/man/man1/regiekamer.1"
if grep -q "^RK_SANITIZE:BOOL=ON" "$RK_BUILD_DIR/CMakeCache.txt"; then
  echo "skip: no manual page in a sanitizer build"
else
  [ -s "$man" ] || fail "no manual page $man"
  grep -q '^\.TH REGIEKAMER "1"' "$man" || fail "manual page has no .TH header"
  grep -qF "$("$RK_BIN" --version | cut -d' ' -f2)" "$man" || fail "manual page lacks the version"
  for command in $(help_section Subcommands "$RK_BIN"); do
    grep -qF ".SS \"regiekamer $command\"" "$man" || fail "manual page lacks regiekamer $command"
  done
  grep -qF "/etc/regiekamer/regiekamer.toml" "$man" || fail "manual page lacks the search path"
  ok "manual page: header, version, a section per command, files"
fi

unit="$prefix/lib/systemd/system/regiekamer.service"
grep -qxF "ExecStart=$bin serve --db %S/regiekamer/regiekamer.db --bind 127.0.0.1 --port 8080" \
  "$unit" || fail "ExecStart does not name the installed program: $(grep ExecStart "$unit")"
ok "unit starts the installed program"
if command -v systemd-analyze >/dev/null; then
  # Offline: no running systemd is needed; any message (unknown key, bad value) is a failure.
  systemd-analyze verify --man=no "$unit" >"$WORK/verify.out" 2>&1 ||
    fail "systemd-analyze verify: $(cat "$WORK/verify.out")"
  [ ! -s "$WORK/verify.out" ] || fail "systemd-analyze verify: $(cat "$WORK/verify.out")"
  ok "systemd-analyze verify: no findings"
  systemd-analyze security --offline=yes "$unit" >"$WORK/security.out" 2>&1 || true
  exposure=$(sed -nE 's/.*Overall exposure level for regiekamer.service: ([0-9.]+).*/\1/p' \
    "$WORK/security.out")
  [ -n "$exposure" ] || fail "systemd-analyze security: $(tail -3 "$WORK/security.out")"
  awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' || fail "exposure $exposure above 2.0"
  ok "systemd-analyze security: exposure $exposure (at most 2.0)"
else
  echo "skip: systemd-analyze is not installed (package systemd): the unit was not verified"
fi

# The example configuration parses, as shipped and with every commented setting switched on.
export REGIEKAMER_KEY_FILE="$WORK/key"
"$RK_BIN" import --db "$WORK/store.db" "$RK_TEST_DATA/golden/clients_edges" >/dev/null
example="$prefix/share/doc/regiekamer/examples/regiekamer.toml"
sed -E 's/^#([[a-z])/\1/' "$example" >"$WORK/all.toml"
! grep -qE '^#[[a-z]' "$WORK/all.toml" && ! cmp -s "$example" "$WORK/all.toml" ||
  fail "no commented settings switched on"
for config in "$example" "$WORK/all.toml"; do
  "$RK_BIN" kpi --db "$WORK/store.db" --from 2021-01-01 --to 2021-12-31 --config "$config" \
    --format json >"$WORK/kpi.json" 2>"$WORK/kpi.err" || fail "$config: $(cat "$WORK/kpi.err")"
done
# The last run had every example setting, and each reached the figures: intake norm 90 (default
# 100), no norm for the core team, one manual indicator declared replaces the three defaults.
jq -e '.indicators["flow.intake_5wd"].norm.target == 90 and
  (.indicators["flow.core_team_7d"] | has("norm") | not) and
  .indicators["manual.safety.reporting_code_trained"].norm.target == 100 and
  (.indicators | has("manual.vision.recognised") | not)' "$WORK/kpi.json" \
  >/dev/null || fail "the uncommented example settings did not apply"
ok "example configuration parses, commented settings included"

echo "# edited" >>"$prefix/etc/regiekamer/regiekamer.toml"
cmake --install "$RK_BUILD_DIR" --prefix "$prefix" >"$WORK/install2.out"
grep -q "^# edited" "$prefix/etc/regiekamer/regiekamer.toml" || fail "reinstall overwrote the configuration"
ok "a second install keeps the edited configuration"

# Completion, in one subshell as in an interactive shell (no -e, -u; --help read once each):
# every command, subcommand and option of the installed program's --help, and the values it knows.
# Prints what is missing.
check_completion() {
  set +eu
  source "$prefix/share/bash-completion/completions/regiekamer"
  local command sub option commands subcommands
  complete "$bin" ""
  commands=$OFFERED
  [ -n "$commands" ] || echo "no commands at all"
  for command in $(help_section Subcommands "$bin"); do
    has "$command" "$commands" || echo "command $command"
    complete "$bin" "$command" --
    for option in $(help_section Options "$bin" "$command"); do
      has "$option" "$OFFERED" || echo "$command $option"
    done
    complete "$bin" "$command" ""
    subcommands=$OFFERED
    for sub in $(help_section Subcommands "$bin" "$command"); do
      has "$sub" "$subcommands" || echo "$command $sub"
      complete "$bin" "$command" "$sub" --
      for option in $(help_section Options "$bin" "$command" "$sub"); do
        has "$option" "$OFFERED" || echo "$command $sub $option"
      done
    done
  done
  complete "$bin" kpi --format ""
  [ "$(sort <<<"$OFFERED" | tr '\n' ' ')" = "csv json table " ] || echo "kpi --format: $OFFERED"
  complete "$bin" kpi --quadrant K
  [ "$(tr '\n' ' ' <<<"$OFFERED")" = "K1 K2 K3 " ] || echo "--quadrant: $OFFERED"
  complete "$bin" user add --role ""
  has "municipality:" "$OFFERED" || echo "user add --role: $OFFERED"
  complete "$bin" kpi --role ""
  has public "$OFFERED" || echo "kpi --role: $OFFERED"
  complete "$bin" kpi --db "$WORK/sto"
  has "$WORK/store.db" "$OFFERED" || echo "files after --db: $OFFERED"
  complete "$bin" kpi --db "$WORK/store.db" --f
  has --from "$OFFERED" || echo "options after a value: $OFFERED"
}
missing=$(check_completion)
[ -z "$missing" ] || fail "completion lacks: $missing"
ok "completion offers every command, subcommand and option of --help, and values"
done_checks
