"""Report rows that carry their line's anchor: ``<tr id="pemasukan-3">``.

A Markdown table cannot give a row an ``id``. The report body writes each line's
date as a link to its own anchor (``[12 Feb 2024](#pemasukan-3)``: a permalink a
reader can copy), and this tree processor gives that row the ``id``, so links from
programme pages and the open data land on the row. It runs before MkDocs collects
a page's anchors, so ``--strict`` knows them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..ledger import ANCHOR_PREFIX

ROW_LINK = re.compile(r"^#((?:" + "|".join(ANCHOR_PREFIX.values()) + r")-\d+)$")


class _RowAnchors(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for row in root.iter("tr"):
            cell = row.find("td")
            link = cell.find("a") if cell is not None else None
            match = ROW_LINK.match(link.get("href", "")) if link is not None else None
            if match and "id" not in row.attrib:
                row.set("id", match[1])


class RowAnchorsExtension(Extension):
    """Gives a table row the ``id`` its first cell links to, for report line anchors."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_RowAnchors(md), "bkm_row_anchors", 10)
