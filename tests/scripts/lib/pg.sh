# Throwaway PostgreSQL servers for the tests (sourced). A server lives in its own folder under
# /tmp (data, log and unix socket; no TCP port), trusts local connections of the user
# `regiekamer` and is stopped and removed by pg_stop. initdb refuses to run as root: as root the
# server runs as the unprivileged user `nobody`.
#   pg_start DIR      initdb + start; prints the connection URI of the database `regiekamer`
#   pg_stop DIR       stop (fast) and remove DIR
#   pg_kill DIR       kill -9 the postmaster (crash test); pg_restart DIR starts it again
#   pg_psql URI ARGS  psql without .psqlrc, quiet, failing on errors
#   pg_new_database   prints the URI of a fresh, empty database: on the server of the test fixture
#                     ($RK_TEST_PG_URI) when there is one, otherwise on a private server that is
#                     stopped when the script exits (needs $WORK from common.bash)
#   pg_reset_database URI   drops every table of a database
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u nobody -- "$@")
  else
    "$@"
  fi
}

pg_start() {
  local dir=$1
  [ -x "$PG_BIN/initdb" ] || {
    echo "PostgreSQL 15 server binaries missing ($PG_BIN): install the Debian package postgresql" >&2
    return 1
  }
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown nobody: "$dir"
  pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U regiekamer --auth=trust -E UTF8 --locale=C \
    --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  pg_server_start "$dir" || return 1
  pg_as_owner "$PG_BIN/createdb" -h "$dir" -U regiekamer regiekamer || return 1
  echo "postgresql://regiekamer@/regiekamer?host=$dir"
}

# Settings for a small test server: socket only, no fsync (the tests kill processes, not the
# machine), small shared memory so that several servers fit beside each other.
pg_server_start() {
  local dir=$1
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=40" \
    start >/dev/null || {
    cat "$dir/server.log" >&2
    return 1
  }
}

pg_stop() {
  local dir=$1
  [ -d "$dir/data" ] && pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
}

pg_kill() {
  local pid
  pid=$(head -1 "$1/data/postmaster.pid")
  kill -9 "$pid"
  # The children notice the postmaster's death and exit; wait until the socket is gone.
  local i
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
}

pg_restart() {
  local dir=$1
  # Leftover children of a killed postmaster may hold the shared memory for a moment.
  local i
  for i in $(seq 1 50); do
    pg_server_start "$dir" 2>/dev/null && return 0
    sleep 0.2
  done
  pg_server_start "$dir"
}

pg_psql() {
  local uri=$1
  shift
  psql -X -q -v ON_ERROR_STOP=1 -d "$uri" "$@"
}

PG_PRIVATE=""
pg_new_database() {
  local base
  if [ -n "${RK_TEST_PG_URI:-}" ]; then
    base=$RK_TEST_PG_URI
  else
    if [ -z "$PG_PRIVATE" ]; then
      PG_PRIVATE=$(mktemp -d /tmp/rk-pg.XXXXXX)
      trap 'pg_stop "$PG_PRIVATE"; rm -rf "$WORK"' EXIT
      pg_start "$PG_PRIVATE" >/dev/null || return 1
    fi
    base="postgresql://regiekamer@/regiekamer?host=$PG_PRIVATE"
  fi
  local name
  name="t_$(basename "$WORK" | tr -c 'a-zA-Z0-9\n' '_' | tr 'A-Z' 'a-z')_$RANDOM"
  pg_psql "$base" -c "CREATE DATABASE $name" >/dev/null || return 1
  echo "${base/\/regiekamer\?/\/$name?}"
}

# pg_reset_database URI: empties a database (faster than making a new one).
pg_reset_database() {
  pg_psql "$1" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1
}

# pg_data_hash URI: hash of every table's rows (ordered), without meta (data_version counts
# imports); pg_dump_hash URI: the same with meta.
pg_table_hash() {
  local uri=$1 skip=$2 t
  for t in $(pg_psql "$uri" -At -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '$skip' ORDER BY 1"); do
    echo "== $t"
    pg_psql "$uri" -At -c "SELECT t::text FROM \"$t\" t ORDER BY t::text COLLATE \"C\""
  done | sha256sum | cut -d' ' -f1
}
pg_data_hash() { pg_table_hash "$1" meta; }
pg_dump_hash() { pg_table_hash "$1" ""; }
