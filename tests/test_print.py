"""Notice-board print: a campaign page and a report page each print as one clean A4 poster."""

from __future__ import annotations

import re

import pytest
import segno
from conftest import ARTIFACTS, MINIMAL_BKM, REPO, demo_site_url, html, load_yaml, minimal_programme

from bkm_site.core.models.programme import SUMMARY_LIMIT, TITLE_LIMIT

A4_POINTS = (595, 842)  # 210 × 297 mm
PAGES = {"campaign": "program/mck-komunal-rw02/", "report": "transparansi/2025/"}


def pdf_pages(pdf: bytes) -> int:
    """Page objects in a PDF (``/Type /Pages`` is the page tree, not a page)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)]


@pytest.mark.parametrize("name", PAGES)
def test_page_prints_as_one_a4_poster(name, demo_site, serve_dir, page):
    page.goto(serve_dir(demo_site) + PAGES[name])
    assert not page.is_visible(".bkm-poster"), "the poster is for paper only"
    page.emulate_media(media="print")
    assert page.is_visible(".bkm-poster")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".bkm-campaign, .bkm-report"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is not printed"

    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / f"print-{name}.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == 1
    boxes = media_boxes(pdf)
    assert boxes and all(
        round(w) in (A4_POINTS[0], A4_POINTS[0] + 1) and round(h) in (A4_POINTS[1], A4_POINTS[1] + 1) for w, h in boxes
    )


def test_poster_has_the_bank_details_and_a_qr_code_of_the_page(demo_site):
    site_url = demo_site_url()
    donation = load_yaml(REPO / "data/bkm.yml")["donation"]
    for path in PAGES.values():
        poster = html(demo_site / path).select_one(".bkm-poster")
        text = poster.get_text(" ", strip=True)
        assert donation["account_number"] in text and donation["bank"] in text
        address = site_url + path
        assert poster.select_one(".bkm-poster__url").get_text(strip=True) == address
        drawn = poster.select_one("svg.bkm-qr path")["d"]
        expected = segno.make(address, error="m", mask=0, boost_error=False).svg_inline(scale=1, border=2)
        assert f'd="{drawn}"' in expected, "the QR code encodes the page's own address"


def test_campaign_poster_shows_the_figures_from_the_data(demo_site):
    data = load_yaml(REPO / "data/programmes/mck-komunal-rw02.yml")
    raised = sum(line.get("received", 0) for line in data["funding"])
    target = sum(line["planned"] for line in data["funding"])
    figures = [dd.get_text(strip=True) for dd in html(demo_site / PAGES["campaign"]).select(".bkm-poster dd")]

    def rupiah(n):
        return "Rp " + f"{n:,}".replace(",", ".")

    assert figures[:3] == [rupiah(raised), rupiah(target), rupiah(max(target - raised, 0))]


def test_long_texts_still_print_on_one_page(make_site, serve_dir, page):
    bkm = {
        **MINIMAL_BKM,
        "donation": {
            "bank": "Bank Rakyat Indonesia Kantor Cabang Pembantu Cibeunying Kidul",
            "account_number": "0012345678901234",
            "account_name": "BKM Maju Bersama Kelurahan Sukamaju",
        },
    }
    programme = minimal_programme(
        # The longest title and summary the data allows.
        title=("Perbaikan jalan lingkungan, saluran air, dan penerangan jalan umum " * 3)[:TITLE_LIMIT].strip(),
        summary=("Jalan paving dan saluran untuk keluarga yang setiap musim hujan terendam banjir. " * 6)[
            :SUMMARY_LIMIT
        ].strip(),
    )
    out = make_site(
        bkm, programmes={"panjang": programme}, mkdocs={"site_url": "https://bkm.example.org/"}
    ).build_inprocess()
    page.goto(serve_dir(out) + "program/panjang/")
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "print-long-texts.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == 1
