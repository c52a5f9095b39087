"""Put the package's theme between the site's overrides and mkdocs-material."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from .core.formatting import LANGUAGES
from .core.markdown_safe import SafeLinksExtension
from .core.pages.anchors import RowAnchorsExtension

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
    ``en``: only the site's own mkdocs.yml knows.
    """
    language = asked_language(config) or "id"
    if language not in LANGUAGES:
        raise PluginError(
            f"bkm-site tersedia dalam bahasa Indonesia (id) dan Inggris (en), bukan '{language}'. "
            "Tulis theme.language: id atau en di mkdocs.yml."
        )
    config.theme["language"] = language
    return language


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
