"""A navigation for sites whose ``mkdocs.yml`` has none: generated pages first."""

from __future__ import annotations

from mkdocs.structure.files import Files

from .core.pages.spec import PageSpec


def default_nav(pages: dict[str, PageSpec], files: Files) -> list:
    nav: list = [{spec.title: uri} for uri, spec in pages.items() if spec.in_nav]
    generated = set(pages)
    for file in files.documentation_pages():
        if file.src_uri not in generated and file.inclusion.is_in_nav():
            nav.append(file.src_uri)
    return nav
