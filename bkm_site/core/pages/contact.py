"""The BKM's profile page: its whole story, how to reach it, and how a complaint (PPM) is handled."""

from __future__ import annotations

from .. import urls
from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from .programmes import text_block
from .spec import PageSpec, escape_markdown

ABOUT_ID = "bkm-about"
"""Where the contact page's whole story of the BKM starts: "more about the BKM" links there."""


def contact_page(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    """Always present: ``bkm.yml`` is required and holds the contact details and the complaints text."""
    profile = site.profile
    body = f"## {t('contact.complaints')}\n\n{text_block(profile.complaints)}\n\n" if profile.complaints else ""
    about = t("contact.about", name=escape_markdown(profile.name))
    body += f'<div id="{ABOUT_ID}"></div>\n\n## {about}\n\n{text_block(profile.about)}\n'
    return [
        PageSpec(
            src_uri=urls.CONTACT,
            title=t("nav.contact"),
            template="bkm/contact.html",
            body=body,
            description=t("contact.description", name=profile.name),
        )
    ]
