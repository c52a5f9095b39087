#!/usr/bin/env bash
# Runs the test suite on any machine: bash scripts/test.sh [pytest args]
# Sets up .venv, Debian's chromium (browser tests), java and npm (the Nu HTML
# Checker and axe-core, installed into tests/node_modules) first. The suite
# (with ruff and mypy among its tests) runs on every core (pytest-xdist); the
# tests of one module-scoped site build stay in one worker (--dist loadgroup).
# BKM_TEST_WORKERS=0 runs it in one process.
set -euo pipefail

if [ "$(id -u)" = 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    as_root=(none)
fi
apt_updated=no

# apt_install <command or path that must exist> <Debian package> <what it is for>
apt_install() {
    if command -v "$1" >/dev/null 2>&1; then
        return 0
    fi
    if [ "${as_root[*]-}" = none ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "note: $1 is missing and cannot be installed here (needs apt-get and root);" >&2
        echo "      $3 will be skipped (or fail when CI is set)." >&2
        return 0
    fi
    echo "Installing Debian's $2 for $3 ..." >&2
    if [ "$apt_updated" = no ]; then
        "${as_root[@]}" apt-get update -qq || true
        apt_updated=yes
    fi
    if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; then
        echo "note: installing $2 failed; $3 will be skipped (or fail when CI is set)." >&2
    fi
}

# Debian's packages install while _setup.sh makes .venv: both wait on downloads and the disk more than on the CPU.
# Playwright may not download browsers here: the tests drive /usr/bin/chromium.
(
    apt_install /usr/bin/chromium chromium "the browser tests"
    apt_install java default-jre-headless "the Nu HTML Checker"
    apt_install npm npm "axe-core and the Nu HTML Checker"
) &
packages=$!
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"   # also cds to the repo root
wait "$packages"

# axe-core and vnu.jar, pinned by tests/package-lock.json; reinstalled when the lock changes.
# --ignore-scripts: vnu-jar's install script would download a Java runtime.
if command -v npm >/dev/null 2>&1; then
    stamp=tests/node_modules/.bkm-site-installed
    want="$("$VENV_PYTHON" -c 'import hashlib; print(hashlib.sha256(open("tests/package-lock.json", "rb").read()).hexdigest())')"
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
        echo "Installing the test tools from tests/package-lock.json (npm ci) ..." >&2
        if (cd tests && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null); then
            echo "$want" > "$stamp"
        else
            echo "note: npm ci failed; the accessibility and HTML tests will be skipped (or fail when CI is set)." >&2
        fi
    fi
fi

# One worker more than cores: the wheel test waits on the package index, browser tests on chromium.
workers="${BKM_TEST_WORKERS:-$("$VENV_PYTHON" -c 'import os; print((os.cpu_count() or 1) + 1)')}"
exec "$VENV_PYTHON" -m pytest -n "$workers" --dist loadgroup "$@"
