"""Transparency pages: the overview with its report timeline, and one page per report.

A report page's searchable body holds every line item as Markdown tables (so
search finds a purchase, and MkDocs checks each programme link); the template
lays out the balance check, the summaries, charts, loans and audit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone

from .. import figures, urls
from ..charts import Chart, chart
from ..formatting import Formatter
from ..loan_health import indicators
from ..models.common import SECTORS
from ..models.programme import SOURCES
from ..models.report import Expense, Income, Report
from ..models.site import SiteData
from ..strings import Strings
from .spec import PageSpec, escape_markdown


def build_date() -> date:
    """Today: the build date, or the date of SOURCE_DATE_EPOCH when that is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()


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


def report_as_of(r: Report) -> date:
    """The date of the report's last line, what its figures are "as of" (its first day while it has none)."""
    lines: list[Income | Expense] = [*r.income, *r.expenses]
    return max((line.date for line in lines), default=r.period.start)


def is_interim(r: Report, today: date) -> bool:
    """A report whose period has not ended yet is published as interim."""
    return r.period.end >= today


def report_pages(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    if not site.reports:
        return []
    today = build_date()
    specs = [overview_page(site, t, fmt, today)]
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
                    "as_of": report_as_of(r),
                    "interim": is_interim(r, today),
                },
            )
        )
    return specs


def overview_page(site: SiteData, t: Strings, fmt: Formatter, today: date) -> PageSpec:
    timeline = [
        {
            "report": r,
            "uri": urls.report(slug),
            "title": report_title(r, fmt, t),
            "as_of": report_as_of(r),
            "interim": is_interim(r, today),
        }
        for slug, r in sorted(site.reports.items(), key=lambda kv: kv[1].period, reverse=True)
    ]
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
            "years": figures.money_by_year(site),
            "charts": charts,
            "money": site.money.total,
        },
    )


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
            f"| {fmt.date(day, 'medium')} | {escape_markdown(desc)} | {escape_markdown(kind)} | {programme_cell(slug)} "
            f"| {fmt.rupiah(amount)} |\n"
            for day, desc, kind, slug, amount in rows
        )
        lines += f"| | **{t('report.total')}** | | | **{fmt.rupiah(total)}** |\n"
        return f"## {heading}\n\n{head}{lines}"

    parts = [t("report.lead", period=fmt.period(r.period), name=escape_markdown(site.profile.name))]
    if r.income:
        parts.append(
            table(
                t("report.income_lines"),
                t("report.col.source"),
                [
                    (i.date, i.description, giver(i), i.programme, i.amount)
                    for i in sorted(r.income, key=lambda i: i.date)
                ],
                r.total_income,
            )
        )
    if r.expenses:
        parts.append(
            table(
                t("report.expense_lines"),
                t("report.col.category"),
                [
                    (e.date, e.description, e.category, e.programme, e.amount)
                    for e in sorted(r.expenses, key=lambda e: e.date)
                ],
                r.total_expenses,
            )
        )
    return "\n\n".join(parts) + "\n"
