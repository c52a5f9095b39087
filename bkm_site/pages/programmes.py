"""Campaign pages: one per programme, and the programme index."""

from __future__ import annotations

from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from .spec import PageSpec, escape_markdown, text

PROGRAMMES_DIR = "program"


def programme_uri(slug: str) -> str:
    return f"{PROGRAMMES_DIR}/{slug}.md"


def programme_pages(site: SiteData, t: Strings, fmt: Formatter) -> list[PageSpec]:
    specs = [
        PageSpec(
            src_uri=f"{PROGRAMMES_DIR}/index.md",
            title=t("nav.programmes"),
            template="bkm/programmes.html",
            body=f"{t('programmes.intro')}\n",
            description=t("programmes.description", name=site.profile.name),
        )
    ]
    for slug, p in site.programmes.items():
        updates = "\n\n".join(
            f"### {escape_markdown(u.title)}\n\n*{fmt.date(u.date)}*\n\n{text_block(u.body)}".strip()
            for u in p.updates_newest_first
        )
        body = f"{text_block(p.description)}\n\n"
        if updates:
            body += f"## {t('programme.updates')}\n\n{updates}\n"
        specs.append(
            PageSpec(
                src_uri=programme_uri(slug),
                title=text(p.title),
                template="bkm/programme.html",
                body=body,
                description=text(p.summary),
                in_nav=False,
                image=p.cover,
                context={"programme": p},
            )
        )
    return specs


def text_block(value: str | None) -> str:
    """Editor Markdown from data, with HTML neutralised; links are checked by the safe-links extension."""
    from ..markdown_safe import neutralise_html

    return neutralise_html(value or "").strip()
