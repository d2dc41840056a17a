# Shared by demo.sh and test.sh: install what is missing, then make the services available.

# npm ci when node_modules is absent or package-lock.json changed since the last install.
ensure_node_modules() {
  mkdir -p .local
  local stamp=node_modules/.finrecon-lock.sha
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "==> npm ci"
    # npm 11 refuses a lockfile that lacks other platforms' optional binaries, and the registry we
    # reach does not serve some of them (so npm could not record them); npm 10 installs the same
    # lockfile. See docs/decisions/0004-npm-ci-fallback.md.
    if ! npm ci --no-audit --no-fund --loglevel=error 2>.local/npm-ci.log; then
      echo "    npm ci refused the lockfile (see .local/npm-ci.log); installing it with npm 10"
      npx --yes npm@10.9.4 ci --no-audit --no-fund --loglevel=error
    fi
    echo "$want" >"$stamp"
  fi
}

ensure_services() {
  echo "==> services"
  bash scripts/services.sh
  set -a
  # shellcheck disable=SC1091
  source .local/services.env
  set +a
}

# Tools only the tests use, from Debian's packages when missing (root only; best effort: the
# tests that need them say so when they are absent). Chromium drives the real-browser test;
# docker-compose lets the compose file be checked where only the docker client exists.
ensure_test_tools() {
  local wanted=()
  [[ -x /usr/bin/chromium ]] || wanted+=(chromium)
  if command -v docker >/dev/null && ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then
    wanted+=(docker-compose)
  fi
  ((${#wanted[@]})) || return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "    not root: cannot install ${wanted[*]} (the tests that need them will say so)"
    return 0
  fi
  echo "==> installing test tools: ${wanted[*]}"
  mkdir -p .local
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}"; } \
    >.local/apt-test-tools.log 2>&1 || echo "    could not install ${wanted[*]}; see .local/apt-test-tools.log"
}
