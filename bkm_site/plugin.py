"""The ``bkm`` MkDocs plugin: wires MkDocs' events to the functions that do the work."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import rebuilds, reuse, serve
from .config import BkmConfig
from .core import readable
from .core.embed import Embeds
from .core.embed import check_content as check_embeds
from .core.formatting import Formatter
from .core.loading import DataError, LoadCache, load_site
from .core.models import SiteData
from .core.pages import PageSpec, all_pages
from .core.pages.programmes import check_programme_page
from .core.strings import catalogue
from .files import add_admin, add_exports, add_pages, page_meta
from .media import Media, Photos, cache_dir
from .navigation import default_nav
from .reuse import Conversions
from .search import BUNDLE_DIR, build_index, take_search_slot
from .search import command as index_command
from .theme_globals import theme_globals
from .theme_setup import (
    install_theme,
    needs_material_js,
    needs_palette_css,
    require_material,
    site_language,
    take_over_credit,
    without_palette_css,
)

SHARING_META = '<meta property="og:title"'
"""Written by bkm/partials/meta.html on every page."""


class BkmPlugin(BasePlugin[BkmConfig]):
    supports_multiple_instances = False

    site: SiteData
    pages: dict[str, PageSpec]
    serving = False
    """``mkdocs serve``: bad data then shows in the browser instead of stopping the build (see serve.py)."""
    broken: str | None = None
    """This build's error page while serving with bad data; None for a good build."""
    served: frozenset[str] = frozenset()
    """The pages of the last good build while serving: the addresses a reader may have open."""
    checking = False
    """``bkm-site check`` (see strict_check.py): every check of the build, but no photo encoded, no card drawn."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """With this hook, MkDocs keeps one plugin instance for all of serve's rebuilds: what they reuse lives here."""
        self.serving = command == "serve"
        self.index = rebuilds.BackgroundIndex()
        self.reuse.forget()
        self.conversions.stop()
        self.built = False

    @contextlib.contextmanager
    def checks_only(self) -> Iterator[None]:
        """``checking`` for the block, and never after it: MkDocs keeps this instance for the next build."""
        self.checking = True
        try:
            yield
        finally:
            self.checking = False

    @functools.cached_property
    def loaded(self) -> LoadCache:
        """Data files read and checked, kept by this instance for serve's rebuilds and for ``check``'s strict build
        after its own data check; entries are keyed by what shaped them, so they are never stale."""
        return LoadCache()

    @functools.cached_property
    def templates(self) -> rebuilds.TemplateCache:
        """Compiled templates, kept by this instance (MkDocs keeps one per process) for every later build in it:
        serve's rebuilds, and ``check`` or a script building again."""
        return rebuilds.TemplateCache()

    @functools.cached_property
    def reuse(self) -> reuse.PageReuse:
        """Serve's last render of each page, written again while all its inputs are unchanged (see reuse.py)."""
        return reuse.PageReuse()

    @functools.cached_property
    def conversions(self) -> Conversions:
        """Serve's last Markdown conversion of each page, kept while its text and the frame are unchanged."""
        return Conversions()

    def on_shutdown(self) -> None:
        """MkDocs keeps this instance for the process: a build run after serve ended (a script, a test) is a build."""
        if index := getattr(self, "index", None):
            index.stop()
        self.conversions.stop()
        self.serving = self.built = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.broken = None
        self.reuse.pause()
        self.metas: dict[str, dict] = {}
        if self.serving:
            self.index.stop()
        require_material(config)
        self.language = site_language(config)
        self.fmt = Formatter(self.language)
        self.t = catalogue(self.language)
        take_search_slot(config, self.t)
        self.data_dir = data_dir(config, self.config.data_dir, self.t)
        photos = Photos(Path(config.docs_dir), cache_dir(config, self.config.cache_dir))
        try:
            self.site = load_site(
                self.data_dir,
                Path(config.docs_dir),
                Path(config.config_file_path).parent,
                content_checks=(check_embeds, check_programme_page),
                language=self.language,
                photo_check=photos.readable,
                cache=self.loaded if self.serving or self.checking else None,
            )
        except DataError as err:
            if not self.serving:
                raise PluginError(err.report()) from err
            self.broken = serve.report(config, err)
            return config
        self.embeds = Embeds(self.site)
        self.media = Media(
            config,
            cache_dir(config, self.config.cache_dir),
            self.site,
            self.t,
            self.fmt,
            photos,
            publish=not self.checking,
            link=self.serving,
        )
        install_theme(config)
        self.credit = take_over_credit(config)
        asked = self.config.material_js
        self.material_js = needs_material_js(config) if asked is None else asked
        return config

    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.broken is not None:
            return serve.error_files(config, files, self.broken, self.served)
        self.pages, self.metas = add_pages(all_pages(self.site, self.t, self.fmt), files, config)
        self.media.on_files(files)
        add_exports(self.site, files, config)
        if self.config.admin:
            add_admin(files, config, self.t, self.language)
        if config.nav is None and self.config.default_nav:
            config.nav = default_nav(self.pages, files)
        if self.serving:
            self.served = frozenset(f.dest_uri for f in files.documentation_pages())
        return files

    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """First, so that other plugins see a generated page's metadata (title, description, template, hide).
        While serving, a text converted as it is at the last rebuild is not converted again (see on_page_content)."""
        if (meta := page_meta(self.metas, page.file.src_uri)) is not None:
            page.meta = meta
        markdown = self.embeds.mark(markdown)
        return "" if self.conversions.skip(page, markdown) else markdown

    @event_priority(100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A page whose conversion was skipped gets its last one back: HTML, table of contents, title, anchors."""
        return self.conversions.converted(page, html, files)

    @event_priority(-100)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """Last, so the navigation kept is the one every page shows, and the files are the ones pages link to."""
        self.nav = nav
        alone = self.serving and self.broken is None and not reuse.other_page_plugins(config.plugins, own=(self,))
        self.conversions.start(reuse.markdown_frame(config, files) if alone else None)
        return nav

    @event_priority(100)
    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.bytecode_cache = self.templates
        if self.broken is not None:
            return env
        self.embeds.env = env
        env.globals.update(bkm=self.site, fmt=self.fmt, t=self.t, bkm_config=self.config, bkm_credit=self.credit)
        top = "navigation.top" in (config.theme.get("features") or [])
        env.globals.update(bkm_material_js=self.material_js, bkm_back_to_top=top and not self.material_js)
        env.globals.update(bkm_palette_css=needs_palette_css(config))
        env.filters["bkm_without_palette_css"] = without_palette_css
        env.globals.update(self.media.template_globals())
        env.globals.update(theme_globals(self.site, files))
        self.choose_reused_pages(env, config, files)
        return env

    def choose_reused_pages(self, env, config: MkDocsConfig, files: Files) -> None:
        """While serving, after every page's Markdown is converted and before any is rendered: the pages whose
        inputs are all unchanged since their last render get it back instead of a new render."""
        pages = self.reuse
        others = reuse.other_page_plugins(config.plugins, own=(self,))
        frame = reuse.frame_key(config, files, getattr(self, "nav", None), self.config) if self.serving else ""
        roots = {"bkm": self.site, "figures": env.globals["figures"]}
        pages.start_build(self.serving and not others, frame, roots, self.media.photos.variants)
        if not pages.enabled:
            return
        for name in roots:
            env.globals[name] = pages.watch(name, roots[name])
        env.globals["picture"] = pages.watch_photos(env.globals["picture"], self.media.photos.variants)
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None or self.embeds.token in page.content:
                continue
            spec = self.pages.get(file.src_uri)
            card = self.media.page_cards.get(file.src_uri)
            parts = [file.src_uri, page.url, page.title, page.meta, page.markdown, page.content, spec, card]
            if pages.decide(file.src_uri, parts):
                page.meta["template"] = reuse.TEMPLATE

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:  # type: ignore[override]
        if (last := self.reuse.output(page.file.src_uri)) is not None:
            context["bkm_reused"] = last
            return context
        spec = self.pages.get(page.file.src_uri)
        context["item"] = spec.context if spec else {}
        context["bkm_page"] = spec
        if page.content is not None:
            page.content = self.embeds.render(page.content, context)
        if self.reuse.enabled:
            context["pages"] = self.reuse.watch("pages", context["pages"])  # reading other pages: not reused
            self.reuse.begin(page.file.src_uri)
        return context

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """404.html is rendered before any page: a frame without the sharing meta stops the build there."""
        if template_name.endswith(".html"):
            self.require_sharing_meta(output_content, template_name)
        return output_content

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.reuse.output(page.file.src_uri) is None:
            self.require_sharing_meta(output, page.file.src_uri)
            profile = self.site.profile
            numbers = [profile.donation.account_number if profile.donation else None]
            numbers += [profile.contact.whatsapp, profile.contact.phone]
            output = readable.keep_together(readable.focusable_code(output), exact=numbers)
        if self.reuse.enabled:
            self.reuse.end(page.file.src_uri, output)
        return output

    def require_sharing_meta(self, output: str, name: str) -> None:
        """A site's own ``overrides/main.html`` must not drop the sharing meta without anyone noticing."""
        if SHARING_META not in output:
            raise PluginError(self.t("theme.meta_missing", page=name))

    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Last, so the search index sees the HTML as other plugins left it."""
        if self.broken is not None:
            return
        site_dir = Path(config.site_dir)
        self.media.write(site_dir)
        command = functools.partial(index_command, site_dir, self.t)
        if not (self.serving and self.built and self.index.start(command, site_dir, BUNDLE_DIR, self.indexed)):
            build_index(site_dir, self.t)  # the first build of serve too: the index is there when serving starts
        self.built = self.serving

    def indexed(self, seconds: float | None, failure: str | None) -> None:
        """Serve's search index, written after the reload (see rebuilds.BackgroundIndex)."""
        if failure is None:
            rebuilds.log.info(self.t("serve.search_indexed", seconds=f"{seconds:.1f}"))
        else:
            rebuilds.log.error(self.t("search.index_failed", details=failure))

    def on_build_error(self, error: Exception) -> None:
        if media := getattr(self, "media", None):
            media.stop()

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Any edit under the data folder rebuilds the site."""
        server.watch(str(self.data_dir))
        return server


def data_dir(config: MkDocsConfig, option: str, t) -> Path:
    path = Path(config.config_file_path).parent / option
    if not path.is_dir():
        raise PluginError(t("plugin.no_data_dir", option=option, path=path))
    return path
