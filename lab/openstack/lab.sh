#!/usr/bin/env bash
# OpenStack lab: the control plane of OpenStack Zed from Debian bookworm's packages on 127.0.0.1 (Keystone,
# placement, Nova API/conductor/scheduler, Neutron server, Cinder API/scheduler, glance-api, a RabbitMQ node of
# its own) for the project's tests and demo, and the data plane (nova-compute, cinder-volume, glance's stores)
# from config files a caller renders. Usage: see `usage` at the end.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=/usr/bin/python3   # never the pyenv shim on PATH: the OpenStack libraries live in Debian's python
PKGS=(python3-keystone python3-nova python3-neutron python3-openstackclient uwsgi-core uwsgi-plugin-python3
      python3-placement python3-cinder python3-glance python3-glance-store rabbitmq-server)
CACHE=${VSO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vsphere-openstack}/openstack
STATE=${VSO_LAB_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/vsphere-openstack/lab}/openstack
export VSO_KEYSTONE_PORT=${VSO_KEYSTONE_PORT:-5000} VSO_NOVA_PORT=${VSO_NOVA_PORT:-8774} \
       VSO_NEUTRON_PORT=${VSO_NEUTRON_PORT:-9696} VSO_PLACEMENT_PORT=${VSO_PLACEMENT_PORT:-8778} \
       VSO_CINDER_PORT=${VSO_CINDER_PORT:-8776} VSO_GLANCE_PORT=${VSO_GLANCE_PORT:-9292} \
       VSO_RABBITMQ_PORT=${VSO_RABBITMQ_PORT:-5672} VSO_EPMD_PORT=${VSO_EPMD_PORT:-4369}
# Further glance-api processes, one per further vCenter's store file (`image start`): glance2 to glance4, each on
# its own port.
for k in 2 3 4; do v=VSO_GLANCE${k}_PORT; export "$v=${!v:-$((VSO_GLANCE_PORT + k - 1))}"; done
# The control plane in start order: RabbitMQ first (the others retry until it answers). uwsgi serves UWSGI_APPS;
# the others are python entry points (ENTRY: module:function and the lab's config file).
SERVICES=(rabbitmq keystone placement nova nova-conductor nova-scheduler neutron cinder cinder-scheduler glance)
UWSGI_APPS=(keystone placement nova neutron cinder)
# The services whose databases `up` initialises (or restores from a snapshot).
DATABASES=(keystone nova neutron placement cinder glance)
# The data plane: compute-NAME and cinder-volume, each with a caller's file on top of the lab's.
declare -A ENTRY=(
  [nova-conductor]="nova.cmd.conductor:main nova/nova.conf"
  [nova-scheduler]="nova.cmd.scheduler:main nova/nova.conf"
  [cinder-scheduler]="cinder.cmd.scheduler:main cinder/cinder.conf"
  [glance]="glance.cmd.api:main glance/glance-api.conf"
  [compute]="nova.cmd.compute:main nova/nova-compute.conf"
  [cinder-volume]="cinder.cmd.volume:main cinder/cinder.conf"
)
PASSWORDS=(ADMIN DEMO NOVA NEUTRON PLACEMENT CINDER GLANCE RABBIT)
# The services and helpers must see only Debian's python packages, whatever the caller's environment;
# REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE would override the CA file a service's config names (requests takes
# them over a session's `verify`, which glance_store sets to its `vmware_ca_file`).
unset PYTHONPATH PYTHONHOME REQUESTS_CA_BUNDLE CURL_CA_BUNDLE
export PYTHONNOUSERSITE=1

log() { printf '[lab/openstack] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
port_of() { local v="VSO_${1^^}_PORT"; [[ $v == *-* ]] || echo "${!v:-}"; }   # empty for the services without a port
PASTE_PKGS=(nova-common neutron-common cinder-common glance-common)
is_uwsgi() { [[ " ${UWSGI_APPS[*]} " == *" $1 "* ]]; }

# ---------------------------------------------------------------- install
missing_pkgs() {
  local p
  for p in "${PKGS[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || echo "$p"
  done
}

# nova-, neutron-, cinder- and glance-common carry the api-paste.ini files but also postinst scripts that create
# users and dirs: unpack their .debs into the cache instead of installing them.
paste_files() {
  local pkg ver dir tmp
  for pkg in "${PASTE_PKGS[@]}"; do
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
export VSO_LAB_PASTE=$CACHE/debs
ctl() { "$PY" "$HERE/labctl.py" "$@"; }
# python3-nova, -cinder and -glance ship no console scripts: `py_entry module:function NAME ARGS…` runs one,
# with the names of the simulated ESXi hosts resolvable (labctl.py resolve_lab_hosts).
PY_MAIN='import importlib, os, sys; m, f = sys.argv.pop(1).split(":"); sys.argv[0] = sys.argv.pop(1)
main = getattr(importlib.import_module(m), f)
sys.path.insert(0, os.environ["VSO_LAB_HERE"]); import labctl; labctl.resolve_lab_hosts()
sys.exit(main())'
py_entry() { "$PY" -c "$PY_MAIN" "$@"; }

lock_state() {   # serialise up/down between processes sharing the state dir
  mkdir -p "$STATE"
  exec 9>>"$STATE/.lock"
  flock -w 300 9 || die "timed out waiting for the lock on $STATE/.lock"
}

load_passwords() {   # random once per state dir (a name added later gets one then), kept with mode 0600 (umask 077)
  local f=$STATE/passwords w v
  [[ -f $f ]] || : >"$f"
  for w in "${PASSWORDS[@]}"; do
    grep -q "^${w}_PASSWORD=" "$f" || echo "${w}_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_hex(16))')" >>"$f"
  done
  # shellcheck disable=SC1090
  source "$f"
  for w in "${PASSWORDS[@]}"; do v=${w}_PASSWORD; export "${v?}"; done
}

# Snapshot key: installed versions and this directory's files (restore-fixup sets the ports in the catalog).
snapshot_key() {
  {
    dpkg-query -W "${PKGS[@]}"
    cat "$CACHE"/debs/*/.version
    find "$HERE" -type f ! -path '*/__pycache__/*' -print0 | sort -z | xargs -0 cat
  } | sha256sum | cut -c1-16
}

# ---------------------------------------------------------------- database initialisation
keystone_manage() { keystone-manage --config-file "$STATE/etc/keystone/keystone.conf" "$@"; }
nova_manage() { py_entry nova.cmd.manage:main nova-manage --config-file "$STATE/etc/nova/nova.conf" "$@"; }

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
  nova_manage cell_v2 create_cell --name cell1
  nova_manage db sync
  ctl cell-transport-template
}

init_neutron() { ctl neutron-db "$STATE/etc/neutron/neutron.conf" "$STATE/etc/neutron/ml2_conf.ini"; }
init_placement() {
  py_entry placement.cmd.manage:main placement-manage --config-file "$STATE/etc/placement/placement.conf" db sync
}
init_cinder() { py_entry cinder.cmd.manage:main cinder-manage --config-file "$STATE/etc/cinder/cinder.conf" db sync; }
init_glance() {
  py_entry glance.cmd.manage:main glance-manage --config-file "$STATE/etc/glance/glance-api.conf" db sync
}

init_from_scratch() {
  log "initialising databases and keys (first run for this snapshot key)"
  local svc pids=() failed=0
  for svc in "${DATABASES[@]}"; do
    ( set -e; "init_$svc" ) >"$STATE/log/init-$svc.log" 2>&1 &
    pids+=($!)
  done
  for svc in "${!pids[@]}"; do
    wait "${pids[$svc]}" || { failed=1; log "init of ${DATABASES[$svc]} failed:"; tail -n 20 "$STATE/log/init-${DATABASES[$svc]}.log" >&2; }
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
    # Snapshots of other keys not restored for a week (labs of other checkouts share the cache).
    find "${dir%/*}" -mindepth 1 -maxdepth 1 ! -path "$dir" ! -name '.tmp.*' -mtime +7 -exec rm -rf {} +
  else
    rm -rf "$tmp"   # another process saved it first
  fi
}

restore_snapshot() {
  local dir=$1
  log "restoring from snapshot $dir"
  touch "$dir"
  cp -a "$dir/db" "$dir/keys" "$STATE/"
  ctl restore-fixup "$STATE/etc/keystone/keystone.conf" "$(<"$dir/origin")"
}

# ---------------------------------------------------------------- processes
# What only this state dir's process of a service has on its command line: its uwsgi.ini, else its log file.
mark_of() { if is_uwsgi "$1"; then echo "$STATE/etc/$1/uwsgi.ini"; else echo "$STATE/log/$1.log"; fi; }

pid_of() {   # prints the pid if the service of this state dir runs
  local f=$STATE/run/$1.pid pid
  [[ -s $f ]] || return 1
  pid=$(<"$f")
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(mark_of "$1")" || return 1
  echo "$pid"
}

alive() {   # a zombie (not yet reaped by init) counts as stopped
  local st
  { read -r _ _ st _ <"/proc/$1/stat"; } 2>/dev/null && [[ $st != Z ]]
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The lab's RabbitMQ node: its own node name, ports, cookie ($HOME), database and logs in the state dir; one
# scheduler thread that does not busy-wait. RUNNING_UNDER_SYSTEMD makes the script exec erl (instead of
# forking it and waiting), so the pid is the node's; -vso_lab_log is an init flag erl ignores, the node's mark.
start_rabbitmq() {
  local dir=$STATE/rabbitmq
  mkdir -p "$dir/mnesia"
  HOME=$dir RABBITMQ_CONF_ENV_FILE=/dev/null RABBITMQ_NODENAME="vso-$(sha256sum <<<"$STATE" | cut -c1-8)@localhost" \
    RABBITMQ_CONFIG_FILE=$STATE/etc/rabbitmq/rabbitmq.conf RABBITMQ_MNESIA_BASE=$dir/mnesia \
    RABBITMQ_LOG_BASE=$STATE/log RABBITMQ_LOGS=$STATE/log/rabbitmq.log \
    RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins RABBITMQ_DIST_PORT=$((VSO_RABBITMQ_PORT + 20000)) \
    ERL_EPMD_PORT=$VSO_EPMD_PORT ERL_EPMD_ADDRESS=127.0.0.1 RUNNING_UNDER_SYSTEMD=true \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='+S 1:1 +sbwt none +sbwtdcpu none +sbwtdio none -kernel inet_dist_use_interface {127,0,0,1}' \
    ctl daemon "$STATE/run/rabbitmq.pid" "$STATE/log/rabbitmq-console.log" /usr/lib/rabbitmq/bin/rabbitmq-server \
    -vso_lab_log "$(mark_of rabbitmq)"
}

stop_epmd() {   # the lab's node started it; stop it once no node is registered with it any more
  local names
  names=$(ERL_EPMD_PORT=$VSO_EPMD_PORT epmd -names 2>/dev/null) || return 0
  grep -q '^name ' <<<"$names" || ERL_EPMD_PORT=$VSO_EPMD_PORT epmd -kill >/dev/null
}

# A python service: its entry point with the lab's config file, then the caller's file that `lab.sh compute|
# volume|image start` copied to etc/data/NAME.conf, if there is one.
start_python() {
  local name=$1 entry conf data=$STATE/etc/data/$1.conf
  local kind=${name/#compute-*/compute}
  read -r entry conf <<<"${ENTRY[${kind/#glance[2-9]/glance}]}"
  local args=(--config-file "$STATE/etc/$conf")
  # A further glance-api: its own port (written by cmd_image).
  [[ $name == glance[2-9] ]] && args+=(--config-file "$STATE/etc/glance/$name.conf")
  [[ -f $data ]] && args+=(--config-file "$data")
  ctl daemon "$STATE/run/$name.pid" "$STATE/log/$name-console.log" \
    "$PY" -c "$PY_MAIN" "$entry" "$name" "${args[@]}" --log-file "$(mark_of "$name")"
}

start_services() {
  local svc port
  for svc in "${SERVICES[@]}"; do
    port=$(port_of "$svc")
    [[ -z $port ]] || ! port_busy "$port" || die "port $port ($svc) is already in use"
  done
  for svc in "${SERVICES[@]}"; do
    rm -f "$STATE/run/$svc.pid"
    # 9>&-: the daemons must not inherit (and so keep holding) the state-dir lock.
    if is_uwsgi "$svc"; then
      uwsgi --ini "$STATE/etc/$svc/uwsgi.ini" 9>&- >>"$STATE/log/$svc-uwsgi.log" 2>&1 ||
        die "uwsgi for $svc did not start (see $STATE/log/$svc-uwsgi.log)"
    elif [[ $svc == rabbitmq ]]; then
      start_rabbitmq 9>&-
    else
      start_python "$svc" 9>&-
    fi
  done
}

# SIGTERM to all at once and again every second (uwsgi drops one that arrives while the app is still loading);
# SIGKILL for what still runs after 10 s.
stop_services() {
  local svc pid pids=() left i
  for svc in "${SERVICES[@]}"; do
    if pid=$(pid_of "$svc"); then pids+=("$pid"); fi
  done
  for ((i = 0; i < 100 && ${#pids[@]}; i++)); do
    ((i % 10)) || kill -TERM "${pids[@]}" 2>/dev/null || true
    sleep 0.1
    left=()
    for pid in "${pids[@]}"; do if alive "$pid"; then left+=("$pid"); fi; done
    pids=("${left[@]}")
  done
  if ((${#pids[@]})); then
    log "killing pids ${pids[*]}: they did not stop"
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
  for svc in "${SERVICES[@]}"; do rm -f "$STATE/run/$svc.pid"; done
}

data_plane() {   # the names of the data-plane processes this state dir has pid files of
  local f
  for f in "$STATE"/run/compute-*.pid "$STATE"/run/cinder-volume.pid "$STATE"/run/glance[2-9].pid; do
    if [[ -e $f ]]; then basename "$f" .pid; fi
  done
}

conf_key() {   # which configuration the services were started with
  cat "$HERE"/conf/* | sha256sum | cut -c1-16
}

all_running() {
  local svc
  for svc in "${SERVICES[@]}"; do pid_of "$svc" >/dev/null || return 1; done
}

# A state dir initialised before a service joined the lab lacks its database: `up` then initialises anew.
databases_present() {
  local svc
  for svc in "${DATABASES[@]}"; do [[ -f $STATE/db/$svc.sqlite ]] || return 1; done
}

installed() {
  local pkg
  [[ -z $(missing_pkgs) ]] || return 1
  for pkg in "${PASTE_PKGS[@]}"; do [[ -f $CACHE/debs/$pkg/.version ]] || return 1; done
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local fresh=0 t0=$EPOCHREALTIME snap svc ports=()
  [[ ${1:-} == --fresh ]] && fresh=1
  installed || die "not installed: run '$0 install' first"
  umask 077
  lock_state
  if ((fresh)); then
    down_locked
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
  if [[ ! -f $STATE/initialized ]] || ! databases_present; then
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
  if ! ctl wait "${VSO_LAB_TIMEOUT:-180}"; then
    tail -n 15 "$STATE"/log/*.log >&2
    die "services did not become ready"
  fi
  for svc in "${SERVICES[@]}"; do [[ -z $(port_of "$svc") ]] || ports+=("$svc :$(port_of "$svc")"); done
  log "up in $(elapsed "$t0") s: ${ports[*]}; clouds: $STATE/clouds.yaml"
}

down_locked() {   # the control and the data plane; the callers' files go with them
  mapfile -t -O "${#SERVICES[@]}" SERVICES < <(data_plane)
  stop_services
  stop_epmd
  rm -rf "$STATE/etc/data"
}

cmd_down() {
  [[ -d $STATE ]] || return 0
  lock_state
  down_locked
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

# A data-plane process NAME (compute-…, cinder-volume, or glance, glance2… with a store file): (re)started with
# FILE on top of the lab's config file, or stopped without FILE (glance then restarts with the lab's file store
# only).
data_process() {
  local name=$1 file=${2:-}
  [[ -z $file || -f $file ]] || die "no such file: $file"
  umask 077
  lock_state
  pid_of rabbitmq >/dev/null || die "the lab is not up: run '$0 up' first"
  load_passwords   # for the readiness check
  SERVICES=("$name")
  stop_services
  mkdir -p "$STATE/etc/data"
  if [[ -n $file ]]; then cp "$file" "$STATE/etc/data/$name.conf"; else rm -f "$STATE/etc/data/$name.conf"; fi
  [[ -z $file && $name != glance ]] && return 0
  start_services
  if [[ $name == glance* ]]; then
    ctl wait "${VSO_LAB_TIMEOUT:-180}" || die "glance-api did not become ready (see $STATE/log/$name.log)"
  else
    sleep 1
    pid_of "$name" >/dev/null || die "$name exited at once (see $STATE/log/$name*.log)"
  fi
  log "$name runs with ${file:-its own file store} (log $(mark_of "$name"))"
}

usage() {
  cat >&2 <<EOF
usage: $0 install | up [--fresh] | down | status | stop SERVICE | start SERVICE
       $0 compute start NAME FILE | compute stop NAME   nova-compute with FILE ([DEFAULT] host, [vmware] …)
       $0 volume start FILE | volume stop               cinder-volume with FILE (enabled_backends, their sections)
       $0 image start FILE [FILE…] | image stop         glance-api with FILE ([glance_store]); glance2… with more
EOF
  exit 2
}

cmd_compute() {
  local verb=${1:-} name=${2:-}
  [[ $name =~ ^[A-Za-z0-9_.-]+$ ]] || usage
  case $verb:$# in
    start:3) data_process "compute-$name" "$3" ;;
    stop:2) data_process "compute-$name" ;;
    *) usage ;;
  esac
}

cmd_volume() {
  case ${1:-}:$# in
    start:2) data_process cinder-volume "$2" ;;
    stop:1) data_process cinder-volume ;;
    *) usage ;;
  esac
}

# image start FILE…: glance-api with the first file (the one in the catalog), and glance2, glance3, glance4, each
# on its own port and on the same database, with each further file; prints each one's URL, in the files' order.
# image stop: glance alone, with the lab's file store. One glance-api holds one vsphere store, so a stack of
# several vCenters runs one each.
cmd_image() {
  local verb=${1:-} k=1 f name
  [[ ($verb == start && $# -ge 2 && $# -le 5) || ($verb == stop && $# -eq 1) ]] || usage
  shift
  for f in "$STATE"/run/glance[2-9].pid; do
    if [[ -e $f ]]; then data_process "$(basename "$f" .pid)"; fi
  done
  (($#)) || { data_process glance; return 0; }
  for f in "$@"; do
    name=glance
    if ((k > 1)); then
      name=glance$k
      printf '[DEFAULT]\nbind_port = %s\n' "$(port_of "$name")" >"$STATE/etc/glance/$name.conf"
    fi
    data_process "$name" "$f"
    echo "http://127.0.0.1:$(port_of "$name")"
    k=$((k + 1))
  done
}

cmd_status() {
  local svc pid rss port all=0
  mapfile -t -O "${#SERVICES[@]}" SERVICES < <(data_plane)
  for svc in "${SERVICES[@]}"; do
    port=$(port_of "$svc")
    if pid=$(pid_of "$svc"); then
      rss=$(awk '/^VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$pid/status")
      printf '%-17s running  pid %-7s rss %-7s %s\n' "$svc" "$pid" "$rss" "${port:+127.0.0.1:$port}"
    else
      printf '%-17s stopped  %s\n' "$svc" "${port:+port $port}"
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
  compute) shift; cmd_compute "$@" ;;
  volume) shift; cmd_volume "$@" ;;
  image) shift; cmd_image "$@" ;;
  *) usage ;;
esac
