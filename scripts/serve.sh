#!/usr/bin/env bash
# Serves the demo site with live reload: bash scripts/serve.sh [mkdocs serve args]
# Address: BKM_ADDR (default 127.0.0.1:8000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"   # also cds to the repo root
exec "$VENV_BIN/mkdocs" serve -a "${BKM_ADDR:-127.0.0.1:8000}" "$@"
