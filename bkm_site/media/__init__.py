"""Light, shareable pages: resized photos, social cards and print QR codes.

``Media`` is one build's media work; the plugin calls it from its events:
``on_files`` checks the data's photos, leaves camera originals out and starts
encoding photos and drawing cards in worker processes (only when something is
not cached yet), so that work runs beside MkDocs' page rendering; ``on_env``
gives templates their functions (QR codes are drawn inline, as pages ask);
``on_post_build`` waits for the workers and copies the results into the site
(only a successful build gets there, so nothing is written from bad data).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..core.formatting import Formatter
from ..core.models.site import SiteData
from ..core.strings import Strings
from . import cards, qr
from .originals import data_photos, unpublish_originals
from .photos import DEFAULT_SIZES, UNREADABLE, PhotoError, Photos, encode, verify

WORKERS = max(1, min(4, (os.cpu_count() or 2) - 1))
"""Media worker processes: one core stays with MkDocs' page rendering."""

CARDS_PER_JOB = 64
"""Small jobs, so that a failed build cancels what has not started."""


def worker_context() -> BaseContext:
    """Python's default way of starting the workers, but no fork from a process that runs threads.

    Forking a process with threads can deadlock the child (``mkdocs serve`` runs several, and Python 3.12 warns
    of it); a build runs none, and forks at once. A process with threads where the default is fork (Linux before
    Python 3.14; macOS and Windows spawn) gets its workers from a fork server, as Python 3.14 does by default,
    which imports the media code once for all later builds. The process's own start method is left unset, as
    it was, for whoever embeds the build to choose.
    """
    method = multiprocessing.get_start_method(allow_none=True) or multiprocessing.get_all_start_methods()[0]
    if method != "fork" or _threads() == 1:
        return multiprocessing.get_context(method)
    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload([f"{__name__}.photos", f"{__name__}.cards"])
    return server


def _threads() -> int:
    """This process's threads as the system counts them (Linux), those not started by ``threading`` too."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


class Media:
    def __init__(
        self,
        config: MkDocsConfig,
        cache_dir: Path,
        site: SiteData,
        t: Strings,
        fmt: Formatter,
        photos: Photos | None = None,
        publish: bool = True,
        link: bool = False,
    ):
        self.site_url = config.site_url
        self.docs_dir = Path(config.docs_dir)
        self.site = site
        self.t = t
        self.cache_dir = cache_dir
        self.photos = photos or Photos(self.docs_dir, cache_dir)
        self.cards = cards.site_cards(site, t, fmt)
        self.page_cards = cards.cards_by_page(site)
        self.publish = publish
        """False for ``bkm-site check``: photos are decoded (what can fail) but nothing is encoded or drawn."""
        self.link = link
        """``mkdocs serve``: photos and cards go into its temporary site as hard links to the cache, not copies."""
        self.pool: ProcessPoolExecutor | None = None
        self.jobs: list[Future] = []

    def on_files(self, files: Files) -> None:
        photos = sorted(data_photos(self.site))
        todo = self.read_photos(photos)
        unpublish_originals(files, set(photos))
        if self.publish:
            self.start(todo)

    def read_photos(self, photos: list[str]) -> dict:
        """The photos still to encode, each checked to decode, before any page is written.

        A photo that does not open (or is cut short) stops the build here with its
        name, never with a traceback or a half-written site.
        """
        broken, todo = [], {}
        for path in photos:
            try:
                missing = self.photos.missing(self.photos.all_variants(path))
                for original in missing:
                    verify(original.path)
                todo.update(missing)
            except UNREADABLE:
                broken.append(self.t("photo.unreadable", path=f"{self.docs_dir.name}/{path}"))
        if broken:
            raise PluginError("\n".join([*broken, "→ " + self.t("photo.unreadable.hint")]))
        return todo

    def start(self, todo: dict) -> None:
        """Encode the photo variants and draw the cards not cached yet, in worker processes.

        The pool starts only when there is work: a rebuild with everything
        cached starts no process.
        """
        missing_cards = {
            name: card for name, card in self.cards.items() if not (self.cache_dir / "cards" / card.file_name).is_file()
        }
        if not todo and not missing_cards:
            return
        self.pool = ProcessPoolExecutor(WORKERS, mp_context=worker_context())
        self.jobs = [
            self.pool.submit(encode, original, variants, self.photos.cache_dir) for original, variants in todo.items()
        ]
        names = list(missing_cards)
        for k in range(0, len(names), CARDS_PER_JOB):
            batch = {n: missing_cards[n] for n in names[k : k + CARDS_PER_JOB]}
            self.jobs.append(self.pool.submit(cards.draw_missing, batch, self.cache_dir))

    def stop(self) -> None:
        """Wait for running jobs, cancel the rest: called after the build, and when it fails."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def template_globals(self) -> dict:
        @pass_context
        def picture(
            context, path: str, alt: str, sizes: str = DEFAULT_SIZES, css_class: str | None = None, eager: bool = False
        ) -> Markup:
            """``<picture>`` markup for a photo under docs_dir, resized for the screen."""
            return self.photos.picture(path, alt, context.get("base_url", "."), sizes, css_class, eager)

        @pass_context
        def og_image(context, page=None) -> str:
            """The address of the page's social card (absolute when ``site_url`` is set)."""
            page = page or context.get("page")
            name = self.page_cards.get(page.file.src_uri if page else "", cards.SITE_CARD)
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
        if not self.publish:
            return
        try:
            for job in self.jobs:
                job.result()
        except PhotoError as error:
            raise PluginError(
                self.t("photo.unreadable", path=str(error)) + "\n→ " + self.t("photo.unreadable.hint")
            ) from None
        finally:
            self.stop()
        self.photos.write(site_dir, self.link)
        cards.publish_cards(self.cards, site_dir, self.cache_dir, self.link)


def cache_dir(config: MkDocsConfig, option: str) -> Path:
    """The processing cache, relative to ``mkdocs.yml`` (keep it out of git)."""
    return (Path(config.config_file_path).parent / option).resolve()


__all__ = ["WORKERS", "Media", "Photos", "cache_dir"]
