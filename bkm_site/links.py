"""Links from templates to generated pages, right for either URL style.

Templates know pages by their ``src_uri`` (``program/<slug>.md``); ``page_href``
turns that into the page's site URL as MkDocs computes it, and the template's
``| url`` filter makes it relative to the page being rendered.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


def page_href(config: MkDocsConfig) -> Callable[[str], str]:
    """``href("program/x.md")`` → ``program/x/`` (or ``program/x.html``); ``#anchor`` suffixes are kept."""

    def href(src_uri: str) -> str:
        path, _, anchor = src_uri.partition("#")
        url = File(path, None, "", config.use_directory_urls).url
        return f"{url}#{anchor}" if anchor else url

    return href
