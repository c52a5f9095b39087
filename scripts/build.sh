#!/usr/bin/env bash
# Builds the demo site into site/, failing on any warning: bash scripts/build.sh [mkdocs build args]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"   # also cds to the repo root
exec "$VENV_BIN/mkdocs" build --strict "$@"
