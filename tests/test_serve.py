"""Live reload: `mkdocs serve` picks up data edits, shows a broken edit in the browser, and recovers."""

from __future__ import annotations

import logging
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import PYTHON, minimal_programme
from mkdocs.exceptions import Abort

from bkm_site.core.loading import DataError, Problem
from bkm_site.serve import showing_errors

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
    pytest.fail(
        f"no {what} at {url} within {DEADLINE} s; last page text: {last.get_text(' ', strip=True)[:500] if last else None}"
    )


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


# --- the rebuild wrapper on its own (no server) --------------------------------


def _old_site(tmp_path):
    site = tmp_path / "site"
    (site / "program" / "paving").mkdir(parents=True)
    for rel in ("index.html", "program/paving/index.html"):
        (site / rel).write_text("<html><body>situs lama</body></html>", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "bkm.css").write_text("body{}", encoding="utf-8")
    return site


def test_a_data_error_replaces_every_page_with_the_escaped_problem_list(tmp_path):
    problem = Problem(
        "data/programmes/paving.yml", 4, 9, "status", '"<script>alert(1)</script>" bukan pilihan.', "Tulis ongoing."
    )

    def failing_build():
        try:
            raise DataError([problem])
        except DataError as err:
            logging.getLogger("mkdocs.commands.build").error(str(err))
            raise Abort("Aborted with a BuildError!") from None

    site = _old_site(tmp_path)
    showing_errors(failing_build, site)()
    for rel in ("index.html", "program/paving/index.html", "404.html"):
        page = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
        assert page.find("body")["class"] == ["bkm-serve-error"]
        item = page.find("ol").find("li").get_text(" ", strip=True)
        assert "data/programmes/paving.yml, baris 4, karakter 9" in item and "→ Tulis ongoing." in item
        assert page.find("script", string=lambda s: s and "alert(1)" in s) is None
    assert (site / "assets" / "bkm.css").read_text(encoding="utf-8") == "body{}"


def test_other_build_errors_show_what_mkdocs_logged(tmp_path):
    def failing_build():
        logging.getLogger("mkdocs.config").error("Config value 'theme': Unrecognised theme name: 'materia'.")
        raise Abort("Aborted with 1 configuration errors!")

    site = _old_site(tmp_path)
    showing_errors(failing_build, site)()
    text = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True)
    assert "Situs belum bisa dibangun ulang" in text and "Unrecognised theme name: 'materia'" in text


def test_a_good_rebuild_writes_nothing_of_its_own(tmp_path):
    site = _old_site(tmp_path)
    calls = []
    showing_errors(lambda: calls.append(1), site)()
    assert calls == [1] and not (site / "404.html").exists()
    assert "situs lama" in (site / "index.html").read_text(encoding="utf-8")
