#!/usr/bin/env bash
# `npm test`: every test of the project, against the real lab (started by the tests themselves when it is
# not running): the OpenStack packages installed if missing, the simulator's Go tests, then unit,
# integration and end-to-end tests with mocha.
# Ends with one line counting all tests: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
status=0

# The simulator's tests drive it with Debian's oslo.vmware, which the OpenStack packages bring.
lab/openstack/lab.sh install || status=1

echo "== lab/vcsim (go test)"
(cd lab/vcsim && go vet ./... && go test -count=1 -v ./...) 2>&1 | tee "$log/go.txt" | grep -E '^(=== RUN|--- |ok|FAIL|PASS)' | grep -v '^=== RUN'
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
go_passed=$(grep -c -- '--- PASS' "$log/go.txt")
go_failed=$(grep -c -- '--- FAIL' "$log/go.txt")
if [ "$status" -ne 0 ] && [ "$go_failed" -eq 0 ]; then go_failed=1; fi

echo "== mocha: unit, integration, e2e"
mocha "tests/unit/**/*.test.ts" "tests/integration/**/*.test.ts" "tests/e2e/**/*.test.ts" 2>&1 | tee "$log/mocha.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
mocha_passed=$(sed -n 's/^ *\([0-9][0-9]*\) passing.*/\1/p' "$log/mocha.txt" | tail -1)
mocha_failed=$(sed -n 's/^ *\([0-9][0-9]*\) failing.*/\1/p' "$log/mocha.txt" | tail -1)
mocha_passed=${mocha_passed:-0}
mocha_failed=${mocha_failed:-0}
if [ "$status" -ne 0 ] && [ "$((go_failed + mocha_failed))" -eq 0 ]; then mocha_failed=1; fi

echo "tests: $((go_passed + mocha_passed)) passed, $((go_failed + mocha_failed)) failed"
exit "$status"
