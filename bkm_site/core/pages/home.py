"""The landing page: the campaign's front door."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import urls
from ..formatting import Formatter
from ..models.programme import Programme, Update
from ..models.report import Report
from ..models.site import SiteData
from ..strings import Strings
from .contact import ABOUT_ID
from .programmes import WIDE, campaign_order, text_block
from .reports import report_title
from .spec import PageSpec, escape_markdown


@dataclass(frozen=True)
class LatestAudit:
    report: Report
    title: str
    uri: str


@dataclass(frozen=True)
class LatestUpdate:
    programme: Programme
    update: Update


def home_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    """The BKM's story is the page's text (searchable; an editor's ``index.md`` adds to it);
    figures, featured campaigns, calls to action and updates come from the template."""
    profile = site.profile
    return [
        PageSpec(
            src_uri=urls.HOME,
            title=t("nav.home"),
            template="bkm/home.html",
            body=story(site, t),
            description=f"{profile.name}: {profile.tagline}. {profile.area_line}.",
            meta=WIDE,
            context={
                "featured": featured(site),
                "updates": latest_updates(site),
                "ask": current_ask(site),
                "audit": latest_audit(site, t, fmt),
            },
        )
    ]


def story(site: SiteData, t: Strings) -> str:
    """The landing page tells the story in one paragraph; the whole ``about`` is on the contact page."""
    paragraphs = re.split(r"\n\s*\n", text_block(site.profile.about))
    lead = paragraphs[0]
    if len(paragraphs) > 1:
        lead += f"\n\n[{t('home.more_about', name=escape_markdown(site.profile.name))}]({urls.CONTACT}#{ABOUT_ID})"
    return lead


def featured(site: SiteData) -> list[Programme]:
    """Campaigns marked ``featured`` first, then the rest in campaign order; the template takes the first few."""
    return sorted(site.programmes.values(), key=lambda p: (not p.featured, *campaign_order(p)))


def latest_updates(site: SiteData) -> list[LatestUpdate]:
    """Every programme's updates, newest first; the template takes the first few."""
    entries = [LatestUpdate(p, u) for p in site.programmes.values() for u in p.updates]
    return sorted(entries, key=lambda e: (e.update.date, e.programme.slug), reverse=True)


def current_ask(site: SiteData) -> Programme | None:
    """The campaign the home page asks for first: the first featured one that still needs money."""
    return next((p for p in featured(site) if p.needs_help and site.money(p).shortfall), None)


def latest_audit(site: SiteData, t: Strings, fmt: Formatter) -> LatestAudit | None:
    """The newest report that was audited: its opinion is the home page's proof of trust."""
    audited = [r for r in site.reports.values() if r.audit]
    newest = max(audited, key=lambda r: r.period.end, default=None)
    return LatestAudit(newest, report_title(newest, fmt, t), urls.report(newest.slug)) if newest else None
