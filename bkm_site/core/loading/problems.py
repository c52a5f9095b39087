"""A data problem as an editor should read it, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f", baris {self.line}"
            if self.column:
                where += f", kolom {self.column}"
        text = f"{where}\n  {self.field + ': ' if self.field else ''}{self.message}"
        if self.hint:
            text += f"\n  → {self.hint}"
        return text


def field_label(path: tuple) -> str:
    """``funding › #2 › planned``: list positions counted from 1, as editors count."""
    parts = [f"#{p + 1}" if isinstance(p, int) else str(p) for p in path]
    return " › ".join(parts)


class DataError(Exception):
    """Every problem found in the data, reported together; nothing is built.

    A plain exception, so the core runs without MkDocs; the plugin re-raises it as
    MkDocs' ``PluginError``.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or 0, p.field))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = (
            f"Data BKM belum benar: {count} masalah ditemukan. Situs TIDAK dibangun; "
            "perbaiki hal berikut lalu coba lagi."
        )
        return head + "\n\n" + "\n\n".join(str(p) for p in self.problems) + "\n"
