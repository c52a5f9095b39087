"""Live reload: `mkdocs serve` picks up data edits, shows a broken edit in the browser, and recovers."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import PYTHON, html, minimal_programme, search_index
from mkdocs.exceptions import Abort

DEADLINE = 60  # seconds for each wait: start-up and every rebuild


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, predicate, server: subprocess.Popen, what: str) -> BeautifulSoup:
    end = time.monotonic() + DEADLINE
    last = None
    while time.monotonic() < end:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited while waiting for {what}:\n{server.communicate()[0]}")
        text = fetch(url)
        if text is not None:
            last = BeautifulSoup(text, "html.parser")
            if predicate(last):
                return last
        time.sleep(0.3)
    seen = last.get_text(" ", strip=True)[:500] if last else None
    pytest.fail(f"no {what} at {url} within {DEADLINE} s; last page text: {seen}")


@pytest.mark.slow
def test_serve_reloads_data_edits_and_survives_a_broken_file(make_site):
    site = make_site(programmes={"paving-rt03": minimal_programme()})
    programme_file = site.path / "data" / "programmes" / "paving-rt03.yml"
    port = free_port()
    url = f"http://127.0.0.1:{port}/program/paving-rt03/"
    server = subprocess.Popen(
        [*PYTHON, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        first = wait_for(url, lambda soup: "Perbaikan Jalan Lingkungan" in soup.get_text(), server, "the first build")
        assert first.find("h1")
        assert first.select_one("header .bkm-search input[aria-label]"), "the search box is served too"
        entry = fetch(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json")
        assert entry and '"id"' in entry, "mkdocs serve must serve the Pagefind index it built"

        programme_file.write_text(
            yaml.safe_dump(minimal_programme(title="Pavingisasi Gang Mawar"), sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
        edited = wait_for(url, lambda soup: "Pavingisasi Gang Mawar" in soup.get_text(), server, "the edited title")
        assert "Perbaikan Jalan Lingkungan" not in edited.get_text()

        broken = programme_file.read_text(encoding="utf-8").replace("status: ongoing", "status: berjalan")
        programme_file.write_text(broken, encoding="utf-8")
        error = wait_for(url, lambda soup: soup.find(class_="bkm-serve-error") is not None, server, "the error page")
        text = error.get_text(" ", strip=True)
        assert "Data BKM belum benar" in text
        assert "data/programmes/paving-rt03.yml" in text
        assert "status" in text and '"berjalan" bukan pilihan' in text
        assert "ongoing" in text  # the hint names the allowed values
        elsewhere = fetch(f"http://127.0.0.1:{port}/")
        assert elsewhere and "bkm-serve-error" in elsewhere, "every page shows the error, not the stale site"

        programme_file.write_text(
            broken.replace("status: berjalan", "status: ongoing").replace(
                "Pavingisasi Gang Mawar", "Paving Gang Mawar Tahap II"
            ),
            encoding="utf-8",
        )
        recovered = wait_for(
            url, lambda soup: "Paving Gang Mawar Tahap II" in soup.get_text(), server, "the recovered site"
        )
        assert recovered.find(class_="bkm-serve-error") is None
        assert server.poll() is None
    finally:
        server.kill()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
    assert "Situs belum dibangun ulang" in output


# --- serve's rebuilds in-process (no server) ---------------------------------------


@pytest.fixture
def serve_build():
    """serve_build(site): one rebuild as ``mkdocs serve`` runs it; the plugin is told the command, as serve does.

    MkDocs keeps one instance of the plugin per process: it is told ``build`` again afterwards.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    told = []

    def rebuild(site) -> Path:
        config = load_config(config_file=str(site.config_file))
        plugin = config.plugins["bkm"]
        plugin.on_startup(command="serve", dirty=False)
        told.append(plugin)
        build(config, serve_url="http://127.0.0.1:8000/")
        return site.site_dir

    yield rebuild
    for plugin in told:
        plugin.on_startup(command="build", dirty=False)


def pages(site_dir: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site_dir).as_posix(): html(p) for p in site_dir.rglob("*.html")}


def serving_site(make_site):
    return make_site(programmes={"paving": minimal_programme()}, content={"tentang.md": "# Tentang kami\n"})


def test_a_data_error_replaces_every_page_with_the_escaped_problem_list(make_site, serve_build):
    site = serving_site(make_site)
    good = pages(serve_build(site))
    assert {"index.html", "program/paving/index.html", "tentang/index.html", "404.html"} <= set(good)
    programme = site.path / "data" / "programmes" / "paving.yml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("status: ongoing", "status: <script>alert(1)</script>"),
        encoding="utf-8",
    )
    shown = pages(serve_build(site))
    static = {"admin/index.html"}  # the CMS page is a file copied as it is, not a page built from the data
    assert set(shown) == set(good) - static, "every page the reader may have open shows the problems"
    for rel, page in shown.items():
        assert page.find("body")["class"] == ["bkm-serve-error"], rel
        item = page.find("ol").find("li").get_text(" ", strip=True)
        assert "data/programmes/paving.yml, baris" in item and "status" in item and "ongoing" in item, rel
        assert page.find("script", string=lambda s: s and "alert(1)" in s) is None
    assert not list(site.site_dir.rglob("*.css")), "nothing of the stale site is left"


def test_a_broken_photo_shows_in_the_browser_too(make_site, serve_build):
    programme = minimal_programme(cover="images/cover.jpg")
    site = make_site(programmes={"paving": programme}, content={"images/cover.jpg": b"bukan foto"})
    shown = pages(serve_build(site))
    assert {"index.html", "404.html"} <= set(shown)
    text = shown["index.html"].get_text(" ", strip=True)
    assert "Data BKM belum benar" in text and "data/programmes/paving.yml" in text
    assert "content/images/cover.jpg" in text and "tidak dapat dibaca sebagai gambar" in text


def test_fixing_the_file_brings_the_real_site_back(make_site, serve_build):
    site = serving_site(make_site)
    programme = site.path / "data" / "programmes" / "paving.yml"
    good = programme.read_text(encoding="utf-8")
    programme.write_text(good.replace("status: ongoing", "status: berjalan"), encoding="utf-8")
    assert html(serve_build(site)).find(class_="bkm-serve-error") is not None
    programme.write_text(good, encoding="utf-8")
    back = pages(serve_build(site))
    assert not [rel for rel, page in back.items() if page.find(class_="bkm-serve-error")]
    assert "Perbaikan Jalan Lingkungan" in back["program/paving/index.html"].get_text()
    assert back["404.html"].find(class_="md-content"), "404 is the theme's page again"


def test_outside_serve_bad_data_still_stops_the_build(make_site):
    site = serving_site(make_site)
    programme = site.path / "data" / "programmes" / "paving.yml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("status: ongoing", "status: berjalan"), encoding="utf-8"
    )
    with pytest.raises(Abort):
        site.build_inprocess()


def test_a_build_after_serve_in_the_same_process_is_a_plain_build(make_site, serve_build):
    """MkDocs keeps the plugin for the process: once serve has ended, a build indexes before it returns."""
    from mkdocs.config import load_config

    site = serving_site(make_site)
    serve_build(site)
    config = load_config(config_file=str(site.config_file))
    plugin = config.plugins["bkm"]
    config.plugins.on_shutdown()
    built = site.build_inprocess()
    assert plugin.index.thread is None, "no index still being written after the build"
    assert "/program/paving/" in search_index(built)
