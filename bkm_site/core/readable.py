"""Touches to a finished HTML page that keep it readable on a phone and by keyboard.

- A code block scrolls sideways, so it must take keyboard focus (``tabindex="0"``).
- A Rupiah amount, a phone number or the bank account is one thing to read and copy:
  it is kept on one line (``<span class="bkm-nowrap">``) wherever it appears, in the
  templates' figures as in an editor's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code\b)(?![^>]*\btabindex=)")
# Text inside these elements is left as it is: it is not body text, or spans are not allowed there.
_UNTOUCHED = {"head", "title", "script", "style", "pre", "code", "textarea", "svg", "option"}
# Rp 50.000.000, −Rp 1.200, Rp 1,2 M, Rp 850 rb, Rp 37,9 jt, Rp 1.3B, Rp 850K
_RUPIAH = r"[−-]?Rp\s?\d[\d.,]*(?:\s?(?:rb|jt|M|T|K|B)\b)?"
# +62 812-2000-0808, 0812 2000 0808, (022) 780 1234
_PHONE = r"(?:\+62|\(0\d{2,3}\)|\b0\d{2,3})[\d\s-]{6,}\d"
NOWRAP = '<span class="bkm-nowrap">'
_UNTOUCHED_TAGS = re.compile(
    r"<!--.*?-->|<(/?)(" + "|".join(sorted({*_UNTOUCHED, "body"})) + r")(?![a-zA-Z0-9-])[^>]*>",
    re.DOTALL | re.IGNORECASE,
)


def focusable_code(html: str) -> str:
    """Every ``<pre><code>`` block takes keyboard focus, so a reader can scroll it without a mouse."""
    return _CODE.sub(r'\1 tabindex="0"', html)


def keep_together(html: str, exact: Iterable[str | None] = ()) -> str:
    """Wrap amounts, phone numbers and the ``exact`` strings (account numbers) of the body's text in a no-wrap span.

    Only the text outside the untouched elements is searched, in a few long stretches rather than tag by tag (a
    page has thousands of tags and a few dozen amounts); a hit inside a tag (an attribute) is left alone.
    """
    pattern = _pattern(tuple(sorted({w for w in exact if w}, key=len, reverse=True)))
    out: list[str] = []
    done = 0
    for start, end in _touchable(html):
        for m in pattern.finditer(html, start, end):
            if html.rfind("<", 0, m.start()) > html.rfind(">", 0, m.start()):
                continue  # inside a tag
            out += (html[done : m.start()], _wrap(m))
            done = m.end()
    out.append(html[done:])
    return "".join(out)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """The look-ahead names the characters a hit can start with, so the search skips the others fast."""
    first = "".join(sorted({re.escape(w[0]) for w in words} | {"−", "\\-", "R", "+", "(", "0-9"}))
    return re.compile(f"(?=[{first}])(?:" + "|".join([*(re.escape(w) for w in words), _RUPIAH, _PHONE]) + ")")


def _touchable(html: str) -> list[tuple[int, int]]:
    stretches, done = [], 0
    for start, end in _untouched(html):
        if start > done:
            stretches.append((done, start))
        done = max(done, end)
    stretches.append((done, len(html)))
    return stretches


def _untouched(html: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans whose text stays as it is: comments, before ``<body>`` (when the page has one),
    and the inside of the elements in ``_UNTOUCHED`` (nested or not; a self-closing one has no inside)."""
    spans: list[tuple[int, int]] = []
    in_body = "<body" not in html
    open_names: list[str] = []
    opened_at = 0
    for tag in _UNTOUCHED_TAGS.finditer(html):
        if tag.group(2) is None:
            spans.append(tag.span())  # a comment
            continue
        closing, name = tag.group(1), tag.group(2).lower()
        if name == "body":
            if not closing and not in_body:
                in_body = True
                spans.append((0, tag.start()))
        elif not tag.group(0).endswith("/>"):
            if closing:
                if name in open_names:
                    del open_names[len(open_names) - 1 - open_names[::-1].index(name) :]
                    if not open_names:
                        spans.append((opened_at, tag.start()))
            else:
                if not open_names:
                    opened_at = tag.end()
                open_names.append(name)
    if not in_body:
        return [(0, len(html))]
    if open_names:
        spans.append((opened_at, len(html)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _wrap(match: re.Match) -> str:
    text = match.group(0)
    trailing = len(text) - len(text.rstrip())
    core, rest = (text[:-trailing], text[-trailing:]) if trailing else (text, "")
    return f"{NOWRAP}{core}</span>{rest}"
