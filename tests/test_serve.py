"""Live reload: `mkdocs serve` picks up data edits, shows a broken edit in the browser, and recovers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import minimal_programme

pytestmark = pytest.mark.slow

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
    pytest.fail(f"no {what} at {url} within {DEADLINE} s; last page text: {last.get_text(' ', strip=True)[:500] if last else None}")


def test_serve_reloads_data_edits_and_survives_a_broken_file(make_site):
    site = make_site(programmes={"paving-rt03": minimal_programme()})
    programme_file = site.path / "data" / "programmes" / "paving-rt03.yml"
    port = free_port()
    url = f"http://127.0.0.1:{port}/program/paving-rt03/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site.path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        first = wait_for(url, lambda soup: "Perbaikan Jalan Lingkungan" in soup.get_text(), server, "the first build")
        assert first.find("h1")

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

        programme_file.write_text(broken.replace("status: berjalan", "status: ongoing").replace("Pavingisasi Gang Mawar", "Paving Gang Mawar Tahap II"), encoding="utf-8")
        recovered = wait_for(url, lambda soup: "Paving Gang Mawar Tahap II" in soup.get_text(), server, "the recovered site")
        assert recovered.find(class_="bkm-serve-error") is None
        assert server.poll() is None
    finally:
        server.kill()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
    assert "Situs belum dibangun ulang" in output
