"""The plan page (PJM Pronangkis): every item's budget and status, and how much of the plan is realised."""

from __future__ import annotations

from typing import Any

from .. import figures, urls
from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from .spec import PageSpec, escape_markdown


def plan_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    """Only with ``plan.yml``."""
    if site.plan is None:
        return []
    items: list[dict[str, Any]] = [
        {
            "item": item,
            "status": figures.plan_item_status(site, item.id),
            "programmes": [(p.title, urls.programme(p.slug)) for p in site.programmes_of_plan_item(item.id)],
        }
        for item in sorted(site.plan.items, key=lambda i: i.year)
    ]
    years = sorted({item.year for item in site.plan.items})
    return [
        PageSpec(
            src_uri=urls.PLAN,
            title=t("nav.plan"),
            template="bkm/plan.html",
            body=f"{t('plan.intro', title=escape_markdown(site.plan.title))}\n",
            description=t("plan.description", title=site.plan.title, name=site.profile.name),
            context={
                "plan": site.plan,
                "progress": figures.plan_progress(site),
                "years": [(year, [row for row in items if row["item"].year == year]) for year in years],
            },
        )
    ]
