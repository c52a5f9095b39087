"""Site search by Pagefind: indexed from the finished HTML after the build, in the page's language.

Material's header shows ``partials/search.html`` only while a plugin named
``material/search`` is enabled. bkm-site's partial is the Pagefind box, so a
small stand-in takes that name; Material's own search plugin, if a site still
lists ``- search``, is switched off, so no lunr index is written or downloaded.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .core.strings import Strings

log = logging.getLogger("mkdocs.plugins.bkm")

SLOT = "material/search"
BUNDLE_DIR = "pagefind"
IGNORED = ".headerlink, .bkm-poster"
"""Inside the indexed content but not for reading: heading permalinks (¶), the print-only poster."""
TIMEOUT = 300  # seconds


class _SlotConfig(base.Config):
    enabled = c.Type(bool, default=True)


class SearchSlot(BasePlugin[_SlotConfig]):
    """Holds Material's search plugin name so its header includes bkm-site's search box; does no work."""


def take_search_slot(config: MkDocsConfig, t: Strings) -> None:
    current = config.plugins.get(SLOT)
    if isinstance(current, SearchSlot):
        return
    if current is not None:
        # Its events stay registered; disabled, each returns at once.
        current.config.enabled = False
        log.info(t("search.material_search_off"))
    slot = SearchSlot()
    slot.load_config({})
    config.plugins[SLOT] = slot


def build_index(site_dir: Path, t: Strings) -> None:
    """Index every page that marks its content ``data-pagefind-body`` and write the bundle to ``pagefind/``."""
    try:
        run = subprocess.run(command(site_dir, t), capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise PluginError(t("search.index_failed", details=err)) from err
    if run.returncode != 0:
        raise PluginError(t("search.index_failed", details=f"{run.stdout}{run.stderr}".strip()))


def command(site_dir: Path, t: Strings, output: Path | None = None) -> list[str]:
    """The Pagefind command line; the bundle goes to ``output`` if given, else to ``pagefind/`` in the site."""
    try:
        from pagefind_bin import get_executable

        executable = get_executable()
    except (ImportError, FileNotFoundError) as err:
        raise PluginError(t("search.no_pagefind")) from err
    where = ["--output-path", str(output)] if output is not None else ["--output-subdir", BUNDLE_DIR]
    return [str(executable), "--site", str(site_dir), *where, "--exclude-selectors", IGNORED, "--quiet"]
