#!/usr/bin/env bash
# OpenStack lab: real Keystone, Nova API and Neutron server (Debian bookworm packages, OpenStack Zed)
# on 127.0.0.1 for the project's tests and demo.  Usage: lab.sh install|up [--fresh]|down|stop SVC|start SVC|status
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=/usr/bin/python3   # never the pyenv shim on PATH: the OpenStack libraries live in Debian's python
PKGS=(python3-keystone python3-nova python3-neutron python3-openstackclient uwsgi-core uwsgi-plugin-python3
      python3-cinder python3-glance-store)   # these two for their options only: tests/support/oslo_read.py
CACHE=${VSO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vsphere-openstack}/openstack
STATE=${VSO_LAB_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/vsphere-openstack/lab}/openstack
export VSO_KEYSTONE_PORT=${VSO_KEYSTONE_PORT:-5000} VSO_NOVA_PORT=${VSO_NOVA_PORT:-8774} \
       VSO_NEUTRON_PORT=${VSO_NEUTRON_PORT:-9696}
SERVICES=(keystone nova neutron)
# The services and helpers must see only Debian's python packages, whatever the caller's environment.
unset PYTHONPATH PYTHONHOME
export PYTHONNOUSERSITE=1

log() { printf '[lab/openstack] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
port_of() { local v="VSO_${1^^}_PORT"; echo "${!v}"; }

# ---------------------------------------------------------------- install
missing_pkgs() {
  local p
  for p in "${PKGS[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || echo "$p"
  done
}

# nova-common/neutron-common carry api-paste.ini but also postinst scripts that create users and dirs:
# unpack their .debs into the cache instead of installing them.
paste_files() {
  local pkg ver dir tmp
  for pkg in nova-common neutron-common; do
    ver=$(dpkg-query -W -f='${Version}' "python3-${pkg%-common}")
    dir="$CACHE/debs/$pkg"
    [[ -f $dir/.version && $(<"$dir/.version") == "$ver" ]] && continue
    log "extracting api-paste.ini from $pkg $ver"
    tmp=$(mktemp -d)
    # Sandbox user = ourselves: as root, apt would otherwise warn that _apt cannot write the private dir.
    (cd "$tmp" && apt-get download -q -o APT::Sandbox::User="$(id -un)" "$pkg=$ver" >/dev/null) ||
      die "apt-get download $pkg=$ver failed"
    rm -rf "$dir" && mkdir -p "$dir"
    dpkg-deb -x "$tmp"/*.deb "$dir"
    rm -rf "$tmp"
    echo "$ver" >"$dir/.version"
  done
}

cmd_install() {
  local missing
  mapfile -t missing < <(missing_pkgs)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    local made_policy=0
    # Keep any distro service from starting during the install (invoke-rc.d honours exit 101).
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
      as_root chmod 755 /usr/sbin/policy-rc.d
      made_policy=1
    fi
    local rc=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" || rc=$?
    ((made_policy)) && as_root rm -f /usr/sbin/policy-rc.d
    ((rc == 0)) || die "apt-get install failed (run 'apt-get update' first?)"
  fi
  paste_files
}

# ---------------------------------------------------------------- state, passwords, configs
export VSO_LAB_STATE=$STATE VSO_LAB_HERE=$HERE
export VSO_LAB_PASTE_NOVA=$CACHE/debs/nova-common/usr/share/nova-common/api-paste.ini
export VSO_LAB_PASTE_NEUTRON=$CACHE/debs/neutron-common/usr/share/neutron-common/api-paste.ini
ctl() { "$PY" "$HERE/labctl.py" "$@"; }

lock_state() {   # serialise up/down between processes sharing the state dir
  mkdir -p "$STATE"
  exec 9>>"$STATE/.lock"
  flock -w 300 9 || die "timed out waiting for the lock on $STATE/.lock"
}

load_passwords() {   # random once per state dir, kept with mode 0600 (umask 077)
  local f=$STATE/passwords
  if [[ ! -s $f ]]; then
    "$PY" -c 'import secrets; [print("%s_PASSWORD=%s" % (w, secrets.token_hex(16))) for w in ("ADMIN", "DEMO")]' >"$f.tmp"
    mv "$f.tmp" "$f"
  fi
  # shellcheck disable=SC1090
  source "$f"
  export ADMIN_PASSWORD DEMO_PASSWORD
}

# Snapshot key: installed versions, the ports baked into the catalog, and this directory's files.
snapshot_key() {
  {
    dpkg-query -W "${PKGS[@]}"
    cat "$CACHE"/debs/*/.version
    echo "$VSO_KEYSTONE_PORT $VSO_NOVA_PORT $VSO_NEUTRON_PORT"
    find "$HERE" -type f ! -path '*/__pycache__/*' -print0 | sort -z | xargs -0 cat
  } | sha256sum | cut -c1-16
}

# ---------------------------------------------------------------- database initialisation
keystone_manage() { keystone-manage --config-file "$STATE/etc/keystone/keystone.conf" "$@"; }
nova_manage() {   # python3-nova ships no console scripts
  "$PY" -c 'import sys; from nova.cmd.manage import main; sys.argv[0] = "nova-manage"; sys.exit(main())' \
    --config-file "$STATE/etc/nova/nova.conf" "$@"
}

init_keystone() {
  local url=http://127.0.0.1:$VSO_KEYSTONE_PORT/v3
  keystone_manage db_sync
  keystone_manage fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  keystone_manage credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  # The password goes by environment (keystone-manage reads OS_BOOTSTRAP_PASSWORD), not the command line.
  OS_BOOTSTRAP_PASSWORD="$ADMIN_PASSWORD" keystone_manage bootstrap --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
    --bootstrap-region-id RegionOne \
    --bootstrap-public-url "$url" --bootstrap-internal-url "$url" --bootstrap-admin-url "$url"
  ctl keystone-init "$STATE/etc/keystone/keystone.conf"
}

init_nova() {
  nova_manage api_db sync
  nova_manage cell_v2 map_cell0 --database_connection "sqlite:///$STATE/db/nova_cell0.sqlite"
  nova_manage cell_v2 create_cell --name cell1 --transport-url fake://
  nova_manage db sync
}

init_neutron() { ctl neutron-db "$STATE/etc/neutron/neutron.conf" "$STATE/etc/neutron/ml2_conf.ini"; }

init_from_scratch() {
  log "initialising databases and keys (first run for this snapshot key)"
  local svc pids=() failed=0
  for svc in "${SERVICES[@]}"; do
    ( set -e; "init_$svc" ) >"$STATE/log/init-$svc.log" 2>&1 &
    pids+=($!)
  done
  for svc in "${!pids[@]}"; do
    wait "${pids[$svc]}" || { failed=1; log "init of ${SERVICES[$svc]} failed:"; tail -n 20 "$STATE/log/init-${SERVICES[$svc]}.log" >&2; }
  done
  ((failed == 0)) || die "initialisation failed (logs in $STATE/log)"
  ctl wal "$STATE"/db/*.sqlite
}

save_snapshot() {   # pristine DBs + keys, shared by every state dir using the same snapshot key
  local dir=$1 tmp
  mkdir -p "${dir%/*}"
  tmp=$(mktemp -d "${dir%/*}/.tmp.XXXXXX")
  cp -a "$STATE/db" "$STATE/keys" "$tmp/"
  echo "$STATE" >"$tmp/origin"
  if mv -T "$tmp" "$dir" 2>/dev/null; then
    log "saved snapshot $dir"
    find "${dir%/*}" -mindepth 1 -maxdepth 1 ! -path "$dir" ! -name '.tmp.*' -exec rm -rf {} +  # older keys
  else
    rm -rf "$tmp"   # another process saved it first
  fi
}

restore_snapshot() {
  local dir=$1
  log "restoring from snapshot $dir"
  cp -a "$dir/db" "$dir/keys" "$STATE/"
  ctl restore-fixup "$STATE/etc/keystone/keystone.conf" "$(<"$dir/origin")"
}

# ---------------------------------------------------------------- processes
pid_of() {   # prints the pid if the service of this state dir runs
  local f=$STATE/run/$1.pid pid
  [[ -s $f ]] || return 1
  pid=$(<"$f")
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$STATE/etc/$1/uwsgi.ini" || return 1
  echo "$pid"
}

alive() {   # a zombie (not yet reaped by init) counts as stopped
  local st
  { read -r _ _ st _ <"/proc/$1/stat"; } 2>/dev/null && [[ $st != Z ]]
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_services() {
  local svc
  for svc in "${SERVICES[@]}"; do
    ! port_busy "$(port_of "$svc")" || die "port $(port_of "$svc") ($svc) is already in use"
  done
  for svc in "${SERVICES[@]}"; do
    rm -f "$STATE/run/$svc.pid"
    # 9>&-: the daemon must not inherit (and so keep holding) the state-dir lock.
    uwsgi --ini "$STATE/etc/$svc/uwsgi.ini" 9>&- >>"$STATE/log/$svc-uwsgi.log" 2>&1 ||
      die "uwsgi for $svc did not start (see $STATE/log/$svc-uwsgi.log)"
  done
}

stop_services() {
  local svc pid i
  for svc in "${SERVICES[@]}"; do
    if pid=$(pid_of "$svc"); then
      # SIGTERM every second: uwsgi drops one that arrives while the app is still loading.
      for ((i = 0; i < 100; i++)); do
        ((i % 10)) || kill -TERM "$pid" 2>/dev/null || true
        alive "$pid" || break
        sleep 0.1
      done
      alive "$pid" && { log "$svc did not stop, killing"; kill -KILL "$pid" 2>/dev/null || true; }
    fi
    rm -f "$STATE/run/$svc.pid"
  done
}

conf_key() {   # which configuration the services were started with
  cat "$HERE"/conf/* | sha256sum | cut -c1-16
}

all_running() {
  local svc
  for svc in "${SERVICES[@]}"; do pid_of "$svc" >/dev/null || return 1; done
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local fresh=0 t0=$EPOCHREALTIME snap
  [[ ${1:-} == --fresh ]] && fresh=1
  [[ -z $(missing_pkgs) && -f $VSO_LAB_PASTE_NOVA && -f $VSO_LAB_PASTE_NEUTRON ]] ||
    die "not installed: run '$0 install' first"
  umask 077
  lock_state
  if ((fresh)); then
    stop_services
    find "$STATE" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +
  fi
  load_passwords
  if ((!fresh)) && all_running && [[ -f $STATE/etc/conf.key && $(<"$STATE/etc/conf.key") == "$(conf_key)" ]] &&
    ctl wait 5 2>/dev/null; then
    log "already running"
    return 0
  fi
  stop_services
  mkdir -p "$STATE"/{etc,db,keys,log,run}
  ctl render
  conf_key >"$STATE/etc/conf.key"
  if [[ ! -f $STATE/initialized ]]; then
    rm -rf "${STATE:?}"/db/* "${STATE:?}"/keys/*
    snap=$CACHE/snapshots/$(snapshot_key)
    if [[ -f $snap/origin ]]; then
      restore_snapshot "$snap"
    else
      init_from_scratch
      save_snapshot "$snap"
    fi
    touch "$STATE/initialized"
  fi
  start_services
  if ! ctl wait "${VSO_LAB_TIMEOUT:-90}"; then
    tail -n 15 "$STATE"/log/*.log >&2
    die "services did not become ready"
  fi
  log "up in $(elapsed "$t0") s: keystone :$VSO_KEYSTONE_PORT, nova :$VSO_NOVA_PORT, neutron :$VSO_NEUTRON_PORT; clouds: $STATE/clouds.yaml"
}

cmd_down() {
  [[ -d $STATE ]] || return 0
  lock_state
  stop_services
}

# stop/start one service of a running lab, e.g. to test how clients ride out an outage.
one_service() {
  local svc=${1:-}
  [[ " ${SERVICES[*]} " == *" $svc "* ]] || die "name one of: ${SERVICES[*]}"
  SERVICES=("$svc")
}

cmd_stop() {
  one_service "$@"
  lock_state
  stop_services
}

cmd_start() {
  one_service "$@"
  lock_state
  load_passwords
  start_services
}

cmd_status() {
  local svc pid rss all=0
  for svc in "${SERVICES[@]}"; do
    if pid=$(pid_of "$svc"); then
      rss=$(awk '/^VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$pid/status")
      printf '%-9s running  pid %-7s rss %-7s http://127.0.0.1:%s\n' "$svc" "$pid" "$rss" "$(port_of "$svc")"
    else
      printf '%-9s stopped  port %s\n' "$svc" "$(port_of "$svc")"
      all=3
    fi
  done
  echo "auth url:    http://127.0.0.1:$VSO_KEYSTONE_PORT/v3 (region RegionOne)"
  echo "clouds.yaml: $STATE/clouds.yaml (clouds vso-admin: user admin, vso-demo: user demo)"
  ((all == 0)) && { ctl probe >/dev/null || all=3; }
  return "$all"
}

case "${1:-}" in
  install) cmd_install ;;
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  stop) shift; cmd_stop "$@" ;;
  start) shift; cmd_start "$@" ;;
  status) cmd_status ;;
  *) echo "usage: $0 install | up [--fresh] | down | stop SERVICE | start SERVICE | status" >&2; exit 2 ;;
esac
