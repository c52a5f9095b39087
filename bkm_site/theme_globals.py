"""What the theme's templates get besides the data: key figures computed once per
build, the pages' addresses (``urls``) and links to those that exist, WhatsApp links
and QR codes."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from markupsafe import Markup
from mkdocs.structure.files import File, Files

from .core import urls
from .core.figures import key_figures
from .core.models.site import SiteData
from .media.qr import qr_svg


def theme_globals(site: SiteData, files: Files) -> dict:
    pages = files.src_uris
    return {
        "figures": key_figures(site),
        "urls": urls,
        "page_href": lambda src_uri: _source_url(pages, src_uri, required=True),
        "optional_href": lambda src_uri: _source_url(pages, src_uri, required=False),
        "whatsapp_share": whatsapp_share,
        "whatsapp_chat": whatsapp_chat,
        "qr_code": qr_svg,
        "css_string": css_string,
    }


def css_string(text: str) -> Markup:
    """A quoted CSS string of plain text, safe inside ``<style>``: quotes, backslashes,
    control characters and ``<`` ``>`` ``&`` become CSS escapes."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>&' or ord(ch) < 0x20 else ch for ch in text)
    return Markup(f'"{escaped}"')


def _source_url(pages: Mapping[str, File], src_uri: str, required: bool) -> str | None:
    """Site URL of the page whose source is ``src_uri`` (``urls.PARTNERS ~ '#pt-a'``), anchor kept.

    Links written by templates escape ``--strict``'s link check, so ``page_href`` to a
    missing page fails the build; ``optional_href`` gives ``None`` for a page the site
    does not have (no partners.yml: no partners page), so a template shows no dead link.
    """
    path, _, anchor = src_uri.partition("#")
    file = pages.get(path)
    if file is None or not file.is_documentation_page():
        if required:
            raise KeyError(f"bkm-site: template links to '{path}', a page this site does not have")
        return None
    return f"{file.url}#{anchor}" if anchor else file.url


def whatsapp_share(text: str, url: str | None = None) -> str:
    """A link that opens WhatsApp with ``text`` (and the page's address) ready to send to anyone."""
    message = f"{text}\n{url}" if url else text
    return "https://wa.me/?text=" + quote(message, safe="")


def whatsapp_chat(digits: str, text: str) -> str:
    """A link that opens a WhatsApp chat with the BKM, the first message already written."""
    return f"https://wa.me/{digits}?text=" + quote(text, safe="")
