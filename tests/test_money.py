"""Money words: one label means one sum on every page, poster and card, in id and en; pages follow the
programme's status; money blocks are dated; percentages round down.

The oracle below recomputes every money definition from the demo's YAML with plain PyYAML.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal
from conftest import (
    REPO,
    build_on_demo_day,
    copy_site,
    demo_programmes,
    demo_reports,
    html,
    load_yaml,
    minimal_programme,
    minimal_report,
    strings_outside,
)

MONEY_BLOCKS = (
    ".bkm-fundbox",
    ".bkm-figures",
    ".bkm-poster__figures",
    "#bkm-dana tfoot",
    ".bkm-progress",
    ".bkm-stats",
)
"""Template blocks whose every Rupiah amount must be a marked money figure."""


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def rupiah(amount: int, locale: str = "id") -> str:
    sign = "−" if amount < 0 else ""
    return sign + "Rp " + format_decimal(abs(amount), format="#,##0", locale=locale)


def compact(amount: int, locale: str = "id") -> str:
    if abs(amount) < 1000:
        return rupiah(amount, locale)
    return " ".join(("Rp " + format_compact_decimal(amount, locale=locale, fraction_digits=1)).split())


# --- the oracle: every definition, from the YAML ------------------------------------------


def programme_money(p: dict) -> dict[str, int]:
    target = sum(line["planned"] for line in p.get("funding", []))
    received = sum(line.get("received", 0) for line in p.get("funding", []))
    in_kind = sum(line.get("received", 0) for line in p.get("funding", []) if line.get("in_kind"))
    spent = p.get("spent", 0)
    return {
        "target": target,
        "received": received,
        "received_cash": received - in_kind,
        "received_in_kind": in_kind,
        "spent": spent,
        "remaining": received - spent,
        "shortfall": max(target - received, 0),
    }


def report_money(reports: list[dict]) -> dict[str, int]:
    income = sum(line["amount"] for r in reports for line in r.get("income", []))
    expenses = sum(line["amount"] for r in reports for line in r.get("expenses", []))
    money = {"income": income, "expenses": expenses}
    if len(reports) == 1:
        opening = reports[0]["opening_balance"]
        money |= {"opening": opening, "closing": opening + income - expenses}
    return money


def oracle(programmes: dict[str, dict], reports: dict[str, dict], plan: dict | None) -> dict[tuple[str, str], int]:
    """(definition, what it is about) → amount, for every figure the site may show."""
    expected: dict[tuple[str, str], int] = {}

    def add(of: str, money: dict[str, int]) -> None:
        expected.update({(word, of): amount for word, amount in money.items()})

    for slug, p in programmes.items():
        add(f"programme:{slug}", programme_money(p))
    totals: dict[str, int] = defaultdict(int)
    for p in programmes.values():
        for word, amount in programme_money(p).items():
            totals[word] += amount
    totals["shortfall"] = max(totals["target"] - totals["received"], 0)
    add("site", totals)
    partners = {line["partner"] for p in programmes.values() for line in p["funding"] if line.get("partner")}
    for slug in partners:
        add(
            f"partner:{slug}",
            {
                "received": sum(
                    line.get("received", 0)
                    for p in programmes.values()
                    for line in p["funding"]
                    if line.get("partner") == slug
                )
            },
        )
    if plan:
        ids = {item["id"] for item in plan["items"]}
        linked = [p for p in programmes.values() if p.get("plan_item") in ids]
        add("plan", {"received": sum(programme_money(p)["received"] for p in linked)})
    for slug, r in reports.items():
        add(f"report:{slug}", report_money([r]))
    years = sorted({str(r["period"])[:4] for r in reports.values()})
    for year in years:
        add(f"year:{year}", report_money([r for r in reports.values() if str(r["period"]).startswith(year)]))
    add("reports", report_money(list(reports.values())))
    return expected


# --- the demo in both languages ------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_en(demo_build, tmp_path_factory) -> Path:
    """The demo with ``language: en``, on the same day as the session's demo (its photos already cached)."""
    root = copy_site(demo_build.root, tmp_path_factory.mktemp("demo-en"))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("language: id", "language: en")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return build_on_demo_day(root)


def parsed_pages(site_dir) -> dict[Path, object]:
    """Every page of a built site, parsed once: (path relative to the site) -> soup."""
    return {page.relative_to(site_dir): html(page) for page in sorted(site_dir.rglob("*.html"))}


def money_figures(pages: dict):
    """Every marked money figure of every page: (page, element)."""
    for page, soup in pages.items():
        for figure in soup.select("data.bkm-money"):
            yield page, figure


@pytest.mark.parametrize("language", ["id", "en"])
def test_one_label_means_one_sum_on_every_page(language, demo_build, request):
    site_dir = request.getfixturevalue("demo_site" if language == "id" else "demo_en")
    catalogue = yaml.safe_load((REPO / "bkm_site/core/i18n" / f"{language}.yml").read_text(encoding="utf-8"))
    expected = oracle(demo_programmes(), demo_reports(), load_yaml(REPO / "data/plan.yml"))
    words_of_label: dict[str, set[str]] = defaultdict(set)
    values: dict[tuple[str, str], set[int]] = defaultdict(set)
    count = 0
    pages = parsed_pages(site_dir)
    for page, figure in money_figures(pages):
        count += 1
        word, of, label, value = figure["data-money"], figure["data-of"], figure["data-label"], int(figure["value"])
        assert label == catalogue[f"money.{word}"], (page, word, label)
        shown = text(figure)
        assert shown in (rupiah(value, language), compact(value, language)), (page, word, of, shown, value)
        container = figure.find_parent(["li", "p", "div", "table", "dl"])
        assert label.casefold() in text(container).casefold(), (page, word, label, text(container))
        words_of_label[label].add(word)
        values[(word, of)].add(value)
        assert (word, of) in expected, (page, word, of)
        assert value == expected[(word, of)], (page, word, of, value, expected[(word, of)])
    assert count > 100
    assert all(len(words) == 1 for words in words_of_label.values()), words_of_label
    assert all(len(shown) == 1 for shown in values.values()), {k: v for k, v in values.items() if len(v) > 1}
    labels = [catalogue[f"money.{word}"] for word in ("target", "received", "spent", "remaining", "shortfall")]
    assert len(set(labels)) == len(labels)
    # the blocks made of money hold no Rupiah amount that is not a marked figure
    for page, soup in pages.items():
        for block in soup.select(", ".join(MONEY_BLOCKS)):
            left = " ".join(strings_outside(block, "bkm-money"))
            assert "Rp" not in left, (page, left)


def test_home_money_figure_names_its_sum_and_links_to_the_same_figure_on_transparency(demo_site):
    home = html(demo_site)
    figure = home.select_one(".bkm-figure--received")
    assert "diterima program (tunai dan natura)" in text(figure)
    link = figure.select_one("a.bkm-figure__more")
    assert link["href"] == "transparansi/#dana-program"
    overview = html(demo_site / "transparansi")
    block = overview.find(id="dana-program")
    home_value = figure.select_one('data[data-money="received"]')["value"]
    assert block.select_one('data[data-money="received"][data-of="site"]')["value"] == home_value
    rows = {text(div.dt): div.dd.data["value"] for div in block.select(".bkm-moneylist__row")}
    assert list(rows) == ["Target", "Diterima", "Tunai", "Natura", "Dibelanjakan", "Sisa"]
    assert int(rows["Diterima"]) == int(rows["Tunai"]) + int(rows["Natura"])
    assert int(rows["Sisa"]) == int(rows["Diterima"]) - int(rows["Dibelanjakan"])


def test_cards_use_the_money_words(make_site):
    from bkm_site.core.formatting import Formatter
    from bkm_site.core.loading import load_site
    from bkm_site.core.strings import catalogue
    from bkm_site.media.cards import site_cards

    done = minimal_programme(
        title="Paving RT 01", status="completed", end=date(2025, 6, 30), progress=100, spent=84_450_000
    )
    site = make_site(programmes={"jalan": minimal_programme(), "selesai": done})
    loaded = load_site(site.path / "data", site.path / "content", site.path)
    cards = site_cards(loaded, catalogue("id"), Formatter("id"))
    assert cards["site.jpg"].figure == "Rp 169.600.000 diterima 2 program warga"
    ongoing = cards["program-jalan.jpg"]
    assert ongoing.figure == "Rp 84.800.000 diterima dari target Rp 87.500.000"
    assert ongoing.detail == "96% dari target diterima"  # 96.9 %, rounded down
    assert ongoing.as_of == "Data per 10 Apr 2025"  # the programme's latest dated entry
    completed = cards["program-selesai.jpg"]
    assert completed.figure == "Diterima Rp 84.800.000 · Dibelanjakan Rp 84.450.000"
    assert completed.detail == "Program selesai · Sisa Rp 350.000" and completed.share is None


# --- pages follow the programme's status -------------------------------------------------


def test_completed_programme_asks_for_nothing_and_shows_its_results_first(demo_site):
    from bkm_site.core.formatting import Formatter
    from bkm_site.core.loading import load_site
    from bkm_site.core.strings import catalogue
    from bkm_site.media.cards import site_cards

    account = load_yaml(REPO / "data/bkm.yml")["donation"]["account_number"]
    programmes = demo_programmes()
    loaded = load_site(REPO / "data", REPO / "content", REPO)
    cards = site_cards(loaded, catalogue("id"), Formatter("id"))
    completed = [slug for slug, p in programmes.items() if p["status"] == "completed"]
    needing = {slug for slug, p in programmes.items() if p["status"] != "completed"}
    assert completed and needing
    for slug in completed:
        page = html(demo_site / "program" / slug)
        assert account not in page.get_text(), slug  # not on the page, nor its printed poster
        assert not page.select(".bkm-button--donate, #donasi, .bkm-bank, .bkm-poster__donate"), slug
        assert "Salurkan bantuan" not in page.get_text() and "Masih dibutuhkan" not in page.get_text()
        card = cards[f"program-{slug}.jpg"]
        assert account not in " ".join((card.title, card.figure, card.detail, card.name, card.motto, card.as_of))
        box = page.select_one(".bkm-campaign > .bkm-fundbox--done")
        assert box.find_previous_sibling(class_="bkm-campaign__story") is None  # results before the story
        assert box.select_one(".bkm-outputs") and box.select_one(".bkm-people")
        shown = {d["data-money"] for d in box.select("data.bkm-money")}
        assert {"received", "spent", "remaining"} <= shown
        others = {a["href"].strip("/").split("/")[-1] for a in page.select("#bantu .bkm-cta__others a")}
        assert others and others <= needing
    ongoing = html(demo_site / "program" / "mck-komunal-rw02")
    assert (
        account in ongoing.select_one("#donasi").get_text() and account in ongoing.select_one(".bkm-poster").get_text()
    )


def test_planned_programme_shows_targets_not_results(demo_site):
    page = html(demo_site / "program" / "pju-tenaga-surya-rw06")
    section = page.select_one("#bkm-hasil")
    assert text(section.h2) == "Sasaran program"
    assert "sasaran, belum tercapai" in text(section.select_one(".bkm-targets-note"))
    assert text(section.h3) == "Sasaran penerima manfaat"
    ongoing = html(demo_site / "program" / "mck-komunal-rw02").select_one("#bkm-hasil")
    assert text(ongoing.h2) == "Hasil dan penerima manfaat" and not ongoing.select_one(".bkm-targets-note")


def test_plan_counts_items_of_planned_programmes_as_not_started(make_site):
    plan = {
        "title": "PJM Pronangkis 2025-2027",
        "period": {"start": 2025, "end": 2027},
        "items": [
            {"id": "pjm-a", "title": "Jalan RW 04", "sector": "lingkungan", "year": 2025, "budget": 90_000_000},
            {"id": "pjm-b", "title": "Lampu RW 06", "sector": "lingkungan", "year": 2026, "budget": 40_000_000},
            {"id": "pjm-c", "title": "Posbindu", "sector": "sosial", "year": 2026, "budget": 10_000_000},
        ],
    }
    later = minimal_programme(
        title="Lampu RW 06", status="planned", start=date(2026, 3, 1), plan_item="pjm-b", progress=0, updates=[]
    )
    site = make_site(
        programmes={"jalan": minimal_programme(plan_item="pjm-a"), "lampu": later},
        plan=plan,
    )
    page = html(site.build_inprocess() / "pjm")
    status = {li["id"]: text(li.select_one(".bkm-status")) for li in page.select(".bkm-plan-item")}
    assert status == {"pjm-a": "Sedang berjalan", "pjm-b": "Belum dimulai", "pjm-c": "Belum dimulai"}
    counts = [text(dd) for dd in page.select('[data-bkm="plan-counts"] dd')]
    assert counts == ["2 butir", "1 butir", "0 butir"]


# --- dates and rounding -----------------------------------------------------------------


def test_money_blocks_say_data_per_their_latest_entry(demo_site):
    programmes, reports = demo_programmes(), demo_reports()

    def latest_of(slug: str, p: dict) -> date | None:
        lines = [
            line["date"]
            for r in reports.values()
            for line in (*r.get("income", []), *r.get("expenses", []))
            if line.get("programme") == slug
        ]
        return max(lines + [u["date"] for u in p.get("updates", [])], default=None)

    for slug, p in programmes.items():
        page = html(demo_site / "program" / slug)
        if latest_of(slug, p) is None:  # nothing dated to draw from: no date is made up
            assert not page.select(".bkm-asof"), slug
            continue
        day = format_date(latest_of(slug, p), "long", locale="id")
        assert text(page.select_one(".bkm-fundbox .bkm-asof")) == f"Data per {day}", slug
        assert text(page.select_one(".bkm-poster .bkm-asof")) == f"Data per {day}", slug
    index = html(demo_site / "program")
    for slug, p in programmes.items():
        card = index.select_one(f'.bkm-card__title a[href="{slug}/"]').find_parent("article")
        dated = card.select_one(".bkm-asof")
        day = latest_of(slug, p)
        assert (text(dated) if dated else None) == (
            f"Data per {format_date(day, 'long', locale='id')}" if day else None
        )
    latest = max(day for slug, p in programmes.items() if (day := latest_of(slug, p)))
    home = html(demo_site)
    assert text(home.select_one(".bkm-figures .bkm-asof")) == f"Data per {format_date(latest, 'long', locale='id')}"
    for slug, r in reports.items():
        last = max(line["date"] for line in (*r["income"], *r["expenses"]))
        page = html(demo_site / "transparansi" / slug)
        assert text(page.select_one('section[aria-labelledby="bkm-balance"] .bkm-asof')) == (
            f"Data per {format_date(last, 'long', locale='id')}"
        )


def test_report_whose_period_has_not_ended_is_interim(make_site, monkeypatch):
    report = minimal_report()  # period 2025, last line 3 Feb 2025
    site = make_site(reports={"2025": report})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2025, 6, 30, tzinfo=timezone.utc).timestamp())))
    out = site.build_inprocess()
    page = html(out / "transparansi" / "2025")
    assert text(page.select_one('[data-bkm="interim"] .bkm-badge')) == "Sementara, per 3 Februari 2025"
    assert "Sementara, per 3 Februari 2025" in text(page.select_one(".bkm-poster"))
    timeline = html(out / "transparansi")
    assert "Sementara, per 3 Februari 2025" in text(timeline.select_one(".bkm-timeline__item"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp())))
    ended = html(site.build_inprocess() / "transparansi" / "2025")
    assert not ended.select('[data-bkm="interim"]') and "Sementara" not in ended.get_text()


@pytest.mark.parametrize(
    ("part", "whole", "id_text", "en_text"),
    [
        (33_250_000, 33_600_000, "98%", "98%"),
        (33_599_999, 33_600_000, "99%", "99%"),
        (33_600_000, 33_600_000, "100%", "100%"),
        (29, 100, "29%", "29%"),
        (2, 3, "66%", "66%"),
        (0, 0, "0%", "0%"),
    ],
)
def test_percentages_round_down(part, whole, id_text, en_text):
    from bkm_site.core.formatting import Formatter

    assert Formatter("id").share(part, whole) == id_text
    assert Formatter("en").share(part, whole) == en_text
    assert Formatter("id").percent(part / whole if whole else 0) == id_text
    assert Formatter("id").share(1, 3, digits=1) == "33,3%"


def test_completed_programme_with_money_left_never_shows_100_percent(make_site):
    done = minimal_programme(status="completed", end=date(2025, 6, 30), progress=100, spent=84_450_000)
    page = html(make_site(programmes={"selesai": done}).build_inprocess() / "program" / "selesai")
    spent = text(page.select_one(".bkm-spent"))
    assert "(99% dari dana diterima)" in spent and "sisa Rp 350.000" in spent
    assert re.search(r"\b100\s?%", spent) is None


# --- rincian dana ---------------------------------------------------------------------


def test_rincian_dana_lists_each_tagged_line_linked_to_its_row_with_the_box_sums(demo_site):
    programmes, reports = demo_programmes(), demo_reports()
    report_pages: dict[Path, object] = {}
    covered = 0
    for slug, p in programmes.items():
        page = html(demo_site / "program" / slug)
        section = page.find(id="rincian-dana")
        assert section is not None, slug
        tagged = {
            kind: [line for r in reports.values() for line in r.get(key, []) if line.get("programme") == slug]
            for kind, key in (("income", "income"), ("expense", "expenses"))
        }
        for kind, lines in tagged.items():
            table = section.select_one(f'[data-bkm="rincian-{kind}"]')
            rows = table.select("tbody tr:not(.bkm-rincian__in-kind)") if table else []
            assert sorted(text(row.select("td")[-1]) for row in rows) == sorted(rupiah(x["amount"]) for x in lines)
            for row in rows:
                link = row.td.a["href"]
                target, _, anchor = link.partition("#")
                assert anchor.startswith("pemasukan-" if kind == "income" else "pengeluaran-"), link
                report_path = (demo_site / "program" / slug / target).resolve()
                if report_path not in report_pages:
                    report_pages[report_path] = html(report_path)
                report_page = report_pages[report_path]
                line_row = report_page.find(id=anchor)  # the anchor exists on the report page, on the same line
                assert line_row is not None and line_row.name == "tr", (slug, link)
                assert text(line_row.select("td")[-1]) == text(row.select("td")[-1])
                assert text(line_row.select("td")[1]) == text(row.select("td")[1])
        if section.select_one('[data-bkm="rincian-covered"]'):  # covered: the sums are the box's figures
            covered += 1
            money = programme_money(p)
            box = {d["data-money"]: int(d["value"]) for d in page.select(".bkm-fundbox data.bkm-money")}
            for kind, word in (("income", "received"), ("expense", "spent")):
                table = section.select_one(f'[data-bkm="rincian-{kind}"]')
                if table is None:
                    assert money[word] == 0, (slug, word)
                    continue
                total = table.select_one(f'tfoot data[data-money="{word}"]')
                amounts = [int(re.sub(r"\D", "", text(row.select("td")[-1]))) for row in table.select("tbody tr")]
                assert int(total["value"]) == sum(amounts) == box[word] == money[word], (slug, word)
        else:  # not covered: the reports its lines come from and what is not reported yet are named
            named = {a["href"] for a in section.select('[data-bkm="programme-reports"] a')}
            assert {row.select("td")[2].a["href"] for row in section.select("tbody tr")} <= named, slug
            assert not section.select("tfoot data.bkm-money")  # its line sums are not the box's figures
            if p["status"] != "planned" or named:
                assert "Belum dilaporkan:" in text(section.select_one('[data-bkm="programme-unreported"]')), slug
    assert covered >= 3
