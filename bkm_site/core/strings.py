"""UI strings: one catalogue per language in ``i18n/<lang>.yml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

CATALOGUES = Path(__file__).parent / "i18n"


class Strings(dict):
    """A catalogue that says which key is missing instead of rendering nothing."""

    def __missing__(self, key: str) -> str:
        raise KeyError(f"bkm-site: UI string '{key}' missing from the catalogue")

    def __call__(self, key: str, **values) -> str:
        return self[key].format(**values) if values else self[key]


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: the catalogues load in milliseconds instead of a second."""


def in_both(key: str, **values) -> str:
    """A message for when the site's language is not known (or is the mistake): Indonesian, then English."""
    return "\n".join(catalogue(language)(key, **values) for language in ("id", "en"))


@cache
def catalogue(language: str) -> Strings:
    return Strings(yaml.load((CATALOGUES / f"{language}.yml").read_text(encoding="utf-8"), Loader=_Loader))
