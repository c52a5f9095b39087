"""English sites: no Indonesian interface string anywhere a reader looks; the 404 page shows a way on."""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_BKM, html, minimal_programme, minimal_report

from bkm_site.core.strings import CATALOGUES

ENGLISH = {"theme": {"name": "material", "language": "en"}}

BKM_EN = {
    **MINIMAL_BKM,
    "tagline": "We care, we can",
    "about": "BKM Maju Bersama is the residents' own body in Sukamaju.\n",
    "complaints": "Send complaints by WhatsApp or to the box at the office.\n",
    "legal": "Registered with the notary, deed no. 12 of 2008.",
    "donation": {"bank": "Bank BRI", "account_number": "0123010001233", "account_name": "BKM Maju Bersama"},
    "volunteers": 24,
}


def _programme(title, sector, status, **more):
    return minimal_programme(
        title=title,
        sector=sector,
        status=status,
        summary=f"{title}: paving 220 m for 85 households.",
        description="The lane is paved with blocks.\n",
        funding=[
            {"source": "BLM", "planned": 75_000_000, "received": 70_000_000},
            {"source": "swadaya", "planned": 12_500_000, "received": 9_800_000, "in_kind": True},
            {"source": "CSR", "planned": 10_000_000, "received": 5_000_000, "partner": "acme"},
        ],
        outputs=[{"label": "Paved lane", "volume": 220, "unit": "m"}],
        updates=[{"date": date(2025, 4, 10), "title": "First stretch cast", "body": "120 m done."}],
        **more,
    )


PROGRAMMES = {
    "lane": _programme("Lane paving RT 03", "lingkungan", "ongoing", partners=["acme"], plan_item="p-1"),
    "nutrition": _programme(
        "Toddler nutrition", "sosial", "completed", progress=100, start=date(2024, 3, 1), end=date(2024, 6, 30)
    ),
    "sewing": _programme("Sewing course", "ekonomi", "planned", progress=0),
}
REPORTS = {
    "2025": minimal_report(
        income=[
            {"date": date(2025, 1, 15), "source": "BLM", "description": "BLM first tranche", "amount": 50_000_000},
            {"date": date(2025, 2, 1), "source": "CSR", "description": "Acme grant", "amount": 5_000_000},
            {"date": date(2025, 7, 15), "source": "donasi", "description": "Gifts", "amount": 1_000_000},
        ],
        expenses=[
            {"date": date(2025, 2, 3), "category": "materials", "description": "Paving blocks", "amount": 30_000_000},
            {
                "date": date(2025, 3, 3),
                "category": "wages",
                "description": "Builders",
                "amount": 4_000_000,
                "programme": "lane",
            },
            {"date": date(2025, 8, 3), "category": "materials", "description": "Cement", "amount": 500_000},
        ],
        loans={
            "borrowers": 40,
            "women_borrowers": 30,
            "disbursed": 90_000_000,
            "outstanding": 40_000_000,
            "repayment_rate": 95,
            "par_30": 4,
        },
        audit={"auditor": "Audit Office Ltd", "date": date(2026, 2, 1), "opinion": "Unqualified"},
        approved={"event": "Annual residents' meeting", "date": date(2026, 2, 20)},
    ),
    "2025-q3": minimal_report(  # inside 2025: the same lines, and 2025's balance on 1 July
        period="2025-Q3",
        opening_balance=12_000_000 + 50_000_000 + 5_000_000 - 30_000_000 - 4_000_000,
        income=[{"date": date(2025, 7, 15), "source": "donasi", "description": "Gifts", "amount": 1_000_000}],
        expenses=[
            {"date": date(2025, 8, 3), "category": "materials", "description": "Cement", "amount": 500_000},
        ],
    ),
}
PARTNERS = [
    {"slug": "acme", "name": "Acme Ltd", "kind": "swasta", "since": date(2024, 6, 10), "contribution": "CSR grants."},
    {"slug": "town", "name": "Town Hall", "kind": "pemerintah", "contribution": "Technical help."},
]
PLAN = {
    "title": "Medium-term plan 2024-2026",
    "period": {"start": 2024, "end": 2026},
    "items": [
        {"id": "p-1", "title": "Lane paving", "sector": "lingkungan", "year": 2025, "budget": 75_000_000},
        {"id": "p-2", "title": "Health post", "sector": "sosial", "year": 2026, "budget": 12_000_000},
    ],
}
ACHIEVEMENTS = {
    "milestones": [{"date": date(2010, 1, 5), "title": "First paved lane", "description": "With the residents."}],
    "stories": [{"name": "Yati", "programme": "nutrition", "quote": "My son eats well now."}],
}


def indonesian_strings() -> list[str]:
    """The Indonesian catalogue's texts that differ from the English ones, cut at their {placeholders}.

    Pieces shorter than four letters ("KK", "UPK", "(", ": ") say nothing about the language.
    """
    ind = yaml.safe_load((CATALOGUES / "id.yml").read_text(encoding="utf-8"))
    eng = yaml.safe_load((CATALOGUES / "en.yml").read_text(encoding="utf-8"))
    english_text = " ".join(str(v) for v in eng.values())
    pieces = set()
    for key, value in ind.items():
        if value == eng[key] or key == "meta.locale":
            continue
        for piece in re.split(r"\{[^}]*\}", str(value)):
            piece = piece.strip(" :;,.()·-–")
            if len(re.sub(r"[^A-Za-z]", "", piece)) >= 4 and piece not in english_text:
                pieces.add(piece)
    return sorted(pieces, key=len, reverse=True)


def leaked(strings: list[str], text: str) -> list[str]:
    return [s for s in strings if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]


def visible_text(path: Path) -> str:
    """What a reader sees or hears: text, alt, title, aria-label and placeholder, no script or style."""
    soup = html(path)
    hidden = ("script", "style", "template", "noscript")
    parts = [text.strip() for text in soup.strings if text.strip() and not text.find_parent(hidden)]
    for attr in ("alt", "title", "aria-label", "placeholder"):
        parts += [str(node[attr]) for node in soup.find_all(attrs={attr: True}) if not node.find_parent(hidden)]
    parts += [meta["content"] for meta in soup.select("meta[name=description], meta[property^='og:']")]
    return " ".join(" ".join(parts).split())


def build_site(root: Path, language: str) -> Path:
    from conftest import Site, _write

    theme = {"name": "material", "language": language, "features": ["navigation.tabs", "navigation.top"]}
    config = {"site_name": "BKM Maju Bersama", "docs_dir": "content", "theme": theme, "plugins": ["bkm"]}
    _write(root / "mkdocs.yml", config)
    (root / "content").mkdir()
    _write(root / "data" / "bkm.yml", BKM_EN)
    for slug, data in PROGRAMMES.items():
        _write(root / "data" / "programmes" / f"{slug}.yml", data)
    for slug, data in REPORTS.items():
        _write(root / "data" / "reports" / f"{slug}.yml", data)
    _write(root / "data" / "partners.yml", PARTNERS)
    _write(root / "data" / "plan.yml", PLAN)
    _write(root / "data" / "achievements.yml", ACHIEVEMENTS)
    return Site(root).build_inprocess()


@pytest.fixture(scope="module")
def english_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("english"), "en")


def pages_of(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "pagefind" not in p.relative_to(site_dir).parts)


def test_english_site_shows_no_indonesian_interface_string(english_site):
    strings = indonesian_strings()
    assert len(strings) > 100, "the catalogue test must check something"
    pages = pages_of(english_site)
    assert len(pages) >= 15
    leaks = {}
    for path in pages:
        if found := leaked(strings, visible_text(path)):
            leaks[path.relative_to(english_site).as_posix()] = found
    assert not leaks, leaks


def test_the_same_site_in_indonesian_shows_those_strings(tmp_path):
    """The check above can fail: the Indonesian build of the same data is full of them."""
    site_dir = build_site(tmp_path, "id")
    text = " ".join(visible_text(path) for path in pages_of(site_dir))
    assert len(leaked(indonesian_strings(), text)) > 100


def test_english_data_text_stays_as_written(english_site):
    text = visible_text(english_site / "program" / "lane")
    assert "Lane paving RT 03" in text and "First stretch cast" in text
    assert "materials" in visible_text(english_site / "transparansi" / "2025")


@pytest.mark.parametrize(
    ("language", "title", "home_label"),
    [("id", "Halaman tidak ditemukan", "Beranda"), ("en", "Page not found", "Home")],
)
def test_404_page_speaks_the_site_language_and_shows_the_way_on(make_site, language, title, home_label):
    site = make_site(
        programmes={"paving-rt03": minimal_programme()},
        reports={"2025": minimal_report()},
        mkdocs={"theme": {"name": "material", "language": language}},
    )
    page = html(site.build_inprocess() / "404.html")
    assert page.html["lang"] == language
    assert page.select_one("article h1").get_text(strip=True) == title
    assert page.title.get_text(strip=True).startswith(title)
    links = {
        a.get_text(strip=True): posixpath.normpath(a["href"]).rstrip("/") + "/" for a in page.select(".bkm-notfound a")
    }
    programmes, transparency = {"id": ("Program", "Transparansi"), "en": ("Programmes", "Transparency")}[language]
    assert links == {home_label: "/", programmes: "/program/", transparency: "/transparansi/"}
    assert "404 - Not found" not in page.get_text()
