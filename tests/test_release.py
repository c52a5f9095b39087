"""Releases: one version, a wheel that makes a working site, the tests on three systems, trusted publishing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from importlib.metadata import metadata, version
from pathlib import Path

import pytest
import yaml
from conftest import BUILD_TIMEOUT, REPO, _ci, html

import bkm_site

WORKFLOWS = REPO / ".github" / "workflows"
TEST_COMMAND = "bash scripts/test.sh"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def run_lines(job: dict) -> list[str]:
    return [line for step in job["steps"] for line in step.get("run", "").splitlines()]


# --- one version -------------------------------------------------------------------


def test_the_package_is_the_one_source_of_its_version():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    project = pyproject.split("\n[project]\n", 1)[1].split("\n[", 1)[0]
    assert not re.search(r"^version\s*=", project, re.MULTILINE), "no second version in pyproject.toml"
    assert 'dynamic = ["version"]' in project
    assert 'version = {attr = "bkm_site.__version__"}' in pyproject
    assert version("bkm-site") == bkm_site.__version__


def test_the_changelog_starts_with_this_version():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[?(\d+\.\d+\.\d+)\]?", changelog, re.MULTILINE)
    assert versions[0] == bkm_site.__version__
    assert "0.1.0" in versions


def test_the_package_says_it_is_typed():
    assert (REPO / "bkm_site" / "py.typed").is_file()


# --- CI and release workflows ------------------------------------------------------


def test_ci_runs_the_test_command_on_three_systems_and_the_supported_pythons():
    jobs = workflow("tests.yml")["jobs"]
    (job,) = jobs.values()
    matrix = job["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "windows-latest", "macos-latest"}
    oldest = metadata("bkm-site")["Requires-Python"].removeprefix(">=")
    assert matrix["python"] == [oldest, "3.13"]
    assert job["defaults"]["run"]["shell"] == "bash", "Git for Windows' bash runs scripts/test.sh on Windows"
    commands = [line for line in run_lines(job) if line.startswith(TEST_COMMAND)]
    assert commands and all(line.split()[:2] == TEST_COMMAND.split() for line in commands)
    linux = [step for step in job["steps"] if step.get("run", "").startswith(TEST_COMMAND) and "Linux" in step["if"]]
    assert linux and "not browser" not in linux[0]["run"], "the browser tests run where Chromium is"
    assert TEST_COMMAND in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in (REPO / "README.md").read_text(encoding="utf-8")


def test_a_version_tag_tests_builds_and_publishes_with_trusted_publishing():
    release = workflow("release.yml")
    assert release["on"]["push"]["tags"] == ["v*"]
    jobs = release["jobs"]
    assert jobs["tests"]["uses"] == "./.github/workflows/tests.yml"
    assert "workflow_call" in workflow("tests.yml")["on"]
    assert jobs["build"]["needs"] == "tests"
    assert "python -m build" in run_lines(jobs["build"]), "sdist and wheel"
    assert any("__version__" in line for line in run_lines(jobs["build"])), "the tag must name the version"
    publish = jobs["publish"]
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    assert [s["uses"] for s in publish["steps"]][-1].startswith("pypa/gh-action-pypi-publish@")
    assert not any("password" in s.get("with", {}) for s in publish["steps"]), "no token: trusted publishing"


# --- the wheel, as a new BKM installs it ------------------------------------------------


def venv_program(env: Path, name: str) -> str:
    scripts = env / ("Scripts" if os.name == "nt" else "bin")
    return str(scripts / name)


def run(*args: str, cwd: Path) -> str:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.mark.slow
@pytest.mark.skipif(not _ci(), reason="installs from PyPI into a fresh venv: runs when CI is set")
def test_a_wheel_from_the_checkout_makes_a_site_that_checks_and_builds(tmp_path):
    """Build the wheel, install it in a fresh venv, then do what the README and the new site's workflow say."""
    pip = ("-m", "pip", "--disable-pip-version-check")
    run(sys.executable, *pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", "dist", str(REPO), cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("bkm_site-*.whl")
    assert wheel.name.startswith(f"bkm_site-{bkm_site.__version__}-")
    env = tmp_path / "venv"
    venv.create(env, with_pip=False)  # this pip installs into it (--python): no seconds spent on ensurepip
    into_env = (sys.executable, *pip, "--python", venv_program(env, "python"))
    uv = Path(sys.executable).with_name("uv.exe" if os.name == "nt" else "uv")
    if uv.is_file():  # scripts/_setup.sh's: the same packages from its cache, in seconds; pip checks them below
        run(str(uv), "pip", "install", "-q", "--python", venv_program(env, "python"), str(wheel), cwd=tmp_path)
    else:
        run(*into_env, "install", "-q", "--no-compile", str(wheel), cwd=tmp_path)

    run(venv_program(env, "bkm-site"), "new", "situs-bkm", cwd=tmp_path)
    site = tmp_path / "situs-bkm"
    installed = run(*into_env, "install", "--no-compile", "-r", "requirements.txt", cwd=site)
    assert f"bkm-site~={bkm_site.__version__}" in installed and "already satisfied" in installed
    assert "Successfully installed" not in installed, "pip finds what the site asks for, and what it needs, there"
    assert "BKM Contoh" in run(venv_program(env, "bkm-site"), "check", cwd=site)
    run(venv_program(env, "mkdocs"), "build", "--strict", cwd=site)
    assert "BKM Contoh" in html(site / "site").get_text()
