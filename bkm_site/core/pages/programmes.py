"""Campaign pages: one per programme, and the programme index grouped by sector."""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath

from .. import urls
from ..formatting import Formatter
from ..ledger import Line
from ..loading.problems import DEFAULT_LANGUAGE, Problem, say
from ..markdown_safe import neutralise_html
from ..models.common import SECTORS
from ..models.programme import STATUSES, Programme
from ..models.site import SiteData
from ..strings import Strings
from .spec import PageSpec, escape_markdown

DETAILS_MARKER = "<!-- bkm:details -->"
"""Splits a campaign page's text: the story above the figures, updates and editor's text below."""
WIDE = {"hide": ["navigation", "toc"]}
"""Front matter for layout pages: Material's sidebars off, the content full width."""
OTHERS_SHOWN = 8
"""A completed campaign points to this many campaigns still needing help (the help page lists them all):
every campaign on every completed page would make a site's build and pages grow with the square of its size."""
STATUS_ORDER = {"ongoing": 0, "planned": 1, "completed": 2}
"""Running campaigns first: they are the ones that need readers now."""


def campaign_order(programme: Programme) -> tuple:
    """Ongoing, then planned, then completed; newest start first within each."""
    return (STATUS_ORDER[programme.status], -programme.start.toordinal(), programme.slug)


def programme_pages(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    ordered = sorted(site.programmes.values(), key=campaign_order)
    specs = [
        PageSpec(
            src_uri=urls.PROGRAMMES,
            title=t("nav.programmes"),
            template="bkm/programmes.html",
            body=f"{t('programmes.intro')}\n",
            description=t("programmes.description", name=site.profile.name),
            meta=WIDE,
            context={
                "groups": [
                    {"sector": sector, "programmes": [p for p in ordered if p.sector == sector]}
                    for sector in SECTORS
                    if any(p.sector == sector for p in ordered)
                ],
                "status_counts": {
                    s: n
                    for s in sorted(STATUSES, key=STATUS_ORDER.__getitem__)
                    if (n := sum(p.status == s for p in ordered))
                },
            },
        )
    ]
    plan_items = site.plan_items
    needing = [p for p in ordered if p.needs_help]
    for slug, p in site.programmes.items():
        specs.append(
            PageSpec(
                src_uri=urls.programme(slug),
                title=p.title,
                template="bkm/programme.html",
                body=campaign_text(p, t, fmt),
                description=p.summary,
                in_nav=False,
                image=p.cover,
                meta=WIDE,
                filters={
                    t("search.filter.sector"): t(f"sector.{p.sector}"),
                    t("search.filter.status"): t(f"status.{p.status}"),
                },
                context={
                    "programme": p,
                    "split": DETAILS_MARKER,
                    "partners": programme_partners(p, site),
                    "plan_item": plan_items.get(p.plan_item) if p.plan_item else None,
                    "needing": needing[:OTHERS_SHOWN] if p.status == "completed" else [],
                    "rincian": rincian(site, p, t, fmt),
                },
            )
        )
    return specs


def rincian(site: SiteData, p: Programme, t: Strings, fmt: Formatter) -> dict:
    """Rincian dana: the programme's report lines (from the ledger), each with the link to its row on its
    report page, and whether reports cover the programme (then the lines sum to its money box)."""
    from .reports import line_uri, report_title

    books = site.ledger.programme(p.slug)
    titles = {slug: report_title(site.reports[slug], fmt, t) for slug in books.reports}

    def row(line: Line) -> dict:
        return {
            "line": line,
            "uri": line_uri(line),
            "report_uri": urls.report(line.report),
            "report_title": titles[line.report],
        }

    return {
        "covered": books.covered,
        "income": [row(line) for line in books.lines if line.kind == "income"],
        "expenses": [row(line) for line in books.lines if line.kind == "expense"],
        "reports": list(books.reports),
    }


def programme_partners(p: Programme, site: SiteData) -> list:
    """The partners a programme names, in its own order, then those on its funding lines."""
    slugs = dict.fromkeys([*p.partners, *(line.partner for line in p.funding if line.partner)])
    return [site.partners[slug] for slug in slugs if slug in site.partners]


def campaign_text(p: Programme, t: Strings, fmt: Formatter) -> str:
    """The searchable text of a campaign: its story, then its updates, newest first."""
    updates = "\n\n".join(
        f"### {escape_markdown(u.title)}\n\n*{fmt.date(u.date)}*\n\n{text_block(u.body)}".strip()
        for u in p.updates_newest_first
    )
    body = f"{text_block(p.description)}\n\n{DETAILS_MARKER}\n\n"
    if updates:
        body += f"## {t('programme.updates')}\n\n{updates}\n"
    return body


def text_block(value: str | None) -> str:
    """Editor Markdown from data, with HTML neutralised; links are checked by the safe-links extension."""
    return neutralise_html(value or "").strip()


def check_programme_page(
    rel_path: str, markdown: str, site: SiteData, language: str = DEFAULT_LANGUAGE
) -> list[Problem]:
    """An editor's ``content/program/<slug>.md`` adds to a programme's page, so the slug must exist."""
    parts = PurePosixPath(rel_path).parts
    slug = PurePosixPath(rel_path).stem
    if len(parts) < 2 or parts[-2] != urls.PROGRAMMES_DIR or slug == "index" or slug in site.programmes:
        return []
    close = difflib.get_close_matches(slug, site.programmes, n=1)
    hint = (
        say(language, "content.programme_page.rename", name=close[0])
        if close
        else say(language, "content.programme_page.hint")
    )
    return [Problem(rel_path, None, None, "", say(language, "content.programme_page", slug=slug), hint, language)]
