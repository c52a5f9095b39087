"""Load, validate and cross-check a site's data: the one entry point.

Every file is read and every problem collected before anything fails, so an
editor sees the whole list at once; a site with problems is never built.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..ledger import TodayError, build_ledger
from ..ledger import today as ledger_today
from ..models.common import SLUG_RE, _suggest_slug
from ..models.extras import Achievements, Partners, Plan
from ..models.profile import Profile
from ..models.programme import Programme
from ..models.report import Report
from ..models.site import SiteData
from . import crossfile, privacy, rules, traps
from .messages import describe_all
from .problems import DEFAULT_LANGUAGE, DataError, Problem, say
from .yamlfile import YamlDoc, read_text, read_yaml

PROFILE_PRIVATE_OK = {("contact",), ("donation", "account_number")}

PhotoCheck = Callable[[str], bool]
"""Whether the photo at this path (relative to the docs directory) can be published."""
ContentCheck = Callable[[str, str, SiteData, str], Iterable[Problem]]
"""A check over one Markdown page of ``content/``: (relative name, text, data, language) → problems."""


@dataclass(frozen=True)
class _Loaded:
    fingerprint: tuple
    problems: tuple[Problem, ...]
    doc: YamlDoc | None
    result: bytes


class LoadCache:
    """Data files read and validated by an earlier :func:`load_site`, for ``mkdocs serve``'s rebuilds.

    An entry is reused only while everything that shaped it is unchanged: the
    file's bytes and name, the language, the BKM's own public numbers (the
    privacy scan allows them), and the names of the files in the docs
    directory (photo paths are checked against them). Models come back as
    fresh copies, because the ledger rules fill in figures on them. The rules
    across files and the ledger always run again, on every file.
    """

    def __init__(self) -> None:
        self.entries: dict[str, _Loaded] = {}
        self.reused = 0
        self.read = 0

    def clear(self) -> None:
        self.entries.clear()


class _Collector:
    def __init__(
        self, site_root: Path, docs_dir: Path, language: str = DEFAULT_LANGUAGE, cache: LoadCache | None = None
    ):
        self.site_root = site_root
        self.language = language
        self.docs_dir = docs_dir
        self.problems: list[Problem] = []
        self.docs: dict[str, YamlDoc] = {}
        self.official_numbers: frozenset[str] = frozenset()
        self.cache = cache
        self.docs_state = _tree_state(docs_dir) if cache is not None else ()

    def cached(self, path: Path, key: str, work: Callable[..., Any]) -> Any:
        """``work(self, path, key)`` reads and checks one file, adding to ``problems`` and ``docs[key]``; replayed
        from the cache while the file and what its checks depend on are unchanged."""
        if self.cache is None:
            return work(self, path, key)
        try:
            content = hashlib.sha256(path.read_bytes()).digest()
        except OSError:
            return work(self, path, key)
        fingerprint = (
            key,
            str(path),
            self.rel(path),
            content,
            self.language,
            self.official_numbers,
            str(self.docs_dir),
            self.docs_state,
        )
        entry = self.cache.entries.get(str(path))
        if entry is not None and entry.fingerprint == fingerprint:
            self.cache.reused += 1
            self.problems += entry.problems
            if entry.doc is not None:
                self.docs[key] = entry.doc
            return pickle.loads(entry.result)
        self.cache.read += 1
        before = len(self.problems)
        result = work(self, path, key)
        try:
            unchanged = hashlib.sha256(path.read_bytes()).digest() == content
        except OSError:
            unchanged = False
        if unchanged:  # not saved again while it was being read
            self.cache.entries[str(path)] = _Loaded(
                fingerprint, tuple(self.problems[before:]), self.docs.get(key), pickle.dumps(result)
            )
        else:
            self.cache.entries.pop(str(path), None)
        return result

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.site_root).as_posix()
        except ValueError:
            return path.as_posix()

    def read(self, path: Path, key: str, expect: type, allowed_private: AbstractSet = frozenset()) -> YamlDoc | None:
        doc, problems = read_yaml(path, self.rel(path), self.language)
        self.problems += problems
        if doc is None:
            return None
        if not isinstance(doc.data, expect):
            shape = "file.shape.mapping" if expect is dict else "file.shape.list"
            self.problems.append(
                Problem(doc.rel, 1, 1, "", self.say(shape), self.say("file.shape.hint"), self.language)
            )
            return None
        for path_, message, hint in privacy.scan_data(
            doc.data, allowed_private, self.official_numbers, language=self.language
        ):
            self.problems.append(doc.problem(path_, message, hint))
        self.docs[key] = doc
        return doc

    def say(self, message: str, /, **values) -> str:
        return say(self.language, message, **values)

    def validate(self, model: type[BaseModel], doc: YamlDoc, extra: dict[str, Any] | None = None) -> Any:
        self.problems += traps.mend_splits(model, doc)
        self.problems += traps.comment_problems(model, doc)
        data = doc.data
        if extra:
            if isinstance(data, dict) and "slug" in data:
                self.problems.append(
                    doc.problem(("slug",), doc.say("file.slug_inside"), doc.say("file.slug_inside.hint"), key=True)
                )
                data = {k: v for k, v in data.items() if k != "slug"}
            data = {**extra, **data}
        try:
            return model.model_validate(data, context={"docs_dir": self.docs_dir})
        except ValidationError as err:
            self.problems += describe_all(err.errors(include_url=False), model, doc)
            return None


def load_site(
    data_dir: Path,
    docs_dir: Path,
    site_root: Path | None = None,
    content_checks: Iterable[ContentCheck] = (),
    language: str = DEFAULT_LANGUAGE,
    photo_check: PhotoCheck | None = None,
    today: date | None = None,
    cache: LoadCache | None = None,
) -> SiteData:
    """Return the site's data, or raise :class:`DataError` listing every problem in ``language``.

    ``photo_check`` tells whether the build can publish a photo (it decodes it); a
    photo it refuses is a problem at the data line that names it, so ``bkm-site
    check`` refuses what the build would. ``today`` is the date the ledger rules judge by
    (default: ``SOURCE_DATE_EPOCH`` or the build date). ``cache`` keeps what was read for the next call
    (``mkdocs serve``), so an edit re-reads one file.
    """
    data_dir, docs_dir = Path(data_dir), Path(docs_dir)
    site_root = Path(site_root) if site_root else data_dir.parent
    c = _Collector(site_root, docs_dir, language, cache)

    profile = None
    profile_path = data_dir / "bkm.yml"
    if not profile_path.is_file():
        c.problems.append(
            Problem(
                c.rel(profile_path),
                None,
                None,
                "",
                c.say("file.profile_missing"),
                c.say("file.profile_missing.hint", path=c.rel(profile_path)),
            )
        )
    else:
        profile, c.official_numbers = c.cached(profile_path, "bkm", _load_profile)

    targets: dict[str, rules.Targets] = {}
    programmes = _load_folder(c, data_dir / "programmes", "programme", Programme, rules.check_programme)
    c.problems += crossfile.duplicate_titles(
        {slug: p.title for slug, p in programmes.items()}, c.docs, c.rel(data_dir / "programmes") + "/"
    )
    targets["programmes"] = rules.Targets(
        c.rel(data_dir / "programmes") + "/", frozenset(_slugs_of(data_dir / "programmes"))
    )
    reports = _load_folder(c, data_dir / "reports", "report", Report, rules.check_report)

    partners: dict = {}
    path = data_dir / "partners.yml"
    read, slugs, partners = (
        c.cached(path, "partners", _load_partners)
        if path.is_file()
        else (
            False,
            [],
            {},
        )
    )
    targets["partners"] = _targets(c, path, read, slugs)

    path = data_dir / "plan.yml"
    read, ids, plan = c.cached(path, "plan", _load_plan) if path.is_file() else (False, [], None)
    targets["plan"] = _targets(c, path, read, ids)

    achievements = None
    if (path := data_dir / "achievements.yml").is_file():
        achievements = c.cached(path, "achievements", _load_achievements)

    c.problems += _unread_files(c, data_dir)

    site = SiteData(profile, programmes, reports, partners, plan, achievements) if profile is not None else None
    if site is not None:
        c.problems += rules.check_references(site, c.docs, targets)
        if photo_check is not None:
            c.problems += crossfile.unreadable_photos(site, c.docs, photo_check, c.rel(docs_dir) + "/")
        try:
            site.books = build_ledger(site, c.docs, today or ledger_today())
        except TodayError as err:
            c.problems.append(
                Problem(
                    "SOURCE_DATE_EPOCH",
                    None,
                    None,
                    "",
                    c.say("env.source_date_epoch", value=str(err)),
                    c.say("env.source_date_epoch.hint"),
                )
            )
        else:
            c.problems += rules.check_ledger(site, site.books, c.docs)
    c.problems += _check_content(docs_dir, c, site, content_checks)
    if c.problems or site is None:
        raise DataError(crossfile.one_cause(c.problems, language), language)
    return site


def _load_folder(c: _Collector, folder: Path, kind: str, model: type[BaseModel], check: Callable) -> dict[str, Any]:
    loaded: dict[str, Any] = {}
    if not folder.is_dir():
        return loaded
    for path in sorted(p for p in folder.glob("*.yml") if p.is_file()):
        slug = path.stem
        if not SLUG_RE.match(slug):
            c.problems.append(
                Problem(
                    c.rel(path),
                    None,
                    None,
                    "",
                    c.say("file.name_not_slug", name=path.name),
                    c.say("file.name_not_slug.hint", slug=_suggest_slug(slug)),
                )
            )
            continue
        item = c.cached(path, f"{kind}:{slug}", functools.partial(_load_item, model=model, check=check))
        if item is not None:
            loaded[slug] = item
    return loaded


def _load_item(c: _Collector, path: Path, key: str, *, model: type[BaseModel], check: Callable) -> Any:
    doc = c.read(path, key, dict)
    if doc is None:
        return None
    item = c.validate(model, doc, {"slug": path.stem})
    if item is not None:
        c.problems += check(item, doc)
    return item


def _load_profile(c: _Collector, path: Path, key: str) -> tuple[Profile | None, frozenset[str]]:
    doc = c.read(path, key, dict, PROFILE_PRIVATE_OK)
    if doc is None:
        return None, frozenset()
    c.official_numbers = _official_numbers(doc.data)
    return c.validate(Profile, doc), c.official_numbers


def _load_partners(c: _Collector, path: Path, key: str) -> tuple[bool, list, dict]:
    doc = c.read(path, key, list)
    if doc is None:
        return False, [], {}
    slugs = [p.get("slug") if isinstance(p, dict) and isinstance(p.get("slug"), str) else None for p in doc.data]
    c.problems += rules.check_partners_list(slugs, doc)
    model = c.validate(Partners, doc)
    return True, slugs, {p.slug: p for p in model.root} if model is not None else {}


def _load_plan(c: _Collector, path: Path, key: str) -> tuple[bool, list, Plan | None]:
    doc = c.read(path, key, dict)
    if doc is None:
        return False, [], None
    items = doc.data.get("items")
    ids = [i.get("id") for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    plan = c.validate(Plan, doc)
    if plan is not None:
        c.problems += rules.check_plan(plan, doc)
    return True, ids, plan


def _load_achievements(c: _Collector, path: Path, key: str) -> Achievements | None:
    doc = c.read(path, key, dict)
    if doc is None:
        return None
    achievements = c.validate(Achievements, doc)
    if achievements is not None:
        c.problems += rules.check_achievements(achievements, doc)
    return achievements


def _tree_state(folder: Path) -> tuple:
    """The names under ``folder`` (and where its links point): what the photo and document path checks look at."""
    out: list[tuple[str, ...]] = [("", os.path.realpath(folder))]
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in [*dirs, *sorted(files)]:
            full = os.path.join(top, name)
            rel = os.path.relpath(full, folder)
            out.append((rel, os.path.realpath(full)) if os.path.islink(full) else (rel,))
    return tuple(out)


DATA_FILES = ("bkm.yml", "partners.yml", "plan.yml", "achievements.yml")
DATA_FOLDERS = {
    "programmes": "programmes",
    "reports": "reports",
    "program": "programmes",
    "programs": "programmes",
    "kegiatan": "programmes",
    "laporan": "reports",
    "keuangan": "reports",
    "report": "reports",
}
"""The folders the loader reads, and the names an editor may give them instead."""


def _unread_files(c: _Collector, data_dir: Path) -> list[Problem]:
    """YAML files the loader would skip without a word: a .yaml ending, an unknown name, a wrong folder."""
    out = []
    for path in sorted(data_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in (".yml", ".yaml"):
            continue
        parts = path.relative_to(data_dir).parts
        programmes, reports = c.rel(data_dir / "programmes"), c.rel(data_dir / "reports")
        if path.suffix != ".yml":
            message = c.say("file.extension", suffix=path.suffix)
            hint = c.say("file.extension.hint", stem=path.stem)
        elif len(parts) == 1 and parts[0] not in DATA_FILES:
            close = difflib.get_close_matches(path.stem, [Path(n).stem for n in DATA_FILES], n=1, cutoff=0.75)
            message = c.say("file.unknown_name", names=", ".join(DATA_FILES))
            hint = (
                c.say("file.unknown_name.close", name=close[0])
                if close
                else c.say("file.unknown_name.hint", programmes=programmes, reports=reports)
            )
        elif (len(parts) == 2 and parts[0] in ("programmes", "reports")) or len(parts) == 1:
            continue
        else:
            folder = DATA_FOLDERS.get(parts[0].lower())
            message = c.say("file.wrong_folder", folder="/".join(parts[:-1]))
            hint = (
                c.say("file.wrong_folder.move", target=c.rel(data_dir / folder))
                if folder
                else c.say("file.wrong_folder.hint", programmes=programmes, reports=reports)
            )
        out.append(Problem(c.rel(path), None, None, "", message, hint))
    return out


def _targets(c: _Collector, path: Path, read: bool, names: list) -> rules.Targets:
    """What references into ``path`` may name: nothing when it is absent, anything when it could not be read."""
    if not path.is_file():
        return rules.Targets(c.rel(path), frozenset())
    return rules.Targets(c.rel(path), frozenset(str(n) for n in names) if read else None)


def _slugs_of(folder: Path) -> list[str]:
    """Every programme or report a folder names, read or not: a file with errors still exists."""
    if not folder.is_dir():
        return []
    return [
        p.stem
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in (".yml", ".yaml") and SLUG_RE.match(p.stem)
    ]


def _official_numbers(profile: Any) -> frozenset[str]:
    """The BKM's public numbers from ``contact``, which may be repeated in any text."""
    contact = profile.get("contact") if isinstance(profile, dict) else None
    if not isinstance(contact, dict):
        return frozenset()
    return frozenset(
        privacy.phone_key(v) for v in contact.values() if isinstance(v, str) and any(ch.isdigit() for ch in v)
    )


def _check_content(
    docs_dir: Path, c: _Collector, site: SiteData | None, checks: Iterable[ContentCheck]
) -> list[Problem]:
    """Privacy and data-embedding checks over the editors' Markdown pages (the latter only once the data loaded)."""
    out: list[Problem] = []
    if not docs_dir.is_dir():
        return out
    for path in sorted(docs_dir.rglob("*.md")):
        rel = c.rel(path)
        text, problem = read_text(path, rel, c.language)
        if problem:
            out.append(problem)
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for message, hint, _ in privacy.findings(line, c.official_numbers, c.language):
                out.append(Problem(rel, number, None, "", message, hint))
        if site is not None:
            for check in checks:
                out += check(rel, text, site, c.language)
    return out
