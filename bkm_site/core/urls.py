"""Where every generated page and open-data file lives: the one place that knows their addresses.

Addresses are source paths (``src_uri``, relative to ``docs_dir``): page builders,
social cards, open data and templates (as ``urls``) all take them from here; the
site URL of each comes from the builder (``page_href`` in templates).
"""

from __future__ import annotations

HOME = "index.md"
PROGRAMMES_DIR = "program"
PROGRAMMES = f"{PROGRAMMES_DIR}/index.md"
HELP = "cara-membantu/index.md"
ACHIEVEMENTS = "capaian/index.md"
REPORTS_DIR = "transparansi"
REPORTS = f"{REPORTS_DIR}/index.md"
PARTNERS = "mitra/index.md"
PLAN = "pjm/index.md"
CONTACT = "pengaduan/index.md"
EXPORT_DIR = "data-terbuka"
"""The open-data files (``exports``) and their catalogue page."""
OPENDATA = f"{EXPORT_DIR}/index.md"


def programme(slug: str) -> str:
    return f"{PROGRAMMES_DIR}/{slug}.md"


def report(slug: str) -> str:
    return f"{REPORTS_DIR}/{slug}.md"
