"""The achievements page (capaian): totals computed from the programmes, milestones, residents' stories.

Milestones are prose, so they are the page's Markdown (search finds them); the
template lays out the totals and the stories with their photos.
"""

from __future__ import annotations

from .. import figures, urls
from ..formatting import Formatter
from ..models.extras import Achievements
from ..models.site import SiteData
from ..strings import Strings
from .programmes import text_block
from .spec import PageSpec, escape_markdown


def achievements_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    """Only with ``achievements.yml``: without it the site has no achievements page."""
    if site.achievements is None:
        return []
    done = figures.completed(site)
    stories = [
        {
            "story": s,
            "uri": urls.programme(s.programme) if s.programme else None,
            "programme": site.programmes[s.programme].title if s.programme else None,
        }
        for s in site.achievements.stories
    ]
    return [
        PageSpec(
            src_uri=urls.ACHIEVEMENTS,
            title=t("nav.achievements"),
            template="bkm/achievements.html",
            body=achievements_body(site.achievements, t, fmt),
            description=t("achievements.description", name=site.profile.name),
            context={
                "money": site.money.total,
                "completed": len(done),
                "programmes": len(site.programmes),
                "beneficiaries": figures.beneficiary_totals(figures.started(site)),
                "outputs": figures.output_totals(done),
                "stories": stories,
            },
        )
    ]


def achievements_body(achievements: Achievements, t: Strings, fmt: Formatter) -> str:
    """The milestones, newest first: a heading, the date and the description each."""
    milestones = sorted(achievements.milestones, key=lambda m: m.date, reverse=True)
    if not milestones:
        return ""
    parts = [f"## {t('achievements.milestones')}"] + [
        f"### {escape_markdown(m.title)}\n\n*{fmt.date(m.date)}*\n\n{text_block(m.description)}".strip()
        for m in milestones
    ]
    return "\n\n".join(parts) + "\n"
