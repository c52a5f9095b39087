"""Transparency pages: one per report, and the report index."""

from __future__ import annotations

from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from .spec import PageSpec, text

REPORTS_DIR = "transparansi"


def report_uri(slug: str) -> str:
    return f"{REPORTS_DIR}/{slug}.md"


def report_title(report, fmt: Formatter, t: Strings) -> str:
    return report.title or t("report.title", period=fmt.period(report.period))


def report_pages(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    if not site.reports:
        return []
    specs = [
        PageSpec(
            src_uri=f"{REPORTS_DIR}/index.md",
            title=t("nav.transparency"),
            template="bkm/reports.html",
            body=f"{t('reports.intro')}\n",
            description=t("reports.description", name=site.profile.name),
        )
    ]
    for slug, r in site.reports.items():
        title = report_title(r, fmt, t)
        lines = "\n".join(f"- {text(line.description)}" for line in [*r.income, *r.expenses])
        specs.append(
            PageSpec(
                src_uri=report_uri(slug),
                title=text(title),
                template="bkm/report.html",
                body=f"{t('report.lead', period=fmt.period(r.period), name=site.profile.name)}\n\n{lines}\n" if lines else "",
                description=t("report.description", period=fmt.period(r.period), closing=fmt.rupiah(r.computed_closing)),
                in_nav=False,
                context={"report": r, "report_title": title},
            )
        )
    return specs
