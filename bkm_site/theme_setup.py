"""Put the package's theme between the site's overrides and mkdocs-material."""

from __future__ import annotations

import warnings
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .core.formatting import LANGUAGES
from .core.markdown_safe import SafeLinksExtension

TEMPLATES = Path(__file__).parent / "theme" / "templates"
STYLESHEET = "assets/bkm/bkm.css"


def require_material(config: MkDocsConfig) -> None:
    if config.theme.name != "material":
        raise PluginError(
            f"Plugin bkm membutuhkan tema mkdocs-material, bukan '{config.theme.name}'. "
            "Tulis di mkdocs.yml:\n\ntheme:\n  name: material\n  language: id\n"
        )


def site_language(config: MkDocsConfig) -> str:
    """``theme.language`` when the site sets it to id or en; Bahasa Indonesia otherwise.

    Material defaults to English, so an unset language must be told apart from
    ``en``: only the raw user configuration knows.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        raw = [c.get("theme") for c in getattr(config, "user_configs", [])]
    asked = next((t.get("language") for t in reversed(raw) if isinstance(t, dict) and t.get("language")), None)
    language = asked or "id"
    if language not in LANGUAGES:
        raise PluginError(
            f"bkm-site tersedia dalam bahasa Indonesia (id) dan Inggris (en), bukan '{language}'. "
            "Tulis theme.language: id atau en di mkdocs.yml."
        )
    config.theme["language"] = language
    return language


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
        config.markdown_extensions.append(SafeLinksExtension())
