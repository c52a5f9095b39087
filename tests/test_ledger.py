"""The ledger engine: every report line once, coverage and gaps, interim reports, programmes' books.

Sites are written to a temporary folder and loaded with the package's loader (no MkDocs build:
the ledger is pure Python); expected values come from the data written here.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import MINIMAL_BKM, load_yaml, minimal_programme, minimal_report

from bkm_site.core.formatting import Formatter
from bkm_site.core.ledger import Stretch, line_anchor, today
from bkm_site.core.loading import load_site


def load(site, on: date):
    return load_site(site.path / "data", site.path / "content", site.path, today=on)


def line(day: date, amount: int, programme: str | None = None, source: str = "BLM", **extra) -> dict:
    entry = {"date": day, "source": source, "description": f"Pemasukan {day}", "amount": amount, **extra}
    return {**entry, "programme": programme} if programme else entry


def spend(day: date, amount: int, programme: str | None = None, category: str = "material") -> dict:
    entry = {"date": day, "category": category, "description": f"Belanja {day}", "amount": amount}
    return {**entry, "programme": programme} if programme else entry


def test_nested_reports_hold_each_line_once_from_the_outermost(make_site):
    year = minimal_report(
        income=[line(date(2025, 2, 1), 10_000_000), line(date(2025, 8, 4), 4_000_000)],
        expenses=[spend(date(2025, 8, 20), 1_500_000)],
    )
    quarter = minimal_report(
        period="2025-Q3",
        opening_balance=year["opening_balance"] + 10_000_000,
        income=[line(date(2025, 8, 4), 4_000_000)],
        expenses=[spend(date(2025, 8, 20), 1_500_000)],
    )
    site = make_site(reports={"2025": year, "2025-q3": quarter})
    ledger = load(site, date(2026, 3, 1)).ledger

    assert [(x.report, x.kind, x.position) for x in ledger.lines] == [
        ("2025", "income", 1),
        ("2025", "income", 2),
        ("2025", "expense", 1),
    ]
    assert ledger.total_income == 14_000_000 and ledger.total_expenses == 1_500_000
    assert ledger.reports["2025-q3"].outer == "2025" and ledger.reports["2025"].inside == ("2025-q3",)
    assert [x.anchor for x in ledger.reports["2025-q3"].lines] == ["pemasukan-1", "pengeluaran-1"]
    text = (site.path / "data" / "reports" / "2025.yml").read_text(encoding="utf-8").splitlines()
    second = ledger.line("2025", "income", 2)
    assert "2025-08-04" in text[second.yaml_line - 1] or "date: 2025-08-04" in text[second.yaml_line]
    assert ledger.years()[0].income == 14_000_000 and ledger.years()[0].complete


def test_yaml_line_is_the_line_of_the_entry(make_site):
    report = minimal_report(income=[line(date(2025, 1, 5), 1_000), line(date(2025, 3, 9), 2_000)], expenses=[])
    site = make_site(reports={"2025": report})
    ledger = load(site, date(2026, 1, 10)).ledger
    rows = (site.path / "data" / "reports" / "2025.yml").read_text(encoding="utf-8").splitlines()
    for x in ledger.reports["2025"].lines:
        entry = rows[x.yaml_line - 1]
        assert entry.lstrip().startswith("- "), entry
        following = "\n".join(rows[x.yaml_line - 1 : x.yaml_line + 5])
        assert x.date.isoformat() in following


def test_gaps_are_named_stretches_and_years_say_what_they_cover(make_site):
    first = minimal_report(period=2024, income=[line(date(2024, 3, 1), 5_000_000)], expenses=[])
    closing = first["opening_balance"] + 5_000_000
    late = minimal_report(
        period="2025-Q3", opening_balance=closing + 700_000, income=[line(date(2025, 7, 9), 1_000)], expenses=[]
    )
    site = make_site(reports={"2024": first, "2025-q3": late})
    ledger = load(site, date(2026, 1, 15)).ledger

    assert ledger.gaps == (Stretch(date(2025, 1, 1), date(2025, 6, 30)),)
    assert Formatter("id").stretch(*_ends(ledger.gaps[0])) == "Januari–Juni 2025"
    assert " ".join(Formatter("en").stretch(*_ends(ledger.gaps[0])).split()) == "January – June 2025"
    years = {y.year: y for y in ledger.years()}
    assert years[2024].complete and not years[2025].complete
    assert years[2025].covered == (Stretch(date(2025, 7, 1), date(2025, 9, 30)),)
    assert not ledger.covers(date(2024, 12, 1), date(2025, 7, 31))
    assert ledger.covers(date(2024, 2, 1), date(2024, 12, 31))


def _ends(stretch: Stretch) -> tuple[date, date]:
    return stretch.start, stretch.end


def test_a_report_whose_period_has_not_ended_is_interim_as_of_its_last_line(make_site):
    report = minimal_report(
        period=2026, income=[line(date(2026, 1, 20), 1_000_000), line(date(2026, 4, 2), 3_000)], expenses=[]
    )
    site = make_site(reports={"2026": report})
    during = load(site, date(2026, 5, 10)).ledger
    assert during.interim == ("2026",)
    assert during.reports["2026"].as_of == date(2026, 4, 2) == during.as_of
    after = load(site, date(2027, 1, 1)).ledger
    assert after.interim == () and after.reports["2026"].as_of == date(2026, 4, 2)


def test_a_years_interim_date_comes_from_the_outermost_reports_whose_lines_it_sums(make_site):
    """An empty monthly report inside the year is as of its first day; the year's figures are the year
    report's lines, as of its last one."""
    year = minimal_report(
        period=2026, income=[line(date(2026, 1, 20), 1_000_000), line(date(2026, 11, 20), 3_000)], expenses=[]
    )
    december = minimal_report(
        period="2026-12", opening_balance=year["opening_balance"] + 1_003_000, income=[], expenses=[]
    )
    site = make_site(reports={"2026": year, "2026-12": december})
    ledger = load(site, date(2026, 12, 5)).ledger
    assert ledger.reports["2026-12"].as_of == date(2026, 12, 1)
    (books,) = ledger.years()
    assert books.interim_as_of == date(2026, 11, 20) == ledger.reports["2026"].as_of
    assert [y.interim_as_of for y in load(site, date(2027, 1, 1)).ledger.years()] == [None]


def test_today_is_source_date_epoch_when_set():
    assert today({"SOURCE_DATE_EPOCH": "1767225600"}) == date(2026, 1, 1)
    assert today({}) == date.today()


def test_programme_books_coverage_lines_and_computed_figures(make_site):
    programme = minimal_programme(
        status="completed",
        start=date(2025, 3, 1),
        end=date(2025, 6, 30),
        progress=100,
        funding=[
            {"source": "BLM", "planned": 20_000_000},
            {"source": "swadaya", "planned": 2_000_000, "received": 1_500_000, "in_kind": True},
        ],
        updates=[],
    )
    report = minimal_report(
        income=[line(date(2025, 3, 4), 12_000_000, "jalan"), line(date(2025, 5, 2), 8_000_000, "jalan")],
        expenses=[spend(date(2025, 3, 20), 9_000_000, "jalan"), spend(date(2025, 4, 1), 250_000)],
    )
    site = make_site(programmes={"jalan": programme}, reports={"2025": report})
    data = load(site, date(2026, 2, 1))
    books = data.ledger.programme("jalan")

    assert books.covered and books.span == Stretch(date(2025, 3, 1), date(2025, 6, 30))
    assert books.reports == ("2025",) and books.unreported == ()
    assert books.income_by_source == {"BLM": 20_000_000} and books.expenses == 9_000_000
    assert books.computed == {"received:BLM", "spent"}
    p = data.programmes["jalan"]
    assert p.funding[0].received == 20_000_000
    assert p.spent == 9_000_000 + 1_500_000  # in-kind gifts count as spent when received


def test_an_ongoing_programme_past_the_last_report_is_not_covered_and_says_what_is_missing(make_site):
    programme = minimal_programme()
    report = minimal_report(income=[line(date(2025, 3, 4), 75_000_000, "jalan")])
    site = make_site(programmes={"jalan": programme}, reports={"2025": report})
    data = load(site, date(2026, 4, 15))
    books = data.ledger.programme("jalan")
    assert not books.covered
    assert books.unreported == (Stretch(date(2026, 1, 1), date(2026, 4, 15)),)
    assert Formatter("id").stretch(*_ends(books.unreported[0])) == "1 Januari 2026 – 15 April 2026"
    typed = load_yaml(site.path / "data" / "programmes" / "jalan.yml")
    assert [f.received for f in data.programmes["jalan"].funding] == [f["received"] for f in typed["funding"]]
    assert books.computed == frozenset()


def test_a_programme_that_has_not_started_is_not_covered(make_site):
    planned = minimal_programme(status="planned", start=date(2026, 8, 1), progress=0, updates=[])
    site = make_site(programmes={"jalan": planned}, reports={"2025": minimal_report()})
    books = load(site, date(2026, 2, 1)).ledger.programme("jalan")
    assert books.span is None and not books.covered


def test_line_anchor_names_kind_and_position():
    assert line_anchor("income", 3) == "pemasukan-3"
    assert line_anchor("expense", 12) == "pengeluaran-12"


@pytest.mark.parametrize("language", ["id", "en"])
def test_stretch_of_one_month_and_of_days(language):
    fmt = Formatter(language)
    assert fmt.stretch(date(2026, 7, 1), date(2026, 7, 31)) == fmt.month(date(2026, 7, 1))
    assert fmt.stretch(date(2026, 6, 15), date(2026, 6, 15)) == fmt.date(date(2026, 6, 15))


def test_bkm_yml_alone_has_an_empty_ledger(make_site):
    site = make_site(bkm=MINIMAL_BKM)
    ledger = load(site, date(2026, 1, 1)).ledger
    assert ledger.lines == () and ledger.gaps == () and ledger.as_of is None and ledger.years() == []
