#!/usr/bin/env bash
# Makes the local services finrecon needs available on loopback, idempotently:
#   PostgreSQL  127.0.0.1:5432  control plane (databases finrecon, finrecon_test; role finrecon)
#   PostgreSQL  127.0.0.1:5433  a second cluster, for tenant placement across two servers
#   Redis       127.0.0.1:6379
#   clamd       127.0.0.1:3310  with a local EICAR-only signature database (no network needed)
# A service already answering on its port is reused. A missing one is installed from Debian's
# packages (root only; `apt-get update` runs once, and only when something must be installed) and
# started directly (there is no systemd), with its state under .local/. Writes .local/services.env.
# scripts/services-stop.sh stops what this script started.
#
# Overrides, to exercise the start paths beside services that already run (the integration test
# test/integration/services-bootstrap.spec.ts does), with scripts/services-stop.sh honouring them:
#   FINRECON_LOCAL_DIR  state folder (default <project>/.local)
#   FINRECON_PG2_PORT (5433), FINRECON_REDIS_PORT (6379), FINRECON_CLAMD_PORT (3310)
set -euo pipefail

project=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${FINRECON_LOCAL_DIR:-$project/.local}
mkdir -p "$state"
state=$(cd "$state" && pwd)
# Two runs at once (npm test and a test that re-runs this script, say) would both initdb or start.
exec 9>"$state/services.lock"
flock -w 600 9 || { echo "services: another services.sh run holds $state/services.lock" >&2; exit 1; }
# Daemons must not inherit the lock's descriptor, or they would hold the lock for their lifetime.
unlocked() { "$@" 9>&-; }

readonly host=127.0.0.1
readonly pg_port=5432
readonly pg2_port=${FINRECON_PG2_PORT:-5433}
readonly redis_port=${FINRECON_REDIS_PORT:-6379}
readonly clamd_port=${FINRECON_CLAMD_PORT:-3310}
# Development credentials only: the same values are the application's dev defaults.
readonly app_role=finrecon app_password=finrecon
readonly databases=(finrecon finrecon_test)

# A developer's own libpq settings (PGSSLMODE=require, PGHOST, ...) must not redirect our checks.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE PGSSLMODE PGOPTIONS
export PGCONNECT_TIMEOUT=3

say() { printf '%-11s %s\n' "$1:" "$2"; }
die() {
  printf 'services: %s\n' "$*" >&2
  exit 1
}
is_root() { [[ $(id -u) -eq 0 ]]; }

# tcp_ask PORT FORMAT [ARG...]: sends printf FORMAT ARG... to 127.0.0.1:PORT and prints the first
# reply line (without its \r). Fails when nothing listens or no line comes within 5 s. Pure bash
# (/dev/tcp): nc is not on a fresh machine, and this costs no process start when all is up.
tcp_ask() (
  port=$1
  shift
  exec 3<>"/dev/tcp/$host/$port" || exit 1
  # shellcheck disable=SC2059 # the format is ours, and carries the protocol's escapes
  printf "$@" >&3
  IFS= read -r -t 5 line <&3 || exit 1
  printf '%s\n' "${line%$'\r'}"
) 2>/dev/null
port_open() { (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null; }

# wait_until SECONDS COMMAND...: retries COMMAND every 0.2 s until it succeeds or time runs out.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# Runs a command as another OS user from /, since that user may not be able to enter our folder.
as_user() {
  local user=$1
  shift
  if [[ $user == "$(id -un)" ]]; then (cd / && "$@"); else (cd / && runuser -u "$user" -- "$@"); fi
}

apt_updated=false
installed_policy=false
restore_policy() { if $installed_policy; then rm -f /usr/sbin/policy-rc.d; fi; }
trap restore_policy EXIT

# apt_install WHAT PACKAGE...: installs Debian packages, or explains why it cannot.
apt_install() {
  local what=$1
  shift
  is_root || die "$what is not running and not installed; installing it needs root: run 'sudo bash scripts/services.sh', or install $* and start it on $host"
  command -v apt-get >/dev/null || die "$what is missing and there is no apt-get: install $* yourself"
  # Package scripts would try to start the services through init scripts (there is no systemd and
  # we start them ourselves, with our own settings): policy-rc.d exit 101 forbids that, as in
  # Debian's container images. Ours is removed on exit.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    installed_policy=true
  fi
  local log=$state/apt.log
  if ! $apt_updated; then
    say "$what" "installing $* (apt-get update first; log: $log)"
    apt-get update -q >"$log" 2>&1 || die "apt-get update failed; see $log"
    apt_updated=true
  else
    say "$what" "installing $* (log: $log)"
  fi
  # C.UTF-8: a cluster created by the postgresql package then gets UTF8, not SQL_ASCII.
  LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    unlocked apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 "$@" >>"$log" 2>&1 ||
    die "apt-get install $* failed; see $log"
}

# Newest PostgreSQL server binaries from Debian's packages (/usr/lib/postgresql/<major>/bin).
pg_bin_dir() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir ]] && dirname "$dir"
}

# The SQL that makes the application role and its databases exist. Parameterless and idempotent;
# the password is (re)set each time so that password (scram) authentication works wherever the
# server asks for it.
role_sql() {
  local db
  cat <<SQL
SET client_min_messages = warning;
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$app_role') THEN
    CREATE ROLE $app_role LOGIN CREATEDB PASSWORD '$app_password';
  ELSE
    ALTER ROLE $app_role LOGIN CREATEDB PASSWORD '$app_password';
  END IF;
END
\$\$;
SQL
  for db in "$@"; do
    echo "SELECT 'CREATE DATABASE $db OWNER $app_role' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')"
    echo '\gexec'
  done
}

# app_login PORT DB: can the application role log in over TCP with its password?
app_login() {
  PGPASSWORD=$app_password psql -X -q -A -t -w -h "$host" -p "$1" -U "$app_role" -d "$2" \
    -c 'SELECT 1' >/dev/null 2>&1
}

# ensure_app_role PORT SOCKET_DIR DB...: creates the role and databases through the first
# superuser access that works: postgres over TCP (trust, as on this project's dev machines), the
# cluster's socket as root, or the postgres OS user over the default socket (peer, as on a fresh
# Debian install). Without any, it only checks that the role and databases are already there.
ensure_app_role() {
  local port=$1 socket_dir=$2
  shift 2
  local psql_admin=(psql -X -q -A -t -w -v ON_ERROR_STOP=1 -p "$port" -U postgres -d postgres)
  local out
  if "${psql_admin[@]}" -h "$host" -c 'SELECT 1' >/dev/null 2>&1; then
    out=$(role_sql "$@" | "${psql_admin[@]}" -h "$host" 2>&1) || die "setting up role $app_role on :$port failed: $out"
  elif [[ -n $socket_dir ]] && "${psql_admin[@]}" -h "$socket_dir" -c 'SELECT 1' >/dev/null 2>&1; then
    out=$(role_sql "$@" | "${psql_admin[@]}" -h "$socket_dir" 2>&1) || die "setting up role $app_role on :$port failed: $out"
  elif is_root && id postgres >/dev/null 2>&1 && as_user postgres "${psql_admin[@]}" -c 'SELECT 1' >/dev/null 2>&1; then
    out=$(role_sql "$@" | as_user postgres "${psql_admin[@]}" 2>&1) || die "setting up role $app_role on :$port failed: $out"
  fi
  local db
  for db in "$@"; do
    app_login "$port" "$db" ||
      die "PostgreSQL on $host:$port: role '$app_role' (password '$app_password', CREATEDB) cannot log in to database '$db', and this script has no superuser access to create them (run it as root, or create them yourself)"
  done
}

# --- PostgreSQL, primary (control plane and first tenant host) -----------------------------------
ensure_primary_postgres() {
  if port_open "$pg_port"; then
    # A server we did not install (a container, another host's port) still needs psql here to set
    # up the role, and pg_dump/pg_restore for tenant backups.
    command -v psql >/dev/null || apt_install postgres-client postgresql-client
    ensure_app_role "$pg_port" "" "${databases[@]}"
    say postgres "found on $host:$pg_port (role $app_role, databases ${databases[*]})"
    return
  fi
  if ! command -v pg_ctlcluster >/dev/null || [[ -z $(pg_bin_dir) ]]; then
    apt_install postgres postgresql postgresql-client
  fi
  local bin version
  bin=$(pg_bin_dir) || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  version=$(basename "$(dirname "$bin")")
  is_root || die "PostgreSQL $version is installed but not running on $host:$pg_port; starting it needs root (pg_ctlcluster $version main start)"
  # The package creates the cluster when it is installed; create it if it was removed or skipped.
  if [[ ! -d /etc/postgresql/$version/main ]]; then
    LANG=C.UTF-8 LC_ALL=C.UTF-8 pg_createcluster --port "$pg_port" "$version" main >/dev/null ||
      die "pg_createcluster $version main failed"
  fi
  unlocked pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
    die "pg_ctlcluster $version main start failed; see /var/log/postgresql/postgresql-$version-main.log"
  wait_until 30 port_open "$pg_port" ||
    die "PostgreSQL $version main started but does not listen on $host:$pg_port (is its port $pg_port? see /etc/postgresql/$version/main/postgresql.conf)"
  ensure_app_role "$pg_port" "" "${databases[@]}"
  say postgres "started cluster $version/main on $host:$pg_port (role $app_role, databases ${databases[*]})"
}

# --- PostgreSQL, second cluster (tenant placement tests) -----------------------------------------
# PostgreSQL refuses to run as root, so as root the cluster runs as the postgres OS user. Its files
# then cannot live inside the project: the project may sit under a folder postgres cannot enter
# (a 0700 home, a private /tmp checkout), and initdb and the server need every parent folder to be
# traversable. Loosening permissions on the user's folders is worse, so the data lives where
# postgres always can reach it, /var/lib/postgresql/finrecon-<hash of the state folder's path>
# (one per checkout), and .local/pg2 is a symlink to it. As any other user the cluster runs as that
# user, in .local/pg2 itself.
pg2_home() {
  if is_root; then
    echo "/var/lib/postgresql/finrecon-$(printf '%s' "$state" | sha256sum | cut -c1-12)"
  else
    echo "$state/pg2"
  fi
}

ensure_second_postgres() {
  local home owner
  home=$(pg2_home)
  if is_root; then owner=postgres; else owner=$(id -un); fi
  if port_open "$pg2_port"; then
    ensure_app_role "$pg2_port" "$home" postgres
    say postgres-2 "found on $host:$pg2_port (role $app_role)"
    return
  fi
  local bin
  bin=$(pg_bin_dir) || { apt_install postgres-2 postgresql postgresql-client && bin=$(pg_bin_dir); } ||
    die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  local data=$home/data action=started
  if is_root; then
    install -d -o postgres -g postgres -m 700 "$home"
    ln -sfn "$home" "$state/pg2"
  else
    mkdir -p "$home" && chmod 700 "$home"
  fi
  # A data folder made by an older major version needs that version's binaries.
  if [[ -f $data/PG_VERSION ]]; then
    local made_by
    made_by=$(cat "$data/PG_VERSION")
    [[ -x /usr/lib/postgresql/$made_by/bin/postgres ]] ||
      die "$data was made by PostgreSQL $made_by, whose binaries are not installed: remove it (scripts/services-stop.sh --purge) and re-run"
    bin=/usr/lib/postgresql/$made_by/bin
  else
    as_user "$owner" "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$home/initdb.log" 2>&1 ||
      die "initdb of the second cluster failed; see $home/initdb.log"
    # Local socket: trust, but the socket is only reachable by its owner (mode 0700) and root,
    # who could read the data files anyway. TCP: loopback only, with passwords.
    printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 scram-sha-256' >"$data/pg_hba.conf"
    cat >>"$data/postgresql.conf" <<CONF

# finrecon second test cluster (scripts/services.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$home'
unix_socket_permissions = 0700
password_encryption = scram-sha-256
# A disposable test cluster: durability traded for fast CREATE DATABASE and migrations.
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    action="initialized $data and started"
  fi
  unlocked as_user "$owner" "$bin/pg_ctl" -D "$data" -l "$home/server.log" -w -t 60 -o "-p $pg2_port" start >/dev/null ||
    die "starting the second PostgreSQL cluster failed; see $home/server.log"
  ensure_app_role "$pg2_port" "$home" postgres
  say postgres-2 "$action on $host:$pg2_port (role $app_role; state $state/pg2)"
}

# --- Redis ------------------------------------------------------------------------------------------
redis_pong() { [[ $(tcp_ask "$redis_port" 'PING\r\n') == +PONG ]]; }

ensure_redis() {
  local reply
  if reply=$(tcp_ask "$redis_port" 'PING\r\n'); then
    [[ $reply == +PONG ]] && { say redis "found on $host:$redis_port"; return; }
    [[ $reply == -NOAUTH* ]] &&
      die "Redis on $host:$redis_port requires a password: set REDIS_URL=redis://:<password>@$host:$redis_port yourself, or free the port"
    die "$host:$redis_port is taken by something that is not Redis (it answered '$reply' to PING)"
  fi
  port_open "$redis_port" && die "$host:$redis_port is taken by something that does not answer Redis' PING"
  command -v redis-server >/dev/null || apt_install redis redis-server
  local dir=$state/redis
  mkdir -p "$dir"
  # No persistence: these are queues and sessions of a development run.
  unlocked redis-server --daemonize yes --bind "$host" --port "$redis_port" --dir "$dir" \
    --logfile "$dir/redis.log" --pidfile "$dir/redis.pid" --save '' --appendonly no ||
    die "redis-server did not start; see $dir/redis.log"
  wait_until 10 redis_pong || die "Redis started but does not answer PING on $host:$redis_port; see $dir/redis.log"
  say redis "started on $host:$redis_port (state $dir)"
}

# --- clamd --------------------------------------------------------------------------------------
# The EICAR test string, in two halves so that this file itself is not the EICAR test file.
# shellcheck disable=SC2016 # the $ signs are part of the string
eicar="X5O!P%@AP[4\\PZX54(P^)7CC)7}\$EICAR"'-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'

clamd_pong() { [[ $(tcp_ask "$clamd_port" 'nPING\n') == PONG ]]; }

# clamd_scan TEXT: streams TEXT to clamd (INSTREAM: 4-byte big-endian length, the bytes, then a
# zero length) and prints its verdict, e.g. "stream: Eicar-Test-Signature FOUND".
clamd_scan() {
  local n=${#1} length
  length=$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((n >> 24 & 255)) $((n >> 16 & 255)) $((n >> 8 & 255)) $((n & 255)))
  tcp_ask "$clamd_port" 'nINSTREAM\n%b%s%b' "$length" "$1" '\x00\x00\x00\x00'
}

clamd_binary() { command -v clamd || { [[ -x /usr/sbin/clamd ]] && echo /usr/sbin/clamd; }; }

write_clamd_files() {
  local dir=$1 socket=$2
  mkdir -p "$dir/db"
  # eicar.hdb matches the exact 68-byte file; eicar.ndb matches the string anywhere (with a
  # trailing newline, inside text, inside a zip or an XLSX).
  printf '%s:%d:Eicar-Test-Signature\n' "$(printf '%s' "$eicar" | md5sum | cut -d' ' -f1)" "${#eicar}" >"$dir/db/eicar.hdb"
  printf 'Eicar-Test-Body:0:*:%s\n' "$(printf '%s' "$eicar" | od -An -v -tx1 | tr -d ' \n')" >"$dir/db/eicar.ndb"
  cat >"$dir/clamd.conf" <<CONF
# Written by scripts/services.sh: a development clamd with an EICAR-only signature database.
DatabaseDirectory $dir/db
TCPSocket $clamd_port
TCPAddr $host
LocalSocket $socket
PidFile $dir/clamd.pid
LogFile $dir/clamd.log
LogTime yes
SelfCheck 0
MaxThreads 4
StreamMaxLength 50M
Foreground no
CONF
}

ensure_clamd() {
  local action=found dir=$state/clamav
  if ! clamd_pong; then
    port_open "$clamd_port" && die "$host:$clamd_port is taken by something that does not answer clamd's PING"
    [[ -n $(clamd_binary) ]] || apt_install clamd clamav clamav-daemon clamdscan
    local clamd socket=$dir/clamd.sock
    clamd=$(clamd_binary) || die "clamd not found after installing clamav-daemon"
    # A Unix socket path is limited to 107 bytes; a deep checkout falls back to /tmp.
    ((${#socket} < 100)) || socket=/tmp/finrecon-clamd-$(printf '%s' "$state" | sha256sum | cut -c1-12).sock
    write_clamd_files "$dir" "$socket"
    unlocked "$clamd" --config-file="$dir/clamd.conf" >>"$dir/clamd.start.log" 2>&1 ||
      die "clamd did not start; see $dir/clamd.log and $dir/clamd.start.log"
    wait_until 60 clamd_pong || die "clamd started but does not answer PING on $host:$clamd_port within 60 s; see $dir/clamd.log"
    action=started
  fi
  # The application relies on detection, not only on a listening daemon: prove it each time.
  local verdict
  verdict=$(clamd_scan "$eicar") || die "clamd on $host:$clamd_port did not answer a scan"
  [[ $verdict == *FOUND ]] ||
    die "clamd on $host:$clamd_port did not detect the EICAR test string (answered '$verdict'); a clamd without EICAR signatures is of no use to the tests"
  if [[ $action == started ]]; then
    say clamd "started on $host:$clamd_port (state $dir); EICAR test scan: ${verdict#stream: }"
  else
    say clamd "found on $host:$clamd_port; EICAR test scan: ${verdict#stream: }"
  fi
}

write_env() {
  local file=$state/services.env
  local pg="postgres://$app_role:$app_password@$host"
  cat >"$file.tmp" <<ENV
# Written by scripts/services.sh: where the local services are. Development values only.
DATABASE_URL=$pg:$pg_port/finrecon
TEST_DATABASE_URL=$pg:$pg_port/finrecon_test
TENANT_DB_HOSTS=$pg:$pg_port,$pg:$pg2_port
REDIS_URL=redis://$host:$redis_port
CLAMD_HOST=$host
CLAMD_PORT=$clamd_port
ENV
  mv "$file.tmp" "$file"
  say env "wrote $file"
}

ensure_primary_postgres
ensure_second_postgres
ensure_redis
ensure_clamd
write_env
