"""`bkm-site generate OUT_DIR`: the generated pages as Markdown with front matter, plus the open data, for any builder.

Golden files: tests/golden/input is a small fixed site, tests/golden/expected what
generate writes for it. After a change to what pages or open data hold, look at the
difference, then regenerate them with

    SOURCE_DATE_EPOCH=1767225600 .venv/bin/python -m bkm_site generate tests/golden/expected --site tests/golden/input

(the fixed build date, 2026-01-01, keeps "interim" and "as of" wording from moving with the calendar)

and commit both the change and the new golden files.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml
from conftest import BUILD_TIMEOUT, REPO, html

GOLDEN = REPO / "tests" / "golden"
REGENERATE = "SOURCE_DATE_EPOCH=1767225600 python -m bkm_site generate tests/golden/expected --site tests/golden/input"
BUILD_DATE = {"SOURCE_DATE_EPOCH": "1767225600"}


def generate(out: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bkm_site", "generate", str(out), "--site", str(site)],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        cwd=REPO,
        env={**os.environ, **BUILD_DATE},
    )


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def front_matter(text: str) -> tuple[dict, str]:
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def test_generate_writes_the_golden_files(tmp_path):
    out = tmp_path / "out"
    proc = generate(out, GOLDEN / "input")
    assert proc.returncode == 0, proc.stderr
    assert "11 halaman dan 28 berkas data terbuka ditulis" in proc.stdout
    got, want = tree(out), tree(GOLDEN / "expected")
    assert sorted(got) == sorted(want), f"files differ; if intended, regenerate: {REGENERATE}"
    for rel, content in want.items():
        if got[rel] != content:
            diff = difflib.unified_diff(
                content.decode("utf-8", "replace").splitlines(),
                got[rel].decode("utf-8", "replace").splitlines(),
                f"expected/{rel}",
                f"generated/{rel}",
                lineterm="",
            )
            raise AssertionError(
                "\n".join(list(diff)[:60]) + f"\n\nIf this change is intended, regenerate: {REGENERATE}"
            )


def test_every_page_has_title_template_and_its_context_as_plain_data():
    pages = sorted((GOLDEN / "expected").rglob("*.md"))
    assert {p.relative_to(GOLDEN / "expected").as_posix() for p in pages} >= {
        "index.md",
        "program/index.md",
        "program/jalan-rt01.md",
        "transparansi/2025.md",
        "mitra/index.md",
        "pjm/index.md",
        "capaian/index.md",
        "data-terbuka/index.md",
    }
    for page in pages:
        meta, body = front_matter(page.read_text(encoding="utf-8"))
        assert meta["title"] and meta["template"].startswith("bkm/"), page
        json.dumps(meta)  # plain data only: dates are ISO text
    programme, body = front_matter((GOLDEN / "expected" / "program" / "jalan-rt01.md").read_text(encoding="utf-8"))
    p = programme["context"]["programme"]
    assert p["slug"] == "jalan-rt01" and p["start"] == "2025-03-01"
    data = yaml.safe_load((GOLDEN / "input" / "data" / "programmes" / "jalan-rt01.yml").read_text(encoding="utf-8"))
    assert p["raised"] == sum(line["received"] for line in data["funding"])  # computed figures come along
    assert programme["description"] == "Deskripsi dari editor, menggantikan ringkasan program."
    assert body.rstrip().endswith("Catatan editor untuk program ini.")
    report, _ = front_matter((GOLDEN / "expected" / "transparansi" / "2025.md").read_text(encoding="utf-8"))
    assert report["context"]["income_chart"]["bars"][0]["value"] > 0


def test_generated_pages_are_the_pages_the_mkdocs_build_renders(tmp_path):
    """The same Markdown body MkDocs renders: the page's text in the built site comes from it."""
    import shutil

    from conftest import Site

    site_root = tmp_path / "site"
    shutil.copytree(GOLDEN / "input", site_root)
    built = Site(site_root).build_inprocess()
    meta, _ = front_matter((GOLDEN / "expected" / "program" / "jalan-rt01.md").read_text(encoding="utf-8"))
    page = html(built / "program" / "jalan-rt01")
    assert page.find("meta", attrs={"name": "description"})["content"] == meta["description"]
    assert "Catatan editor untuk program ini." in page.get_text()
    assert page.title.get_text().startswith(meta["title"])


def test_bad_data_writes_nothing_and_says_what_to_fix(tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(GOLDEN / "input", site)
    programme = site / "data" / "programmes" / "jalan-rt01.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("status: ongoing", "status: jalan"), "utf-8")
    out = tmp_path / "out"
    proc = generate(out, site)
    assert proc.returncode == 1
    assert "data/programmes/jalan-rt01.yml" in proc.stderr and "status" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_a_folder_with_other_files_is_left_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "penting.txt").write_text("jangan dihapus", encoding="utf-8")
    proc = generate(out, GOLDEN / "input")
    assert proc.returncode == 1 and "sudah berisi berkas lain" in proc.stderr
    assert tree(out) == {"penting.txt": b"jangan dihapus"}


def test_a_second_run_replaces_the_first(tmp_path):
    out = tmp_path / "out"
    assert generate(out, GOLDEN / "input").returncode == 0
    (out / "program" / "lama.md").write_text("dari versi lama", encoding="utf-8")
    assert generate(out, GOLDEN / "input").returncode == 0
    assert not (out / "program" / "lama.md").exists()
    assert tree(out) == tree(GOLDEN / "expected")


BLOCK_ENGINES = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"mkdocs", "material", "properdocs"}:
                raise ImportError(f"blocked: {name}")
            return None

    sys.meta_path.insert(0, Block())
    import bkm_site.core
    for module in pkgutil.walk_packages(bkm_site.core.__path__, "bkm_site.core."):
        importlib.import_module(module.name)
    from pathlib import Path
    from bkm_site.core.generate import generate
    files = generate(Path(sys.argv[1]) / "mkdocs.yml", Path(sys.argv[2]))
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"mkdocs", "material", "properdocs"})
    print(len(files), loaded)
    """
)


def test_the_core_and_generate_run_without_mkdocs_material_or_properdocs(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK_ENGINES, str(GOLDEN / "input"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        cwd=REPO,
        env={**os.environ, **BUILD_DATE},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["39", "[]"]
    assert tree(tmp_path / "out") == tree(GOLDEN / "expected")
