"""Both engines: MkDocs and ProperDocs (MkDocs 1.x continued) build the same pages from the same site."""

from __future__ import annotations

import json
import os
import re
import subprocess
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from conftest import BUILD_TIMEOUT, DEMO_EPOCH, PYTHON, copy_site

GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
"""The one line that legitimately differs: each engine names itself."""


def build(engine: str, root: Path, out: Path, **env: str) -> Path:
    proc = subprocess.run(
        [*PYTHON, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        env={**os.environ, **env},
    )
    assert proc.returncode == 0, f"{engine} build --strict failed:\n{proc.stdout}{proc.stderr}"
    return out


@pytest.fixture(scope="module")
def demo_builds(demo_build, tmp_path_factory) -> tuple[Path, Path]:
    """The session's MkDocs build of the demo, and ProperDocs' of a copy of the same files, on the same day."""
    root = copy_site(demo_build.root, tmp_path_factory.mktemp("engines-demo"))
    return demo_build.site_dir, build("properdocs", root, root / "site-properdocs", SOURCE_DATE_EPOCH=DEMO_EPOCH)


@pytest.fixture(scope="module")
def new_site_builds(new_site_build, tmp_path_factory) -> tuple[Path, Path]:
    """The session's MkDocs build of a new site (`bkm-site new`), and ProperDocs' of a copy of it."""
    new_site, site_dir = new_site_build
    root = copy_site(new_site, tmp_path_factory.mktemp("engines-new"))
    return site_dir, build("properdocs", root, root / "site-properdocs")


def files(site_dir: Path) -> dict[str, Path]:
    return {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*")) if p.is_file()}


PAGEFIND_UNORDERED = re.compile(r"^pagefind/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$")
"""Pagefind writes its filters and meta file in hash-map order, so their bytes and hashed
names differ from run to run even for the same HTML; the index and fragments do not."""


def assert_same_search_bundle(ours: dict[str, Path], theirs: dict[str, Path]) -> None:
    mine = [rel for rel in ours if PAGEFIND_UNORDERED.match(rel)]
    other = [rel for rel in theirs if PAGEFIND_UNORDERED.match(rel)]
    assert len(mine) == len(other) and any(rel.endswith(".pf_filter") for rel in mine)
    counts = [
        {
            lang: v["page_count"]
            for lang, v in json.loads(site["pagefind/pagefind-entry.json"].read_text())["languages"].items()
        }
        for site in (ours, theirs)
    ]
    assert counts[0] == counts[1] and counts[0]
    for rel in mine:
        del ours[rel]
    for rel in other:
        del theirs[rel]


def assert_same_site(mkdocs_dir: Path, properdocs_dir: Path) -> None:
    ours, theirs = files(mkdocs_dir), files(properdocs_dir)
    assert_same_search_bundle(ours, theirs)
    assert sorted(ours) == sorted(theirs)
    # admin/index.html is a plain file the plugin writes, not a page the engine renders.
    pages = [rel for rel in ours if rel.endswith(".html") and not rel.startswith("admin/")]
    assert "admin/index.html" in ours
    assert "index.html" in pages and any(rel.startswith("program/") for rel in pages)
    for rel in pages:
        mk, pd = ours[rel].read_text(encoding="utf-8"), theirs[rel].read_text(encoding="utf-8")
        assert "ProperDocs" in GENERATOR.search(pd).group(0), f"{rel} was not built by ProperDocs"
        assert GENERATOR.sub("", mk) == GENERATOR.sub("", pd), f"{rel} differs between MkDocs and ProperDocs"
    for rel in ours.keys() - set(pages):
        assert ours[rel].read_bytes() == theirs[rel].read_bytes(), f"{rel} differs between MkDocs and ProperDocs"


def test_the_plugin_is_registered_for_both_engines():
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        (found,) = [ep for ep in entry_points(group=group) if ep.name == "bkm"]
        assert found.value == "bkm_site.plugin:BkmPlugin", group


def test_demo_builds_the_same_pages_with_mkdocs_and_properdocs(demo_builds):
    mkdocs_dir, properdocs_dir = demo_builds
    assert (mkdocs_dir / "transparansi" / "index.html").is_file()
    assert_same_site(mkdocs_dir, properdocs_dir)


def test_new_site_builds_the_same_pages_with_mkdocs_and_properdocs(new_site_builds):
    assert_same_site(*new_site_builds)
