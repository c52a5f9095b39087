"""What a generated page is, before MkDocs sees it."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..markdown_safe import neutralise_html
from .plain import plain

MARKDOWN_PUNCTUATION = set("\\`*_{}[]()#+!|>")


@dataclass
class PageSpec:
    """One page the plugin adds: searchable Markdown plus the data its template lays out.

    ``title`` and ``description`` are plain text, escaped here and only here.
    ``body`` is Markdown (titles, summaries, descriptions, updates: what search
    should find); ``context`` is what the ``template`` needs besides the global
    site data, available there as ``item``.
    """

    src_uri: str
    title: str
    template: str
    body: str = ""
    description: str = ""
    in_nav: bool = True
    image: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    """More front matter (e.g. Material's ``hide``); the editor's own front matter wins."""
    context: dict[str, Any] = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)
    """Search filters of the page (name -> value), both in the site's language."""

    def markdown(self, editor_text: str = "", editor_meta: dict | None = None, with_context: bool = False) -> str:
        """The page's source: front matter, generated body, then the editor's own text.

        ``with_context`` adds the template's data as plain data (``context``), for
        builders that do not run the plugin (``bkm-site generate``).
        """
        front = yaml.safe_dump(
            self.front_matter(editor_meta, with_context), allow_unicode=True, sort_keys=False, width=1000
        )
        return f"---\n{front}---\n\n" + self.text(editor_text)

    def front_matter(self, editor_meta: dict | None = None, with_context: bool = False) -> dict[str, Any]:
        """The page's metadata, as a builder reads it from front matter."""
        meta = {"title": html_text(self.title), "description": html_text(self.description, quote=True)}
        meta = {**meta, **self.meta, **(editor_meta or {}), "template": self.template}
        if with_context:
            meta["context"] = plain(self.context)
        return {k: v for k, v in meta.items() if v}

    def text(self, editor_text: str = "") -> str:
        """The page's Markdown without front matter: generated body, then the editor's own text."""
        parts = [self.body.strip(), editor_text.strip()]
        return "\n\n".join(p for p in parts if p) + "\n"


def html_text(value: str | None, quote: bool = False) -> str:
    """Front-matter text: Material writes title and description into HTML unescaped."""
    return html.escape(" ".join((value or "").split()), quote=quote)


def text(value: str | None) -> str:
    """Plain text from data, safe to put into generated Markdown."""
    return neutralise_html(value or "").replace("\n", " ")


def escape_markdown(value: str | None) -> str:
    """Plain text whose Markdown punctuation should show as typed (titles, names)."""
    return "".join("\\" + ch if ch in MARKDOWN_PUNCTUATION else ch for ch in text(value))
