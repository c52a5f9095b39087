"""Home, programme index and campaign pages: what a reader sees, checked against the YAML.

Figures are recomputed here from the data files and formatted with Babel
directly, so a wrong sum or a hand-made format fails.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote

import pytest
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal
from conftest import MINIMAL_BKM, REPO, demo_site_url, html, minimal_programme, search_index
from conftest import load_yaml as load

DATA = REPO / "data"
SITE_URL = demo_site_url()


def rupiah(amount: int, locale: str = "id") -> str:
    return "Rp " + format_decimal(amount, format="#,##0", locale=locale)


def compact(amount: int, locale: str = "id") -> str:
    """Babel's compact form, with its no-break space read as a space (as ``text`` does)."""
    return " ".join(("Rp " + format_compact_decimal(amount, locale=locale, fraction_digits=1)).split())


def on_card(amount: int, beside: int) -> str:
    """A card's figure: compact, unless its pair's compact figures would look alike while the sums differ."""
    alike = amount != beside and compact(amount) == compact(beside)
    return rupiah(amount) if alike else compact(amount)


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture(scope="module")
def programmes() -> dict[str, dict]:
    return {p.stem: load(p) for p in sorted((DATA / "programmes").glob("*.yml"))}


@pytest.fixture(scope="module")
def profile() -> dict:
    return load(DATA / "bkm.yml")


def received(p: dict) -> int:
    return sum(line.get("received", 0) for line in p.get("funding", []))


def planned(p: dict) -> int:
    return sum(line["planned"] for line in p.get("funding", []))


# --- home ----------------------------------------------------------------------


def test_home_key_figures_match_the_data(demo_site, programmes, profile):
    home = html(demo_site)
    households = sum(p["beneficiaries"]["households"] for p in programmes.values() if p["status"] != "planned")
    total_received = sum(received(p) for p in programmes.values())
    completed = sum(p["status"] == "completed" for p in programmes.values())
    partners = len(load(DATA / "partners.yml"))

    def value(name, part="value"):
        return text(home.select_one(f".bkm-figure--{name} .bkm-figure__{part}"))

    assert value("households") == format_decimal(households, locale="id")
    assert value("received") == compact(total_received)
    assert value("received", "exact") == rupiah(total_received)
    assert value("received", "label") == "dana diterima program (tunai dan natura)"
    assert value("completed") == str(completed)
    assert value("volunteers") == str(profile["volunteers"])
    assert value("partners") == str(partners)


def test_home_has_motto_story_editor_text_and_calls_to_action(demo_site, profile):
    home = html(demo_site)
    assert text(home.select_one(".bkm-hero__motto")) == "Kita Peduli Kita Bisa Atasi"
    assert home.title.string == "BKM Mekar Sejahtera: Kita Peduli Kita Bisa Atasi"
    assert '--bkm-motto:"Kita Peduli Kita Bisa Atasi"' in "".join(style.get_text() for style in home.select("style"))
    assert "Kita Peduli Kita Bisa Atasi" in text(home.select_one(".bkm-footer__motto"))
    about = text(home.select_one(".bkm-about"))
    story = [p.strip() for p in profile["about"].strip().split("\n\n")]
    assert " ".join(story[0].split()[:8]) in about  # the BKM's story from bkm.yml, in one paragraph
    assert " ".join(story[1].split()[:8]) not in about
    more = home.select_one(".bkm-about").find("a", string=re.compile("Selengkapnya tentang"))
    assert more["href"].endswith("pengaduan/#bkm-about")  # the whole story, on the profile page
    assert "Sampurasun!" in about  # the editor's content/index.md, added, not replacing
    cta = home.select_one("#bantu")
    assert profile["donation"]["account_number"] in text(cta)
    assert {box["id"] for box in cta.select(".bkm-cta__box")} == {"donasi", "relawan", "mitra"}
    assert home.select_one(".bkm-hero__actions a.bkm-button--donate")["href"].endswith("cara-membantu/#donasi")


def test_home_features_marked_campaigns_first_and_lists_latest_updates(demo_site, programmes):
    home = html(demo_site)
    cards = [a["href"] for a in home.select(".bkm-cards .bkm-card__title a")]
    marked = {f"program/{slug}/" for slug, p in programmes.items() if p.get("featured")}
    assert len(cards) == min(3, len(programmes))
    assert set(cards[: len(marked)]) == marked
    updates = sorted(((u["date"], u["title"]) for p in programmes.values() for u in p.get("updates", [])), reverse=True)
    shown = [text(li.select_one("a")) for li in home.select(".bkm-updates li")]
    assert shown == [title for _, title in updates[:5]]
    first_date = text(home.select_one(".bkm-updates time"))
    assert first_date == format_date(updates[0][0], "long", locale="id")


# --- programme index -----------------------------------------------------------


def test_index_groups_every_programme_by_sector_with_progress(demo_site, programmes):
    index = html(demo_site / "program")
    for slug, p in programmes.items():
        links = index.select(f'.bkm-card__title a[href="{slug}/"]')
        assert len(links) == 1, slug
        card = links[0].find_parent("article")
        assert card.find_parent("section")["id"] == p["sector"]
        assert f"bkm-card--{p['status']}" in card["class"]
        amounts = text(card.select_one(".bkm-progress__amounts"))
        if p["status"] == "completed":
            got, spent = received(p), p["spent"]
            assert amounts == f"Diterima {on_card(got, spent)} · Dibelanjakan {on_card(spent, got)}"
        elif planned(p):
            got, target = received(p), planned(p)
            assert amounts == f"{on_card(got, target)} diterima dari target {on_card(target, got)}"
    labels = [text(label) for label in index.select(".bkm-filter__choices label")]
    assert labels[0] == f"Semua ({len(programmes)})"
    ongoing = sum(p["status"] == "ongoing" for p in programmes.values())
    assert f"Berjalan ({ongoing})" in labels


def test_a_card_never_shows_two_different_sums_as_the_same_compact_figure(make_site):
    """Rp 49.960.000 of Rp 50.000.000 is not "Rp 50 jt dari Rp 50 jt", nor is a completed campaign's balance hidden
    behind "Diterima Rp 10 jt · Dibelanjakan Rp 10 jt"; sums far enough apart stay compact."""
    funding = [{"source": "BLM", "planned": 50_000_000, "received": 49_960_000}]
    almost = minimal_programme(title="Sumur Resapan RW 02", funding=funding)
    funding = [{"source": "BLM", "planned": 50_000_000, "received": 12_000_000}]
    started = minimal_programme(title="Sumur Resapan RW 03", funding=funding)
    done = minimal_programme(
        title="Sumur Resapan RW 01",
        status="completed",
        progress=100,
        end=date(2025, 6, 30),
        funding=[{"source": "BLM", "planned": 10_020_000, "received": 10_020_000}],
        spent=9_980_000,
    )
    out = make_site(programmes={"hampir": almost, "mulai": started, "selesai": done}).build_inprocess()
    index = html(out / "program")

    def amounts(slug: str) -> str:
        return text(
            index.select_one(f'.bkm-card__title a[href="{slug}/"]')
            .find_parent("article")
            .select_one(".bkm-progress__amounts")
        )

    assert amounts("hampir") == "Rp 49.960.000 diterima dari target Rp 50.000.000"
    assert amounts("mulai") == "Rp 12 jt diterima dari target Rp 50 jt"
    assert amounts("selesai") == "Diterima Rp 10.020.000 · Dibelanjakan Rp 9.980.000"


def test_campaign_pages_stay_out_of_the_navigation(demo_site, programmes):
    index = html(demo_site / "program")
    nav = index.select_one(".md-nav--primary")
    hrefs = [a["href"] for a in nav.select("a")]
    assert not any(slug in href for href in hrefs for slug in programmes)


# --- campaign page ----------------------------------------------------------------


def test_campaign_page_money_matches_the_data(demo_site, programmes):
    slug = "beasiswa-anak-2026"
    p = programmes[slug]
    page = html(demo_site / "program" / slug)
    assert text(page.select_one(".bkm-campaign h1")) == p["title"]
    assert (
        text(page.select_one(".bkm-fundbox .bkm-progress__amounts"))
        == f"{rupiah(received(p))} diterima dari target {rupiah(planned(p))}"
    )
    share = format_decimal(100 * received(p) // planned(p), locale="id")
    assert f"{share}% dari target diterima" in text(page.select_one(".bkm-fundbox"))
    rows = page.select("#bkm-dana tbody tr")
    assert len(rows) == len(p["funding"])
    for row, line in zip(rows, p["funding"], strict=False):
        cells = [text(td) for td in row.select("td")]
        assert cells == [rupiah(line["planned"]), rupiah(line.get("received", 0))]
        assert bool(row.select_one(".bkm-badge--kind")) == bool(line.get("in_kind"))
    assert [text(td) for td in page.select("#bkm-dana tfoot td")] == [rupiah(planned(p)), rupiah(received(p))]
    spent = text(page.select_one(".bkm-spent"))
    assert rupiah(p["spent"]) in spent and f"sisa {rupiah(received(p) - p['spent'])}" in spent


def test_campaign_page_people_partners_plan_photos_updates(demo_site, programmes):
    slug = "beasiswa-anak-2026"
    p = programmes[slug]
    page = html(demo_site / "program" / slug)
    people = text(page.select_one(".bkm-people"))
    b = p["beneficiaries"]
    assert f"{b['households']} KK" in people and f"{b['women']} perempuan" in people
    partner_links = [a["href"] for a in page.select("#bkm-hasil .bkm-facts a") if "mitra/" in a["href"]]
    named = list(dict.fromkeys(p["partners"] + [line["partner"] for line in p["funding"] if line.get("partner")]))
    assert partner_links == [f"../../mitra/#{s}" for s in named]
    assert page.select_one(f'#bkm-hasil a[href="../../pjm/#{p["plan_item"]}"]')
    partners_page, plan_page = html(demo_site / "mitra"), html(demo_site / "pjm")
    assert all(partners_page.find(id=s) for s in named) and plan_page.find(id=p["plan_item"])  # the anchors exist
    assert len(page.select("#bkm-dokumentasi figure")) == len(p["documentation"])
    updates = [text(h).rstrip(" ¶") for h in page.select(".bkm-details h3")]
    assert updates == [u["title"] for u in sorted(p["updates"], key=lambda u: u["date"], reverse=True)]
    needs = [text(li) for li in page.select(".bkm-needs li")]
    assert needs == p["help"]["needs"]


def test_campaign_call_to_action_links(demo_site, profile):
    page = html(demo_site / "program" / "beasiswa-anak-2026")
    cta = page.select_one("#bantu")
    share = cta.select_one(".bkm-button--share")["href"]
    assert share.startswith("https://wa.me/?text=")
    assert unquote(share).endswith(SITE_URL + "program/beasiswa-anak-2026/")
    digits = "62" + "".join(ch for ch in profile["contact"]["whatsapp"] if ch.isdigit())[2:]
    assert cta.select_one("#relawan a.bkm-button")["href"].startswith(f"https://wa.me/{digits}?text=")
    assert page.select_one(".bkm-fundbox a.bkm-button--donate")["href"] == "#bantu"


def test_editor_text_is_added_to_its_campaign_page(demo_site):
    page = html(demo_site / "program" / "paving-rt03-rw05")
    editor = (REPO / "content" / "program" / "paving-rt03-rw05.md").read_text(encoding="utf-8")
    first_heading = next(line[3:].strip() for line in editor.splitlines() if line.startswith("## "))
    assert first_heading in text(page.select_one(".bkm-details"))
    assert text(page.select_one(".bkm-campaign h1")) == "Paving Jalan Lingkungan RT 03/RW 05"


def test_sharing_meta_and_search_index(demo_site, programmes):
    slug = "beasiswa-anak-2026"
    page = html(demo_site / "program" / slug)

    def meta(attr, name):
        return page.select_one(f'meta[{attr}="{name}"]')["content"]

    assert meta("property", "og:title") == programmes[slug]["title"]
    assert meta("property", "og:description") == programmes[slug]["summary"]
    assert meta("property", "og:url") == SITE_URL + f"program/{slug}/"
    assert meta("property", "og:image").startswith(SITE_URL)
    assert meta("name", "twitter:card") == "summary_large_image"
    about = html(demo_site / "tentang")
    assert about.select_one('meta[property="og:title"]') and about.select_one('meta[name="twitter:card"]')
    campaign = search_index(demo_site)[f"/program/{slug}/"]
    assert campaign["meta"]["title"] == programmes[slug]["title"]
    assert "putus sekolah" in campaign["content"]
    assert programmes[slug]["updates"][-1]["title"] in campaign["content"]


# --- English ------------------------------------------------------------------------


def test_english_site_formats_with_babel_en(make_site):
    bkm = {
        **MINIMAL_BKM,
        "volunteers": 1234,
        "donation": {"bank": "Bank BJB", "account_number": "0012345678901", "account_name": "BKM Maju Bersama"},
    }
    done = minimal_programme(
        status="completed",
        progress=100,
        end=date(2025, 6, 30),
        title="Drainase RW 07",
        funding=[{"source": "APBD", "planned": 1_250_000_000, "received": 1_200_000_000}],
        spent=1_199_650_000,
    )
    site = make_site(
        bkm,
        programmes={"paving": minimal_programme(), "drainase": done},
        mkdocs={"theme": {"name": "material", "language": "en"}},
    )
    out = site.build_inprocess()
    home = html(out)
    total_received = 75_000_000 + 9_800_000 + 1_200_000_000
    assert (
        text(home.select_one(".bkm-figure--received .bkm-figure__value")) == compact(total_received, "en") == "Rp 1.3B"
    )
    assert text(home.select_one(".bkm-figure--received .bkm-figure__exact")) == "Rp 1,284,800,000"
    assert text(home.select_one(".bkm-figure--received .bkm-asof")) == "Data as of April 10, 2025"
    assert text(home.select_one(".bkm-figure--households .bkm-figure__value")) == "170"
    assert text(home.select_one(".bkm-figure--volunteers .bkm-figure__value")) == "1,234"
    assert text(home.select_one(".bkm-figure--volunteers .bkm-figure__label")) == "active volunteers"
    assert not home.select_one(".bkm-figure--partners")  # no partners.yml: no "0 partners"
    assert text(home.select_one(".bkm-updates time")) == "April 10, 2025"
    campaign = html(out / "program" / "drainase")
    assert text(campaign.select_one(".bkm-status")) == "Completed"
    assert "March 1, 2025 to June 30, 2025" in text(campaign.select_one(".bkm-campaign__where"))
    done_box = text(campaign.select_one(".bkm-fundbox"))
    assert "Received Rp 1,200,000,000" in done_box and "Spent Rp 1,199,650,000" in done_box
    assert "Remaining Rp 350,000" in done_box  # the sisa, as an amount
    assert "(99% of the money received)" in text(campaign.select_one(".bkm-spent"))  # 99.97 % is not 100 %
    assert campaign.select_one("html")["lang"] == "en"
    ongoing = html(out / "program" / "paving")
    assert (
        text(ongoing.select_one(".bkm-fundbox .bkm-progress__amounts"))
        == "Rp 84,800,000 received of the Rp 87,500,000 target"
    )
    assert "96% of the target received" in text(ongoing.select_one(".bkm-fundbox"))  # 96.9 %, rounded down
    assert "Still needed: Rp 2,700,000" in text(ongoing.select_one(".bkm-fundbox"))
    index = html(out / "program")
    card = index.select_one('.bkm-card__title a[href="drainase/"]').find_parent("article")
    assert compact(1_200_000_000, "en") == compact(1_199_650_000, "en") == "Rp 1.2B"
    assert text(card.select_one(".bkm-progress__amounts")) == "Received Rp 1,200,000,000 · Spent Rp 1,199,650,000"
    assert [text(h) for h in index.select(".bkm-sector h2")] == ["Environment"]


# --- how to help ------------------------------------------------------------------


def test_help_page_lists_what_campaigns_need_and_how_to_give(demo_site, programmes, profile):
    page = html(demo_site / "cara-membantu")
    assert profile["donation"]["account_number"] in text(page.select_one("#donasi"))
    needing = {
        slug
        for slug, p in programmes.items()
        if p["status"] != "completed" and (planned(p) > received(p) or p.get("help"))
    }
    cards = {a["href"].split("/")[-2] for a in page.select(".bkm-card__title a")}
    assert cards == needing
    listed = text(page.select_one("article"))
    for slug in needing:
        for need in (programmes[slug].get("help") or {}).get("needs", []):
            assert need in listed
    qr = page.select_one(".bkm-qr-box svg")
    assert qr is not None and qr.find("path")
    assert "cara-membantu/" in [
        a["href"].split("#")[0].rsplit("../", 1)[-1] for a in html(demo_site).select(".bkm-footer a")
    ]


# --- edge cases -------------------------------------------------------------------


def test_unfunded_programme_without_photo_and_bkm_without_bank_or_whatsapp(make_site):
    bkm = {**MINIMAL_BKM, "contact": {"email": "bkm@example.org"}}
    title = 'Bank Sampah & "Kompos" <b>RW 08</b>'
    programme = minimal_programme(title=title, funding=[], status="planned", progress=0, updates=[])
    out = make_site(bkm, programmes={"sampah": programme}).build_inprocess()
    page = html(out / "program" / "sampah")
    h1 = page.select_one(".bkm-campaign h1")
    assert text(h1) == title and not h1.find("b")
    assert page.select_one('meta[property="og:title"]')["content"] == title
    assert not page.select_one("#bkm-dana") and not page.select_one(".bkm-progress__amounts")
    assert "Kemajuan pekerjaan 0%" in text(page.select_one(".bkm-fundbox"))
    cta = page.select_one("#bantu")
    assert "Hubungi sekretariat BKM" in text(cta.select_one("#donasi"))
    assert not cta.select('a[href^="https://wa.me/6"]')  # no number, no chat link
    assert cta.select_one(".bkm-button--share")["href"].startswith("https://wa.me/?text=")
    card = html(out / "program").select_one(".bkm-card")
    assert card.select_one(".bkm-card__photo--none") and text(card.select_one(".bkm-status")) == "Rencana"
    home = html(out)
    assert text(home.select_one(".bkm-figure--households .bkm-figure__value")) == "0"  # planned reaches nobody yet
    assert not home.select_one(".bkm-figure--volunteers") and not home.select_one(".bkm-updates")


def test_completed_campaign_points_to_the_newest_campaigns_needing_help_not_all(make_site):
    ongoing = {
        f"jalan-{k:02d}": minimal_programme(title=f"Jalan Lingkungan RT {k:02d}", start=date(2025, 1, k + 1))
        for k in range(1, 12)
    }
    done = minimal_programme(status="completed", progress=100, end=date(2025, 6, 30), title="Drainase RW 07")
    out = make_site(programmes={**ongoing, "drainase": done}).build_inprocess()
    others = [a["href"] for a in html(out / "program" / "drainase").select("#bantu .bkm-cta__others a")]
    assert others == [f"../jalan-{k:02d}/" for k in range(11, 3, -1)]  # newest first, eight of eleven
    help_cards = html(out / "cara-membantu").select(".bkm-card__title a")
    assert len(help_cards) == 11  # the help page still lists every one


def test_a_description_that_starts_like_metadata_stays_text(make_site):
    """Generated pages take their metadata from the plugin; a first line ``Catatan: …`` is the story's text."""
    programme = minimal_programme(description="Catatan: dana dari swadaya warga.\nTahap II menyusul.\n")
    out = make_site(programmes={"jalan": programme}).build_inprocess()
    page = html(out / "program" / "jalan")
    assert "Catatan: dana dari swadaya warga. Tahap II menyusul." in text(page.select_one(".bkm-campaign__story"))
    assert text(page.select_one("title")).startswith(programme["title"])
    assert page.select_one('meta[name="description"]')["content"] == programme["summary"]
