"""The build log of a BKM's site holds only what matters, in the site's language.

Material for MkDocs opens every build with an English end-of-life notice that
looks like the error in a GitHub Actions log; the new site's workflow and this
repository's scripts switch it off, and the plugin itself writes only in the
site's language.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import yaml
from conftest import BUILD_TIMEOUT, REPO

WORKFLOWS = [REPO / "bkm_site/scaffold/dot-github/workflows/pages.yml", REPO / ".github/workflows/pages.yml"]
MKDOCS_OWN = re.compile(
    r"^INFO +- +(Cleaning site directory|Building documentation to directory: .*"
    r"|Documentation built in [\d.]+ seconds)$"
)
"""MkDocs' own three lines of a good build."""


def test_the_workflows_and_scripts_switch_off_materials_banner():
    for path in WORKFLOWS:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["env"]["NO_MKDOCS_2_WARNING"] == "1", path
    assert "export NO_MKDOCS_2_WARNING=1" in (REPO / "scripts/_setup.sh").read_text(encoding="utf-8")


def build_log(site, language: str, env: dict[str, str]) -> tuple[int, str]:
    config = site.config_file.read_text(encoding="utf-8").replace("language: id", f"language: {language}")
    site.config_file.write_text(config, encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site.path,
        env={**clean, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    return proc.returncode, proc.stdout


def workflow_env() -> dict[str, str]:
    return yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))["env"]


def test_a_good_build_prints_nothing_but_mkdocs_own_three_lines(make_site):
    status, log = build_log(make_site(), "id", workflow_env())
    assert status == 0, log
    assert [line for line in log.splitlines() if line.strip() and not MKDOCS_OWN.match(line)] == [], log
    status, log = build_log(make_site(), "id", {})
    # 9.8 announces its end of life, 9.7 (the newest for Python 3.10) MkDocs 2.0: both name themselves.
    assert "Material for MkDocs" in log, "without the setting Material does print its notice: the test would catch it"


def test_a_failing_build_speaks_the_sites_language(make_site):
    for language, words in (("id", "Situs TIDAK dibangun"), ("en", "The site was NOT built")):
        site = make_site(programmes={"jalan": "title: Material tahap #2 sudah datang\n"})
        status, log = build_log(site, language, workflow_env())
        assert status == 1 and words in log, log
        assert "end of life" not in log and "Zensical" not in log, log
        english = re.search(r"\b(masalah|baris|karakter)\b", log) if language == "en" else None
        assert english is None, log
