"""What only MkDocs' own build finds, found by ``bkm-site check`` too.

The data checks run in the plugin's ``on_config``; a broken link or a missing
picture in an editor's page, or a ``nav`` entry naming no page, only shows when
MkDocs renders the pages. So ``check`` runs the real ``--strict`` build with the
site's own configuration into a temporary folder (``site/`` is left alone) and
says each of MkDocs' warnings as a located problem in the site's language.
Photos are decoded, which is what can fail, but not encoded, and no social
card is drawn: that work is only for a site that gets published.
"""

from __future__ import annotations

import contextlib
import logging
import re
import tempfile
from pathlib import Path, PurePosixPath

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from .core.loading import Problem
from .core.loading.problems import say
from .plugin import BkmPlugin

LINK_MISSING = re.compile(
    r"^Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the target(?: '(?P<target>.+?)')? is not "
    r"found among documentation files\.(?: Did you mean '(?P<suggest>.+?)'\?)?$"
)
LINK_UNRECOGNIZED = re.compile(
    r"^Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<link>.+?)', it was left as is\."
    r"(?: Did you mean '(?P<suggest>.+?)'\?)?$"
)
ANCHOR_MISSING = re.compile(
    r"^Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but (?:there is no such anchor on this page|"
    r"the doc '(?P<doc>.+?)' does not contain an anchor '#(?P<anchor>.+?)')\."
)
NAV_MISSING = re.compile(
    r"^A reference to '(?P<target>.+?)' is included in the 'nav' configuration, which is not found in the "
    r"documentation files\.$"
)
PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".heic", ".heif", ".avif")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _warnings_of_mkdocs():
    """MkDocs' warnings and errors, kept instead of printed."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def strict_build_problems(config_file: Path, docs: Path, language: str) -> list[Problem]:
    """Build the site as ``mkdocs build --strict`` does, into a temporary folder; MkDocs' warnings as problems."""
    site_root = config_file.parent
    with tempfile.TemporaryDirectory(prefix="bkm-site-check-") as out, _warnings_of_mkdocs() as records:
        try:
            config = load_config(config_file=str(config_file), strict=True, site_dir=out)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                with contextlib.ExitStack() as checks:
                    for plugin in config.plugins.values():
                        if isinstance(plugin, BkmPlugin):
                            checks.enter_context(plugin.checks_only())
                    build(config)
            finally:
                config.plugins.on_shutdown()
        except (Abort, MkDocsException):
            pass  # strict mode stops after its warnings, which are in ``records``
        except Exception as err:  # the editor gets a plain problem, never a traceback
            records.append(logging.makeLogRecord({"msg": f"{type(err).__name__}: {err}", "levelno": logging.ERROR}))
    return [_problem(r, site_root, docs, language) for r in records]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _problem(record: logging.LogRecord, root: Path, docs: Path, language: str) -> Problem:
    text = record.getMessage().strip()
    folder = _rel(docs, root).rstrip("/") + "/"

    def at(file: Path, needle: str, message: str, hint: str) -> Problem:
        line, column = _find(file, needle)
        return Problem(_rel(file, root), line, column, "", message, hint, language)

    if m := LINK_MISSING.match(text) or LINK_UNRECOGNIZED.match(text):
        link = m["link"]
        target = m.groupdict().get("target") or str(PurePosixPath(m["page"]).parent / link).lstrip("./")
        picture = PurePosixPath(link.split("#")[0].split("?")[0]).suffix.lower() in PICTURES
        key = "mkdocs.picture_missing" if picture else "mkdocs.link_missing"
        hint = say(language, key + ".hint", docs=folder, target=target)
        if m["suggest"]:
            hint = say(language, "mkdocs.did_you_mean", link=m["suggest"]) + " " + hint
        return at(docs / m["page"], link, say(language, key, link=link, docs=folder), hint)
    if m := ANCHOR_MISSING.match(text):
        anchor = m["anchor"] or m["link"].split("#", 1)[-1]
        return at(
            docs / m["page"],
            m["link"],
            say(language, "mkdocs.anchor_missing", link=m["link"], anchor=anchor),
            say(language, "mkdocs.anchor_missing.hint"),
        )
    if m := NAV_MISSING.match(text):
        config = root / "mkdocs.yml"
        return at(
            config,
            m["target"],
            say(language, "mkdocs.nav_missing", target=m["target"], docs=folder),
            say(language, "mkdocs.nav_missing.hint", target=m["target"], docs=folder),
        )
    return Problem(
        "mkdocs.yml", None, None, "", say(language, "mkdocs.other", text=text), say(language, "mkdocs.other.hint")
    )


def _find(file: Path, needle: str) -> tuple[int | None, int | None]:
    """Line and character where ``needle`` is first written in ``file`` (a link in Markdown, a nav entry)."""
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None, None
    for pattern in (f"({needle}", f"<{needle}>", f": {needle}", needle):
        for number, line in enumerate(lines, start=1):
            if (i := line.find(pattern)) >= 0:
                return number, i + (len(pattern) - len(needle)) + 1
    return None, None
