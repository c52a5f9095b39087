"""The landing page: the campaign's front door."""

from __future__ import annotations

from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from .spec import PageSpec, text


def home_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    profile = site.profile
    return [
        PageSpec(
            src_uri="index.md",
            title=t("nav.home"),
            template="bkm/home.html",
            body="",
            description=text(f"{profile.name}: {profile.tagline}. {profile.area_line}."),
        )
    ]
