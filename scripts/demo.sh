#!/usr/bin/env bash
# The README's main command (`npm run demo [-- --serve]`): install what is missing, start the
# services, build, migrate, provision a demo tenant and user through the CLIs, start the API and the
# worker, drive them through the real HTTP API and print a summary, then run the matching engine on
# the sample files. Without --serve it stops everything it started and exits 0; with --serve the API
# and worker keep running until Ctrl-C. Any failed health check, worker ping or API call exits
# non-zero. Idempotent: a second run reuses the tenant and user (and gives the user a new password).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

serve=false
for arg in "$@"; do
  case $arg in
    --serve) serve=true ;;
    *)
      echo "usage: npm run demo [-- --serve]" >&2
      exit 2
      ;;
  esac
done

ensure_node_modules
ensure_services
echo "==> build"
npm run --silent build
echo "==> migrate"
node dist/src/cli/migrate.js

export PORT=${PORT:-3000}
export LOG_LEVEL=${LOG_LEVEL:-warn}
base="http://127.0.0.1:${PORT}"
if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; then
  echo "port ${PORT} is already in use (another API?): stop it or run PORT=<free port> npm run demo" >&2
  exit 1
fi

demo_tenant=demo
demo_email=demo@demo.example
echo "==> demo tenant '${demo_tenant}' and user ${demo_email}"
node dist/src/cli/tenants.js create "${demo_tenant}" --name "Demo GmbH"
# A tenant made by an earlier run may be behind this build's tenant schema: bring every tenant up to
# date, as a deployment does before the new API serves them.
node dist/src/cli/tenants.js migrate
# A fresh password every run: it is piped to the CLI (never an argument or a variable exported to
# children, which other users could read in ps or /proc) and shown on the terminal only.
# Hex: 96 random bits that can never contain the account's or the tenant's name (password policy).
demo_password=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(12).toString("hex"))')
existing_users=$(node dist/src/cli/users.js list --tenant "${demo_tenant}")
if grep -q "^${demo_email} " <<<"${existing_users}"; then
  printf '%s' "${demo_password}" | node dist/src/cli/users.js reset-password "${demo_email}" --tenant "${demo_tenant}"
else
  printf '%s' "${demo_password}" |
    node dist/src/cli/users.js create "${demo_email}" --tenant "${demo_tenant}" --roles tenant_admin
fi

mkdir -p .local/logs
pids=()
stop_all() {
  if ((${#pids[@]})); then kill -TERM "${pids[@]}" 2>/dev/null || true; fi
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

echo "==> start API (${base}) and worker; logs in .local/logs/"
node dist/src/main.js >.local/logs/api.log 2>&1 &
pids+=($!)
node --max-semi-space-size=64 dist/src/worker.js >.local/logs/worker.log 2>&1 &
pids+=($!)

printf '%s' "${demo_password}" |
  node scripts/demo-summary.mjs "${base}" --tenant "${demo_tenant}" --email "${demo_email}"
for pid in "${pids[@]}"; do
  kill -0 "${pid}" 2>/dev/null || {
    echo "the API or the worker exited during the demo; see .local/logs/" >&2
    exit 1
  }
done

echo
echo "==> matching engine dry run on the sample files (test/fixtures/canonical)"
npx --no-install tsx scripts/reconcile-files.ts \
  --purchase-orders test/fixtures/canonical/purchase-orders.csv \
  --receipts test/fixtures/canonical/receipts.csv \
  --invoices test/fixtures/canonical/invoices.csv \
  --policy test/fixtures/canonical/policy.json \
  --out .local/demo-reconciliation.json

echo
if [[ -t 1 ]]; then
  echo "Sign in as ${demo_email} (tenant ${demo_tenant}) with password: ${demo_password}"
else
  echo "Sign in as ${demo_email} (tenant ${demo_tenant}); the password is shown on a terminal only (run again there)."
fi
if $serve; then
  echo "API and worker are running: ${base}/docs for the API docs. Ctrl-C stops them."
  trap 'exit 0' INT TERM
  wait
else
  echo "Stopping the API and the worker (npm run demo -- --serve keeps them running)."
fi
