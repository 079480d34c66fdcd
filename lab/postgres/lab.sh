#!/usr/bin/env bash
# PostgreSQL lab: Debian's postgresql package, one cluster of the lab's own under the lab directory, on
# 127.0.0.1 only, with a role and a database `pulumi` for Pulumi's PostgreSQL state backend
# (`pulumi login postgres://…`, CLI 3.176 or newer). Usage: see `usage` at the end.
set -euo pipefail

STATE=${VSO_LAB_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/vsphere-openstack/lab}/postgres
PORT=${VSO_POSTGRES_PORT:-5440}
DATA=$STATE/data
RUN=$STATE/run

log() { printf '[lab/postgres] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

bindir() {   # the newest installed major version's programs
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)
  [[ -n $dir ]] || die "postgresql is not installed: run '$0 install' first"
  echo "$dir"
}

# The server refuses to run as root: as root, the cluster belongs to Debian's `postgres` user, which only gets
# the right to pass through the lab directory's parents (an ACL entry, never read or write).
server_user() { if [[ $EUID -eq 0 ]]; then echo postgres; else id -un; fi; }
as_server() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cmd_install() {
  if [[ $(dpkg-query -W -f='${db:Status-Status}' postgresql 2>/dev/null) != installed ]] ||
    ! command -v setfacl >/dev/null; then
    log "installing postgresql"
    local made_policy=0 rc=0
    # Keep Debian's own cluster from starting (invoke-rc.d honours exit 101): the lab runs its own.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
      made_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql acl || rc=$?
    ((made_policy)) && rm -f /usr/sbin/policy-rc.d
    ((rc == 0)) || die "apt-get install failed (run 'apt-get update' first?)"
  fi
}

let_server_in() {   # traverse rights on every parent of $STATE the server's user cannot pass
  local dir=$STATE user
  user=$(server_user)
  while dir=$(dirname "$dir") && [[ $dir != / ]]; do
    runuser -u "$user" -- test -x "$dir" 2>/dev/null || setfacl -m "u:$user:x" "$dir"
  done
}

running() { as_server "$(bindir)/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

psql_admin() { as_server "$(bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUN" -p "$PORT" -d postgres "$@"; }

cmd_up() {
  local bin
  bin=$(bindir)
  umask 077
  mkdir -p "$STATE"
  exec 9>>"$STATE/.lock"
  flock -w 120 9 || die "timed out waiting for the lock on $STATE/.lock"
  [[ -f $STATE/password ]] || openssl rand -hex 16 >"$STATE/password"
  if [[ $EUID -eq 0 ]]; then let_server_in; fi
  if [[ ! -f $DATA/PG_VERSION ]]; then
    log "creating the cluster in $DATA"
    rm -rf "$DATA" && mkdir -p "$DATA" "$RUN"
    [[ $EUID -ne 0 ]] || chown postgres: "$STATE" "$DATA" "$RUN"
    as_server "$bin/initdb" -D "$DATA" -A scram-sha-256 --auth-local=peer -U postgres --no-instructions \
      >"$STATE/initdb.log" 2>&1 || die "initdb failed (see $STATE/initdb.log)"
  fi
  if ! running; then
    # 9>&-: the server must not inherit (and so keep holding) the lock.
    as_server "$bin/pg_ctl" -D "$DATA" -l "$STATE/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$RUN" 9>&- >/dev/null ||
      die "PostgreSQL did not start (see $STATE/postgres.log)"
  fi
  # The role's password is set by its hash's source on stdin, never on a command line.
  if ! psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'pulumi'" | grep -q 1; then
    psql_admin -c "CREATE ROLE pulumi LOGIN"
    psql_admin -c "CREATE DATABASE pulumi OWNER pulumi"
  fi
  printf "ALTER ROLE pulumi PASSWORD '%s';\n" "$(<"$STATE/password")" | psql_admin -f -
  log "up: postgres://pulumi@127.0.0.1:$PORT/pulumi (password in $STATE/password)"
}

cmd_down() {
  [[ -f $DATA/PG_VERSION ]] && running || return 0
  as_server "$(bindir)/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
}

cmd_status() {
  if [[ -f $DATA/PG_VERSION ]] && running; then
    echo "PostgreSQL        running  127.0.0.1:$PORT database pulumi, user pulumi (password in $STATE/password)"
  else
    echo "PostgreSQL        stopped  port $PORT"
    return 3
  fi
}

usage() {
  echo "usage: $0 install | up | down | status" >&2
  exit 2
}

case "${1:-}" in
  install) cmd_install ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) usage ;;
esac
