"""Tests of the test harness itself, so a broken fixture is not mistaken for a broken plugin."""

import conftest
import pytest
import yaml
from conftest import MINIMAL_BKM, html, minimal_programme, minimal_report

NO_PLUGIN = {"plugins": []}  # builds without bkm_site, to test the harness alone


def test_browser_reads_page_from_serve_dir(tmp_path, serve_dir, page):
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title><h1>Halo dunia</h1>", encoding="utf-8")
    page.goto(serve_dir(tmp_path))
    assert page.text_content("h1") == "Halo dunia"


def test_browser_cannot_reach_the_internet(page):
    """External hosts must fail fast, as on the offline CI machine."""
    with pytest.raises(Exception, match="ERR_NAME_NOT_RESOLVED"):
        page.goto("https://fonts.googleapis.com/", timeout=10_000)


def test_raw_strings_and_bytes_are_written_verbatim(make_site):
    broken = "name: [BKM tanpa kurung tutup\n  area: :\n"
    site = make_site(bkm=broken, programmes={"rusak": "title: 'x\n"}, content={"img/x.png": b"\x89PNG\0"})
    assert (site.path / "data/bkm.yml").read_text(encoding="utf-8") == broken
    assert (site.path / "data/programmes/rusak.yml").read_text(encoding="utf-8") == "title: 'x\n"
    assert (site.path / "content/img/x.png").read_bytes() == b"\x89PNG\0"


def test_dicts_round_trip_through_yaml(make_site):
    site = make_site(
        programmes={"paving-rt03": minimal_programme()}, reports={"2025": minimal_report()}, partners=[], plan=None
    )
    assert yaml.safe_load((site.path / "data/bkm.yml").read_text(encoding="utf-8")) == MINIMAL_BKM
    assert yaml.safe_load((site.path / "data/programmes/paving-rt03.yml").read_text()) == minimal_programme()
    assert yaml.safe_load((site.path / "data/reports/2025.yml").read_text()) == minimal_report()
    assert (site.path / "data/partners.yml").exists() and not (site.path / "data/plan.yml").exists()
    config = yaml.safe_load(site.config_file.read_text())
    assert config["plugins"] == ["bkm"] and config["theme"]["language"] == "id"


def test_each_make_site_call_gets_its_own_directory(make_site):
    assert make_site().path != make_site().path


def test_minimal_report_balances_and_stays_inside_its_period():
    report = minimal_report(income=[{"date": "2025-06-01", "source": "donasi", "description": "x", "amount": 5}])
    assert report["closing_balance"] == 12_000_000 + 5 - 30_000_000
    assert minimal_report(closing_balance=1)["closing_balance"] == 1
    default = minimal_report()
    assert default["closing_balance"] == default["opening_balance"] + 50_000_000 - 30_000_000
    assert all(str(e["date"]).startswith("2025-") for e in default["income"] + default["expenses"])


def test_overrides_do_not_leak_between_calls():
    minimal_programme()["funding"].clear()
    assert minimal_programme()["funding"]


def test_subprocess_build_reports_success_and_html(make_site):
    site = make_site(mkdocs=NO_PLUGIN, content={"index.md": "# Beranda kami\n"})
    result = site.build()
    assert result.returncode == 0, result.output
    assert html(result.site_dir).h1.get_text(strip=True).startswith("Beranda kami")


def test_subprocess_build_reports_failure_without_traceback(make_site):
    result = make_site(mkdocs="site_name: [tidak ditutup\n").build()
    assert result.returncode != 0
    assert "Error" in result.output and "Traceback" not in result.output


def test_inprocess_build(make_site):
    site_dir = make_site(mkdocs=NO_PLUGIN, content={"index.md": "# Halo\n"}).build_inprocess()
    assert html(site_dir / "index.html").find("h1").get_text(strip=True).startswith("Halo")


def test_missing_browser_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        conftest.skip_or_fail("no chromium")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        conftest.skip_or_fail("no chromium")
