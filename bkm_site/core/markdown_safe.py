"""Markdown from data files, rendered without raw HTML or script links.

Editors' text in YAML is Markdown, but it is published to strangers: HTML in it
is shown as text, and links or images with ``javascript:``-like targets lose them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = re.compile(r"^(https?:|mailto:|tel:|#|/|\.|[^:]*$)", re.IGNORECASE)


def neutralise_html(text: str) -> str:
    """Make every ``<`` literal, so no tag in data becomes markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in list(root.iter()):
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not SAFE_SCHEMES.match(re.sub(r"[\s\x00-\x1f]", "", value)):
                    alt = element.get("alt", "")
                    element.attrib.clear()
                    element.tag = "span"
                    if alt and not element.text:
                        element.text = alt


class SafeLinksExtension(Extension):
    """Turns into plain text the links and images whose targets are not http(s), mailto, tel or relative."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeLinks(md), "bkm_safe_links", 0)
