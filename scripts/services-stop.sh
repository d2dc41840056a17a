#!/usr/bin/env bash
# Stops what scripts/services.sh started, and only that: clamd, the second PostgreSQL cluster and
# a Redis it started, each identified by its pid file under .local/. Services that were found
# running (the machine's PostgreSQL on 5432, a system Redis) are never touched.
#   --purge  also deletes their state (the second cluster's data, clamd's and Redis' folders).
# Honours FINRECON_LOCAL_DIR like services.sh.
set -euo pipefail

project=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${FINRECON_LOCAL_DIR:-$project/.local}
purge=false
for arg in "$@"; do
  case $arg in
    --purge) purge=true ;;
    *) echo "usage: $0 [--purge]" >&2 && exit 2 ;;
  esac
done
[[ -d $state ]] || { echo "nothing to stop: no $state"; exit 0; }
state=$(cd "$state" && pwd)

say() { printf '%-11s %s\n' "$1:" "$2"; }

# stop NAME PIDFILE EXPECTED_COMMAND SIGNAL: signals the pid in PIDFILE if that process is still the
# expected program (a stale pid file may name an unrelated process by now), then waits up to 30 s.
stop() {
  local name=$1 pidfile=$2 expected=$3 signal=$4 pid comm
  if [[ ! -f $pidfile ]]; then
    say "$name" "nothing to stop (no $pidfile)"
    return
  fi
  pid=$(head -n 1 "$pidfile")
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  if [[ ! $pid =~ ^[0-9]+$ || $comm != "$expected"* ]]; then
    say "$name" "not running (stale $pidfile)"
    rm -f "$pidfile"
    return
  fi
  kill "-$signal" "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || { say "$name" "pid $pid still running after 30 s" && return 1; }
    sleep 0.1
  done
  # postgres removes its own pid file; clamd and redis may leave theirs behind.
  rm -f "$pidfile"
  say "$name" "stopped (pid $pid)"
}

stop clamd "$state/clamav/clamd.pid" clamd TERM
# SIGINT is PostgreSQL's "fast" shutdown: disconnect clients, then a clean checkpoint.
stop postgres-2 "$state/pg2/data/postmaster.pid" postgres INT
stop redis "$state/redis/redis.pid" redis-server TERM

if $purge; then
  pg2_data=$(readlink -f "$state/pg2" || true)
  # Only a folder services.sh made: inside .local, or /var/lib/postgresql/finrecon-<hash>.
  if [[ -n $pg2_data && ($pg2_data == "$state/pg2" || $pg2_data == /var/lib/postgresql/finrecon-*) ]]; then
    rm -rf "$pg2_data"
  fi
  rm -rf "$state/pg2" "$state/clamav" "$state/redis" "$state/services.env"
  say purge "removed the state of the services above"
fi
