#!/usr/bin/env bash
# Runs a command with the project's toolchain on PATH, installing whatever is missing first.
# Used by every npm script, so that a fresh clone needs nothing but `npm run demo` or `npm test`.
set -euo pipefail
# shellcheck source=lab/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
vso_toolchain
exec "$@"
