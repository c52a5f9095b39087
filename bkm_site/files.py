"""Turn the core's page specs and open-data files into MkDocs files, merging editors' pages at the same address."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from .core.admin import ADMIN_DIR, admin_assets, admin_config, admin_config_yaml, admin_index_html, github_repo
from .core.exports import export_files
from .core.models.site import SiteData
from .core.pages.spec import PageSpec
from .core.strings import Strings

EMPTY_FRONT_MATTER = "---\n{}\n---\n\n"
"""Generated pages get their metadata straight from the plugin (``page_meta``), not through a YAML text that
MkDocs parses back; an empty front matter still stops MkDocs from reading a first line such as ``Catatan: …`` as
MultiMarkdown metadata."""


def add_pages(
    specs: list[PageSpec], files: Files, config: MkDocsConfig
) -> tuple[dict[str, PageSpec], dict[str, dict[str, Any]]]:
    """Add each spec as a generated page; an editor's page there adds its text (and front matter) to it.

    Returns the specs and each page's metadata by ``src_uri``, for ``page.meta``.
    """
    by_uri: dict[str, PageSpec] = {}
    metas: dict[str, dict[str, Any]] = {}
    for spec in specs:
        editor_text: str = ""
        editor_meta: dict[str, Any] = {}
        existing = files.get_file_from_path(spec.src_uri)
        if existing is not None:
            editor_text, editor_meta = get_data(existing.content_string)
            files.remove(existing)
        generated = File.generated(
            config,
            spec.src_uri,
            content=EMPTY_FRONT_MATTER + spec.text(editor_text),
            inclusion=InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        files.append(generated)
        by_uri[spec.src_uri] = spec
        metas[spec.src_uri] = spec.front_matter(editor_meta)
    return by_uri, metas


def page_meta(metas: dict[str, dict[str, Any]], src_uri: str) -> dict[str, Any] | None:
    """A generated page's metadata, a copy the page may change like any page's ``meta``."""
    meta = metas.get(src_uri)
    return copy.deepcopy(meta) if meta is not None else None


def add_exports(site: SiteData, files: Files, config: MkDocsConfig) -> None:
    """Add the open-data files as generated files, replacing any file at the same address.

    Addresses inside the data (a transaction's row on its report page) follow the site's URL style and
    start with ``site_url`` when the site has one.
    """
    base = config.site_url or ""

    def url_of(src_uri: str) -> str:
        url = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls).url
        return urljoin(base, url) if base else url

    for src_uri, content in export_files(site, url_of).items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content))


def add_admin(files: Files, config: MkDocsConfig, t: Strings, language: str) -> None:
    """admin/: the editor's page, its configuration generated from the models, and the vendored Sveltia CMS.

    Plain files, not pages: MkDocs leaves them out of the navigation, the search index and the sitemap.
    """
    repo = github_repo(config.repo_url, os.environ)
    generated = {
        f"{ADMIN_DIR}/index.html": admin_index_html(
            t, language, configured=repo is not None, favicon=config.theme.get("favicon") or "assets/images/favicon.png"
        )
    }
    if repo is not None:
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir)
        docs_dir = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.name
        generated[f"{ADMIN_DIR}/config.yml"] = admin_config_yaml(
            admin_config(t, language, repo, docs_dir, config.site_url)
        )
    for src_uri, content in generated.items():
        _replace(files, File.generated(config, src_uri, content=content))
    if repo is not None:
        for name, path in admin_assets().items():
            _replace(files, File.generated(config, f"{ADMIN_DIR}/{name}", abs_src_path=str(path)))


def _replace(files: Files, file: File) -> None:
    if (existing := files.get_file_from_path(file.src_uri)) is not None:
        files.remove(existing)
    files.append(file)
