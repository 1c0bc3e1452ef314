#!/usr/bin/env bash
# The PostgreSQL server of the test fixture (tests/CMakeLists.txt): pg_server.sh start|stop DIR.
set -euo pipefail
source "$(dirname "$0")/pg.sh"
case "$1" in
  start)
    pg_stop "$2"
    pg_start "$2"
    ;;
  stop) pg_stop "$2" ;;
  *) exit 2 ;;
esac
