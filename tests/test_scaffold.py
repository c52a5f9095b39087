"""`bkm-site new`: a new site that checks, builds --strict and deploys as it comes; and the Pages workflows."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_site, html, run_python, strings_outside

import bkm_site
from bkm_site.core.editor_schema import editor_schemas

SCAFFOLD = REPO / "bkm_site" / "scaffold"
QUOTED_OR_VARIABLE = re.compile(r"\"[^\"]*\"|'[^']*'|\.\.\.|\([^)]*\)|\d+|:|data/\S+")


def heading(tag) -> str:
    """A heading's text without MkDocs' permalink (¶)."""
    return " ".join(strings_outside(tag, "headerlink"))


def bkm_site_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run_python("-m", "bkm_site", *args, cwd=cwd)


@pytest.fixture(scope="module")
def new_site(new_site_build) -> Path:
    """`bkm-site new` into a folder that does not exist yet (conftest's ``new_site_build``): read-only."""
    return new_site_build[0]


@pytest.fixture(scope="module")
def built(new_site_build) -> Path:
    """The new site as it comes: `bkm-site check`, then `mkdocs build --strict`."""
    return new_site_build[1]


def test_new_site_has_every_part_ready_to_push(new_site):
    for rel in (
        "mkdocs.yml",
        "requirements.txt",
        ".gitignore",
        ".github/workflows/pages.yml",
        "overrides/README.md",
        "content/index.md",
        "content/panduan/index.md",
        "content/panduan/format-data.md",
        "data/bkm.yml",
        "data/partners.yml",
        "data/plan.yml",
    ):
        assert (new_site / rel).is_file(), rel
    assert list((new_site / "data" / "programmes").glob("*.yml"))
    assert list((new_site / "data" / "reports").glob("*.yml"))
    assert not list(new_site.rglob("dot-*")), "dot- names must become dotfiles"
    assert (new_site / "requirements.txt").read_text(encoding="utf-8").strip() == f"bkm-site~={bkm_site.__version__}"
    assert "site/" in (new_site / ".gitignore").read_text(encoding="utf-8").split()


def test_requirements_accept_fixes_of_this_version_only(new_site):
    """A new site installs the release that made it or a later fix, never the next minor release."""
    from packaging.requirements import Requirement

    requirement = Requirement((new_site / "requirements.txt").read_text(encoding="utf-8").strip())
    major, minor, patch = (int(n) for n in bkm_site.__version__.split("."))
    assert requirement.name == "bkm-site"
    assert requirement.specifier.contains(bkm_site.__version__)
    assert requirement.specifier.contains(f"{major}.{minor}.{patch + 1}")
    assert not requirement.specifier.contains(f"{major}.{minor + 1}.0")


def test_new_site_checks_and_builds_strict(built, new_site):
    home = html(built)
    assert "BKM Contoh" in home.get_text()
    programme_file = next((new_site / "data" / "programmes").glob("*.yml"))
    title = yaml.safe_load(programme_file.read_text(encoding="utf-8"))["title"]
    page = html(built / "program" / programme_file.stem)
    assert heading(page.find("h1")) == title
    report = next((new_site / "data" / "reports").glob("*.yml")).stem
    assert (built / "transparansi" / report / "index.html").is_file()


def test_the_site_address_comes_from_the_pages_workflow(built, new_site, tmp_path):
    """configure-pages gives the address; mkdocs.yml reads it from SITE_URL, for canonical links and QR codes."""
    assert html(built).find("link", rel="canonical") is None
    address = "https://bkm-contoh.github.io/situs-bkm/"
    proc = run_python(
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-d",
        str(tmp_path / "site"),
        cwd=copy_site(new_site, tmp_path / "situs-bkm"),
        env={**os.environ, "SITE_URL": address},
    )
    assert proc.returncode == 0, proc.stderr
    assert html(tmp_path / "site").find("link", rel="canonical")["href"] == address


def test_the_guide_is_a_page_of_the_new_site(built):
    guide = html(built / "panduan")
    assert heading(guide.find("h1")) == "Panduan Editor"
    headings = [heading(h) for h in guide.find_all("h2")]
    for topic in (
        "Menambah program",
        "Menulis kabar terbaru",
        "Menerbitkan laporan keuangan",
        "Menambah foto",
        "Arti pesan kesalahan",
    ):
        assert any(topic in h for h in headings), topic
    assert len(guide.find("table").find_all("tr")) > 15
    assert heading(html(built / "panduan" / "format-data").find("h1")) == "Format Data"
    nav = [link.get_text(" ", strip=True) for link in html(built).select("nav.md-nav--primary > ul > li > a")]
    assert "Panduan Editor" in nav and "Format Data" not in nav, nav
    assert guide.find("a", href="format-data/"), "the reference is reached from the guide"


def test_the_guide_quotes_real_error_messages():
    """Each message in the guide's table is (the fixed part of) a message the loader really writes."""
    from bkm_site.core.strings import catalogue

    sources = "".join(path.read_text(encoding="utf-8") for path in (REPO / "bkm_site").rglob("*.py"))
    sources += "\n".join(text.replace("{{", "{").replace("}}", "}") for text in catalogue("id").values())
    guide = (SCAFFOLD / "content" / "panduan" / "index.md").read_text(encoding="utf-8")
    table = guide[guide.index("| Pesan |") :]
    rows = [line.split("|")[1].strip() for line in table.splitlines()[2:] if line.startswith("|")]
    assert len(rows) >= 20
    for message in rows:
        shown = message.replace("`", "")  # code spans in the table show the message's { } as typed
        fixed = max(QUOTED_OR_VARIABLE.split(shown), key=len).strip(" .")
        assert fixed in sources, f"guide quotes a message the code does not write: {message!r} ({fixed!r})"


def test_the_bookkeeping_guide_quotes_the_ledger_messages_and_is_linked():
    """pembukuan.md explains the ledger rules with the messages the loader really writes, and the guide links it."""
    from bkm_site.core.strings import catalogue

    source = "".join(path.read_text(encoding="utf-8") for path in (REPO / "bkm_site").rglob("*.py"))
    joined = re.sub(r"\"\s*\n\s*f?\"", "", source)  # adjacent string literals, as Python joins them
    joined += "\n".join(text.replace("{{", "{").replace("}}", "}") for text in catalogue("id").values())
    guide = (SCAFFOLD / "content" / "panduan" / "pembukuan.md").read_text(encoding="utf-8")
    table = guide[guide.index("| Pesan |") :]
    rows = [line.split("|")[1].strip() for line in table.splitlines()[2:] if line.startswith("|")]
    assert len(rows) >= 9
    for message in rows:
        fixed = max(QUOTED_OR_VARIABLE.split(message), key=len).strip(" .,")
        assert fixed in joined, f"guide quotes a message the code does not write: {message!r} ({fixed!r})"
    for topic in ("Laporan bersambung", "Laporan di dalam laporan lain", "Masa tanpa laporan", "Tanggal"):
        assert f"## {topic}" in guide, topic
    index = (SCAFFOLD / "content" / "panduan" / "index.md").read_text(encoding="utf-8")
    assert "](pembukuan.md)" in index


def test_the_bookkeeping_guide_is_a_page_of_the_new_site(built):
    page = html(built / "panduan" / "pembukuan")
    assert heading(page.find("h1")) == "Pembukuan"
    assert html(built / "panduan").find("a", href="pembukuan/")


def test_the_demo_shows_the_same_guide():
    """The demo keeps real copies (symlinks break on Windows checkouts and when a BKM copies content/)."""
    for name in ("index.md", "format-data.md", "pembukuan.md", "admin.md"):
        demo = REPO / "content" / "panduan" / name
        assert demo.read_bytes() == (SCAFFOLD / "content" / "panduan" / name).read_bytes(), name
    shots = sorted(p.name for p in (SCAFFOLD / "content" / "images" / "panduan").glob("*.png"))
    assert shots, "the guide's screenshots"
    for name in shots:
        demo = REPO / "content" / "images" / "panduan" / name
        assert demo.read_bytes() == (SCAFFOLD / "content" / "images" / "panduan" / name).read_bytes(), name


def test_data_files_name_their_schema_in_a_modeline(new_site):
    written = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in (new_site / "schema").glob("*.json")}
    assert written == {f"{name}.schema.json": schema for name, schema in editor_schemas().items()}
    data_files = sorted((new_site / "data").rglob("*.yml"))
    assert len(data_files) == 7
    for path in data_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.name}: first line is {first!r}"
        target = (path.parent / match[1]).resolve()
        assert target.is_file(), f"{path.name} points to {match[1]}, which does not exist"
        kind = {"programmes": "programme", "reports": "report"}.get(path.parent.name, path.stem)
        assert target.name == f"{kind}.schema.json"


def test_data_comments_explain_fields_in_indonesian(new_site):
    """Every top-level field (and each first field of a list entry) carries a comment on its line or the line above."""
    for path in sorted((new_site / "data").rglob("*.yml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if re.match(r"(- )?[a-z_]+:", line):
                assert " #" in line or lines[number - 1].startswith("#"), (
                    f"{path.name}:{number + 1} {line!r} has no comment"
                )
    programme = next((new_site / "data" / "programmes").glob("*.yml")).read_text(encoding="utf-8")
    assert "lingkungan, sosial atau ekonomi" in programme and "planned (rencana)" in programme


@pytest.mark.parametrize("existing", ["catatan.txt", ".git/HEAD"])
def test_new_refuses_a_non_empty_folder(tmp_path, existing):
    target = tmp_path / "situs"
    (target / existing).parent.mkdir(parents=True)
    (target / existing).write_text("punya saya\n", encoding="utf-8")
    proc = bkm_site_cli("new", str(target), cwd=tmp_path)
    assert proc.returncode == 1
    assert "tidak kosong" in proc.stderr and "tertimpa" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [existing]
    assert (target / existing).read_text(encoding="utf-8") == "punya saya\n"


def test_new_refuses_a_file(tmp_path):
    (tmp_path / "situs").write_text("x", encoding="utf-8")
    proc = bkm_site_cli("new", "situs", cwd=tmp_path)
    assert proc.returncode == 1 and "bukan folder" in proc.stderr


def test_new_says_when_it_cannot_write(tmp_path):
    (tmp_path / "berkas.txt").write_text("x", encoding="utf-8")
    proc = bkm_site_cli("new", "berkas.txt/situs", cwd=tmp_path)
    assert proc.returncode == 1 and "Tidak bisa menulis" in proc.stderr and "Traceback" not in proc.stderr


def test_new_fills_an_empty_folder(tmp_path):
    (tmp_path / "kosong").mkdir()
    proc = bkm_site_cli("new", "kosong", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "kosong" / "mkdocs.yml").is_file()


def test_every_package_file_is_packaged(tmp_path):
    """setuptools' build_py puts into the wheel exactly what it copies here: the scaffold (with
    its dot- files), templates, catalogues, fonts and every module must be there, or
    `pip install bkm-site` (and this repo's Pages workflow, `pip install .`) breaks."""
    proc = subprocess.run(
        [sys.executable, "-c", "from setuptools import setup; setup()", "-q", "build_py", "-d", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    source = REPO / "bkm_site"
    wanted = {
        p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }
    packaged = {
        p.relative_to(tmp_path / "bkm_site").as_posix() for p in (tmp_path / "bkm_site").rglob("*") if p.is_file()
    }
    assert "scaffold/dot-github/workflows/pages.yml" in wanted
    assert wanted - packaged == set()


# --- the GitHub Pages workflows ------------------------------------------------


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


WORKFLOWS = {
    "scaffold": SCAFFOLD / "dot-github" / "workflows" / "pages.yml",
    "repo": REPO / ".github" / "workflows" / "pages.yml",
}


@pytest.mark.parametrize("name", list(WORKFLOWS))
def test_workflow_checks_builds_strict_and_deploys_to_pages(name):
    flow = workflow(WORKFLOWS[name])
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    uses = [step.get("uses") for step in build["steps"]]
    runs = [step.get("run") for step in build["steps"]]
    order = [step.get("uses") or step.get("run") for step in build["steps"]]
    assert "actions/checkout@v4" in uses and "actions/setup-python@v5" in uses
    install = "python -m pip install -r requirements.txt" if name == "scaffold" else "python -m pip install ."
    assert install in runs
    sequence = [
        install,
        "actions/configure-pages@v5",
        "bkm-site check",
        "mkdocs build --strict",
        "actions/upload-pages-artifact@v3",
    ]
    assert [order.index(item) for item in sequence] == sorted(order.index(item) for item in sequence)
    build_step = next(step for step in build["steps"] if step.get("run") == "mkdocs build --strict")
    configure = next(step for step in build["steps"] if step.get("uses") == "actions/configure-pages@v5")
    assert build_step["env"]["SITE_URL"] == "${{{{ steps.{}.outputs.base_url }}}}".format(configure["id"]), (
        "QR codes need the site's address"
    )
    upload = next(step for step in build["steps"] if step.get("uses") == "actions/upload-pages-artifact@v3")
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"] for step in deploy["steps"]] == ["actions/deploy-pages@v4"]


def test_repo_deploys_its_demo_with_the_same_workflow():
    scaffold, repo = workflow(WORKFLOWS["scaffold"]), workflow(WORKFLOWS["repo"])
    for step in scaffold["jobs"]["build"]["steps"]:
        if step.get("run") == "python -m pip install -r requirements.txt":
            step["run"] = "python -m pip install ."
    assert scaffold == repo
