"""A data problem as an editor should read it, and the error that carries them.

Every word of a problem is in the site's language: the header words come from
the UI catalogue (``problem.*`` keys), and the messages made with :func:`say`
from the same catalogue.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..strings import catalogue

DEFAULT_LANGUAGE = "id"


def say(language: str, message: str, /, **values) -> str:
    """The catalogue text ``message`` in ``language``, with ``values`` filled in."""
    return catalogue(language)[message].format(**values)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    """The character position in the line, counted from 1 as editors count."""
    field: str
    message: str
    hint: str | None = None
    language: str = dataclasses.field(default=DEFAULT_LANGUAGE, compare=False)
    cause: tuple = dataclasses.field(default=(), compare=False)
    """What the problem is about (``("missing", "programmes", "jalan")``): problems with one cause are merged."""

    def where(self) -> str:
        """``data/x.yml, baris 12, karakter 5``: "kolom" is kept for a data field, never a position."""
        t = catalogue(self.language)
        where = self.file
        if self.line:
            where += ", " + t("problem.line", line=self.line)
            if self.column:
                where += ", " + t("problem.character", column=self.column)
        return where

    def __str__(self) -> str:
        text = f"{self.where()}\n  {self.field + ': ' if self.field else ''}{self.message}"
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

    def __init__(self, problems: list[Problem], language: str = DEFAULT_LANGUAGE, head: str = "problem.head"):
        self.language = language
        self.head = head
        unique = {dataclasses.replace(p, language=language) for p in problems}
        self.problems = sorted(unique, key=lambda p: (p.file, p.line or 0, p.column or 0, p.field, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        head = say(self.language, self.head, count=len(self.problems))
        return head + "\n\n" + "\n\n".join(str(p) for p in self.problems) + "\n"
