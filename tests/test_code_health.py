"""Lint, format and types are part of the suite: a finding fails the test command like a broken page."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

CHECKS = {
    "ruff-check": ["ruff", "check", "--no-cache", "."],
    "ruff-format": ["ruff", "format", "--check", "--no-cache", "."],
    "mypy": ["mypy"],  # files and options: [tool.mypy] in pyproject.toml
}


@pytest.mark.parametrize("tool", list(CHECKS))
def test_no_findings(tool):
    proc = subprocess.run([sys.executable, "-m", *CHECKS[tool]], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{' '.join(CHECKS[tool])}:\n{proc.stdout}{proc.stderr}"
