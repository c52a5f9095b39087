"""The privacy guard: no beneficiary's NIK/KK number or private phone in public text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import Any

from .problems import DEFAULT_LANGUAGE, say

NIK = re.compile(r"(?<![\d])(?:\d{16}|\d{6}[ .-]\d{6}[ .-]\d{4}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4})(?![\d])")
PHONE = re.compile(
    r"(?<![\d\w])(?:\+62|62|0)[ .-]?8\d{1,2}(?:[ .-]?\d){6,9}(?![\d])"
    r"|(?<![\d\w])\(0\d{2,3}\)[ .-]?\d{3,4}[ .-]?\d{3,4}(?![\d])"
)

MONEY_BEFORE = re.compile(r"Rp\.?\s*$", re.IGNORECASE)
"""A number right after "Rp" is an amount (Rp 62.812.345.000), not a phone number."""


def phone_key(number: str) -> str:
    """Digits with the country code, so 0812-..., +62 812... and 62812... compare equal."""
    digits = re.sub(r"\D", "", number)
    return "62" + digits[1:] if digits.startswith("0") else digits


def findings(
    text: str, official: frozenset[str] = frozenset(), language: str = DEFAULT_LANGUAGE
) -> Iterator[tuple[str, str, str]]:
    """(message, hint, match) for each personal identifier in ``text``, in ``language``.

    ``official`` holds the BKM's own public numbers (``phone_key`` form): those
    may be repeated anywhere.
    """
    for match in NIK.finditer(text):
        yield _said(language, "privacy.nik", match[0]), say(language, "privacy.nik.hint"), match[0]
    for match in PHONE.finditer(text):
        if phone_key(match[0]) in official or MONEY_BEFORE.search(text[: match.start()]):
            continue
        yield _said(language, "privacy.phone", match[0]), say(language, "privacy.phone.hint"), match[0]


def _said(language: str, key: str, found: str) -> str:
    return say(language, key, found=_mask(found))


def _mask(found: str) -> str:
    """Show enough of the number to find it, not the whole of it, in logs."""
    return found[:4] + "…" + found[-2:]


def scan_data(
    data: Any,
    allowed: AbstractSet[tuple] = frozenset(),
    official: frozenset[str] = frozenset(),
    path: tuple = (),
    language: str = DEFAULT_LANGUAGE,
) -> Iterator[tuple[tuple, str, str]]:
    """(path, message, hint) for every identifier in the strings of ``data``, and NIKs typed as numbers.

    A number is only checked for a NIK: amounts such as 6281234567 would look like phone numbers.
    """
    if any(path[: len(a)] == a for a in allowed):
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from scan_data(value, allowed, official, (*path, key), language)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from scan_data(value, allowed, official, (*path, i), language)
    elif isinstance(data, str):
        for message, hint, _ in findings(data, official, language):
            yield path, message, hint
    elif isinstance(data, int) and not isinstance(data, bool) and NIK.fullmatch(str(data)):
        yield path, _said(language, "privacy.nik", str(data)), say(language, "privacy.nik.hint")
