"""Put the package's theme between the site's overrides and mkdocs-material."""

from __future__ import annotations

import os
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from .core.formatting import LANGUAGES
from .core.markdown_safe import SafeLinksExtension
from .core.pages.anchors import RowAnchorsExtension
from .core.strings import catalogue, in_both

TEMPLATES = Path(__file__).parent / "theme" / "templates"
STYLESHEET = "assets/bkm/bkm.css"

JS_FREE_FEATURES = frozenset(
    {
        "navigation.tabs",
        "navigation.tabs.sticky",
        "navigation.sections",
        "navigation.expand",
        "navigation.indexes",
        "navigation.path",
        "navigation.prune",
        "navigation.footer",
        "navigation.top",  # the theme's plain link instead of Material's floating button
        "toc.integrate",
        "content.action.edit",
        "content.action.view",
        "search.suggest",  # the search.* features belong to Material's search, which bkm-site replaces
        "search.highlight",
        "search.share",
    }
)
"""Material features drawn by its templates and CSS alone. Any other feature, a known one (instant
loading, code copy, toc.follow, ...) or one this list does not know yet, keeps Material's JavaScript."""
JS_EXTENSIONS = ("pymdownx.tabbed",)
"""Markdown extensions Material finishes with its JavaScript (content tabs: the active tab's indicator)."""
JS_EXTRAS = ("analytics", "consent", "version")


def require_material(config: MkDocsConfig) -> None:
    if config.theme.name != "material":
        language = written_language(config)
        raise PluginError(
            catalogue(language)("plugin.not_material", theme=config.theme.name)
            + f"\n\ntheme:\n  name: material\n  language: {language}\n"
        )


def site_language(config: MkDocsConfig) -> str:
    """``theme.language`` when the site sets it to id or en; Bahasa Indonesia otherwise.

    Material defaults to English, so an unset language must be told apart from
    ``en``: only the site's own mkdocs.yml knows.
    """
    language = asked_language(config) or "id"
    if language not in LANGUAGES:
        raise PluginError(in_both("language.unknown", language=language))
    config.theme["language"] = language
    return language


def written_language(config: MkDocsConfig) -> str:
    """The language to speak before the site is known to be right: its own when it is id or en, else id."""
    try:
        language = asked_language(config)
    except Exception:  # an unreadable mkdocs.yml is MkDocs' to report
        return "id"
    return language if language in LANGUAGES else "id"


def asked_language(config: MkDocsConfig) -> str | None:
    """The ``theme.language`` written in mkdocs.yml (and the files it INHERITs), read as MkDocs reads it.

    A configuration made in Python, without a file, has no unset language to tell
    apart: its theme's language is taken as written.
    """
    path = config.config_file_path
    if not path or not os.path.isfile(path):
        return config.theme.get("language")
    with open(path, "rb") as file:
        raw = yaml_load(file, loader=get_yaml_loader(config=config))
    theme = raw.get("theme") if isinstance(raw, dict) else None
    return (theme.get("language") or None) if isinstance(theme, dict) else None


def take_over_credit(config: MkDocsConfig) -> bool:
    """Whether the footer credits bkm-site and Material: Material's own line is English only,
    so it is turned off and the theme's footer writes a translated one, unless the site
    turned the credit off itself (``extra.generator: false``)."""
    shown = config.extra.get("generator") is not False
    config.extra["generator"] = False
    return shown


def needs_material_js(config: MkDocsConfig) -> bool:
    """Whether the site turns on something that only Material's JavaScript bundle does.

    The bundle is 35 KB gzipped and most of a phone's blocking time on a page; bkm-site's pages
    need none of it (drawer, navigation and contents are HTML and CSS, search is Pagefind).
    It stays for a feature outside ``JS_FREE_FEATURES``, a colour palette toggle, content tabs,
    Mermaid diagrams, analytics, cookie consent, a version selector, or the site's own
    ``extra_javascript`` (such scripts usually hook into Material's ``document$``).
    """
    features = config.theme.get("features") or []
    if any(feature not in JS_FREE_FEATURES for feature in features):
        return True
    if isinstance(config.theme.get("palette"), list):
        return True
    if any(name in config.markdown_extensions for name in JS_EXTENSIONS):
        return True
    fences = (config.mdx_configs.get("pymdownx.superfences") or {}).get("custom_fences") or []
    if any(isinstance(fence, dict) and fence.get("name") == "mermaid" for fence in fences):
        return True
    return bool(config.extra_javascript) or any(config.extra.get(key) for key in JS_EXTRAS)


def needs_palette_css(config: MkDocsConfig) -> bool:
    """Whether Material's palette stylesheet has a rule for the site's colours.

    It holds the named colours and the dark scheme; for ``primary: custom`` and ``accent: custom``
    in the default scheme (bkm.css draws those) it has none, so it would only hold up the first paint.
    """
    palette = config.theme.get("palette")
    if not isinstance(palette, dict):
        return bool(palette)
    default_scheme = palette.get("scheme") in (None, "default")
    return not (default_scheme and palette.get("primary") == "custom" and palette.get("accent") == "custom")


_PALETTE_LINK = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">')


def without_palette_css(styles: str) -> Markup:
    """Material's ``styles`` block without its palette stylesheet (a template filter)."""
    return Markup(_PALETTE_LINK.sub("", str(styles)))


def install_theme(config: MkDocsConfig) -> None:
    dirs = config.theme.dirs
    if str(TEMPLATES) not in dirs:
        index = 1 if config.theme.custom_dir else 0
        dirs.insert(index, str(TEMPLATES))
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)
    # Fonts from the system: Material would otherwise fetch Google Fonts on every page.
    config.theme["font"] = False
    if not any(isinstance(ext, SafeLinksExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SafeLinksExtension())  # type: ignore[arg-type]  # Markdown takes instances too
    if not any(isinstance(ext, RowAnchorsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(RowAnchorsExtension())  # type: ignore[arg-type]
