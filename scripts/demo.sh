#!/usr/bin/env bash
# The README's main command (`npm run demo`): install what is missing, start the services, build,
# migrate, start the API and the worker, drive them through the real HTTP API and print a summary.
# Interactive runs keep API and worker up until Ctrl-C; CI=true or no terminal stops after the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_services
echo "==> build"
npm run --silent build
echo "==> migrate"
node dist/src/cli/migrate.js

export PORT=${PORT:-3000}
export LOG_LEVEL=${LOG_LEVEL:-warn}
base="http://127.0.0.1:${PORT}"
mkdir -p .local/logs
pids=()
stop_all() {
  ((${#pids[@]})) && kill -TERM "${pids[@]}" 2>/dev/null
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

echo "==> start API (${base}) and worker; logs in .local/logs/"
node dist/src/main.js >.local/logs/api.log 2>&1 &
pids+=($!)
node dist/src/worker.js >.local/logs/worker.log 2>&1 &
pids+=($!)

node scripts/demo-summary.mjs "${base}"

echo
echo "==> matching engine dry run on the sample files (test/fixtures/canonical)"
npx --no-install tsx scripts/reconcile-files.ts \
  --purchase-orders test/fixtures/canonical/purchase-orders.csv \
  --receipts test/fixtures/canonical/receipts.csv \
  --invoices test/fixtures/canonical/invoices.csv \
  --policy test/fixtures/canonical/policy.json \
  --out .local/demo-reconciliation.json

if [[ "${CI:-}" != "true" && -t 0 ]]; then
  echo
  echo "API and worker are running: ${base}/docs for the API docs. Ctrl-C stops them."
  wait
fi
