"""Keep camera originals out of the published site when only their variants are shown.

MkDocs copies every file of ``docs_dir`` into the site. A photo that the data
names (a cover, a 0-50-100 % record, a story) is shown through its resized
variants, so its original is left out, unless an editor's page names the file
itself (a link to download the full photo): then it stays.
"""

from __future__ import annotations

import re

from mkdocs.structure.files import Files

from ..core.models.site import SiteData


def data_photos(site: SiteData) -> set[str]:
    """Paths (relative to docs_dir) of every photo the data shows."""
    photos: set[str] = set()
    for p in site.programmes.values():
        photos.update(doc.photo for doc in p.documentation)
        if p.cover:
            photos.add(p.cover)
    if site.achievements:
        photos.update(story.photo for story in site.achievements.stories if story.photo)
    return photos


def unpublish_originals(files: Files, photos: set[str]) -> list[str]:
    """Remove the photos' originals from ``files`` unless a page names them; returns what was removed."""
    if not photos:
        return []
    names = re.compile("|".join(re.escape(tail(p)) for p in sorted(photos)))
    named: set[str] = set()
    for file in files.documentation_pages():
        named.update(names.findall(file.content_string))
    removed = []
    for path in sorted(photos):
        photo = files.get_file_from_path(path)
        if photo is not None and tail(path) not in named:
            files.remove(photo)
            removed.append(path)
    return removed


def tail(path: str) -> str:
    """Folder and file name (``paving/cover.jpg``): how any relative link to the photo ends."""
    return "/".join(path.split("/")[-2:])
