"""Transparency pages: every figure a reader sees is checked against sums computed here from the YAML."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from conftest import REPO, demo_programmes, demo_reports, html, minimal_programme, minimal_report, search_index
from conftest import load_yaml as load

DATA = REPO / "data"
SOURCE_LABELS_ID = {
    "BLM": "BLM",
    "APBN": "APBN",
    "APBD": "APBD",
    "APBDes": "APBDes",
    "swadaya": "Swadaya warga",
    "CSR": "CSR",
    "donasi": "Donasi",
    "lainnya": "Lainnya",
}
SECTOR_LABELS_ID = {"lingkungan": "Lingkungan", "sosial": "Sosial", "ekonomi": "Ekonomi"}


def rupiah(text: str) -> int:
    """``Rp 1.234.567`` → 1234567 (a leading minus sign kept)."""
    digits = re.sub(r"\D", "", text)
    return -int(digits) if text.strip().startswith(("−", "-")) else int(digits)


def sums(lines: list[dict], key: str) -> dict:
    out: dict = defaultdict(int)
    for line in lines:
        out[line.get(key)] += line["amount"]
    return dict(out)


def table_amounts(table, column: int = 1) -> dict[str, int]:
    """Body rows of a table: row header text → the amount in the given cell."""
    out = {}
    for row in table.select("tbody tr"):
        cells = row.find_all(["th", "td"])
        out[cells[0].get_text(" ", strip=True)] = rupiah(cells[column].get_text())
    return out


@pytest.mark.parametrize("slug", sorted(demo_reports()))
def test_report_page_balance_and_totals_match_the_yaml(demo_site, slug):
    report = demo_reports()[slug]
    income = sum(line["amount"] for line in report.get("income", []))
    expenses = sum(line["amount"] for line in report.get("expenses", []))
    closing = report["opening_balance"] + income - expenses
    page = html(demo_site / "transparansi" / slug)

    balance = [rupiah(td.get_text()) for td in page.select(".bkm-balance td")]
    assert balance == [report["opening_balance"], income, expenses, closing, report["closing_balance"]]
    checks = page.select('[data-bkm="ledger-checks"] li')
    assert "sama dengan saldo awal + pemasukan − pengeluaran" in checks[0].get_text()
    assert f"Rp {closing:,}".replace(",", ".") in checks[0].get_text()


MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def months_of(period) -> set[tuple[int, int]]:
    """(year, month) pairs a period covers, read from its text: 2025, 2025-Q3, 2025-07."""
    text = str(period)
    year = int(text[:4])
    if len(text) == 4:
        return {(year, m) for m in range(1, 13)}
    if text[5] == "Q":
        q = int(text[6])
        return {(year, m) for m in range(3 * q - 2, 3 * q + 1)}
    return {(year, int(text[5:7]))}


def ordinal(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1]


def month_runs(months: set[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    runs: list[list[tuple[int, int]]] = []
    for ym in sorted(months):
        prev = runs[-1][-1] if runs else None
        if prev and ordinal(prev) + 1 == ordinal(ym):
            runs[-1].append(ym)
        else:
            runs.append([ym])
    return runs


def stretch_id(run: list[tuple[int, int]]) -> str:
    (y1, m1), (y2, m2) = run[0], run[-1]
    if run[0] == run[-1]:
        return f"{MONTHS_ID[m1 - 1]} {y1}"
    if y1 == y2:
        return f"{MONTHS_ID[m1 - 1]}–{MONTHS_ID[m2 - 1]} {y1}"
    return f"{MONTHS_ID[m1 - 1]} {y1}–{MONTHS_ID[m2 - 1]} {y2}"


def demo_gaps() -> list[str]:
    covered = set().union(*(months_of(r["period"]) for r in demo_reports().values()))
    first, last = min(covered), max(covered)
    every = {(y, m) for y in range(first[0], last[0] + 1) for m in range(1, 13)}
    between = {ym for ym in every if first <= ym <= last} - covered
    return [stretch_id(run) for run in month_runs(between)]


def test_the_demo_has_exactly_one_gap_and_the_overview_names_it(demo_site):
    gaps = demo_gaps()
    assert len(gaps) == 1, gaps
    page = html(demo_site / "transparansi")
    assert page.select_one('[data-bkm="gaps"]').get_text(" ", strip=True).startswith(f"Belum ada laporan: {gaps[0]}.")
    items = page.select('[data-bkm="report-timeline"] > li')
    gap_items = [i for i, li in enumerate(items) if li.get("data-bkm") == "gap"]
    assert [items[i].get_text(strip=True) for i in gap_items] == [f"Belum ada laporan: {gaps[0]}."]
    # newest first: the gap sits between the report after it and the report before it
    titles = [li.h3.get_text(strip=True) if li.h3 else "gap" for li in items]
    assert 0 < gap_items[0] < len(titles) - 1, titles


def test_report_pages_say_which_checks_they_passed_and_what_cannot_be_checked(demo_site):
    reports = demo_reports()
    periods = {slug: sorted(months_of(r["period"])) for slug, r in reports.items()}
    for slug, r in reports.items():
        page = html(demo_site / "transparansi" / slug)
        checks = page.select('[data-bkm="ledger-checks"] li')
        texts = [li.get_text(" ", strip=True) for li in checks]
        start = ordinal(periods[slug][0])
        earlier = [o for o, months in periods.items() if ordinal(months[-1]) + 1 == start]
        for other in earlier:
            chained = [li for li in checks if li.a and li.a["href"].strip("/").endswith(other)]
            assert chained and "sama dengan saldo akhir laporan sebelumnya" in chained[0].get_text(), texts
            assert f"Rp {r['opening_balance']:,}".replace(",", ".") in chained[0].get_text()
        after_gap = any("Sebelum periode ini belum ada laporan" in x for x in texts)
        first_of_all = start == min(ordinal(m[0]) for m in periods.values())
        assert after_gap == (not earlier and not first_of_all), texts
        audit_note = "kebenaran transaksinya diperiksa auditor" if r.get("audit") else "laporan ini belum diaudit"
        assert audit_note in texts[-1]
        assert all(li.select_one("[aria-hidden]").get_text() in ("✔", "ℹ") for li in checks)
    assert "seimbang" not in html(demo_site / "transparansi" / "2025").get_text()


@pytest.mark.parametrize("slug", sorted(demo_reports()))
def test_report_rows_carry_the_anchor_of_their_line(demo_site, slug):
    report = demo_reports()[slug]
    page = html(demo_site / "transparansi" / slug)
    for kind, key in (("pemasukan", "income"), ("pengeluaran", "expenses")):
        for position, line in enumerate(report[key], start=1):
            row = page.find("tr", id=f"{kind}-{position}")
            assert row is not None, (kind, position)
            cells = row.find_all("td")
            assert cells[0].a["href"] == f"#{kind}-{position}"
            assert rupiah(cells[-1].get_text()) == line["amount"]
            assert cells[1].get_text(strip=True) == line["description"]


@pytest.mark.parametrize("slug", sorted(demo_reports()))
def test_report_page_breakdowns_and_line_items_match_the_yaml(demo_site, slug):
    report = demo_reports()[slug]
    programmes = demo_programmes()
    page = html(demo_site / "transparansi" / slug)
    income_table, expense_table = [fig.select_one("table") for fig in page.select("figure.bkm-chart")]

    expected_sources = {SOURCE_LABELS_ID[k]: v for k, v in sums(report["income"], "source").items()}
    assert table_amounts(income_table) == expected_sources
    assert rupiah(income_table.select_one("tfoot td").get_text()) == sum(expected_sources.values())
    assert table_amounts(expense_table) == sums(report["expenses"], "category")

    by_programme = page.select_one('[data-bkm="by-programme"] table')
    income_by_p, expenses_by_p = sums(report["income"], "programme"), sums(report["expenses"], "programme")
    for row in by_programme.select("tbody tr"):
        link = row.select_one("th a")
        cells = [rupiah(td.get_text()) for td in row.select("td")]
        if link is None:
            assert cells == [income_by_p.get(None, 0), expenses_by_p.get(None, 0)]
            continue
        programme_slug = link["href"].rstrip("/").split("/")[-1]
        assert link.get_text(strip=True) == programmes[programme_slug]["title"]
        assert cells == [income_by_p.get(programme_slug, 0), expenses_by_p.get(programme_slug, 0)]
        assert (demo_site / "program" / programme_slug / "index.html").is_file()
    linked = {a["href"].rstrip("/").split("/")[-1] for a in by_programme.select("tbody a")}
    assert linked == {k for k in {*income_by_p, *expenses_by_p} if k}

    content_tables = page.select(".bkm-report__lines table")
    for table, lines in zip(content_tables, (report["income"], report["expenses"]), strict=False):
        rows = table.select("tbody tr")
        assert len(rows) == len(lines) + 1  # every line, then the total
        amounts = sorted(rupiah(r.find_all("td")[-1].get_text()) for r in rows[:-1])
        assert amounts == sorted(line["amount"] for line in lines)
        assert rupiah(rows[-1].find_all("td")[-1].get_text()) == sum(line["amount"] for line in lines)


def test_report_loans_audit_and_approval(demo_site):
    report = demo_reports()["2025"]
    page = html(demo_site / "transparansi" / "2025")
    loans = report["loans"]
    indicators = {div["data-bkm-indicator"]: div for div in page.select("[data-bkm-indicator]")}
    assert set(indicators) == set(loans)
    assert rupiah(indicators["disbursed"].select_one(".bkm-indicator__value").get_text()) == loans["disbursed"]
    assert rupiah(indicators["outstanding"].select_one(".bkm-indicator__value").get_text()) == loans["outstanding"]
    assert indicators["borrowers"].select_one(".bkm-indicator__value").get_text(strip=True) == str(loans["borrowers"])
    assert indicators["repayment_rate"].select_one(".bkm-indicator__value").get_text(
        strip=True
    ) == f"{loans['repayment_rate']}%".replace(".", ",")
    for key in ("repayment_rate", "par_30", "lar"):
        band = indicators[key].select_one(".bkm-band")
        assert band.get_text(strip=True) == "Sehat" and "bkm-band--good" in band["class"]
        assert indicators[key].select_one(".bkm-indicator__explain").get_text(strip=True)
    audit = page.select_one('[data-bkm="audit"]').get_text(" ", strip=True)
    assert report["audit"]["auditor"] in audit and report["audit"]["opinion"] in audit
    document = page.select_one('[data-bkm="audit"] a')["href"]
    assert (demo_site / "transparansi" / "2025" / document).resolve().is_file()
    assert report["approved"]["event"] in page.select_one('[data-bkm="approved"]').get_text()


def test_charts_are_inline_svg_with_a_text_alternative(demo_site):
    page = html(demo_site / "transparansi" / "2025")
    svgs = page.select("svg.bkm-chart__svg")
    assert len(svgs) == 2
    for svg in svgs:
        assert svg["role"] == "img"
        for ref in svg["aria-labelledby"].split():
            assert page.find(id=ref) is not None and page.find(id=ref).get_text(strip=True)
        assert svg.find("script") is None
        assert len(svg.select("rect")) == len(svg.find_parent("figure").select("tbody tr"))
    assert "BLM: Rp" in svgs[0].find("desc").get_text()


def chart_pages(site) -> list:
    return [html(path.parent) for path in sorted((site / "transparansi").rglob("index.html"))]


def test_every_share_is_rounded_down_never_zero_and_a_short_column_says_why(demo_site):
    """A share below 1 % is not shown as 0 % of money that was spent; when the rounded-down shares add up to
    less than the 100 % of the total row, a note under the table says they are rounded down."""
    tables = [t for page in chart_pages(demo_site) for t in page.select(".bkm-chart__table")]
    assert len(tables) >= 8
    short = 0
    for table in tables:
        rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
        total = sum(rupiah(amount) for amount, _ in rows)
        floors = []
        for amount, share in rows:
            value = rupiah(amount)
            floors.append(value * 100 // total)
            assert share == (f"{floors[-1]}%" if floors[-1] or not value else "< 1%"), (amount, share, total)
        note = table.select_one('[data-bkm="shares-rounded"]')
        assert (note is not None) == (sum(floors) < 100), rows
        short += note is not None
    assert short, "the demo has a column of shares that falls short of 100 %"
    from bkm_site.core.charts import chart
    from bkm_site.core.formatting import Formatter
    from bkm_site.core.strings import catalogue

    small = chart("c", "Belanja", {"material": 995_000, "konsumsi": 5_000})
    assert [small.share(bar, Formatter("id"), catalogue("id")) for bar in small.bars] == ["99%", "< 1%"]
    assert small.shares_fall_short
    even = chart("c", "Belanja", {"material": 750_000, "konsumsi": 250_000})
    assert [even.share(bar, Formatter("en"), catalogue("en")) for bar in even.bars] == ["75%", "25%"]
    assert not even.shares_fall_short


def test_overview_timeline_and_site_wide_money(demo_site):
    reports, programmes = demo_reports(), demo_programmes()
    page = html(demo_site / "transparansi")
    timeline = page.select('[data-bkm="report-timeline"] li h3 a')
    assert len(timeline) == len(reports)
    for link in timeline:
        assert (demo_site / "transparansi" / link["href"] / "index.html").is_file()
        r = reports[link["href"].strip("/")]
        income, expenses = (sum(line["amount"] for line in r[k]) for k in ("income", "expenses"))
        figures = [rupiah(dd.get_text()) for dd in link.find_parent("li").select("dd")]
        assert figures == [income, expenses, r["opening_balance"] + income - expenses]

    by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for r in reports.values():
        for line in r["income"]:
            by_year[int(str(line["date"])[:4])][0] += line["amount"]
        for line in r["expenses"]:
            by_year[int(str(line["date"])[:4])][1] += line["amount"]
    rows = page.select('[data-bkm="by-year"] tbody tr')
    assert {int(r.th.contents[0].strip()): [rupiah(td.get_text()) for td in r.select("td")] for r in rows} == dict(
        by_year
    )
    covered = set().union(*(months_of(r["period"]) for r in reports.values()))
    interim = {  # the demo is built on 1 December 2026: a report ending later is interim, as of its last line
        max(months_of(r["period"]))[0]: max(line["date"] for line in r["income"] + r["expenses"])
        for r in reports.values()
        if max(months_of(r["period"])) >= (2026, 12)
    }
    assert interim, "the demo has an interim report"
    for row in rows:
        year = int(row.th.contents[0].strip())
        months = {ym for ym in covered if ym[0] == year}
        notes = [] if len(months) == 12 else ["hanya " + ", ".join(stretch_id(run) for run in month_runs(months))]
        if year in interim:
            day = interim[year]
            notes.append(f"sementara, per {day.day} {MONTHS_ID[day.month - 1]} {day.year}")
        partly = row.select_one('[data-bkm="partly"]')
        assert (partly.get_text() if partly else None) == (f"({'; '.join(notes)})" if notes else None), year

    tables = {fig.find_parent("section").h2["id"]: fig.select_one("table") for fig in page.select("figure.bkm-chart")}
    all_income: dict = defaultdict(int)
    for r in reports.values():
        for source, amount in sums(r["income"], "source").items():
            all_income[SOURCE_LABELS_ID[source]] += amount
    assert table_amounts(tables["bkm-all-income"]) == dict(all_income)
    all_expenses: dict = defaultdict(int)
    for r in reports.values():
        for category, amount in sums(r["expenses"], "category").items():
            all_expenses[category] += amount
    assert table_amounts(tables["bkm-all-expenses"]) == dict(all_expenses)
    by_sector = {label: 0 for label in SECTOR_LABELS_ID.values()}
    for p in programmes.values():
        by_sector[SECTOR_LABELS_ID[p["sector"]]] += sum(line.get("received", 0) for line in p.get("funding", []))
    assert table_amounts(tables["bkm-by-sector"]) == by_sector


def test_loan_bands_and_english_labels(make_site):
    report = minimal_report(
        loans={
            "borrowers": 10,
            "women_borrowers": 4,
            "disbursed": 50_000_000,
            "outstanding": 20_000_000,
            "repayment_rate": 85,
            "par_30": 25,
        }
    )
    site = make_site(reports={"2025": report}, mkdocs={"theme": {"name": "material", "language": "en"}})
    page = html(site.build_inprocess() / "transparansi" / "2025")
    bands = {
        d["data-bkm-indicator"]: d.select_one(".bkm-band").get_text(strip=True)
        for d in page.select("[data-bkm-indicator]")
        if d.select_one(".bkm-band")
    }
    assert bands == {"repayment_rate": "Fair", "par_30": "Poor"}
    assert page.find(id="bkm-balance").get_text() == "Balance check"
    assert "Not audited yet" in page.get_text() and "not yet been approved" in page.get_text()


def test_loan_band_boundaries():
    from bkm_site.core.loan_health import repayment_band, risk_band

    assert [repayment_band(v) for v in (100, 90, 89.9, 80, 79.9)] == ["good", "good", "fair", "fair", "poor"]
    assert [risk_band(v) for v in (0, 10, 10.1, 20, 20.1)] == ["good", "good", "fair", "fair", "poor"]


def test_hostile_text_in_a_report_is_shown_as_text(make_site):
    evil = "<script>alert(1)</script> | [x](javascript:alert(1))"
    report = minimal_report(
        expenses=[{"date": "2025-02-03", "category": "<b>material</b>", "description": evil, "amount": 1_000}]
    )
    site = make_site(reports={"2025": report}, programmes={"paving": minimal_programme()})
    page = html(site.build_inprocess() / "transparansi" / "2025")
    article = page.select_one("article.bkm-report")
    assert article.find("script") is None and article.find("b") is None
    assert not [a for a in article.find_all("a") if a.get("href", "").startswith("javascript")]
    assert "<script>alert(1)</script>" in article.get_text()
    assert "<b>material</b>" in article.select("svg")[1].get_text()


def test_line_items_are_searchable_and_name_the_giving_partner(demo_site):
    report = demo_reports()["2025"]
    text = search_index(demo_site)["/transparansi/2025/"]["content"]
    for line in report["expenses"] + report["income"]:
        assert line["description"] in text
    partners = {p["slug"]: p["name"] for p in load(DATA / "partners.yml")}
    page = html(demo_site / "transparansi" / "2025")
    income_rows = page.select(".bkm-report__lines table")[0].select("tbody tr")
    for row, line in zip(income_rows, sorted(report["income"], key=lambda entry: entry["date"]), strict=False):
        source_cell = row.find_all("td")[2].get_text(strip=True)
        label = SOURCE_LABELS_ID[line["source"]]
        assert source_cell == (f"{label} ({partners[line['partner']]})" if line.get("partner") else label)
