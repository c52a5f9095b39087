#!/usr/bin/env bash
# Runs the test suite on any machine: bash scripts/test.sh [pytest args]
# Sets up .venv and Debian's chromium (for the browser tests) first. The suite
# (with ruff and mypy among its tests) runs on every core (pytest-xdist); the
# tests of one shared site build stay in one worker (--dist loadgroup).
# BKM_TEST_WORKERS=0 runs it in one process.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"   # also cds to the repo root

# Playwright may not download browsers here: the tests drive /usr/bin/chromium.
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        as_root=(none)
    fi
    if [ "${as_root[*]-}" = none ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "note: /usr/bin/chromium is missing and cannot be installed here (needs apt-get and root);" >&2
        echo "      browser tests will be skipped (or fail when CI is set)." >&2
    else
        echo "Installing Debian's chromium for the browser tests ..." >&2
        if ! { "${as_root[@]}" apt-get update -qq &&
               "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
            echo "note: installing chromium failed; browser tests will be skipped (or fail when CI is set)." >&2
        fi
    fi
fi

exec "$VENV_PYTHON" -m pytest -n "${BKM_TEST_WORKERS:-auto}" --dist loadgroup "$@"
