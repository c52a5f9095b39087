"""The partners page (mitra): partners by kind, what each gives, the programmes each supports."""

from __future__ import annotations

from .. import urls
from ..formatting import Formatter
from ..models.extras import PARTNER_KINDS
from ..models.site import SiteData
from ..strings import Strings
from .spec import PageSpec


def partner_money(site: SiteData, slug: str) -> int:
    """Money received from the partner: funding lines of programmes that name it as their giver."""
    return sum(line.received for p in site.programmes.values() for line in p.funding if line.partner == slug)


def partners_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    """Only with ``partners.yml`` listing someone."""
    if not site.partners:
        return []
    groups = []
    for kind in PARTNER_KINDS:
        members = [
            {
                "partner": partner,
                "money": partner_money(site, slug),
                "programmes": [(p.title, urls.programme(p.slug)) for p in site.programmes_of_partner(slug)],
            }
            for slug, partner in site.partners.items()
            if partner.kind == kind
        ]
        if members:
            groups.append({"kind": kind, "members": members})
    return [
        PageSpec(
            src_uri=urls.PARTNERS,
            title=t("nav.partners"),
            template="bkm/partners.html",
            body=f"{t('partners.intro')}\n",
            description=t("partners.description", name=site.profile.name),
            context={"groups": groups},
        )
    ]
