"""What the theme's templates get besides the data: key figures computed once per
build, links to pages that exist, WhatsApp links and QR codes."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from mkdocs.structure.files import File, Files

from .core.figures import key_figures
from .core.models.site import SiteData
from .core.pages.reports import report_uri
from .media.qr import qr_svg


def theme_globals(site: SiteData, files: Files) -> dict:
    pages = files.src_uris
    return {
        "figures": key_figures(site),
        "page_href": lambda src_uri: _source_url(pages, src_uri),
        "link": lambda path: _page_url(pages, path, required=True),
        "optional_link": lambda path: _page_url(pages, path, required=False),
        "whatsapp_share": whatsapp_share,
        "whatsapp_chat": whatsapp_chat,
        "qr_code": qr_svg,
        "report_uri": report_uri,
    }


def _source_url(pages: Mapping[str, File], src_uri: str) -> str:
    """Site URL of the page whose source is ``src_uri`` (``mitra/index.md#pt-a``), anchor kept.

    Links written by templates escape ``--strict``'s link check, so a missing page fails here.
    """
    path, _, anchor = src_uri.partition("#")
    file = pages.get(path)
    if file is None:
        raise KeyError(f"bkm-site: template links to '{path}', a page this site does not have")
    return f"{file.url}#{anchor}" if anchor else file.url


def _page_url(pages: Mapping[str, File], path: str, required: bool) -> str | None:
    """Site URL of the page at ``path`` (``program/<slug>``, ``mitra``), either URL style.

    ``optional_link`` gives ``None`` for a page the site does not have, so a
    template shows no dead link; ``link`` fails the build instead.
    """
    path = path.strip("/")
    candidates = (f"{path}/index.md", f"{path}.md") if path else ("index.md",)
    for uri in candidates:
        file = pages.get(uri)
        if file is not None and file.is_documentation_page():
            return file.url
    if required:
        raise KeyError(f"bkm-site: template links to '{path}/', a page this site does not have")
    return None


def whatsapp_share(text: str, url: str | None = None) -> str:
    """A link that opens WhatsApp with ``text`` (and the page's address) ready to send to anyone."""
    message = f"{text}\n{url}" if url else text
    return "https://wa.me/?text=" + quote(message, safe="")


def whatsapp_chat(digits: str, text: str) -> str:
    """A link that opens a WhatsApp chat with the BKM, the first message already written."""
    return f"https://wa.me/{digits}?text=" + quote(text, safe="")
