"""Photos published resized for the screen, never as the camera's megabytes.

A template asks for ``picture(path, alt)``; that returns ``<picture>`` markup
(WebP sources with a JPEG fallback, ``srcset``/``sizes``, width and height so
the layout does not jump, lazy loading) and registers the variants it names.
The variants are encoded after a successful build only, into a cache keyed by
the original's content and by what encodes it (the encoding code and settings,
Pillow's version), so an unchanged photo is never encoded twice.

Every variant is turned upright by its EXIF orientation (phone photos) and
carries no EXIF at all: a camera's GPS position would tell the world where a
beneficiary lives.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import PIL
from markupsafe import Markup, escape
from PIL import Image, ImageOps, UnidentifiedImageError

from .cache import publish

UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)
"""What Pillow raises for a file that is not a photo, is cut short, or is absurdly large."""

WIDTHS = (480, 960)
"""Phone (1x) and phone 2x / desktop content column, in pixels."""

DEFAULT_SIZES = "(min-width: 60em) 720px, 100vw"
FORMATS: dict[str, dict[str, Any]] = {
    "webp": {"format": "WEBP", "quality": 72, "method": 5},
    "jpg": {"format": "JPEG", "quality": 76, "optimize": True, "progressive": True},
}

SITE_DIR = "assets/bkm/photos"


@dataclass(frozen=True)
class Original:
    """A photo in ``docs_dir``: its content hash and its upright size."""

    path: Path
    digest: str
    width: int
    height: int

    @property
    def widths(self) -> list[int]:
        """The variant widths: never wider than the original."""
        return sorted({min(w, self.width) for w in WIDTHS})


@dataclass(frozen=True)
class Variant:
    original: Original
    width: int
    ext: str

    @property
    def height(self) -> int:
        return round(self.original.height * self.width / self.original.width)

    @property
    def name(self) -> str:
        stem = re.sub(r"[^a-z0-9]+", "-", self.original.path.stem.lower()).strip("-") or "foto"
        return f"{stem}-{self.original.digest[:12]}-{self.width}.{self.ext}"

    @property
    def url(self) -> str:
        """Site-relative; the content hash in the name lets browsers cache it forever."""
        return f"{SITE_DIR}/{self.name}"

    @property
    def cache_name(self) -> str:
        return f"{self.original.digest}-{encoding_key()}-{self.width}.{self.ext}"


class Photos:
    """One build's photos: what pages asked for, and how to write it."""

    def __init__(self, docs_dir: Path, cache_dir: Path):
        self.docs_dir = docs_dir
        self.cache_dir = cache_dir / "photos"
        self._originals: dict[str, Original] = {}
        self._variants: dict[str, dict[str, list[Variant]]] = {}
        self._markup: dict[tuple, Markup] = {}
        self.wanted: dict[str, Variant] = {}

    def original(self, rel_path: str) -> Original:
        if rel_path not in self._originals:
            path = self.docs_dir / PurePosixPath(rel_path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            with open_photo(path) as im:
                width, height = im.size
                if im.getexif().get(ORIENTATION_TAG, 1) in ROTATED:
                    width, height = height, width
            self._originals[rel_path] = Original(path, digest, width, height)
        return self._originals[rel_path]

    def variants(self, rel_path: str) -> dict[str, list[Variant]]:
        """Variants by extension, narrowest first; registered to be written after the build."""
        if rel_path not in self._variants:
            original = self.original(rel_path)
            found = {ext: [Variant(original, w, ext) for w in original.widths] for ext in FORMATS}
            for variants in found.values():
                self.wanted.update((v.url, v) for v in variants)
            self._variants[rel_path] = found
        return self._variants[rel_path]

    def picture(
        self,
        rel_path: str,
        alt: str,
        base_url: str = ".",
        sizes: str = DEFAULT_SIZES,
        css_class: str | None = None,
        eager: bool = False,
    ) -> Markup:
        key = (rel_path, alt, base_url, sizes, css_class, eager)
        if key not in self._markup:
            self._markup[key] = self._picture(rel_path, alt, base_url, sizes, css_class, eager)
        return self._markup[key]

    def _picture(
        self, rel_path: str, alt: str, base_url: str, sizes: str, css_class: str | None, eager: bool
    ) -> Markup:
        found = self.variants(rel_path)
        base = base_url.rstrip("/") + "/" if base_url else ""

        def srcset(ext: str) -> str:
            return ", ".join(f"{base}{v.url} {v.width}w" for v in found[ext])

        largest = found["jpg"][-1]
        loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
        css = f' class="{escape(css_class)}"' if css_class else ""
        return Markup(
            f'<picture{css}><source type="image/webp" srcset="{srcset("webp")}" sizes="{escape(sizes)}">'
            f'<img src="{base}{found["jpg"][0].url}" srcset="{srcset("jpg")}" sizes="{escape(sizes)}" '
            f'width="{largest.width}" height="{largest.height}" alt="{escape(alt)}" {loading} '
            'decoding="async"></picture>'
        )

    def missing(self, variants) -> dict[Original, list[Variant]]:
        """Variants not in the cache yet, by original: the work left to do."""
        todo: dict[Original, list[Variant]] = {}
        for v in variants:
            if not (self.cache_dir / v.cache_name).is_file():
                todo.setdefault(v.original, []).append(v)
        return todo

    def readable(self, rel_path: str) -> bool:
        """Whether the build can publish this photo: its header opens and its pixels decode.

        A photo whose variants are all cached decoded before, and is not decoded again.
        """
        try:
            for original in self.missing(self.all_variants(rel_path)):
                verify(original.path)
        except UNREADABLE:
            return False
        return True

    def all_variants(self, rel_path: str) -> list[Variant]:
        original = self.original(rel_path)
        return [Variant(original, w, ext) for ext in FORMATS for w in original.widths]

    def write(self, site_dir: Path, link: bool = False) -> None:
        """Encode what is still missing, then put every wanted variant into the site (see :func:`publish`)."""
        for original, variants in self.missing(self.wanted.values()).items():
            encode(original, variants, self.cache_dir)
        for v in self.wanted.values():
            target = site_dir / v.url
            target.parent.mkdir(parents=True, exist_ok=True)
            publish(self.cache_dir / v.cache_name, target, link)


def encode(original: Original, variants: list[Variant], cache_dir: Path) -> int:
    """Decode the original once, write each variant into the cache; returns how many were written."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    widest = max(v.width for v in variants)
    try:
        with open_photo(original.path) as im:
            # Let the JPEG decoder scale down by 2/4/8 first: a 12 MP photo decodes in a fraction of the time.
            im.draft("RGB", (widest, widest))
            upright = flatten(ImageOps.exif_transpose(im))
    except UNREADABLE:
        raise PhotoError(f"{original.path.parent.name}/{original.path.name}") from None
    resized_to: dict[int, Image.Image] = {upright.width: upright}  # each width once, for its WebP and its JPEG
    for v in variants:
        if v.width not in resized_to:
            resized_to[v.width] = upright.resize((v.width, v.height), Image.Resampling.LANCZOS)
        resized = resized_to[v.width]
        temporary = cache_dir / f".{v.cache_name}.{os.getpid()}.tmp"
        resized.save(temporary, **FORMATS[v.ext])  # no exif= argument: no metadata is written
        temporary.replace(cache_dir / v.cache_name)
    return len(variants)


@cache
def encoding_key() -> str:
    """What shapes a variant besides the original and its width: the encoding code and settings, and Pillow."""
    code = "".join(inspect.getsource(f) for f in (encode, flatten))
    payload = json.dumps({"formats": FORMATS, "code": code, "pillow": PIL.__version__}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def verify(path: Path) -> None:
    """Decode the whole photo at a small scale (cheap for JPEG): a truncated upload fails here."""
    with open_photo(path) as im:
        im.draft("RGB", (160, 160))
        im.load()


def open_photo(path: Path) -> Image.Image:
    """``Image.open``, and HEIC (HEIF, as iPhones save) opened like any other photo, already turned upright.

    HEIF support is loaded the first time a photo needs it: its library costs about 5 MB and 30 ms in every
    build and every photo worker, and most sites have no HEIC photo.
    """
    try:
        return Image.open(path)
    except UnidentifiedImageError:
        if HEIF_SUFFIX in Image.registered_extensions():
            raise
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return Image.open(path)


HEIF_SUFFIX = ".heic"
"""Among Pillow's registered extensions once HEIF support is loaded."""


class PhotoError(Exception):
    """A photo whose header reads but whose pixels do not (a truncated upload)."""


ORIENTATION_TAG = 0x0112
ROTATED = {5, 6, 7, 8}


def flatten(im: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and a clean copy holds no metadata."""
    if im.mode in ("RGBA", "LA", "P"):
        rgba = im.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, "white")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return im.convert("RGB")
