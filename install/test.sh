#!/usr/bin/env bash
# The README's test command. Installs what the tests need when it is missing (Debian packages
# when run as root, a Python virtual environment .venv/ from PyPI, the browser check's npm
# packages), then runs `mvn -B -ntp verify` with the Python tests in that environment.
# A second run skips every step that is already done.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
VENV="${PERFKERNEL_VENV:-$repo/.venv}"
REQUIREMENTS="$here/test-requirements.txt"
# Always Debian's interpreter: a pyenv/conda python3 may come first on PATH.
BASE_PYTHON=/usr/bin/python3

usage() {
  cat <<USAGE
Usage: bash install/test.sh [--setup-only | --pytest PYTEST_ARGS... | MAVEN_ARGS...]

Installs what the tests need, then runs every test (mvn -B -ntp verify).
  --setup-only        install what is missing and stop
  --pytest ARGS...    after the set-up, run only pytest with ARGS in the virtual environment
                      (builds kernel/target/perfkernel.jar first if it is missing), e.g.
                      bash install/test.sh --pytest kernel/src/test/python/test_install.py
  MAVEN_ARGS          passed to mvn verify (e.g. -DskipPyTests)
  -h, --help          this text

What it installs when missing:
  as root on Debian: python3-venv, binutils (objdump), chromium, maven, nodejs + npm (only when
                     npm is absent), openjdk-N-source for Debian JDKs whose src.zip link is broken
  $VENV:  $(grep -v '^#' "$REQUIREMENTS" | sed 's/ *#.*//' | grep . | tr '\n' ' ')
  browser/node_modules: npm ci (playwright-core, which drives Debian's Chromium)
Environment: PERFKERNEL_VENV (default .venv in the repository).
USAGE
}

mode=verify
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --setup-only) mode=setup; shift ;;
  --pytest) mode=pytest; shift ;;
esac

say() { echo "test.sh: $*"; }
die() { echo "test.sh: $*" >&2; exit 1; }

# shellcheck source=jdk-source-packages.sh
source "$here/jdk-source-packages.sh"

missing_packages() {
  "$BASE_PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 || echo python3-venv
  command -v objdump >/dev/null 2>&1 || echo binutils
  [[ -x /usr/bin/chromium ]] || echo chromium
  command -v mvn >/dev/null 2>&1 || echo maven
  command -v npm >/dev/null 2>&1 || { echo nodejs; echo npm; }
  jdk_source_packages
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) == 0 && -r /etc/debian_version ]]; then
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "test.sh: warning: missing ${missing[*]} (as root on Debian this script installs them:" \
         "sudo apt-get install ${missing[*]}); tests that need them fail or are skipped" >&2
  fi
}

setup_venv() {
  [[ -x "$BASE_PYTHON" ]] || die "$BASE_PYTHON is missing (Debian: apt-get install python3 python3-venv)"
  if [[ ! -x "$VENV/bin/python" ]]; then
    say "creating the virtual environment $VENV"
    "$BASE_PYTHON" -m venv "$VENV" || die "could not create $VENV (Debian: apt-get install python3-venv)"
  fi
  local want have=""
  want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
  [[ -f "$VENV/.perfkernel-requirements" ]] && have="$(cat "$VENV/.perfkernel-requirements")"
  if [[ "$want" != "$have" ]]; then
    say "installing the test requirements into $VENV"
    "$VENV/bin/python" -m pip install -q -r "$REQUIREMENTS" || die "pip install -r $REQUIREMENTS failed"
    echo "$want" > "$VENV/.perfkernel-requirements"
  fi
}

setup_browser() {
  local stamp="$repo/browser/node_modules/.package-lock.json"
  command -v npm >/dev/null 2>&1 || { echo "test.sh: warning: no npm; the browser check cannot run" >&2; return 0; }
  if [[ ! -f "$stamp" || "$repo/browser/package-lock.json" -nt "$stamp" ]]; then
    say "npm ci in browser/"
    (cd "$repo/browser" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

install_packages
setup_venv
setup_browser

# The tests' Jupyter is the environment's: install.sh (run by the tests) and the browser check's
# `jupyter` find it through these.
export PERFKERNEL_PYTHON="$VENV/bin/python"
export PATH="$VENV/bin:$PATH"
cd "$repo"

case "$mode" in
  setup) say "set-up done ($VENV)" ;;
  pytest)
    build="${PERFKERNEL_BUILD:-$repo/kernel/target}"
    if [[ ! -f "$build/perfkernel.jar" ]]; then
      say "building the kernel jar"
      mvn -B -ntp -q -pl kernel -am package -DskipTests -DskipPyTests
    fi
    exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@" ;;
  verify) exec mvn -B -ntp verify -Dpk.python="$VENV/bin/python" "$@" ;;
esac
