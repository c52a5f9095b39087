"""Site search by Pagefind: what is indexed, in which language, and the box in the header."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from conftest import (
    ARTIFACTS,
    MINIMAL_BKM,
    REPO,
    demo_programmes,
    demo_reports,
    html,
    load_yaml,
    minimal_programme,
    minimal_report,
    screenshot,
    search_index,
)
from mkdocs.exceptions import Abort

from bkm_site.core.strings import catalogue

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MATERIAL_SEARCH_PARTIAL_SHA256 = "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"
"""sha256 of Material's own ``partials/search.html``, which bkm-site's partial replaces."""
ID = catalogue("id")


def words(text: str) -> str:
    return " ".join(text.split())


def site_pages(site_dir: Path) -> set[str]:
    """Every page of a built site as Pagefind names it ("/program/x/"), but the 404 page, the CMS's admin/ and
    the editors' guide (its sample data, a bank account among it, is not for a reader's search)."""
    urls = set()
    for path in site_dir.rglob("index.html"):
        rel = path.parent.relative_to(site_dir).as_posix()
        if not rel.startswith(("pagefind", "admin", "panduan")):
            urls.add("/" if rel == "." else f"/{rel}/")
    return urls


RESULTS = ".bkm-search [role=listbox] [role=option]"
SETTLED = """(selector) => {
    const links = [...document.querySelectorAll(selector)].map((a) => a.getAttribute("href"));
    const now = JSON.stringify(links), same = links.length > 0 && links.every(Boolean) && window.bkmLast === now;
    window.bkmLast = now;
    return same;
}"""


def settled_results(page) -> list[str]:
    """The result links once the list stops changing: results come as their parts load, not in rank order."""
    page.wait_for_function(SETTLED, arg=RESULTS, polling=400, timeout=15_000)
    return page.eval_on_selector_all(RESULTS, "links => links.map((a) => a.getAttribute('href'))")


# --- what is indexed -----------------------------------------------------------


def test_every_page_is_indexed_in_indonesian_and_lunr_is_gone(demo_site):
    assert not (demo_site / "search").exists(), "Material's lunr index must not ship"
    entry = json.loads((demo_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["wasm"] == "id", "Indonesian stemming needs Pagefind's id WebAssembly"
    index = search_index(demo_site)
    assert set(index) == site_pages(demo_site)
    assert all(record["meta"]["title"] for record in index.values())


def test_partner_plan_and_milestone_texts_are_searchable(demo_site):
    index = {url: words(record["content"]) for url, record in search_index(demo_site).items()}
    for partner in load_yaml(REPO / "data" / "partners.yml"):
        assert words(partner["name"]) in index["/mitra/"]
        assert words(partner["contribution"]) in index["/mitra/"]
    for item in load_yaml(REPO / "data" / "plan.yml")["items"]:
        assert words(item["title"]) in index["/pjm/"]
    for milestone in load_yaml(REPO / "data" / "achievements.yml")["milestones"]:
        assert words(milestone["title"]) in index["/capaian/"]


def test_header_navigation_and_footer_are_not_indexed(demo_site):
    page = html(demo_site / "program")
    nav_labels = {a.get_text(strip=True) for a in page.select(".md-tabs a, .md-nav a")} - {""}
    index = search_index(demo_site)
    for url, record in index.items():
        text = record["content"]
        assert ID("footer.made_with") not in text, url
        assert "Lewati ke isi" not in text, url  # Material's skip link
        assert "¶" not in text, url  # heading permalinks
        assert ID("poster.scan") not in text, url  # the print-only poster
        assert not text.startswith(tuple(nav_labels - {record["meta"]["title"]})), url
    footer = page.select_one(".bkm-footer").get_text(" ", strip=True)
    assert footer and not any(footer in record["content"] for record in index.values())


def test_a_label_and_its_value_are_separate_words_in_the_index(demo_site):
    """Pagefind joins a <dt> to its <dd> and one <th> to the next unless a space stands between them: a search
    for "Diterima" must not miss a money box indexed as "DiterimaRp 1.000"."""
    run_together = re.compile(r"\w(?:Rp\b|" + "|".join(map(re.escape, (ID("money.target"), ID("cta.bank")))) + ")")
    for url, record in search_index(demo_site).items():
        assert not run_together.search(record["content"]), (url, run_together.search(record["content"]))
        assert not re.search(r"[a-z][A-Z][a-z]", record["content"].replace("WhatsApp", "")), url  # "SumberTarget"


def test_what_every_campaign_repeats_is_found_once_on_the_help_page(demo_site):
    """Bank details and the volunteer and partner boxes are on every campaign page; searching for them finds the
    page about helping, and a campaign is found by its own words (what it still needs), not by others' names."""
    index = search_index(demo_site)
    bkm = load_yaml(REPO / "data" / "bkm.yml")
    account, volunteer = bkm["donation"]["account_number"], ID("cta.volunteer_text_programme")
    holding = {url for url, record in index.items() if account in record["content"]}
    assert holding == {"/cara-membantu/"}, holding
    sample_account = '"0012345678901"'  # the editors' guide writes it as data
    assert sample_account in (REPO / "content/panduan/format-data.md").read_text(encoding="utf-8")
    assert not [url for url, record in index.items() if sample_account.strip('"') in record["content"]]
    assert not [url for url, r in index.items() if url.startswith("/program/") and volunteer in r["content"]]
    programmes = demo_programmes()
    for slug, programme in programmes.items():
        text = index[f"/program/{slug}/"]["content"]
        for need in (programme.get("help") or {}).get("needs", []):
            assert need in text, (slug, need)
        others = [p["title"] for s, p in programmes.items() if s != slug and p["title"] not in programme["title"]]
        if programme["status"] == "completed":
            assert not [title for title in others if title in text], slug


def test_a_campaign_is_found_on_its_own_page_not_on_the_lists_of_campaigns(demo_site):
    """The home page, the programmes page and the help page show campaign cards; a search for a campaign's words
    leads to the campaign, and a list page is found by its own words."""
    index = {url: words(record["content"]) for url, record in search_index(demo_site).items()}
    lists = ("/", "/program/", "/cara-membantu/")
    for slug, programme in demo_programmes().items():
        summary = words(programme["summary"])
        assert summary in index[f"/program/{slug}/"], slug
        assert not [url for url in lists if summary in index[url]], slug
    sectors = {programme["sector"] for programme in demo_programmes().values()}
    assert all(words(ID(f"sector_intro.{sector}")) in index["/program/"] for sector in sectors)


def test_a_report_line_is_found_on_its_report_not_again_on_its_campaign(demo_site):
    """A campaign's *Rincian dana* repeats its report lines; searching a line's words finds the report, where the
    row links to the campaign, so the index holds each line once."""
    index = search_index(demo_site)
    reports = {url: r["content"] for url, r in index.items() if url.startswith("/transparansi/")}
    programmes = demo_programmes()
    checked = 0
    for report in demo_reports().values():
        for line in report.get("income", []) + report.get("expenses", []):
            slug, description = line.get("programme"), words(line["description"])
            if not slug or description in json.dumps(programmes[slug], ensure_ascii=False, default=str):
                continue
            assert any(description in words(text) for text in reports.values()), description
            assert description not in words(index[f"/program/{slug}/"]["content"]), (slug, description)
            checked += 1
    assert checked >= 20
    campaign = html(demo_site / "program" / "beasiswa-anak-2026")
    assert campaign.select_one("#rincian-dana tbody tr"), "the lines are still on the campaign's page"
    assert ID("rincian.title") not in index["/program/beasiswa-anak-2026/"]["content"]


def test_programmes_filter_by_sector_and_status_reports_by_year(demo_site):
    index = search_index(demo_site)
    for slug, programme in demo_programmes().items():
        filters = index[f"/program/{slug}/"]["filters"]
        assert filters == {
            ID("search.filter.sector"): [ID(f"sector.{programme['sector']}")],
            ID("search.filter.status"): [ID(f"status.{programme['status']}")],
        }
    for slug, report in demo_reports().items():
        year = str(report["period"])[:4]
        assert index[f"/transparansi/{slug}/"]["filters"] == {ID("search.filter.year"): [year]}
    assert index["/mitra/"]["filters"] == {}


def test_excluded_pages_and_static_html_are_not_indexed(make_site):
    site = make_site(
        content={
            "rahasia.md": "---\nsearch:\n  exclude: true\n---\n# Rapat internal\n\nNotulen rapat pengurus.\n",
            "admin/index.html": "<!doctype html><html lang='id'><title>Admin</title><body>Panel pengurus</body></html>",
        }
    )
    site_dir = site.build_inprocess()
    index = search_index(site_dir)
    assert "/rahasia/" not in index and "/admin/" not in index
    assert not any("Panel pengurus" in r["content"] or "Notulen" in r["content"] for r in index.values())
    assert "/" in index


def test_english_site_is_indexed_in_english(make_site):
    site_dir = make_site(mkdocs={"theme": {"name": "material", "language": "en"}}).build_inprocess()
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"] and entry["languages"]["en"]["wasm"] == "en"


@pytest.mark.parametrize("plugins", [["search", "bkm"], ["bkm", "material/search"]])
def test_a_site_that_still_lists_material_search_builds_without_lunr_or_warnings(make_site, plugins):
    site = make_site(
        programmes={"paving-rt03": minimal_programme()},
        reports={"2025": minimal_report()},
        mkdocs={"plugins": plugins},
    )
    run = site.build(strict=True)
    assert run.returncode == 0, run.output
    assert not re.search(r"^(WARNING|ERROR)", run.output, re.M) and "Traceback" not in run.output, run.output
    assert ID("search.material_search_off") in run.output
    assert not (run.site_dir / "search").exists()
    assert "/program/paving-rt03/" in search_index(run.site_dir)
    page = html(run.site_dir / "program" / "paving-rt03")
    assert len(page.select("header .bkm-search")) == 1
    assert page.find("form", attrs={"name": "search"}) is None


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_missing_pagefind_stops_the_build_with_a_plain_message(make_site, monkeypatch, caplog, language):
    import pagefind_bin

    def missing():
        raise FileNotFoundError("pagefind")

    monkeypatch.setattr(pagefind_bin, "get_executable", missing)
    site = make_site(mkdocs={"theme": {"name": "material", "language": language}})
    with pytest.raises(Abort):
        site.build_inprocess()
    assert catalogue(language)("search.no_pagefind") in caplog.text
    assert "Traceback" not in caplog.text


# --- the box in the header -------------------------------------------------------


def test_search_box_sits_in_the_header_with_a_name_and_a_relative_bundle(demo_site):
    for rel, depth in (("", 0), ("program", 1), ("program/beasiswa-anak-2026", 2)):
        page = html(demo_site / rel)
        box = page.select_one("header .bkm-search[role=search]")
        assert box is not None, rel
        assert box["data-bkm-bundle"] == "../" * depth + "pagefind/"
        field = box.select_one("input[type=search]")
        assert field["aria-label"] == ID("search.label") and field["placeholder"] == ID("search.placeholder")
        # Material's bundle downloads its lunr index whenever a form named "search" exists
        assert page.find("form", attrs={"name": "search"}) is None
        assert page.select_one("[data-md-component=search]") is None
        script = page.find("script", src=lambda s: s and s.endswith("assets/bkm/search.js"))
        assert script["src"] == "../" * depth + "assets/bkm/search.js"


def test_material_search_partial_is_the_one_bkm_site_replaces():
    """bkm-site's partials/search.html stands in for Material's; a new Material may change what it should do."""
    original = (MATERIAL_TEMPLATES / "partials" / "search.html").read_bytes()
    assert hashlib.sha256(original).hexdigest() == MATERIAL_SEARCH_PARTIAL_SHA256, (
        "Material's partials/search.html changed: compare it with bkm_site/theme/templates/partials/search.html "
        "and record the new sha256 here"
    )
    header = (MATERIAL_TEMPLATES / "partials" / "header.html").read_text(encoding="utf-8")
    assert '"material/search" in config.plugins' in header and '{% include "partials/search.html" %}' in header


# --- in the browser ----------------------------------------------------------------


def _search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if "/pagefind/" in url or url.endswith((".pagefind", ".pf_index", ".pf_meta"))]


def test_search_by_keyboard_under_a_sub_path_loads_nothing_until_used(demo_site, serve_dir, page, tmp_path):
    """GitHub Pages serves the demo under /bkm-site/; the index comes only when a reader searches."""
    root = tmp_path / "pages"
    shutil.copytree(demo_site, root / "bkm-site")
    base = serve_dir(root) + "bkm-site/"
    sizes: dict[str, int] = {}
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base + "program/", wait_until="networkidle")
    assert _search_requests(requests) == [], "nothing of Pagefind may load before a reader searches"
    on_load = sum(sizes.get(url, 0) for url in requests if url.endswith("search.js"))
    assert 0 < on_load < 2_000, f"search.js on every page: {on_load} bytes"
    requests.clear()

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.bkm-search')"):
            break
    else:
        raise AssertionError("the search box is not reachable by Tab")
    page.keyboard.type("beasiswa")
    links = settled_results(page)
    field = page.locator(".bkm-search input")
    assert field.count() == 1 and field.get_attribute("aria-label") == ID("search.label")
    loaded = _search_requests(requests)
    assert any(url.endswith("wasm.id.pagefind") for url in loaded), loaded
    assert any(url.endswith(".pf_index") for url in loaded), loaded
    assert all(url.startswith(base) for url in loaded), loaded
    assert all(href.startswith("/bkm-site/") for href in links), links
    assert links[0] == "/bkm-site/program/beasiswa-anak-2026/", "the campaign comes first, before what mentions it"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, "search-360")
    bytes_used = sum(sizes.get(url, 0) for url in loaded)
    # Uncompressed (this server sends no gzip): about 420 KB for the demo, some 190 KB gzipped.
    assert bytes_used < 600_000, f"the first search downloads {bytes_used} bytes"
    (ARTIFACTS / "search-bytes.json").write_text(
        json.dumps({url.removeprefix(base): sizes.get(url, 0) for url in loaded} | {"total": bytes_used}, indent=1),
        encoding="utf-8",
    )

    page.keyboard.press("ArrowDown")  # the first result is selected already: go to the second
    page.keyboard.press("Enter")
    page.wait_for_url(base.removesuffix("bkm-site/") + links[1].lstrip("/"))


def test_a_report_line_found_by_search_opens_its_report_at_the_lines(demo_url, page):
    """A reader who searches a line's words lands on the report's list of lines, not at the top of a long page."""
    (line,) = [e for e in demo_reports()["2025"]["expenses"] if "gorong" in e["description"]]
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(demo_url, wait_until="networkidle")
    page.locator(".bkm-search input").focus()
    page.keyboard.type("gorong")
    report = urlsplit(demo_url).path + "transparansi/2025/"
    links = settled_results(page)
    assert report in links and report + "#rincian-pengeluaran" in links, links
    assert links.index(report + "#rincian-pengeluaran") == links.index(report) + 1, "under its page's own hit"
    screenshot(page, "search-sub-results-360")
    page.locator(f'{RESULTS}[href="{report}#rincian-pengeluaran"]').click()
    page.wait_for_url(f"**{report}#rincian-pengeluaran")
    header = page.locator(".md-header").bounding_box()
    heading = page.locator("#rincian-pengeluaran").bounding_box()
    assert header["y"] + header["height"] <= heading["y"] < 740 / 3, (header, heading)
    row = page.locator("tr", has_text=line["description"])
    assert row.is_visible() and row.bounding_box()["y"] < 740, "the line starts on the first screen"


def test_search_from_the_built_folder_at_the_root_on_a_desktop(make_site, serve_dir, page):
    site = make_site(
        MINIMAL_BKM,
        programmes={"paving-rt03": minimal_programme(), "sumur": minimal_programme(title="Sumur Resapan RW 09")},
        mkdocs={"theme": {"name": "material", "language": "en"}},
    )
    base = serve_dir(site.build_inprocess())
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base + "program/paving-rt03/", wait_until="networkidle")
    page.locator(".bkm-search input").focus()
    page.keyboard.type("sumur")
    assert settled_results(page)[0] == "/program/sumur/"
    assert page.locator(".bkm-search input").get_attribute("aria-label") == catalogue("en")("search.label")
    screenshot(page, "search-1280-en")
    page.keyboard.press("Escape")
