"""Touches to a finished HTML page that keep it readable on a phone and by keyboard.

- A code block scrolls sideways, so it must take keyboard focus (``tabindex="0"``).
- A Rupiah amount, a phone number or the bank account is one thing to read and copy:
  it is kept on one line (``<span class="bkm-nowrap">``) wherever it appears, in the
  templates' figures as in an editor's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code\b)(?![^>]*\btabindex=)")
_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# Text inside these elements is left as it is: it is not body text, or spans are not allowed there.
_UNTOUCHED = {"head", "title", "script", "style", "pre", "code", "textarea", "svg", "option"}
# Rp 50.000.000, −Rp 1.200, Rp 1,2 M, Rp 850 rb, Rp 37,9 jt, Rp 1.3B, Rp 850K
_RUPIAH = r"[−-]?Rp\s?\d[\d.,]*(?:\s?(?:rb|jt|M|T|K|B)\b)?"
# +62 812-2000-0808, 0812 2000 0808, (022) 780 1234
_PHONE = r"(?:\+62|\(0\d{2,3}\)|\b0\d{2,3})[\d\s-]{6,}\d"
NOWRAP = '<span class="bkm-nowrap">'


def focusable_code(html: str) -> str:
    """Every ``<pre><code>`` block takes keyboard focus, so a reader can scroll it without a mouse."""
    return _CODE.sub(r'\1 tabindex="0"', html)


def keep_together(html: str, exact: Iterable[str | None] = ()) -> str:
    """Wrap amounts, phone numbers and the ``exact`` strings (account numbers) of the body's text in a no-wrap span."""
    words = sorted({w for w in exact if w}, key=len, reverse=True)
    pattern = re.compile("|".join([*(re.escape(w) for w in words), _RUPIAH, _PHONE]))
    parts = _TOKENS.split(html)
    untouched: list[str] = []
    in_body = "<body" not in html
    for i, part in enumerate(parts):
        if i % 2:  # a tag or comment
            tag = _TAG.match(part)
            if not tag:
                continue
            closing, name = tag.group(1), tag.group(2).lower()
            if name == "body" and not closing:
                in_body = True
            elif name in _UNTOUCHED and not part.endswith("/>"):
                if closing:
                    if name in untouched:
                        del untouched[len(untouched) - 1 - untouched[::-1].index(name) :]
                else:
                    untouched.append(name)
        elif in_body and not untouched and part.strip():
            parts[i] = pattern.sub(_wrap, part)
    return "".join(parts)


def _wrap(match: re.Match) -> str:
    text = match.group(0)
    trailing = len(text) - len(text.rstrip())
    core, rest = (text[:-trailing], text[-trailing:]) if trailing else (text, "")
    return f"{NOWRAP}{core}</span>{rest}"
