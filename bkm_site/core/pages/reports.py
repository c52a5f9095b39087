"""Transparency pages: the overview with its report timeline, and one page per report.

A report page's searchable body holds every line item as Markdown tables (so
search finds a purchase, and MkDocs checks each programme link); the template
lays out the balance check, the summaries, charts, loans and audit.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import figures, urls
from ..charts import Chart, chart
from ..formatting import Formatter
from ..ledger import DAY, Line
from ..loan_health import indicators
from ..models.common import SECTORS
from ..models.programme import SOURCES
from ..models.report import Report
from ..models.site import SiteData
from ..strings import Strings
from .spec import PageSpec, escape_markdown


def line_uri(line: Line) -> str:
    """``transparansi/2025.md#pemasukan-3``: a ledger line's row on its report page, for ``page_href``."""
    return f"{urls.report(line.report)}#{line.anchor}"


def report_title(report, fmt: Formatter, t: Strings) -> str:
    return report.title or t("report.title", period=fmt.period(report.period))


@dataclass(frozen=True)
class ProgrammeMoney:
    """One row of a report's money per programme; ``uri`` is None for lines without a programme."""

    label: str
    uri: str | None
    income: int
    expenses: int


def source_labels(t: Strings) -> dict[str, str]:
    return {source: t(f"source.{source}") for source in SOURCES}


def report_pages(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    if not site.reports:
        return []
    specs = [overview_page(site, t, fmt)]
    for slug, r in site.reports.items():
        title = report_title(r, fmt, t)
        specs.append(
            PageSpec(
                src_uri=urls.report(slug),
                title=title,
                template="bkm/report.html",
                body=report_body(site, r, t, fmt),
                description=t(
                    "report.description", period=fmt.period(r.period), closing=fmt.rupiah(r.computed_closing)
                ),
                in_nav=False,
                filters={t("search.filter.year"): str(r.period.start.year)},
                context={
                    "report": r,
                    "report_title": title,
                    "income_chart": chart(
                        f"income-{slug}", t("chart.income_by_source"), r.income_by_source, source_labels(t)
                    ),
                    "expense_chart": chart(f"expenses-{slug}", t("chart.expenses_by_category"), r.expenses_by_category),
                    "by_programme": money_by_programme(site, r, t),
                    "loan_indicators": indicators(r.loans) if r.loans else [],
                    "as_of": site.ledger.reports[slug].as_of,
                    "interim": site.ledger.reports[slug].interim,
                    "checks": ledger_checks(site, r, t, fmt),
                },
            )
        )
    return specs


def overview_page(site: SiteData, t: Strings, fmt: Formatter) -> PageSpec:
    ledger = site.ledger
    gaps = [fmt.stretch(g.start, g.end) for g in ledger.gaps]
    timeline: list[dict] = []
    for slug, r in sorted(
        site.reports.items(), key=lambda kv: (kv[1].period.end, -kv[1].period.start.toordinal()), reverse=True
    ):
        books = ledger.reports[slug]
        outer = site.reports[books.outer] if books.outer else None
        timeline.append(
            {
                "report": r,
                "uri": urls.report(slug),
                "title": report_title(r, fmt, t),
                "inside": t("ledger.inside", outer=report_title(outer, fmt, t)) if outer else None,
                "as_of": books.as_of,
                "interim": books.interim,
            }
        )
    for gap in ledger.gaps:
        at = next((i for i, e in enumerate(timeline) if e["report"].period.end < gap.start), len(timeline))
        timeline.insert(at, {"gap": t("ledger.gap", stretches=fmt.stretch(gap.start, gap.end))})
    charts: list[Chart] = [
        chart("all-income", t("chart.income_by_source_all"), figures.income_by_source(site), source_labels(t)),
        chart("all-expenses", t("chart.expenses_by_category_all"), figures.expenses_by_category(site)),
    ]
    if site.programmes:
        charts.append(
            chart(
                "by-sector",
                t("chart.raised_by_sector"),
                figures.raised_by_sector(site),
                {s: t(f"sector.{s}") for s in SECTORS},
            )
        )
    return PageSpec(
        src_uri=urls.REPORTS,
        title=t("nav.transparency"),
        template="bkm/reports.html",
        body=f"{t('reports.intro')}\n",
        description=t("reports.description", name=site.profile.name),
        context={
            "timeline": timeline,
            "gaps": t("ledger.gap", stretches="; ".join(gaps)) if gaps else None,
            "years": year_rows(site, t, fmt),
            "charts": charts,
            "money": site.money.total,
        },
    )


@dataclass(frozen=True)
class YearRow:
    """One year of the yearly table; ``partly`` says which months reports cover when not the whole year, and
    that its figures are interim while a report of that year has not ended."""

    year: int
    income: int
    expenses: int
    partly: str | None


def year_rows(site: SiteData, t: Strings, fmt: Formatter) -> list[YearRow]:
    rows = []
    for y in figures.money_by_year(site):
        notes = (
            []
            if y.complete
            else [t("ledger.year_partly", months=", ".join(fmt.stretch(c.start, c.end) for c in y.covered))]
        )
        if y.interim_as_of is not None:
            notes.append(t("ledger.year_interim", date=fmt.date(y.interim_as_of)))
        rows.append(YearRow(y.year, y.income, y.expenses, "; ".join(notes) or None))
    return rows


@dataclass(frozen=True)
class Check:
    """One check the ledger passed for a report (``ok``), or what it could not check and says so."""

    ok: bool
    text: str
    link: str | None = None
    """Label of a report page the check compares with; ``uri`` is its ``src_uri``."""
    uri: str | None = None


def ledger_checks(site: SiteData, r: Report, t: Strings, fmt: Formatter) -> list[Check]:
    """What the build verified for this report before publishing it (it stops on any mismatch), and what no
    data file can prove."""
    ledger = site.ledger
    books = ledger.reports[r.slug]
    title = lambda slug: report_title(site.reports[slug], fmt, t)  # noqa: E731
    checks = [
        Check(True, t("ledger.check.balance_typed", closing=fmt.rupiah(r.computed_closing)))
        if r.closing_balance is not None
        else Check(True, t("ledger.check.balance_computed", closing=fmt.rupiah(r.computed_closing)))
    ]
    day_before = r.period.start - DAY
    earlier = [o.slug for o in site.reports.values() if o.period.end == day_before]
    later = [o.slug for o in site.reports.values() if o.period.start == r.period.end + DAY]
    for slug in earlier:
        checks.append(
            Check(
                True,
                t("ledger.check.chain_earlier", opening=fmt.rupiah(r.opening_balance)),
                title(slug),
                urls.report(slug),
            )
        )
    if not earlier and books.outer is None:
        gap = next((g for g in ledger.gaps if g.end == day_before), None)
        if gap:
            checks.append(Check(False, t("ledger.check.after_gap", stretches=fmt.stretch(gap.start, gap.end))))
        elif ledger.first == r.period.start:
            checks.append(Check(False, t("ledger.check.first")))
    for slug in later:
        checks.append(Check(True, t("ledger.check.chain_later"), title(slug), urls.report(slug)))
    if books.outer:
        checks.append(Check(True, t("ledger.check.inside"), title(books.outer), urls.report(books.outer)))
    for slug in books.inside:
        checks.append(Check(True, t("ledger.check.holds"), title(slug), urls.report(slug)))
    tagged = list(dict.fromkeys(x.programme for x in books.lines if x.programme))
    covered = [site.programmes[s].title for s in tagged if ledger.programme(s).covered]
    open_ = [site.programmes[s].title for s in tagged if not ledger.programme(s).covered]
    if covered:
        checks.append(Check(True, t("ledger.check.programmes", names=", ".join(covered))))
    if open_:
        checks.append(Check(False, t("ledger.check.programmes_open", names=", ".join(open_))))
    checks.append(Check(False, t("ledger.check.audited" if r.audit else "ledger.check.not_audited")))
    return checks


def money_by_programme(site: SiteData, r: Report, t: Strings) -> list[ProgrammeMoney]:
    """Income and expenses of the report per programme, programmes in file order, then lines without one."""
    income, expenses = r.income_by_programme, r.expenses_by_programme
    rows = [
        ProgrammeMoney(site.programmes[slug].title, urls.programme(slug), income.get(slug, 0), expenses.get(slug, 0))
        for slug in site.programmes
        if slug in income or slug in expenses
    ]
    if None in income or None in expenses:
        rows.append(ProgrammeMoney(t("report.no_programme"), None, income.get(None, 0), expenses.get(None, 0)))
    return rows


def report_body(site: SiteData, r: Report, t: Strings, fmt: Formatter) -> str:
    """Every line item, as Markdown tables with a total row; programme links are relative Markdown links."""
    sources = source_labels(t)

    def giver(line) -> str:
        """The source, and the partner who gave when the line names one."""
        partner = site.partners.get(line.partner) if line.partner else None
        return f"{sources[line.source]} ({partner.name})" if partner else sources[line.source]

    def programme_cell(slug: str | None) -> str:
        if not slug:
            return ""
        return f"[{escape_markdown(site.programmes[slug].title)}](../{urls.programme(slug)})"

    def table(heading: str, kind_header: str, rows: list[tuple], total: int) -> str:
        head = (
            f"| {t('report.col.date')} | {t('report.col.description')} | {kind_header} "
            f"| {t('report.col.programme')} | {t('report.col.amount')} |\n"
        )
        head += "|---|---|---|---|---:|\n"
        lines = "".join(
            f"| [{fmt.date(day, 'medium')}](#{anchor}) | {escape_markdown(desc)} | {escape_markdown(kind)} "
            f"| {programme_cell(slug)} | {fmt.rupiah(amount)} |\n"
            for day, desc, kind, slug, amount, anchor in rows
        )
        lines += f"| | **{t('report.total')}** | | | **{fmt.rupiah(total)}** |\n"
        return f"## {heading}\n\n{head}{lines}"

    own = site.ledger.reports[r.slug].lines
    incomes = sorted((x for x in own if x.kind == "income"), key=lambda x: (x.date, x.position))
    expenses = sorted((x for x in own if x.kind == "expense"), key=lambda x: (x.date, x.position))
    parts = [t("report.lead", period=fmt.period(r.period), name=escape_markdown(site.profile.name))]
    if incomes:
        parts.append(
            table(
                t("report.income_lines"),
                t("report.col.source"),
                [(x.date, x.description, giver(x), x.programme, x.amount, x.anchor) for x in incomes],
                r.total_income,
            )
        )
    if expenses:
        parts.append(
            table(
                t("report.expense_lines"),
                t("report.col.category"),
                [(x.date, x.description, x.category, x.programme, x.amount, x.anchor) for x in expenses],
                r.total_expenses,
            )
        )
    return "\n\n".join(parts) + "\n"
