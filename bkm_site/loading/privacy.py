"""The privacy guard: no beneficiary's NIK/KK number or private phone in public text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

NIK = re.compile(r"(?<![\d])(?:\d{16}|\d{6}[ .-]\d{6}[ .-]\d{4}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4})(?![\d])")
PHONE = re.compile(
    r"(?<![\d\w])(?:\+62|62|0)[ .-]?8\d{1,2}(?:[ .-]?\d){6,9}(?![\d])"
    r"|(?<![\d\w])\(0\d{2,3}\)[ .-]?\d{3,4}[ .-]?\d{3,4}(?![\d])"
)

NIK_MESSAGE = (
    "Ada angka 16 digit seperti NIK/nomor KK ({found}). Nomor identitas warga tidak boleh diterbitkan: "
    "situs ini dibaca siapa saja."
)
NIK_HINT = "Hapus nomornya. Sebut warga dengan nama panggilan saja; simpan data pribadi di arsip BKM, bukan di situs."
PHONE_MESSAGE = (
    "Ada nomor telepon ({found}). Nomor pribadi warga atau pengurus tidak boleh diterbitkan; "
    "situs hanya memuat kontak resmi BKM."
)
PHONE_HINT = "Hapus nomornya. Kontak resmi ditulis sekali di data/bkm.yml bagian contact, dan situs menampilkannya sendiri."


def findings(text: str) -> Iterator[tuple[str, str, str]]:
    """(message, hint, match) for each personal identifier in ``text``."""
    for match in NIK.finditer(text):
        yield NIK_MESSAGE.format(found=_mask(match[0])), NIK_HINT, match[0]
    for match in PHONE.finditer(text):
        yield PHONE_MESSAGE.format(found=_mask(match[0])), PHONE_HINT, match[0]


def _mask(found: str) -> str:
    """Show enough of the number to find it, not the whole of it, in logs."""
    return found[:4] + "…" + found[-2:]


def scan_data(data: Any, allowed: set[tuple] = frozenset(), path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """(path, message, hint) for every identifier in the strings and numbers of ``data``."""
    if any(path[: len(a)] == a for a in allowed):
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from scan_data(value, allowed, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from scan_data(value, allowed, path + (i,))
    elif isinstance(data, (str, int)) and not isinstance(data, bool):
        for message, hint, _ in findings(str(data)):
            yield path, message, hint
