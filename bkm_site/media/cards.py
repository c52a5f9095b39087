"""Social preview cards (``og:image``): a 1200×630 picture per campaign and report.

Drawn at build time with Pillow and the font shipped in ``bkm_site/fonts``, so a
build needs no network. A card is cached by the hash of everything that shapes
it (its text, this module's drawing code and constants, the fonts, Pillow's
version), so an unchanged campaign is not drawn again and a changed drawing is.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageDraw, ImageFont

from ..core import urls
from ..core.formatting import Formatter
from ..core.models.site import SiteData
from ..core.pages.reports import report_title
from ..core.strings import Strings
from .cache import publish

SIZE = (1200, 630)
FONTS = Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
FORMAT: dict[str, Any] = {"format": "JPEG", "quality": 88, "optimize": False}
"""JPEG: a card encodes about ten times faster than as PNG, which counts with a thousand campaigns."""

SITE_DIR = "assets/bkm/cards"
BACKGROUND, BAND, ACCENT, INK, MUTED, TRACK = "#fff4e3", "#c2410c", "#c2410c", "#2a1d12", "#6b4f3a", "#f3d9bf"
MARGIN = 72


@dataclass(frozen=True)
class Card:
    """What one card says; ``share`` (0..1) draws a progress bar when set."""

    name: str
    title: str
    figure: str
    detail: str
    motto: str
    share: float | None = None
    as_of: str = ""
    """"Data per <date>" (or the interim label of a report), drawn at the right of the bottom band."""

    @property
    def file_name(self) -> str:
        """Cache file: the hash of everything drawn, so a changed figure draws a new card."""
        payload = json.dumps({**asdict(self), "drawing": drawing_key()}, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest() + ".jpg"


@cache
def drawing_key() -> str:
    """What shapes every card besides its text: this module (drawing code, size, colours, margins,
    JPEG settings), the font files and Pillow, which rasterises and encodes."""
    digest = hashlib.sha256(PIL.__version__.encode())
    for path in (Path(__file__), REGULAR, BOLD):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def site_cards(site: SiteData, t: Strings, fmt: Formatter) -> dict[str, Card]:
    """Cards by file name: one for the site, one per programme and per report, in the site's money words.

    A completed programme's card says what it received and spent, not what it still needs.
    """
    profile = site.profile
    common: dict[str, Any] = {"name": profile.name, "motto": profile.tagline}
    total = site.money.total
    cards = {
        SITE_CARD: Card(
            name=f"{profile.area.kelurahan} · {profile.area.kota}",
            title=profile.name,
            figure=t("media.card_site", received=fmt.rupiah(total.received), count=len(site.programmes)),
            detail=profile.area_line,
            motto=profile.tagline,
            as_of=t("media.card_as_of", date=fmt.date(total.as_of, "medium")) if total.as_of else "",
        )
    }
    for slug, p in site.programmes.items():
        m = site.money(p)
        as_of = t("media.card_as_of", date=fmt.date(m.as_of, "medium")) if m.as_of else ""
        share: float | None
        if p.status == "completed":
            figure = t("media.card_done", received=fmt.rupiah(m.received), spent=fmt.rupiah(m.spent))
            detail, share = t("media.card_done_detail", remaining=fmt.rupiah(m.remaining)), None
        elif m.target:
            figure = t("media.card_raised", received=fmt.rupiah(m.received), target=fmt.rupiah(m.target))
            detail = t("media.card_funded", share=fmt.share(m.received, m.target))
            share = m.funded_share
        else:
            figure, detail, share = (
                t("media.card_progress", progress=fmt.percent_value(p.progress, 0)),
                p.summary,
                p.progress / 100,
            )
        cards[f"program-{slug}.jpg"] = Card(
            title=p.title, figure=figure, detail=detail, share=share, as_of=as_of, **common
        )
    for slug, r in site.reports.items():
        day = fmt.date(site.ledger.reports[slug].as_of, "medium")
        cards[f"laporan-{slug}.jpg"] = Card(
            title=report_title(r, fmt, t),
            figure=t("media.card_closing", closing=fmt.rupiah(r.computed_closing)),
            detail=t("media.card_in_out", income=fmt.rupiah(r.total_income), expenses=fmt.rupiah(r.total_expenses)),
            as_of=t("report.interim", date=day)
            if site.ledger.reports[slug].interim
            else t("media.card_as_of", date=day),
            **common,
        )
    return cards


def cards_by_page(site: SiteData) -> dict[str, str]:
    """The card each campaign and report page shares, by src_uri (other pages share the site's)."""
    pages = {urls.programme(slug): f"program-{slug}.jpg" for slug in site.programmes}
    pages.update({urls.report(slug): f"laporan-{slug}.jpg" for slug in site.reports})
    return pages


SITE_CARD = "site.jpg"


def draw_missing(cards: dict[str, Card], cache_dir: Path) -> int:
    """Draw the cards not in the cache; returns how many were drawn. Runs in a worker process."""
    cache_dir = cache_dir / "cards"
    cache_dir.mkdir(parents=True, exist_ok=True)
    drawn = 0
    for card in cards.values():
        cached = cache_dir / card.file_name
        if not cached.is_file():
            temporary = cache_dir / f".{card.file_name}.{os.getpid()}.tmp"
            draw(card).save(temporary, **FORMAT)
            temporary.replace(cached)
            drawn += 1
    return drawn


def publish_cards(cards: dict[str, Card], site_dir: Path, cache_dir: Path, link: bool = False) -> None:
    out = site_dir / SITE_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name, card in cards.items():
        publish(cache_dir / "cards" / card.file_name, out / name, link)


@cache
def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def draw(card: Card) -> Image.Image:
    width, height = SIZE
    image = Image.new("RGB", SIZE, BACKGROUND)
    d = ImageDraw.Draw(image)
    d.rectangle((0, 0, width, 14), fill=BAND)
    d.text((MARGIN, 56), fit(card.name, font(True, 34), width - 2 * MARGIN), font=font(True, 34), fill=ACCENT)

    y = 120
    title_font = font(True, 60)
    for line in wrap(card.title, title_font, width - 2 * MARGIN, max_lines=3):
        d.text((MARGIN, y), line, font=title_font, fill=INK)
        y += 74

    y = max(y + 24, 360)
    if card.share is not None:
        bar = (MARGIN, y, width - MARGIN, y + 30)
        d.rounded_rectangle(bar, radius=15, fill=TRACK)
        filled = round((bar[2] - bar[0]) * max(0.0, min(card.share, 1.0)))
        if filled >= 30:
            d.rounded_rectangle((bar[0], bar[1], bar[0] + filled, bar[3]), radius=15, fill=ACCENT)
        y += 54
    figure_font = largest_fitting(card.figure, True, (40, 36, 32), width - 2 * MARGIN)
    d.text((MARGIN, y), fit(card.figure, figure_font, width - 2 * MARGIN), font=figure_font, fill=INK)
    detail_font = largest_fitting(card.detail, False, (30, 26, 24), width - 2 * MARGIN)
    d.text((MARGIN, y + 56), fit(card.detail, detail_font, width - 2 * MARGIN), font=detail_font, fill=MUTED)

    d.rectangle((0, height - 84, width, height), fill=BAND)
    motto_width = width - 2 * MARGIN
    if card.as_of:
        as_of_font = font(False, 26)
        as_of = fit(card.as_of, as_of_font, (width - 2 * MARGIN) // 2)
        as_of_width = round(as_of_font.getlength(as_of))
        d.text((width - MARGIN - as_of_width, height - 56), as_of, font=as_of_font, fill="#ffffff")
        motto_width -= as_of_width + 32
    d.text((MARGIN, height - 62), fit(card.motto, font(True, 36), motto_width), font=font(True, 36), fill="#ffffff")
    return image


def largest_fitting(text: str, bold: bool, sizes: tuple[int, ...], max_width: int) -> ImageFont.FreeTypeFont:
    """The largest of ``sizes`` in which the text fits on one line (else the smallest)."""
    return next(
        (font(bold, size) for size in sizes if font(bold, size).getlength(text) <= max_width), font(bold, sizes[-1])
    )


def wrap(text: str, face: ImageFont.FreeTypeFont, max_width: int, max_lines: int) -> list[str]:
    """Greedy word wrap; the last line ends in an ellipsis when the text does not fit."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and face.getlength(f"{line} {words[0]}") <= max_width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = fit(f"{lines[-1]} {' '.join(words)}", face, max_width)
    return [fit(line, face, max_width) for line in lines]


def fit(text: str, face: ImageFont.FreeTypeFont, max_width: int) -> str:
    """The text, cut with an ellipsis where it would overflow."""
    if face.getlength(text) <= max_width:
        return text
    while text and face.getlength(text + "…") > max_width:
        text = text[:-1]
    return text.rstrip() + "…"
