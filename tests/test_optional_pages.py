"""Achievements, partners, plan, contact: figures against the YAML, and sites without the optional files."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import MINIMAL_BKM, REPO, demo_programmes, html, minimal_programme, minimal_report, search_index
from conftest import load_yaml as load

DATA = REPO / "data"


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def dead_links(site_dir: Path) -> list[str]:
    """Every local href/src in every page that points to no file of the built site.

    404.html is skipped: MkDocs writes its links from the site root, for any depth.
    """
    dead = []
    for page in site_dir.rglob("*.html"):
        if page.name == "404.html":
            continue
        soup = html(page)
        for tag, attr in (("a", "href"), ("img", "src"), ("source", "srcset"), ("link", "href"), ("script", "src")):
            for el in soup.find_all(tag):
                for value in (el.get(attr) or "").split(","):
                    value = value.strip().split(" ")[0]
                    parts = urlsplit(value)
                    if not value or parts.scheme or parts.netloc or value.startswith("#"):
                        continue
                    target = (page.parent / unquote(parts.path)).resolve()
                    if target.is_dir():
                        target = target / "index.html"
                    if not target.is_file():
                        dead.append(f"{page.relative_to(site_dir)}: {value}")
    return dead


def test_demo_has_no_dead_links(demo_site):
    assert dead_links(demo_site) == []


def test_achievement_totals_are_computed_from_the_programmes(demo_site):
    data = demo_programmes()
    done = [p for p in data.values() if p["status"] == "completed"]
    page = html(demo_site / "capaian")
    stats = {d["data-bkm-stat"]: d.dd.get_text(strip=True) for d in page.select("[data-bkm-stat]")}
    received = sum(line.get("received", 0) for p in data.values() for line in p["funding"])
    assert number(stats["received"]) == received
    assert stats["completed"] == f"{len(done)} dari {len(data)}"
    started = [p for p in data.values() if p["status"] != "planned"]
    for key in ("households", "poor_households", "people", "women"):
        assert number(stats[key]) == sum(p["beneficiaries"].get(key, 0) for p in started)

    expected: dict[tuple, float] = {}
    for p in done:
        for o in p.get("outputs", []):
            key = (o["label"].casefold(), o["unit"].casefold())
            expected[key] = expected.get(key, 0) + o["volume"]
    rows = page.select('[data-bkm="outputs"] tbody tr')
    shown = {}
    for row in rows:
        volume, unit = row.td.get_text(strip=True).split(" ", 1)
        shown[(row.th.get_text(strip=True).casefold(), unit.casefold())] = float(
            volume.replace(".", "").replace(",", ".")
        )
    assert shown == expected


def test_milestones_and_stories_link_their_programmes(demo_site):
    achievements = load(DATA / "achievements.yml")
    page = html(demo_site / "capaian")
    titles = [h.get_text(strip=True).rstrip("¶") for h in page.select('[data-bkm="milestones"] h3')]
    newest_first = sorted(achievements["milestones"], key=lambda m: m["date"], reverse=True)
    assert titles == [m["title"] for m in newest_first]
    searchable = search_index(demo_site)["/capaian/"]["content"]
    assert all(m["title"] in searchable for m in achievements["milestones"])
    stories = page.select('[data-bkm="stories"] li')
    assert len(stories) == len(achievements["stories"])
    for li, story in zip(stories, achievements["stories"], strict=False):
        assert story["quote"] in li.blockquote.get_text()
        assert li.figcaption.get_text().startswith(story["name"])
        assert li.figcaption.a["href"].rstrip("/").endswith(f"program/{story['programme']}")


def test_partners_by_kind_with_the_programmes_that_name_them(demo_site):
    partners = load(DATA / "partners.yml")
    data = demo_programmes()
    page = html(demo_site / "mitra")
    kinds_in_order = [s.h2["id"].removeprefix("bkm-kind-") for s in page.select("section.bkm-section")]
    order = ["pemerintah", "swasta", "perguruan_tinggi", "lsm", "komunitas"]
    assert kinds_in_order == [k for k in order if any(p["kind"] == k for p in partners)]
    for partner in partners:
        card = page.find(id=partner["slug"])
        assert card.find_parent("section").h2["id"] == f"bkm-kind-{partner['kind']}"
        supported = [
            slug
            for slug, p in data.items()
            if partner["slug"] in set(p.get("partners", [])) | {f.get("partner") for f in p["funding"]}
        ]
        links = [a["href"].rstrip("/").split("/")[-1] for a in card.select(".bkm-partner__programmes a")]
        assert links == supported
        money = sum(
            f.get("received", 0) for p in data.values() for f in p["funding"] if f.get("partner") == partner["slug"]
        )
        shown = card.select_one('[data-bkm="partner-money"]')
        assert (number(shown.get_text()) if shown else 0) == money


def test_plan_status_and_share_realised(demo_site):
    plan = load(DATA / "plan.yml")
    data = demo_programmes()
    page = html(demo_site / "pjm")
    labels = {"not_started": "Belum dimulai", "in_progress": "Sedang berjalan", "done": "Selesai"}
    done_budget = 0
    for item in plan["items"]:
        naming = [p for p in data.values() if p.get("plan_item") == item["id"]]
        status = (
            "not_started"
            if all(p["status"] == "planned" for p in naming)  # none naming it, or only planned ones
            else "done"
            if all(p["status"] == "completed" for p in naming)
            else "in_progress"
        )
        done_budget += item["budget"] if status == "done" else 0
        card = page.find(id=item["id"])
        assert card.select_one(".bkm-status").get_text(strip=True) == labels[status]
        assert number(card.select_one('[data-bkm="budget"]').get_text()) == item["budget"]
        assert len(card.select("a")) == len(naming)
    total = sum(item["budget"] for item in plan["items"])
    realised = page.select_one('[data-bkm="plan-realised"]').get_text()
    assert f"{100 * done_budget // total}%" in realised
    assert f"Rp {done_budget:,}".replace(",", ".") in realised and f"Rp {total:,}".replace(",", ".") in realised
    ids = {item["id"] for item in plan["items"]}
    linked = sum(f.get("received", 0) for p in data.values() if p.get("plan_item") in ids for f in p["funding"])
    raised = page.select_one('[data-bkm="plan-raised"]').get_text()
    assert f"Rp {linked:,}".replace(",", ".") in raised and f"{100 * linked // total}%" in raised


def test_contact_page_from_bkm_yml(demo_site):
    bkm = load(DATA / "bkm.yml")
    page = html(demo_site / "pengaduan")
    contact = page.select_one('[data-bkm="contact"]')
    digits = re.sub(r"\D", "", bkm["contact"]["whatsapp"])
    assert contact.find("a", href=f"https://wa.me/{digits}") is not None
    assert contact.find("a", href=f"mailto:{bkm['contact']['email']}") is not None
    text = " ".join(page.select_one(".bkm-complaints").get_text().split())
    assert "Penanganan Pengaduan Masyarakat" in text
    for paragraph in bkm["about"].strip().split("\n\n"):  # the BKM's whole story
        assert " ".join(paragraph.split()[:8]).replace("*", "") in text
    assert [li.strong.get_text() for li in page.select('[data-bkm="board"] li')] == [m["name"] for m in bkm["board"]]


def test_nav_order(demo_site):
    nav = [a.get_text(strip=True) for a in html(demo_site).select(".md-tabs__link")]
    mine = [t for t in nav if t in ("Capaian", "Transparansi", "Mitra", "PJM", "Pengaduan & Kontak", "Data Terbuka")]
    assert mine == ["Capaian", "Transparansi", "Mitra", "PJM", "Pengaduan & Kontak", "Data Terbuka"]


OPTIONAL = {
    "achievements": (
        "capaian",
        {
            "milestones": [{"date": "2024-01-05", "title": "Mulai"}],
            "stories": [{"name": "Bu Yati", "programme": "paving", "quote": "Jalan bagus."}],
        },
    ),
    "partners": ("mitra", [{"slug": "pt-maju", "name": "PT Maju", "kind": "swasta"}]),
    "plan": (
        "pjm",
        {
            "title": "PJM 2024-2026",
            "period": {"start": 2024, "end": 2026},
            "items": [{"id": "pjm-1", "title": "Jalan", "sector": "lingkungan", "year": 2025, "budget": 90_000_000}],
        },
    ),
}


@pytest.mark.parametrize("missing", [*OPTIONAL, "reports"])
def test_site_without_an_optional_file_has_no_page_and_no_dead_link(make_site, missing):
    programme = minimal_programme(partners=["pt-maju"], plan_item="pjm-1")
    kwargs = {name: data for name, (_, data) in OPTIONAL.items() if name != missing}
    if missing == "partners":
        programme.pop("partners")
    if missing == "plan":
        programme.pop("plan_item")
    reports = None if missing == "reports" else {"2025": minimal_report()}
    run = make_site(programmes={"paving": programme}, reports=reports, **kwargs).build()
    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output
    gone = "transparansi" if missing == "reports" else OPTIONAL[missing][0]
    assert not (run.site_dir / gone).exists()
    for name, (folder, _) in OPTIONAL.items():
        assert (run.site_dir / folder / "index.html").is_file() == (name != missing)
    assert dead_links(run.site_dir) == []
    hrefs = {a["href"] for page in run.site_dir.rglob("*.html") for a in html(page).find_all("a", href=True)}
    assert not [h for h in hrefs if f"{gone}/" in h]


def test_bare_site_has_contact_and_open_data_only(make_site):
    site_dir = make_site(bkm=MINIMAL_BKM).build_inprocess()
    for folder in ("capaian", "mitra", "pjm", "transparansi"):
        assert not (site_dir / folder).exists()
    assert (site_dir / "pengaduan" / "index.html").is_file() and (site_dir / "data-terbuka" / "index.html").is_file()
    assert dead_links(site_dir) == []


def test_dead_link_check_finds_a_missing_target(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../a/">ok</a><a href="../b/#x">dead</a><a href="#top">anchor</a>'
        '<img src="gone.png"><a href="https://example.org/">out</a>',
        encoding="utf-8",
    )
    assert dead_links(tmp_path) == ["a/index.html: ../b/#x", "a/index.html: gone.png"]


ISSUE4_PAGES = ("transparansi/", "transparansi/2025/", "capaian/", "mitra/", "pjm/", "pengaduan/", "data-terbuka/")


def test_pages_fit_a_phone_and_stay_on_the_host(demo_site, serve_dir, page):
    base = serve_dir(demo_site)
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ISSUE4_PAGES:
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    assert hosts == {urlsplit(base).netloc}
