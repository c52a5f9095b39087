"""A page's context as plain data (dicts, lists, text, numbers; dates as ISO text), for builders other than MkDocs.

Templates keep the model objects (``item.programme.raised``); ``bkm-site generate``
writes this form into each page's front matter. Model fields and the figures
computed from them (properties) both come along, so a consumer needs no Python.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel


def plain(value: Any) -> Any:
    """JSON-serialisable data with the same content; anything unknown is an error, never silently dropped."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return str(value)  # Markup and other str subclasses as plain text
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, BaseModel) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return {name: plain(getattr(value, name)) for name in shown_names(type(value))}
    if isinstance(value, Mapping):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    raise TypeError(f"bkm-site: {type(value).__name__} in a page context has no plain form")


def shown_names(cls: type) -> tuple[str, ...]:
    """A model's or dataclass's fields, then the properties our own classes define (computed figures), in
    definition order; found once per class."""
    names = _SHOWN.get(cls)
    if names is None:
        names = _SHOWN[cls] = _shown_names(cls)
    return names


_SHOWN: dict[type, tuple[str, ...]] = {}


def _shown_names(cls: Any) -> tuple[str, ...]:
    fields = list(cls.model_fields) if issubclass(cls, BaseModel) else [f.name for f in dataclasses.fields(cls)]
    names = dict.fromkeys(fields)
    library = set(BaseModel.__mro__)
    for base in reversed(cls.__mro__):
        if base in library:
            continue
        for name, attr in vars(base).items():
            if isinstance(attr, property) and not name.startswith("_"):
                names.setdefault(name)
    return tuple(names)
