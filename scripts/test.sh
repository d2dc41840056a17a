#!/usr/bin/env bash
# The README's test command (`npm test`): services, static checks, build, then the unit,
# integration and e2e tiers in one Jest run. Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

set -e
ensure_node_modules
ensure_services
ensure_test_tools
set +e

check_passed=0
check_failed=0
run_check() {
  local name=$1
  shift
  echo "==> $name"
  if "$@"; then
    check_passed=$((check_passed + 1))
  else
    echo "!! $name failed"
    check_failed=$((check_failed + 1))
  fi
}

run_check lint npm run --silent lint
run_check typecheck npm run --silent typecheck
run_check architecture npm run --silent arch
run_check build npm run --silent build

echo "==> jest (unit, integration, e2e)"
rm -f .local/jest-summary.json
# --forceExit: a handle left open by a failed or timed-out test must not hang CI until its time
# limit; the failures themselves are still reported and counted.
npx jest --ci --forceExit "$@"
jest_status=$?

read -r jest_passed jest_failed < <(node -e '
  try { const s = require("./.local/jest-summary.json"); console.log(s.passed, s.failed); }
  catch { console.log(0, 1); }')
passed=$((check_passed + jest_passed))
failed=$((check_failed + jest_failed))
if ((jest_status != 0 && failed == 0)); then failed=1; fi
echo
echo "${passed} passed, ${failed} failed"
((failed == 0))
