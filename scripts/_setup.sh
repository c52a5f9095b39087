# Shared set-up, sourced by test.sh, serve.sh, build.sh and bench.sh: one place that
# makes .venv ready, so a fresh clone needs only Python 3 and network to PyPI.
# Idempotent and fast once done: packages are installed only when pyproject.toml changed.
# Works in Git for Windows' bash too, where a venv keeps its programs in Scripts/.
set -euo pipefail

# Material's English end-of-life notice would open every build log.
export NO_MKDOCS_2_WARNING=1

# Bytecode is written (to git-ignored __pycache__/ folders) even where PYTHONDONTWRITEBYTECODE is set, as on
# some CI machines: uv installs without it, and the suite starts some forty Pythons that would each compile
# the same modules again.
unset PYTHONDONTWRITEBYTECODE

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) VENV_BIN=.venv/Scripts ;;
    *) VENV_BIN=.venv/bin ;;
esac
VENV_PYTHON="$VENV_BIN/python"

# A .venv without a working pip (half-made, or copied from another machine) is rebuilt.
if ! "$VENV_PYTHON" -m pip --version >/dev/null 2>&1; then
    rm -rf .venv
    "${PYTHON:-python3}" -m venv .venv || {
        echo "error: '${PYTHON:-python3} -m venv' failed; on Debian/Ubuntu: apt-get install python3-venv" >&2
        echo "       (set PYTHON to another interpreter, e.g. PYTHON=python on Windows)" >&2
        rm -rf .venv
        exit 1
    }
fi

# The stamp holds the hash of the pyproject.toml last installed from.
stamp=.venv/.bkm-site-installed
want="$("$VENV_PYTHON" -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    echo "Installing bkm-site and its test tools into .venv ..." >&2
    # uv downloads in parallel and links from its cache: seconds where pip takes half a minute.
    # pip does it where uv cannot be had or fails (an index set only in pip's own configuration, say).
    uv="$VENV_BIN/uv"
    if ! "$uv" --version >/dev/null 2>&1 &&
        ! said="$("$VENV_PYTHON" -m pip install -q --disable-pip-version-check "uv>=0.5" 2>&1)"; then
        echo "$said" >&2
        uv=""
    fi
    # VIRTUAL_ENV names the environment to uv on every system (Git for Windows' bash included).
    if [ -z "$uv" ] || ! VIRTUAL_ENV=.venv "$uv" pip install -q -e '.[test]'; then
        echo "Installing with pip instead ..." >&2
        "$VENV_PYTHON" -m pip install -q --disable-pip-version-check -e '.[test]'
    fi
    echo "$want" > "$stamp"
fi
