"""Pages ``mkdocs serve`` does not render again: a page whose every input is as at its last render gets that
render's HTML back.

MkDocs renders every page on every rebuild, which at a thousand campaigns is most of an edit's wait. A page's
inputs are what all pages share (the configuration file, the navigation, the files, the templates), the page
itself (address, metadata, Markdown and its HTML, its spec with the data it lays out, its social card) and what
its render read of the site data: ``bkm``, ``figures`` and the photos are watched while a page renders, and every
value read, call made and photo shown is compared on the next rebuild. Nothing is reused when another plugin or
hook takes part in building pages (it may read anything), for a page with an embed, or for a page that read
something that cannot be compared. Before that, a page's Markdown is not converted again while its text, its
address, the configuration file and every file's address are as at its last conversion (``Conversions``).
``mkdocs build`` never reuses: it converts and renders every page, as MkDocs does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import material
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.plugins import BasePlugin
from pydantic import BaseModel

from .core.pages.plain import plain, shown_names

PAGE_EVENTS = (
    "on_pre_page",
    "on_page_read_source",
    "on_page_markdown",
    "on_page_content",
    "on_page_context",
    "on_post_page",
    "on_env",
)
TEMPLATE = "bkm/reused.html"
"""Writes ``bkm_reused``, the page's last render, as it is."""
MATERIAL = Path(material.__file__ or "").resolve().parent


PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


class Unknown(Exception):
    """A value that cannot be compared with its next build's: the page that read it is rendered again."""


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class Fingerprints:
    """The digest of a value's content (fields and the figures our classes compute from them), for one build:
    each object is read once, however many pages show it."""

    def __init__(self) -> None:
        self.memo: dict[int, tuple[object, str]] = {}

    def __call__(self, value: Any) -> str:
        return self._ref(value) if _is_object(value) else _digest(self._data(value))

    def _ref(self, value: Any) -> str:
        hit = self.memo.get(id(value))
        if hit is None or hit[0] is not value:
            try:
                fields = [(n, self._data(getattr(value, n))) for n in shown_names(type(value))]
            except Unknown:
                raise
            except Exception as err:  # a computed figure that cannot be had: the value cannot be compared
                raise Unknown(type(value).__qualname__) from err
            text = repr((type(value).__qualname__, fields))  # plain data only: its repr is exact, and quicker
            hit = (value, hashlib.sha256(text.encode()).hexdigest())
            self.memo[id(value)] = hit  # the object is kept, so its id is not another's during the build
        return hit[1]

    def _data(self, value: Any) -> Any:
        """JSON data for ``value``, with each object in it by its digest."""
        kind = type(value)
        if kind in PLAIN_TYPES:
            return value
        if _is_object_type(kind):
            return {"#": self._ref(value)}
        if isinstance(value, (bool, int, float)):
            return value
        if isinstance(value, str):
            return str(value)
        if kind is dict or isinstance(value, Mapping):
            return ["map", [[self._data(k), self._data(v)] for k, v in value.items()]]
        if isinstance(value, (list, tuple)):
            return ["seq", [self._data(v) for v in value]]
        if isinstance(value, (set, frozenset)):
            return ["set", sorted((self._data(v) for v in value), key=repr)]
        try:
            return ["value", type(value).__qualname__, plain(value)]
        except TypeError as err:
            raise Unknown(type(value).__qualname__) from err


def _is_object(value: Any) -> bool:
    return _is_object_type(type(value))


def _is_object_type(kind: type) -> bool:
    found = _OBJECT_TYPES.get(kind)
    if found is None:
        found = _OBJECT_TYPES[kind] = issubclass(kind, BaseModel) or dataclasses.is_dataclass(kind)
    return found


_OBJECT_TYPES: dict[type, bool] = {}


@dataclass
class Reads:
    """What one page's render read: values by path from a root, calls with their results, photos shown."""

    values: dict[tuple, str] = field(default_factory=dict)
    calls: list[tuple[tuple, tuple, dict, str]] = field(default_factory=list)
    photos: dict[str, str] = field(default_factory=dict)
    unknown: bool = False


class Recorder:
    """The reads of the page being rendered; outside a page's render (404.html, an embed) nothing is recorded."""

    def __init__(self) -> None:
        self.reads: Reads | None = None
        self.fingerprints = Fingerprints()

    def value(self, path: tuple, value: Any) -> Any:
        """``value`` itself when it can be compared as a whole, else a :class:`Watched` that records deeper."""
        try:
            digest = self.fingerprints(value)
        except Unknown:
            return Watched(value, path, self)
        if self.reads is not None:
            self.reads.values[path] = digest
        return value


class Watched:
    """A template's view of site data that records, for :class:`Recorder`, each value it hands out."""

    __slots__ = ("_path", "_recorder", "_target")

    def __init__(self, target: Any, path: tuple, recorder: Recorder):
        self._target, self._path, self._recorder = target, path, recorder

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name.startswith("__"):
            return value
        return self._recorder.value((*self._path, ("attr", name)), value)

    def __getitem__(self, key: Any) -> Any:
        return self._recorder.value((*self._path, ("item", key)), self._target[key])

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self._target(*args, **kwargs)
        reads = self._recorder.reads
        if reads is not None:
            try:
                reads.calls.append((self._path, args, kwargs, self._recorder.fingerprints(result)))
            except Unknown:
                reads.unknown = True
        return result

    def _whole(self) -> Any:
        """Iterating, counting or testing the object reads all of it."""
        reads = self._recorder.reads
        if reads is not None:
            try:
                reads.values[self._path] = self._recorder.fingerprints(self._target)
            except Unknown:
                reads.unknown = True
        return self._target

    def __iter__(self):
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())

    def __contains__(self, item: Any) -> bool:
        return item in self._whole()


class Check:
    """The next build's side: does what a page read last time read the same now?"""

    def __init__(self, roots: dict[str, Any], photo: Callable[[str], Any], fingerprints: Fingerprints):
        self.roots, self.photo, self.fingerprints = roots, photo, fingerprints
        self.known: dict[Any, str | None] = {}

    def same(self, reads: Reads) -> bool:
        if reads.unknown:
            return False
        try:
            if any(self._value(path) != digest for path, digest in reads.values.items()):
                return False
            if any(self._call(path, args, kwargs) != digest for path, args, kwargs, digest in reads.calls):
                return False
            return all(self._photo(path) == digest for path, digest in reads.photos.items())
        except Exception:  # a path gone (a field renamed): render the page again
            return False

    def _resolve(self, path: tuple) -> Any:
        value = self.roots[path[0]]
        for kind, name in path[1:]:
            value = getattr(value, name) if kind == "attr" else value[name]
        return value

    def _memo(self, key: Any, compute: Callable[[], str]) -> str | None:
        if key not in self.known:
            try:
                self.known[key] = compute()
            except Unknown:
                self.known[key] = None
        return self.known[key]

    def _value(self, path: tuple) -> str | None:
        return self._memo(("value", path), lambda: self.fingerprints(self._resolve(path)))

    def _call(self, path: tuple, args: tuple, kwargs: dict) -> str | None:
        return self.fingerprints(self._resolve(path)(*args, **kwargs))

    def _photo(self, path: str) -> str | None:
        return self._memo(("photo", path), lambda: self.fingerprints(self.photo(path)))


def other_page_plugins(plugins: Mapping[str, Any], own: tuple[object, ...]) -> list[str]:
    """Plugins and hooks other than bkm-site's that take part in building pages."""
    found = []
    for name, plugin in plugins.items():
        if any(plugin is o for o in own):
            continue
        for event in PAGE_EVENTS:
            method = getattr(plugin, event, None)
            if callable(method) and getattr(method, "__func__", method) is not getattr(BasePlugin, event, None):
                found.append(name)
                break
    return found


def templates_key(dirs: list[str]) -> str:
    """The theme's templates: Material by its version (its files do not change while serving), every other folder
    (bkm-site's theme, a site's ``overrides/``) by the content of its files."""
    digest = hashlib.sha256(version("mkdocs-material").encode())
    for folder in dirs:
        root = Path(folder).resolve()
        if root == MATERIAL or MATERIAL in root.parents:
            continue
        digest.update(f"\0dir {root}".encode())
        for current, subdirs, names in os.walk(root):
            subdirs.sort()
            for name in sorted(names):
                path = Path(current, name)
                digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


@dataclass
class Rendered:
    key: str
    reads: Reads
    output: str


class PageReuse:
    """Kept by the plugin for the serve session: each page's last render, its key and its reads."""

    def __init__(self) -> None:
        self.pages: dict[str, Rendered] = {}
        self.pause()

    def forget(self) -> None:
        """A new serve session: nothing of an earlier one is written again."""
        self.pages.clear()
        self.pause()

    def pause(self) -> None:
        """Until this build's pages are chosen (a build with bad data never chooses): nothing reused or kept."""
        self.enabled = False
        self.keys: dict[str, str] = {}
        self.hits: dict[str, str] = {}
        self.reused = self.rendered = 0

    def start_build(self, enabled: bool, frame: str, roots: dict[str, Any], photo: Callable[[str], Any]) -> None:
        """A new build: ``frame`` is the key of what every page shares, ``roots`` the watched site data."""
        self.pause()
        self.enabled = enabled
        if not enabled:
            self.pages.clear()
        self.frame = frame
        self.recorder = Recorder()
        self.check = Check(roots, photo, self.recorder.fingerprints)

    def watch(self, name: str, value: Any) -> Any:
        return Watched(value, (name,), self.recorder) if self.enabled else value

    def watch_photos(self, picture: Callable, variants: Callable[[str], Any]) -> Callable:
        if not self.enabled:
            return picture
        recorder = self.recorder

        @pass_context
        def watched(context, path: str, *args, **kwargs):
            if recorder.reads is not None:
                try:
                    recorder.reads.photos[path] = recorder.fingerprints(variants(path))
                except Unknown:
                    recorder.reads.unknown = True
            return picture(context, path, *args, **kwargs)

        return watched

    def decide(self, src_uri: str, parts: list[Any]) -> bool:
        """Before the page's template is chosen: True when its last render can be written again."""
        if not self.enabled:
            return False
        try:
            key = _digest([self.frame, self.recorder.fingerprints(parts)])
        except Unknown:
            return False
        self.keys[src_uri] = key
        last = self.pages.get(src_uri)
        if last is not None and last.key == key and self.check.same(last.reads):
            self.hits[src_uri] = last.output
            return True
        return False

    def output(self, src_uri: str) -> Markup | None:
        found = self.hits.get(src_uri)
        return Markup(found) if found is not None else None

    def begin(self, src_uri: str) -> None:
        """The page's template is about to render: record what it reads."""
        self.recorder.reads = Reads() if src_uri in self.keys and src_uri not in self.hits else None

    def end(self, src_uri: str, output: str) -> None:
        """The page is done (after bkm-site's own touches to its HTML)."""
        reads, self.recorder.reads = self.recorder.reads, None
        if src_uri in self.hits:
            self.reused += 1
            return
        self.rendered += 1
        if reads is not None and not reads.unknown:
            self.pages[src_uri] = Rendered(self.keys[src_uri], reads, output)
        else:
            self.pages.pop(src_uri, None)


def nav_key(nav: Any) -> list:
    """Titles and addresses as Material draws them in every page's navigation (titles as rendered)."""

    def item(entry: Any) -> list:
        children = getattr(entry, "children", None) or []
        return [type(entry).__name__, entry.title, getattr(entry, "url", None), [item(c) for c in children]]

    return [item(entry) for entry in nav.items] if nav is not None else []


def _config_file_key(config: Any) -> str:
    return hashlib.sha256(Path(config.config_file_path).read_bytes()).hexdigest()


def _files_key(files: Any) -> list:
    return sorted([f.src_uri, f.dest_uri, f.url, str(f.inclusion)] for f in files)


def frame_key(config: Any, files: Any, nav: Any, options: Mapping[str, Any]) -> str:
    """What every page shares: the configuration file as written, the plugin's options, the site's address,
    every file's address, the navigation and the templates."""
    return _digest(
        [
            _config_file_key(config),
            plain(dict(options)),
            config.site_url,
            _files_key(files),
            nav_key(nav),
            templates_key(list(config.theme.dirs)),
        ]
    )


READS_OTHER_FILES = frozenset({"pymdownx.snippets", "pymdownx.b64"})
"""Markdown extensions whose HTML also depends on files the page does not name as its own."""
TEXT_ONLY_PACKAGES = ("markdown.extensions.", "pymdownx.", "material.extensions.", "bkm_site.")


def extension_names(extensions: list[Any]) -> list[str] | None:
    """The modules of the configured Markdown extensions, or None when one may read more than the page's text
    and the configuration (one of ``READS_OTHER_FILES``, or one from a package not known to read nothing else)."""
    names = []
    for extension in extensions:
        name = extension.split(":")[0] if isinstance(extension, str) else type(extension).__module__
        name = name if "." in name else f"markdown.extensions.{name}"
        if name in READS_OTHER_FILES or not name.startswith(TEXT_ONLY_PACKAGES):
            return None
        names.append(name)
    return names


def markdown_frame(config: Any, files: Any) -> str | None:
    """What every page's Markdown conversion shares: the configuration file, the extensions and every file's
    address (links are resolved against them); None when an extension may read other files."""
    names = extension_names(list(config.markdown_extensions))
    return None if names is None else _digest([_config_file_key(config), names, _files_key(files)])


class _Noticed(logging.Handler):
    """Whether anything was logged while one page's Markdown was converted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


@dataclass
class Conversion:
    key: str
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None
    """Links to anchors of other pages, by the ``src_uri`` of the page linked to."""


class Conversions:
    """Serve's Markdown conversions: a page whose Markdown, address and title in its metadata, and the frame every
    conversion shares, are as last time gets last time's HTML, table of contents, title and anchors back, while
    MkDocs converts an empty text. A conversion that logged anything is not kept, so its messages show on every
    rebuild, as they would."""

    LOGGERS = ("mkdocs", "")

    def __init__(self) -> None:
        self.kept: dict[str, Conversion] = {}
        self.now: dict[str, Conversion] = {}
        self.frame: str | None = None
        self.noticed = _Noticed()
        self.pending: dict[str, tuple[str, str, Conversion | None]] = {}

    def start(self, frame: str | None) -> None:
        """A new build's pages are about to be converted; ``frame`` None converts every page."""
        self.kept = self.now if frame is not None else {}
        self.now, self.pending, self.frame = {}, {}, frame
        self.reused = 0
        for name in self.LOGGERS:
            logger = logging.getLogger(name)
            if frame is None:
                logger.removeHandler(self.noticed)
            else:
                logger.addHandler(self.noticed)

    def stop(self) -> None:
        """Serve ended or a new session starts: nothing is kept, nothing logged to is watched."""
        self.start(None)
        self.now = {}

    def skip(self, page: Any, markdown: str) -> bool:
        """Just before MkDocs converts ``markdown``: True when the last conversion stands, and MkDocs is given an
        empty text instead."""
        if self.frame is None:
            return False
        src_uri = page.file.src_uri
        title = page.meta.get("title")
        key = _digest([self.frame, src_uri, page.url, markdown, None if title is None else str(title)])
        last = self.kept.get(src_uri)
        hit = last if last is not None and last.key == key else None
        self.pending[src_uri] = (key, markdown, hit)
        self.noticed.seen = False
        return hit is not None

    def converted(self, page: Any, content: str, files: Any) -> str:
        """Just after: the page gets its last conversion back, or this one is kept for the next rebuild."""
        pending = self.pending.pop(page.file.src_uri, None)
        if pending is None:
            return content
        key, markdown, last = pending
        if last is not None:
            page.markdown = markdown
            page.toc = last.toc
            if "title" not in page.meta:
                page.title = last.title
            page.present_anchor_ids = set(last.anchors) if last.anchors is not None else None
            if last.links is not None:
                by_uri = {uri: files.get_file_from_path(uri) for uri in last.links}
                page.links_to_anchors = {by_uri[uri]: dict(links) for uri, links in last.links.items()}
            self.now[page.file.src_uri] = last
            self.reused += 1
            return last.content
        if not self.noticed.seen:
            links = page.links_to_anchors
            self.now[page.file.src_uri] = Conversion(
                key,
                content,
                page.toc,
                page.title,
                set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None,
            )
        return content
