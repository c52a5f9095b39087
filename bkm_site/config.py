"""The ``bkm`` plugin's options in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BkmConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder of the YAML data, relative to ``mkdocs.yml``."""

    featured = c.Type(int, default=3)
    """How many campaigns the home page shows (programmes marked ``featured`` first)."""

    latest_updates = c.Type(int, default=5)
    """How many programme updates the home page lists."""

    default_nav = c.Type(bool, default=True)
    """Give a sensible navigation when ``mkdocs.yml`` has no ``nav``."""

    cache_dir = c.Type(str, default=".cache/bkm-site")
    """Where resized photos and social cards are kept between builds, relative to ``mkdocs.yml``."""

    material_js = c.Optional(c.Type(bool))
    """Load Material's JavaScript on every page: unset, only when the site turns on a feature that needs it
    (``theme_setup.needs_material_js``); ``true`` always; ``false`` never."""

    admin = c.Type(bool, default=True)
    """Publish the secretariat's form editor at ``admin/`` (Sveltia CMS, forms generated from the data models)."""
