"""Putting a cached photo or card into the site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def publish(cached: Path, target: Path) -> None:
    """Put a cache entry into the site as a hard link where the file system allows one, else as a copy.

    Cache entries are never changed in place (a new entry replaces the old file), so the site's link keeps
    the bytes it was made with. A rebuild then writes no image data: at 1,000 campaigns the cards alone are
    some 80 MB, copied on every ``mkdocs serve`` rebuild before.
    """
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:  # another file system (a /tmp on tmpfs), or one without hard links
        shutil.copyfile(cached, target)
