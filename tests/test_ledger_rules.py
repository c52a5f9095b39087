"""The ledger rules (data-format.md, "Ledger rules"): each broken rule is one located message in
Indonesian, with the files, the line and both numbers, and nothing is built; the same data put right
builds.

Today is pinned with ``SOURCE_DATE_EPOCH`` (which the rules honour), so the cases do not age.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import pytest
import yaml
from conftest import MINIMAL_BKM, html, minimal_programme, minimal_report

from bkm_site.core.loading import DataError, Problem, load_site

TODAY = date(2026, 3, 15)
EPOCH = str(int(datetime(2026, 3, 15, 12, tzinfo=timezone.utc).timestamp()))
TODAY_ID = "15 Maret 2026"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def rp(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def income_of(report: dict) -> int:
    return sum(x["amount"] for x in report.get("income", []))


def expenses_of(report: dict) -> int:
    return sum(x["amount"] for x in report.get("expenses", []))


def closing(report: dict) -> int:
    return (
        report["opening_balance"]
        + sum(x["amount"] for x in report.get("income", []))
        - sum(x["amount"] for x in report.get("expenses", []))
    )


def income(day: date, amount: int, source: str = "BLM", programme: str | None = None, **extra) -> dict:
    line = {"date": day, "source": source, "description": f"Pemasukan {day}", "amount": amount, **extra}
    return {**line, "programme": programme} if programme else line


def expense(day: date, amount: int, category: str = "material", programme: str | None = None) -> dict:
    line = {"date": day, "category": category, "description": f"Belanja {day}", "amount": amount}
    return {**line, "programme": programme} if programme else line


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """1-based number of the first line holding ``needle`` (after the first line holding ``after``)."""
    lines = text.splitlines()
    start = next(i for i, x in enumerate(lines) if after in x) if after else 0
    return next(i for i, x in enumerate(lines) if i >= start and needle in x) + 1


def yml(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# --- the books the cases break ------------------------------------------------

YEAR_2025 = minimal_report(
    income=[
        income(date(2025, 3, 4), 40_000_000, programme="jalan"),
        income(date(2025, 8, 11), 6_000_000, "CSR", programme="jalan"),
        income(date(2025, 9, 2), 1_500_000, "lainnya"),
    ],
    expenses=[
        expense(date(2025, 3, 20), 22_500_000, programme="jalan"),
        expense(date(2025, 8, 25), 7_500_000, "upah", programme="jalan"),
        expense(date(2025, 9, 30), 400_000, "operasional"),
    ],
)


def quarter_3() -> dict:
    """2025-Q3 as it lies inside 2025: the same lines, the opening balance on 1 July."""
    before = YEAR_2025["opening_balance"] + 40_000_000 - 22_500_000
    return minimal_report(
        period="2025-Q3",
        opening_balance=before,
        income=[x for x in YEAR_2025["income"] if date(2025, 7, 1) <= x["date"] <= date(2025, 9, 30)],
        expenses=[x for x in YEAR_2025["expenses"] if date(2025, 7, 1) <= x["date"] <= date(2025, 9, 30)],
    )


def quarter_1_2026(**overrides) -> dict:
    base = {
        "period": "2026-Q1",
        "opening_balance": closing(YEAR_2025),
        "income": [income(date(2026, 1, 12), 2_000_000, "swadaya")],
        "expenses": [expense(date(2026, 2, 3), 900_000, "operasional")],
    }
    return minimal_report(**{**base, **overrides})


JALAN = minimal_programme(
    status="completed",
    start=date(2025, 3, 1),
    end=date(2025, 8, 31),
    progress=100,
    funding=[
        {"source": "BLM", "planned": 40_000_000, "received": 40_000_000},
        {"source": "CSR", "planned": 6_000_000, "received": 6_000_000},
        {"source": "swadaya", "planned": 3_000_000, "received": 2_500_000, "in_kind": True},
    ],
    spent=22_500_000 + 7_500_000 + 2_500_000,
    updates=[{"date": date(2025, 8, 30), "title": "Jalan selesai", "body": "Serah terima."}],
)


@dataclass
class Books:
    programmes: dict = field(default_factory=lambda: {"jalan": copy.deepcopy(JALAN)})
    reports: dict = field(default_factory=lambda: {"2025": copy.deepcopy(YEAR_2025)})
    achievements: dict | None = None

    def write(self, make_site):
        return make_site(
            programmes={k: yml(v) for k, v in self.programmes.items()},
            reports={k: yml(v) for k, v in self.reports.items()},
            achievements=self.achievements,
        )


def problems(site) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        load_site(site.path / "data", site.path / "content", site.path)
    return raised.value.problems


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, "\n\n".join(map(str, found))
    assert "→" not in found[0].message
    return found[0]


def text_of(site, rel: str) -> str:
    return (site.path / rel).read_text(encoding="utf-8")


def loads(site):
    return load_site(site.path / "data", site.path / "content", site.path)


# --- the correct books build -------------------------------------------------


def test_consistent_books_with_a_chain_a_nested_report_and_a_covered_programme_load(make_site):
    books = Books()
    books.reports |= {"2025-q3": quarter_3(), "2026-q1": quarter_1_2026()}
    data = loads(books.write(make_site))
    ledger = data.ledger
    assert ledger.programme("jalan").covered
    assert ledger.reports["2025-q3"].outer == "2025"
    assert ledger.interim == ("2026-q1",) and ledger.reports["2026-q1"].as_of == date(2026, 2, 3)
    assert ledger.total_income == sum(x["amount"] for r in ("2025", "2026-q1") for x in books.reports[r]["income"])


@pytest.mark.slow
def test_consistent_books_build_strict(make_site):
    books = Books()
    books.reports |= {"2025-q3": quarter_3(), "2026-q1": quarter_1_2026()}
    run = books.write(make_site).build()
    assert run.returncode == 0, run.output
    out = run.site_dir / "transparansi"
    overview = html(out)
    year = next(r for r in overview.select('[data-bkm="by-year"] tbody tr') if r.th.contents[0].strip() == "2025")
    assert [rp(x) for x in (income_of(YEAR_2025), expenses_of(YEAR_2025))] == [
        td.get_text(strip=True) for td in year.select("td")
    ]  # the quarter inside the year adds nothing
    inside = [li for li in overview.select('[data-bkm="report-timeline"] > li') if li.select_one('[data-bkm="inside"]')]
    assert len(inside) == 1 and "Bagian dari Laporan Keuangan Tahun 2025" in inside[0].get_text()

    def checks(slug):
        return {
            li.a["href"].strip("/").split("/")[-1]: li.get_text(" ", strip=True)
            for li in html(out / slug).select('[data-bkm="ledger-checks"] li')
            if li.a
        }

    assert "sama dengan bagian periode ini di laporan yang lebih panjang" in checks("2025-q3")["2025"]
    assert "Laporan yang lebih pendek di dalam periode ini cocok" in checks("2025")["2025-q3"]
    assert (
        f"Saldo awal {rp(closing(YEAR_2025))} sama dengan saldo akhir laporan sebelumnya" in checks("2026-q1")["2025"]
    )
    assert "Saldo akhir menjadi saldo awal laporan berikutnya" in checks("2025")["2026-q1"]


# --- rule 1: chain -----------------------------------------------------------


def test_chain_a_later_opening_that_is_not_the_earlier_closing(make_site):
    books = Books()
    books.reports["2026-q1"] = quarter_1_2026(opening_balance=closing(YEAR_2025) + 250_000)
    site = books.write(make_site)
    p = only(problems(site))
    assert (p.file, p.line, p.field) == (
        "data/reports/2026-q1.yml",
        line_of(text_of(site, p.file), "opening_balance:"),
        "opening_balance",
    )
    assert p.message == (
        f"Saldo awal {rp(closing(YEAR_2025) + 250_000)} tidak menyambung dengan saldo akhir laporan sebelumnya, "
        f"data/reports/2025.yml periode 2025 (Tahun 2025): {rp(closing(YEAR_2025))}."
    )
    assert p.hint.startswith(f"Laporan yang berurutan harus bersambung: tulis opening_balance: {closing(YEAR_2025)}")


def test_chain_across_grains_a_month_after_a_quarter(make_site):
    q4 = minimal_report(period="2025-Q4", opening_balance=1_000_000, income=[], expenses=[])
    january = minimal_report(period="2026-01", opening_balance=999_000, income=[], expenses=[])
    site = Books(programmes={}, reports={"2025-q4": q4, "2026-01": january}).write(make_site)
    p = only(problems(site))
    assert p.file == "data/reports/2026-01.yml" and "data/reports/2025-q4.yml" in p.message
    assert rp(999_000) in p.message and rp(1_000_000) in p.message


def test_reports_with_a_gap_between_are_not_chained(make_site):
    later = minimal_report(period="2026-Q1", opening_balance=123_000, income=[], expenses=[])
    site = Books(programmes={}, reports={"2024": minimal_report(period=2024, income=[], expenses=[]), "2026-q1": later})
    ledger = loads(site.write(make_site)).ledger
    assert [(g.start, g.end) for g in ledger.gaps] == [(date(2025, 1, 1), date(2025, 12, 31))]


# --- rule 2: nesting ---------------------------------------------------------


def test_nesting_an_inner_line_that_differs_from_the_outer_report(make_site):
    books = Books()
    inner = quarter_3()
    outer_total = sum(x["amount"] for x in inner["income"])
    inner["income"][0]["amount"] = 6_500_000
    inner["closing_balance"] = closing(inner)
    inner_total = sum(x["amount"] for x in inner["income"])
    books.reports["2025-q3"] = inner
    site = books.write(make_site)
    found = problems(site)
    text = text_of(site, "data/reports/2025-q3.yml")
    assert {(p.file, p.field) for p in found} == {
        ("data/reports/2025-q3.yml", "income"),
        ("data/reports/2025-q3.yml", "income › #1 › source"),
    }
    total = next(p for p in found if p.field == "income")
    assert total.line == line_of(text, "income:")
    assert total.message == (
        f"Pemasukan laporan ini berjumlah {rp(inner_total)}, tetapi pemasukan data/reports/2025.yml "
        f"bertanggal 1 Juli 2025 s.d. 30 September 2025 berjumlah {rp(outer_total)}."
    )
    source = next(p for p in found if p.field.endswith("source"))
    assert source.line == line_of(text, "source: CSR")
    assert source.message == (
        f"Pemasukan sumber CSR di laporan ini {rp(6_500_000)}, tetapi di data/reports/2025.yml untuk "
        f"1 Juli 2025 s.d. 30 September 2025 {rp(6_000_000)}."
    )
    assert all(p.hint.startswith("Laporan yang berada di dalam laporan lain") for p in found)


def test_nesting_a_line_moved_to_another_category_keeps_totals_but_not_categories(make_site):
    books = Books()
    inner = quarter_3()
    inner["expenses"][0]["category"] = "material"
    books.reports["2025-q3"] = inner
    site = books.write(make_site)
    found = problems(site)
    # material is on the inner report's first line; upah is on none of its lines, so the list is named
    assert sorted(p.field for p in found) == ["expenses", "expenses › #1 › category"]
    words = " | ".join(p.message for p in found)
    assert "Pengeluaran jenis material di laporan ini Rp 7.500.000, tetapi di data/reports/2025.yml" in words
    assert "Pengeluaran jenis upah di laporan ini Rp 0" in words


def test_nesting_an_inner_opening_balance_that_is_not_the_outer_balance_on_its_first_day(make_site):
    books = Books()
    inner = quarter_3()
    expected = inner["opening_balance"]
    inner["opening_balance"] = expected - 400_000
    inner["closing_balance"] = closing(inner)
    books.reports["2025-q3"] = inner
    site = books.write(make_site)
    p = only(problems(site))
    assert (p.file, p.line, p.field) == (
        "data/reports/2025-q3.yml",
        line_of(text_of(site, p.file), "opening_balance:"),
        "opening_balance",
    )
    assert p.message == (
        f"Saldo awal {rp(expected - 400_000)} tidak sama dengan saldo data/reports/2025.yml pada awal periode ini: "
        f"saldo awalnya ditambah transaksinya sebelum 1 Juli 2025 = {rp(expected)}."
    )
    assert f"tulis opening_balance: {expected}" in p.hint


def test_nested_reports_count_each_line_once_in_the_yearly_totals(make_site):
    books = Books()
    books.reports["2025-q3"] = quarter_3()
    ledger = loads(books.write(make_site)).ledger
    year = next(y for y in ledger.years() if y.year == 2025)
    assert year.income == sum(x["amount"] for x in YEAR_2025["income"])
    assert year.expenses == sum(x["amount"] for x in YEAR_2025["expenses"])


# --- rule 5: programme ↔ lines -------------------------------------------------


def test_programme_received_that_is_not_its_tagged_income(make_site):
    books = Books()
    books.programmes["jalan"]["funding"][0]["received"] = 45_000_000
    site = books.write(make_site)
    p = only(problems(site))
    text = text_of(site, "data/programmes/jalan.yml")
    assert (p.file, p.line, p.field) == (
        "data/programmes/jalan.yml",
        line_of(text, "received: 45000000"),
        "funding › #1 › received",
    )
    report_line = line_of(text_of(site, "data/reports/2025.yml"), "- date: 2025-03-04")
    assert p.message == (
        f"Dana BLM diterima (received) {rp(45_000_000)}, tetapi pemasukan BLM di laporan yang ditandai "
        f"programme: jalan berjumlah {rp(40_000_000)} (data/reports/2025.yml baris {report_line})."
    )
    assert "hapus received supaya dihitung dari laporan" in p.hint


def test_programme_spent_that_is_not_its_tagged_expenses_plus_in_kind(make_site):
    books = Books()
    books.programmes["jalan"]["spent"] = 33_000_000
    site = books.write(make_site)
    p = only(problems(site))
    assert (p.file, p.line, p.field) == (
        "data/programmes/jalan.yml",
        line_of(text_of(site, p.file), "spent: 33000000"),
        "spent",
    )
    assert p.message.startswith(
        f"Dana dibelanjakan (spent) {rp(33_000_000)} dikurangi bantuan natura yang diterima {rp(2_500_000)} = "
        f"{rp(30_500_000)}, tetapi pengeluaran di laporan yang ditandai programme: jalan berjumlah {rp(30_000_000)} "
        "(data/reports/2025.yml baris "
    )
    assert "Tulis spent: 32500000" in p.hint


def test_programme_tagged_income_from_a_source_it_has_no_cash_line_for(make_site):
    books = Books()
    books.reports["2025"]["income"].append(income(date(2025, 4, 2), 800_000, "donasi", programme="jalan"))
    books.reports["2025"]["closing_balance"] = closing(books.reports["2025"])
    site = books.write(make_site)
    p = only(problems(site))
    assert (p.file, p.field) == ("data/programmes/jalan.yml", "funding")
    assert p.line == line_of(text_of(site, p.file), "funding:")
    assert p.message.startswith(f"Laporan mencatat pemasukan donasi {rp(800_000)} untuk program ini")
    assert "{source: donasi, planned: ..., received: 800000}" in p.hint


def test_a_programme_not_covered_keeps_its_typed_figures_without_error(make_site):
    books = Books()
    ongoing = books.programmes["jalan"]
    ongoing.update(status="ongoing", progress=60, spent=1_000_000)
    del ongoing["end"]
    ongoing["funding"][0]["received"] = 55_000_000
    data = loads(books.write(make_site))
    assert not data.ledger.programme("jalan").covered
    assert data.programmes["jalan"].funding[0].received == 55_000_000 and data.programmes["jalan"].spent == 1_000_000


def test_a_covered_programme_may_leave_received_and_spent_out(make_site):
    books = Books()
    for line in books.programmes["jalan"]["funding"]:
        if not line.get("in_kind"):
            del line["received"]
    del books.programmes["jalan"]["spent"]
    data = loads(books.write(make_site))
    p = data.programmes["jalan"]
    assert [f.received for f in p.funding] == [40_000_000, 6_000_000, 2_500_000]
    assert p.spent == 30_000_000 + 2_500_000


# --- rule 6: dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "field_path", "what"),
    [
        ("update", "updates › #1 › date", "Tanggal kabar"),
        ("income", "income › #1 › date", "Tanggal transaksi"),
        ("audit", "audit › date", "Tanggal audit"),
        ("milestone", "milestones › #1 › date", "Tanggal capaian"),
    ],
)
def test_nothing_is_dated_after_today(make_site, where, field_path, what):
    books = Books()
    late = date(2026, 3, 16)
    if where == "update":
        books.programmes["jalan"]["updates"][0]["date"] = late
        rel, needle = "data/programmes/jalan.yml", "2026-03-16"
    elif where == "income":
        books.reports["2026"] = minimal_report(
            period=2026, opening_balance=closing(YEAR_2025), income=[income(late, 1_000)], expenses=[]
        )
        rel, needle = "data/reports/2026.yml", "2026-03-16"
    elif where == "audit":
        books.reports["2025"]["audit"] = {"auditor": "KAP Contoh", "date": late, "opinion": "Wajar"}
        rel, needle = "data/reports/2025.yml", "2026-03-16"
    else:
        books.achievements = {"milestones": [{"date": late, "title": "BKM terbaik", "description": "Juara."}]}
        rel, needle = "data/achievements.yml", "2026-03-16"
    site = books.write(make_site)
    p = only(problems(site))
    assert (p.file, p.line, p.field) == (rel, line_of(text_of(site, rel), needle), field_path)
    assert p.message == f"{what} 2026-03-16 belum terjadi: hari ini {TODAY_ID}."
    assert p.hint.startswith("Situs hanya mencatat yang sudah terjadi")


def test_a_report_whose_period_has_not_begun(make_site):
    books = Books()
    books.reports["2026-q2"] = minimal_report(period="2026-Q2", opening_balance=0, income=[], expenses=[])
    site = books.write(make_site)
    p = only(problems(site))
    assert (p.file, p.field) == ("data/reports/2026-q2.yml", "period")
    assert p.message == f"Periode laporan 2026-Q2 belum dimulai: periode itu mulai 1 April 2026, hari ini {TODAY_ID}."


def test_today_itself_is_allowed_and_makes_its_report_interim(make_site):
    books = Books()
    books.reports["2026-q1"] = quarter_1_2026(income=[income(TODAY, 5_000)], expenses=[])
    ledger = loads(books.write(make_site)).ledger
    assert ledger.today == TODAY and ledger.reports["2026-q1"].interim
    assert ledger.reports["2026-q1"].as_of == TODAY


# --- through the real build: the message, and nothing written ---------------------


BROKEN = {
    "chain": lambda b: b.reports.update({"2026-q1": quarter_1_2026(opening_balance=closing(YEAR_2025) + 1)}),
    "nesting": lambda b: b.reports.update({"2025-q3": {**quarter_3(), "opening_balance": 1}}),
    "programme": lambda b: b.programmes["jalan"].update(spent=1_000_000),
    "date": lambda b: b.programmes["jalan"]["updates"][0].update(date=date(2027, 1, 1)),
}


@pytest.mark.slow
@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_build_and_check_stop_with_the_located_message_and_write_nothing(make_site, rule):
    books = Books()
    BROKEN[rule](books)
    site = books.write(make_site)
    found = problems(site)
    assert found
    for run in (site.build(), site.check()):
        assert run.returncode == 1, run.output
        assert "Traceback" not in run.output
        assert "Situs TIDAK dibangun" in run.output
        for p in found:
            assert str(p) in run.output, run.output
    assert not site.site_dir.exists() or not any(site.site_dir.rglob("*.html"))


def test_bkm_yml_only_site_still_loads(make_site):
    site = make_site(bkm=MINIMAL_BKM)
    assert loads(site).ledger.lines == ()
