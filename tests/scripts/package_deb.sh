#!/usr/bin/env bash
# ctest-labels: slow
# The Debian package (issue 16): `cpack -G DEB` builds regiekamer_VERSION_ARCH.deb with the
# fields an operator and apt need (dependencies from dpkg-shlibdeps, maintainer, a Dutch and
# English description), the unit, the configuration as a conffile and the maintainer scripts;
# unpacked into a throwaway root, its program runs and its unit passes systemd-analyze verify.
source "$(dirname "$0")/lib/common.bash"
: "${RK_BUILD_DIR:?RK_BUILD_DIR must name the build folder}"

cpack -G DEB --config "$RK_BUILD_DIR/CPackConfig.cmake" -B "$WORK/pkg" >"$WORK/cpack.out" 2>&1 ||
  fail "cpack failed: $(tail -20 "$WORK/cpack.out")"
version=$("$RK_BIN" --version | cut -d' ' -f2)
arch=$(dpkg --print-architecture)
deb="$WORK/pkg/regiekamer_${version}_${arch}.deb"
[ -f "$deb" ] || fail "no $deb: $(ls "$WORK/pkg")"
ok "cpack -G DEB: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = regiekamer ] && [ "$(field Version)" = "$version" ] &&
  [ "$(field Architecture)" = "$arch" ] || fail "package fields: $(dpkg-deb -I "$deb")"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends=$(field Depends)
for lib in adduser libsqlite3-0 libsodium23 libcairo2 libpango-1.0-0 libpq5 libxlsxwriter; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
grep -q "stuurinformatie jeugdhulp" <<<"$(field Description)" &&
  grep -q "steering information" <<<"$(field Description)" || fail "description: $(field Description)"
# Continuation lines of the description start with one space; a paragraph break is " .".
dpkg-deb -e "$deb" "$WORK/control"
sed -n '/^Description:/,/^[A-Z]/p' "$WORK/control/control" | sed '1d;$d' >"$WORK/description"
! grep -q '^  ' "$WORK/description" && grep -qx ' \.' "$WORK/description" ||
  fail "description layout: $(cat -A "$WORK/description")"
ok "fields: Package, Version $version, Maintainer $(field Maintainer), Depends from dpkg-shlibdeps"

dpkg-deb -c "$deb" | awk '{print $6}' >"$WORK/contents"
for f in ./usr/bin/regiekamer ./usr/lib/systemd/system/regiekamer.service \
  ./etc/regiekamer/regiekamer.toml ./usr/share/man/man1/regiekamer.1 \
  ./usr/share/bash-completion/completions/regiekamer ./usr/share/doc/regiekamer/operations.md; do
  grep -qxF "$f" "$WORK/contents" || fail "the package lacks $f"
done
ok "contents: program, unit, configuration, manual page, completion, documentation"

grep -qxF /etc/regiekamer/regiekamer.toml "$WORK/control/conffiles" || fail "no conffiles"
for script in postinst prerm postrm; do
  [ -x "$WORK/control/$script" ] || fail "$script missing or not executable"
  sh -n "$WORK/control/$script" || fail "$script: syntax error"
done
grep -q "adduser --system" "$WORK/control/postinst" || fail "postinst makes no system user"
ok "conffiles, postinst (system user regiekamer, key), prerm, postrm"

root="$WORK/root"
dpkg -x "$deb" "$root"
[ "$("$root/usr/bin/regiekamer" --version)" = "$("$RK_BIN" --version)" ] ||
  fail "the package's program says $("$root/usr/bin/regiekamer" --version)"
ok "the unpacked program runs: $("$root/usr/bin/regiekamer" --version)"
unit="$root/usr/lib/systemd/system/regiekamer.service"
grep -q "^ExecStart=/usr/bin/regiekamer serve " "$unit" || fail "$(grep ExecStart "$unit")"
if command -v systemd-analyze >/dev/null; then
  # --root would need systemd's own units in the throwaway root: the unit is checked on this
  # machine instead, its ExecStart pointed at the unpacked program (checked above otherwise).
  mkdir "$WORK/unit"
  sed "s|^ExecStart=/usr/bin/regiekamer |ExecStart=$root/usr/bin/regiekamer |" "$unit" \
    >"$WORK/unit/regiekamer.service"
  systemd-analyze verify --man=no "$WORK/unit/regiekamer.service" >"$WORK/verify.out" 2>&1 ||
    fail "systemd-analyze verify: $(cat "$WORK/verify.out")"
  [ ! -s "$WORK/verify.out" ] || fail "systemd-analyze verify: $(cat "$WORK/verify.out")"
  ok "the package's unit passes systemd-analyze verify"
else
  echo "skip: systemd-analyze is not installed (package systemd)"
fi
# The maintainer scripts for real, in a private mount namespace whose /etc, /var/lib and
# /var/cache are overlays on a throwaway tmpfs: postinst makes the user and the key (twice: the
# key stays), the user imports with that key into the state folder, the unit's ExecStart serves
# it as that user, purge clears the cache. The machine itself sees none of it. Skipped where mount namespaces or overlays are not allowed.
cat >"$WORK/maintainer.sh" <<'SH'
set -eu
work=$1 root=$2 data=$3
mount --make-rprivate /
mount -t tmpfs none "$work/overlay"
for d in /etc /var/lib /var/cache; do
  n=$(echo "$d" | tr / _)
  mkdir -p "$work/overlay/$n/upper" "$work/overlay/$n/work"
  mount -t overlay overlay -o "lowerdir=$d,upperdir=$work/overlay/$n/upper,workdir=$work/overlay/$n/work" "$d"
done
sh "$work/control/postinst" configure
getent passwd regiekamer | cut -d: -f6,7
stat -c '%n %U:%G %a %s' /etc/regiekamer/regiekamer.key
stat -c '%n %U:%G %a' /var/lib/regiekamer
before=$(sha256sum </etc/regiekamer/regiekamer.key)
sh "$work/control/postinst" configure 0.0.1
[ "$before" = "$(sha256sum </etc/regiekamer/regiekamer.key)" ] && echo "key kept"
runuser -u regiekamer -- "$root/usr/bin/regiekamer" import --db /var/lib/regiekamer/regiekamer.db \
  --key /etc/regiekamer/regiekamer.key "$data" >/dev/null && echo "import as regiekamer"
stat -c '%n %U' /var/lib/regiekamer/regiekamer.db
# The unit's command line as systemd would run it (specifiers resolved; a free port, as 8080 may
# be taken here), as regiekamer, the key in a credentials folder, the configuration from /etc.
cp "$root/etc/regiekamer/regiekamer.toml" /etc/regiekamer/
mkdir -m 0700 "$work/credentials"
cp /etc/regiekamer/regiekamer.key "$work/credentials/key"
chown -R regiekamer "$work/credentials"
command=$(sed -n 's/^ExecStart=//p' "$root/usr/lib/systemd/system/regiekamer.service" |
  sed "s|%S|/var/lib|g; s|^/usr/bin/|$root/usr/bin/|; s|--port 8080|--port 0|")
mkdir -p /var/cache/regiekamer && chown regiekamer /var/cache/regiekamer
cd /
runuser -u regiekamer -- env -u REGIEKAMER_CONFIG REGIEKAMER_KEY_FILE="$work/credentials/key" \
  REGIEKAMER_CACHE_DIR=/var/cache/regiekamer $command >"$work/serve.out" 2>&1 &
server=$!
for _ in $(seq 100); do
  grep -q "http://" "$work/serve.out" && break
  sleep 0.1
done
base=$(grep -o 'http://[0-9.:]*' "$work/serve.out")
curl -sf "$base/api/health" | jq -r '.status + " " + (.data_version | tostring)'
kill "$server"
wait "$server" || true
sh "$work/control/prerm" remove
sh "$work/control/postrm" purge
[ ! -e /var/cache/regiekamer ] && [ -e /var/lib/regiekamer/regiekamer.db ] && echo "purge kept the store"
SH
mkdir "$WORK/overlay"
chmod o+x "$WORK"
probe="mount -t tmpfs none '$WORK/overlay' && mkdir '$WORK/overlay/u' '$WORK/overlay/w' &&
  mount -t overlay overlay -o lowerdir=/etc,upperdir='$WORK/overlay/u',workdir='$WORK/overlay/w' /mnt"
if unshare -m sh -c "$probe" 2>/dev/null; then
  unshare -m sh "$WORK/maintainer.sh" "$WORK" "$root" "$RK_TEST_DATA/golden/clients_edges" \
    >"$WORK/maintainer.out" 2>&1 || fail "maintainer scripts: $(cat "$WORK/maintainer.out")"
  expected="/var/lib/regiekamer:/usr/sbin/nologin
/etc/regiekamer/regiekamer.key root:regiekamer 640 32
/var/lib/regiekamer regiekamer:regiekamer 750
key kept
import as regiekamer
/var/lib/regiekamer/regiekamer.db regiekamer
ok 1
purge kept the store"
  # (The shell reports runuser's end by SIGTERM, which it passed on to the server, as Terminated.)
  [ "$(grep -vx Terminated "$WORK/maintainer.out")" = "$expected" ] ||
    fail "maintainer scripts: $(cat "$WORK/maintainer.out")"
  ok "postinst: system user, state folder, key (kept on upgrade); an import as regiekamer; the"\
"unit's command line serves it as regiekamer with the key from a credentials folder; purge"
else
  echo "skip: no mount namespace with overlays here: the maintainer scripts were not run"
fi
done_checks
