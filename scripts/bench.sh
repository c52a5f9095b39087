#!/usr/bin/env bash
# Speed and weight benchmark: bash scripts/bench.sh [benchmarks/run.py args]
# Builds synthetic sites (200 and 1,000 programmes, 120 monthly reports) against
# hand-written Markdown equivalents, weighs a demo campaign page, and writes
# benchmarks/RESULTS.md. Takes several minutes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"   # also cds to the repo root
exec "$VENV_PYTHON" benchmarks/run.py "$@"
