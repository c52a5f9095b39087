"""Light, shareable pages: resized photos, social cards and print QR codes.

``Media`` is one build's media work; the plugin calls it from three events:
``on_files`` (leave camera originals out), ``on_env`` (template functions) and
``on_post_build`` (write variants and cards: only a successful build gets there,
so nothing is written from bad data).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..formatting import Formatter
from ..models.site import SiteData
from ..strings import Strings
from . import cards, qr
from .originals import data_photos, unpublish_originals
from .photos import DEFAULT_SIZES, Photos


class Media:
    def __init__(self, config: MkDocsConfig, cache_dir: Path, site: SiteData, t: Strings, fmt: Formatter):
        self.site_url = config.site_url
        self.site = site
        self.t = t
        self.cache_dir = cache_dir
        self.photos = Photos(Path(config.docs_dir), cache_dir)
        self.cards = cards.site_cards(site, t, fmt)
        self.cards_drawn = 0

    def on_files(self, files: Files) -> None:
        unpublish_originals(files, data_photos(self.site))

    def template_globals(self) -> dict:
        @pass_context
        def picture(context, path: str, alt: str, sizes: str = DEFAULT_SIZES, css_class: str | None = None,
                    eager: bool = False) -> Markup:
            """``<picture>`` markup for a photo under docs_dir, resized for the screen."""
            return self.photos.picture(path, alt, context.get("base_url", "."), sizes, css_class, eager)

        @pass_context
        def og_image(context, page=None) -> str:
            """The address of the page's social card (absolute when ``site_url`` is set)."""
            page = page or context.get("page")
            name = cards.card_for_page(page.file.src_uri if page else "", self.site)
            path = f"{cards.SITE_DIR}/{name}"
            return qr.page_address(self.site_url, path) or f"{context.get('base_url', '.').rstrip('/')}/{path}"

        @pass_context
        def page_address(context, page=None) -> str | None:
            page = page or context.get("page")
            return qr.page_address(self.site_url, page.url) if page else None

        @pass_context
        def page_qr(context, page=None) -> Markup:
            """An SVG QR code of the page's public address; empty without ``site_url``."""
            address = page_address(context, page)
            return qr.qr_svg(address, self.t("poster.qr_label")) if address else Markup("")

        return {"picture": picture, "og_image": og_image, "page_address": page_address, "page_qr": page_qr}

    def write(self, site_dir: Path) -> None:
        self.photos.write(site_dir)
        self.cards_drawn = cards.write_cards(self.cards, site_dir, self.cache_dir)


def cache_dir(config: MkDocsConfig, option: str) -> Path:
    """The processing cache, relative to ``mkdocs.yml`` (keep it out of git)."""
    return (Path(config.config_file_path).parent / option).resolve()


__all__ = ["Media", "cache_dir"]
