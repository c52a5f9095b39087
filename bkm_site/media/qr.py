"""QR codes for the printed notice-board poster: scan the paper, open the page."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin

import segno
from markupsafe import Markup


def page_address(site_url: str | None, page_url: str) -> str | None:
    """The page's public address; None when ``site_url`` is not set (nothing to point at)."""
    return urljoin(site_url.rstrip("/") + "/", page_url) if site_url else None


@lru_cache(maxsize=8192)
def qr_svg(address: str, label: str) -> Markup:
    """An inline SVG QR code that scales with its box (viewBox, no fixed size).

    The mask pattern is fixed: every mask is valid for any reader, and choosing
    the "best" one costs four times as long, which counts at a thousand pages.
    Kept per address and label, so ``mkdocs serve`` draws a page's code once.
    """
    code = segno.make(address, error="m", mask=MASK, boost_error=False)
    return Markup(code.svg_inline(scale=1, border=2, omitsize=True, svgclass="bkm-qr", lineclass=None, title=label))


MASK = 0
