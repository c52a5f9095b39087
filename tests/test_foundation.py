"""The plugin as a package: its entry points, the smallest site, the demo, the default navigation."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml
from conftest import REPO, html, minimal_programme, minimal_report, run_python

from bkm_site.cli import main


def test_package_registers_plugin_and_command():
    plugins = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert plugins.get("bkm") == "bkm_site.plugin:BkmPlugin"
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get("bkm-site") == "bkm_site.cli:main"


def test_console_script_runs(tmp_path):
    command = Path(sys.executable).parent / "bkm-site"
    proc = subprocess.run([str(command), "check", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "mkdocs.yml tidak ditemukan" in proc.stderr and "Traceback" not in proc.stderr


def test_data_alone_makes_a_whole_site(make_site):
    """mkdocs.yml, data/ and an empty content/ folder: every page comes from the data."""
    programme = minimal_programme()
    site = make_site(programmes={"jalan": programme}, reports={"2025": minimal_report()})
    assert not any((site.path / "content").iterdir())
    site_dir = site.build_inprocess()
    assert html(site_dir).title.get_text().strip()
    assert programme["title"] in html(site_dir / "program/jalan").title.get_text()
    assert (site_dir / "program/index.html").is_file()
    assert (site_dir / "transparansi/2025/index.html").is_file()


@pytest.mark.slow
def test_missing_content_folder_is_a_clear_error(make_site):
    """MkDocs checks docs_dir before any plugin runs: the folder must exist, even empty."""
    site = make_site(programmes={"jalan": minimal_programme()})
    (site.path / "content").rmdir()
    built, checked = site.build(), site.check()
    assert built.returncode == 1 and "content' isn't an existing directory" in built.output
    assert checked.returncode == 1 and "harus ada" in checked.output
    for run in (built, checked):
        assert "Traceback" not in run.output
    assert not site.site_dir.exists()


def _demo_files(kind: str) -> list[Path]:
    files = sorted((REPO / "data" / kind).glob("*.yml"))
    assert files, f"the demo has no data/{kind}"
    return files


def test_every_demo_programme_has_its_page(demo_site):
    for path in _demo_files("programmes"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        page = html(demo_site / "program" / path.stem)
        assert data["title"] in page.title.get_text(), path.name
        assert data["title"] in page.find("h1").get_text(), path.name


def test_every_demo_report_has_its_page(demo_site):
    for path in _demo_files("reports"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        page = html(demo_site / "transparansi" / path.stem)
        if data.get("title"):
            assert data["title"] in page.title.get_text(), path.name
        assert page.find("h1"), path.name


def test_demo_builds_strict_without_warnings(demo_build):
    """As a user runs it (the session's demo build is `mkdocs build --strict` in a process of its own)."""
    assert "WARNING" not in demo_build.output, demo_build.output
    assert "Documentation built in" in demo_build.output, demo_build.output
    assert (demo_build.site_dir / "index.html").is_file()


def test_check_passes_the_demo():
    proc = run_python("-m", "bkm_site", "check", str(REPO), cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    counts = f"{len(_demo_files('programmes'))} program, {len(_demo_files('reports'))} laporan"
    assert counts in proc.stdout


def test_check_takes_a_site_by_its_folder_or_its_configuration_file(make_site, capsys):
    site = make_site(programmes={"jalan": minimal_programme()})
    for target in (site.path, site.path / "mkdocs.yml"):
        assert main(["check", str(target)]) == 0, capsys.readouterr().err
        assert "1 program" in capsys.readouterr().out


def _nav_links(site_dir: Path) -> list[tuple[str, str]]:
    nav = html(site_dir).select_one("nav.md-nav--primary")
    return [(a.get_text(" ", strip=True), a.get("href")) for a in nav.select("a.md-nav__link[href]")]


def test_default_nav_lists_generated_sections_then_editors_pages(make_site):
    site = make_site(
        programmes={"jalan": minimal_programme()},
        reports={"2025": minimal_report()},
        content={"tentang.md": "# Tentang Kami\n\nSejarah BKM.\n"},
    )
    links = _nav_links(site.build_inprocess())
    hrefs = [href for _, href in links]
    assert links[0] == ("Beranda", ".")
    assert "program/" in hrefs and "transparansi/" in hrefs
    assert hrefs[-1] == "tentang/" and links[-1][0] == "Tentang Kami"
    assert not any(href.startswith(("program/jalan", "transparansi/2025")) for href in hrefs)


def test_site_nav_wins_over_default_nav(make_site):
    site = make_site(
        programmes={"jalan": minimal_programme()},
        content={"tentang.md": "# Tentang Kami\n"},
        mkdocs={"nav": [{"Tentang": "tentang.md"}, {"Semua program": "program/index.md"}]},
    )
    assert [text for text, _ in _nav_links(site.build_inprocess())] == ["Tentang", "Semua program"]
