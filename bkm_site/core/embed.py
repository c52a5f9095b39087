"""Data in editors' Markdown: a line of its own such as

    [[program: paving-rt03-rw05]]     the programme's card (photo, title, summary, progress)
    [[kemajuan: paving-rt03-rw05]]    its progress bars only (raised vs target, work done)
    [[angka-kunci]]                   the site's key-figures strip

(English aliases: ``programme``, ``progress``, ``key-figures``) becomes that piece
of the theme, in any page of ``content/``. Lines inside fenced code blocks are
left alone, so the syntax can be documented. Unknown names and slugs are build
errors naming the page and line (:func:`check_content`, run before the build).
"""

from __future__ import annotations

import difflib
import re
import secrets
from collections.abc import Iterator

from jinja2 import Environment

from .loading.problems import DEFAULT_LANGUAGE, Problem, say
from .models.site import SiteData

DIRECTIVE = re.compile(r"^ {0,3}\[\[\s*([A-Za-z-]+)\s*(?::\s*([^\]]*?)\s*)?\]\]\s*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
KINDS = {
    "program": "card",
    "programme": "card",
    "kemajuan": "progress",
    "progress": "progress",
    "angka-kunci": "figures",
    "key-figures": "figures",
}
PARTIALS = {
    "card": "bkm/partials/cards.html",
    "progress": "bkm/partials/progress.html",
    "figures": "bkm/partials/figures.html",
}


def directives(markdown: str) -> Iterator[tuple[int, str, str]]:
    """(line number, name, argument) of every directive line outside fenced code."""
    fence = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        if m := FENCE.match(line):
            marker = m.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None and (m := DIRECTIVE.match(line)):
            yield number, m.group(1), m.group(2) or ""


def check_content(rel_path: str, markdown: str, site: SiteData, language: str = DEFAULT_LANGUAGE) -> list[Problem]:
    """Every directive of an editor's page names a known kind and, where needed, an existing programme."""
    problems = []

    def problem(line: int, message: str, hint: str) -> None:
        problems.append(Problem(rel_path, line, None, "", message, hint, language))

    for line, name, slug in directives(markdown):
        kind = KINDS.get(name.lower())
        written = f"[[{name}{': ' + slug if slug else ''}]]"
        if kind is None:
            close = difflib.get_close_matches(name.lower(), KINDS, n=1)
            hint = (say(language, "embed.unknown.close", name=close[0]) + " " if close else "") + say(
                language, "embed.unknown.hint"
            )
            problem(line, say(language, "embed.unknown", written=written), hint)
        elif kind == "figures" and slug:
            problem(
                line, say(language, "embed.figures_slug", written=written), say(language, "embed.figures_slug.hint")
            )
        elif kind != "figures" and not slug:
            problem(line, say(language, "embed.no_slug", written=written), _slug_hint(name, slug, site, language))
        elif kind != "figures" and slug not in site.programmes:
            problem(
                line,
                say(language, "embed.unknown_slug", written=written, slug=slug),
                _slug_hint(name, slug, site, language),
            )
    return problems


def _slug_hint(name: str, slug: str, site: SiteData, language: str) -> str:
    close = difflib.get_close_matches(slug, site.programmes, n=1)
    if close:
        return say(language, "embed.slug_close.hint", name=name, close=close[0])
    example = next(iter(site.programmes), say(language, "embed.code_placeholder"))
    return say(language, "embed.slug.hint", name=name, example=example)


class Embeds:
    """Marks directives while MkDocs reads Markdown; fills them in once the theme's Jinja exists.

    MkDocs converts every page before the theme environment is ready, so the
    directive leaves an HTML comment with a per-build token (editors cannot forge
    it) that :meth:`render` replaces with the partial's HTML.
    """

    def __init__(self, site: SiteData):
        self.site = site
        self.token = secrets.token_hex(8)
        self.marker = re.compile(rf"<!-- bkm-embed {self.token} (\w+) ([a-z0-9-]*) -->")
        self.env: Environment | None = None

    def mark(self, markdown: str) -> str:
        """Directives become markers; a line that names nothing known (only possible in text
        from data files, which :func:`check_content` does not read) stays as written."""
        lines = markdown.splitlines()
        for number, name, slug in directives(markdown):
            kind = KINDS.get(name.lower())
            if kind is not None and (slug in self.site.programmes if kind != "figures" else not slug):
                lines[number - 1] = f"\n<!-- bkm-embed {self.token} {kind} {slug} -->\n"
        return "\n".join(lines) + "\n"

    def render(self, html: str, context: dict) -> str:
        env = self.env
        if env is None or self.token not in html:
            return html

        def fill(m: re.Match) -> str:
            kind, slug = m.groups()
            programme = self.site.programmes.get(slug)
            values = {**context, "p": programme, "programmes": [programme]}
            return env.get_template(PARTIALS[kind]).render(values)

        return self.marker.sub(fill, html)
