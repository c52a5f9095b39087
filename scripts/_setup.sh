# Shared set-up, sourced by test.sh, serve.sh and build.sh: one place that
# makes .venv ready, so a fresh clone needs only Python 3 and network to PyPI.
# Idempotent and fast once done: pip runs only when pyproject.toml changed.
set -euo pipefail

# Material's English end-of-life notice would open every build log.
export NO_MKDOCS_2_WARNING=1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# A .venv without pip (half-made, or copied from another machine) is rebuilt.
if [ ! -x .venv/bin/python ] || [ ! -x .venv/bin/pip ]; then
    rm -rf .venv
    "${PYTHON:-python3}" -m venv .venv || {
        echo "error: '${PYTHON:-python3} -m venv' failed; on Debian/Ubuntu: apt-get install python3-venv" >&2
        rm -rf .venv
        exit 1
    }
fi

# The stamp holds the hash of the pyproject.toml last installed from.
stamp=.venv/.bkm-site-installed
want="$(.venv/bin/python -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    echo "Installing bkm-site and its test tools into .venv ..." >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
    echo "$want" > "$stamp"
fi
