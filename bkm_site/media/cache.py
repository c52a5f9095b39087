"""Putting a cached photo or card into the site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def publish(cached: Path, target: Path, link: bool = False) -> None:
    """Copy a cache entry into the site, or with ``link`` make it a hard link where the file system allows one.

    A link is for ``mkdocs serve``'s own temporary site, which nothing but MkDocs writes to: a tool that changed a
    file of ``site/`` in place after ``mkdocs build`` would change the cache entry too. The old target is removed
    first, so a copy never goes into an entry an earlier build linked.
    """
    target.unlink(missing_ok=True)
    if link:
        try:
            os.link(cached, target)
            return
        except OSError:  # another file system (a /tmp on tmpfs), or one without hard links
            pass
    shutil.copyfile(cached, target)
