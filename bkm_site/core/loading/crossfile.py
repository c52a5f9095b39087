"""Rules over the whole site that keep the list of problems short and true: one problem per cause,
suggestions only when they are close, no two programmes with one title."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from ..models.site import SiteData
from .problems import Problem, say
from .yamlfile import YamlDoc


def suggest(value: str, names: Iterable[str]) -> str | None:
    """The existing name ``value`` is probably a misspelling of, or None.

    Names that differ only in their numbers (``jalan-rt01`` / ``jalan-rt02``) are
    different things, never a misspelling of each other.
    """

    def numbers(name: str) -> list[int]:
        return [int(n) for n in re.findall(r"\d+", name)]

    candidates = [n for n in names if numbers(n) == numbers(value)]
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


def one_cause(problems: list[Problem], language: str) -> list[Problem]:
    """Problems with the same cause in one file become one problem, at the first line, listing every line."""
    groups: dict[tuple, list[Problem]] = defaultdict(list)
    out = []
    for p in problems:
        if p.cause:
            groups[(p.file, p.cause)].append(p)
        else:
            out.append(p)
    for group in groups.values():
        group.sort(key=lambda p: (p.line or 0, p.column or 0))
        first = group[0]
        lines = sorted({p.line for p in group if p.line})
        if len(lines) > 1:
            listed = say(language, "problem.lines", lines=", ".join(str(n) for n in lines))
            message = first.message.rstrip()
            end = "." if message.endswith(".") else ""
            first = dataclasses.replace(first, message=f"{message.removesuffix('.')} ({listed}){end}")
        out.append(first)
    return out


def duplicate_titles(titles: dict[str, str], docs: dict[str, YamlDoc], folder: str) -> list[Problem]:
    """Two programmes with one title look like one on every list: an error in the later file, naming both."""
    by_title: dict[str, list[str]] = defaultdict(list)
    for slug, title in sorted(titles.items()):
        by_title[" ".join(title.casefold().split())].append(slug)
    out = []
    for slugs in by_title.values():
        for slug in slugs[1:]:
            doc = docs[f"programme:{slug}"]
            out.append(
                doc.problem(
                    ("title",),
                    doc.say("rule.duplicate_title", title=titles[slug], other=f"{folder}{slugs[0]}.yml"),
                    doc.say("rule.duplicate_title.hint"),
                )
            )
    return out


def data_photos(site: SiteData) -> list[tuple[str, tuple, str]]:
    """Every photo the data shows, with the document key and field path that name it."""
    found: list[tuple[str, tuple, str]] = []
    for slug, p in site.programmes.items():
        if p.cover:
            found.append((f"programme:{slug}", ("cover",), p.cover))
        found += [(f"programme:{slug}", ("documentation", i, "photo"), d.photo) for i, d in enumerate(p.documentation)]
    if site.achievements:
        found += [
            ("achievements", ("stories", i, "photo"), s.photo)
            for i, s in enumerate(site.achievements.stories)
            if s.photo
        ]
    return found


def unreadable_photos(
    site: SiteData, docs: dict[str, YamlDoc], readable: Callable[[str], bool], folder: str
) -> list[Problem]:
    """Photos the build could not publish (not a photo, cut short), each at the line that names it."""
    out = []
    verdicts: dict[str, bool] = {}
    for key, path, photo in data_photos(site):
        if photo not in verdicts:
            verdicts[photo] = readable(photo)
        if not verdicts[photo]:
            doc = docs[key]
            out.append(
                doc.problem(path, doc.say("photo.unreadable", path=folder + photo), doc.say("photo.unreadable.hint"))
            )
    return out
