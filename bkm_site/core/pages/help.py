"""How to help: donate, volunteer, become a partner; and the campaigns that need it."""

from __future__ import annotations

from .. import urls
from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from .programmes import WIDE, campaign_order
from .spec import PageSpec, escape_markdown


def help_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    """Bank details and contacts come from the template; the needs are in the text so search finds them."""
    needing = sorted((p for p in site.programmes.values() if p.needs_help), key=campaign_order)
    needs = "\n".join(
        f"- **{escape_markdown(p.title)}**: {escape_markdown(', '.join(p.help.needs))}"
        for p in needing
        if p.help and p.help.needs
    )
    body = t("help.intro", name=escape_markdown(site.profile.name))
    if needs:
        body += f"\n\n## {t('help.needs')}\n\n{needs}"
    return [
        PageSpec(
            src_uri=urls.HELP,
            title=t("nav.help"),
            template="bkm/help.html",
            body=body + "\n",
            description=t("help.description", name=site.profile.name),
            meta=WIDE,
            context={"programmes": needing},
        )
    ]
