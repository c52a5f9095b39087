"""The achievements page (capaian): totals computed from the programmes, milestones, residents' stories."""

from __future__ import annotations

from .. import figures
from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from .programmes import programme_uri
from .spec import PageSpec

ACHIEVEMENTS_URI = "capaian/index.md"


def achievements_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    """Only with ``achievements.yml``: without it the site has no achievements page."""
    if site.achievements is None:
        return []
    done = figures.completed(site)
    stories = [
        {"story": s, "uri": programme_uri(s.programme) if s.programme else None,
         "programme": site.programmes[s.programme].title if s.programme else None}
        for s in site.achievements.stories
    ]
    return [
        PageSpec(
            src_uri=ACHIEVEMENTS_URI,
            title=t("nav.achievements"),
            template="bkm/achievements.html",
            body=f"{t('achievements.intro')}\n",
            description=t("achievements.description", name=site.profile.name),
            context={
                "channelled": figures.channelled(site),
                "completed": len(done),
                "programmes": len(site.programmes),
                "beneficiaries": figures.beneficiary_totals(figures.started(site)),
                "outputs": figures.output_totals(done),
                "milestones": sorted(site.achievements.milestones, key=lambda m: m.date, reverse=True),
                "stories": stories,
            },
        )
    ]
