"""``bkm-site new``: a new BKM site that checks, builds and deploys as it comes.

The template lives in ``bkm_site/scaffold/`` (package data). Names starting with
``dot-`` become dotfiles (``dot-github`` → ``.github``), so no packaging glob has
to match hidden files. Generated on top: ``requirements.txt`` asking for this
version or a later fix of it, and ``schema/`` with the JSON Schemas the data
files' modelines name.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .core.editor_schema import SCHEMA_DIR, write_schemas
from .core.strings import catalogue

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


class ScaffoldError(Exception):
    """A reason not to write the new site, said to the editor."""


def new_site(target: Path) -> list[Path]:
    """Write a new site into ``target`` (missing or empty); return the files written."""
    t = catalogue("id")  # the new site is Indonesian
    if target.exists() and not target.is_dir():
        raise ScaffoldError(t("scaffold.is_a_file", path=target))
    if target.is_dir() and any(target.iterdir()):
        raise ScaffoldError(f"{t('scaffold.not_empty', path=target)}\n→ {t('scaffold.not_empty.hint')}")
    target.mkdir(parents=True, exist_ok=True)
    written = _copy_tree(resources.files("bkm_site") / "scaffold", target)
    requirements = target / "requirements.txt"
    requirements.write_text(f"{requirement()}\n", encoding="utf-8")
    return sorted([*written, requirements, *write_schemas(target / SCHEMA_DIR)])


def requirement() -> str:
    """``bkm-site~=X.Y.Z``: the version that made the site, or a later fix of it."""
    return f"bkm-site~={__version__}"


def _copy_tree(source: Traversable, target: Path) -> list[Path]:
    written = []
    for entry in source.iterdir():
        if entry.name == "__pycache__":
            continue
        destination = target / _real_name(entry.name)
        if entry.is_dir():
            destination.mkdir(exist_ok=True)
            written += _copy_tree(entry, destination)
        else:
            destination.write_bytes(entry.read_bytes())
            written.append(destination)
    return written


def _real_name(name: str) -> str:
    return "." + name.removeprefix("dot-") if name.startswith("dot-") else name
