"""Page generation: every page the plugin adds, from the site's data."""

from __future__ import annotations

from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from .achievements import achievements_page
from .contact import contact_page
from .help import help_page
from .home import home_page
from .opendata import opendata_page
from .partners import partners_page
from .plan import plan_page
from .programmes import programme_pages
from .reports import report_pages
from .spec import PageSpec

BUILDERS = (
    home_page,
    programme_pages,
    help_page,
    achievements_page,
    report_pages,
    partners_page,
    plan_page,
    contact_page,
    opendata_page,
)
"""Each takes (site, strings, formatter) and returns page specs, in nav order."""


def all_pages(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    return [spec for build in BUILDERS for spec in build(site, t, fmt)]


__all__ = ["PageSpec", "all_pages"]
