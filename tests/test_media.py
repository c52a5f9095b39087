"""Photos resized for phones, social preview cards, and what never gets published."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import (
    MINIMAL_BKM,
    REPO,
    demo_programmes,
    demo_reports,
    demo_site_url,
    html,
    load_yaml,
    minimal_programme,
    minimal_report,
)
from PIL import Image

PHONE_KB = 150
CAMERA_PHOTO = "images/mck-komunal-rw02/cover.jpg"  # the demo's 4000×3000 camera original
CAMERA_PROGRAMME = "mck-komunal-rw02"


def srcset_urls(srcset: str) -> dict[int, str]:
    """{width: url} of a srcset attribute."""
    return {int(w[:-1]): url for url, w in (c.split() for c in srcset.split(","))}


def site_file(site: Path, page_dir: Path, url: str) -> Path:
    return (page_dir / url).resolve() if not url.startswith("/") else site / url.lstrip("/")


def jpeg(size=(1200, 900), colour=(200, 120, 60), exif: Image.Exif | None = None, upright=None) -> bytes:
    im = upright or Image.new("RGB", size, colour)
    out = io.BytesIO()
    im.save(out, format="JPEG", quality=90, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


# --- the demo -------------------------------------------------------------------


def test_demo_camera_photo_is_published_small_with_srcset(demo_site):
    with Image.open(REPO / "content" / CAMERA_PHOTO) as original:
        assert original.size == (4000, 3000)
    page_dir = demo_site / "program" / CAMERA_PROGRAMME
    covers = [p for p in html(page_dir).select("picture") if re.search(r"/cover-[0-9a-f]{12}-", str(p))]
    assert covers, "the campaign page shows its cover through <picture>"
    picture = covers[0]
    img, webp = picture.find("img"), picture.find("source", type="image/webp")
    assert img.get("loading") == "lazy" or img.get("fetchpriority") == "high"
    assert img.get("sizes") and webp.get("sizes")
    assert int(img["width"]) * 3 == int(img["height"]) * 4  # the original's 4:3
    for srcset in (img["srcset"], webp["srcset"]):
        urls = srcset_urls(srcset)
        assert min(urls) <= 480, "a phone-width variant"
        for width, url in urls.items():
            file = site_file(demo_site, page_dir, url)
            with Image.open(file) as variant:
                assert variant.width == width
            assert file.stat().st_size <= PHONE_KB * 1024, f"{url} weighs {file.stat().st_size // 1024} KB"
    assert not (demo_site / CAMERA_PHOTO).exists(), "the 4 MB original is not published"


def test_every_local_image_a_page_names_exists(demo_site):
    missing = []
    for page in demo_site.rglob("*.html"):
        soup = html(page)
        for tag in soup.select("img[src], img[srcset], source[srcset]"):
            urls = [tag.get("src"), *list(srcset_urls(tag["srcset"]).values() if tag.get("srcset") else [])]
            for url in filter(None, urls):
                if re.match(r"^(https?:|data:)", url):
                    continue
                if not site_file(demo_site, page.parent, url.split("#")[0]).is_file():
                    missing.append(f"{page.relative_to(demo_site)}: {url}")
    assert not missing, missing[:10]


def test_demo_cards_exist_at_1200_by_630_and_are_the_og_image(demo_site):
    programmes, reports = demo_programmes(), demo_reports()
    site_url = demo_site_url()
    pages = [(f"program/{s}", f"program-{s}.jpg") for s in programmes] + [
        (f"transparansi/{s}", f"laporan-{s}.jpg") for s in reports
    ]
    for page, card in pages:
        file = demo_site / "assets/bkm/cards" / card
        with Image.open(file) as im:
            assert im.size == (1200, 630)
        meta = html(demo_site / page).find("meta", property="og:image")
        assert meta is not None and meta["content"] == f"{site_url}assets/bkm/cards/{card}", page


# --- photos, on their own ------------------------------------------------------------


def test_variants_are_upright_and_carry_no_exif(tmp_path):
    """A phone stores pixels sideways plus an orientation tag, and often GPS: the page gets neither."""
    from bkm_site.media.photos import Photos

    upright = Image.new("RGB", (600, 1200), "blue")
    upright.paste(Image.new("RGB", (600, 300), "red"), (0, 0))  # red at the top when seen upright
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    exif[0x8825] = {1: "S", 2: (6.0, 54.0, 0.0), 3: "E", 4: (107.0, 36.0, 0.0)}  # GPS IFD: a home's position
    exif[0x010F] = "PhoneMaker"
    docs = tmp_path / "content"
    (docs / "images").mkdir(parents=True)
    (docs / "images/rumah.jpg").write_bytes(jpeg(exif=exif, upright=upright.transpose(Image.Transpose.ROTATE_90)))

    photos = Photos(docs, tmp_path / "cache")
    markup = photos.picture("images/rumah.jpg", "Rumah Bu Yati")
    photos.write(tmp_path / "site")
    assert 'width="600" height="1200"' in markup
    written = sorted((tmp_path / "site").rglob("*.*"))
    assert {p.suffix for p in written} == {".webp", ".jpg"}
    for file in written:
        data = file.read_bytes()
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"GPS" not in data
        with Image.open(file) as im:
            assert not im.getexif()
            assert im.height > im.width
            top, bottom = (
                im.convert("RGB").getpixel((im.width // 2, 5)),
                im.convert("RGB").getpixel((im.width // 2, im.height - 5)),
            )
            assert top[0] > 200 and top[2] < 60, f"{file.name}: red is on top"
            assert bottom[2] > 200 and bottom[0] < 60


def test_small_photo_is_not_enlarged(tmp_path):
    from bkm_site.media.photos import Photos

    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "kecil.jpg").write_bytes(jpeg(size=(300, 200)))
    markup = Photos(docs, tmp_path / "cache").picture("kecil.jpg", "")
    assert re.findall(r"(\d+)w", markup) == ["300", "300"]
    assert 'width="300" height="200"' in markup


# --- builds ------------------------------------------------------------------------


def photo_site(make_site, received=9_800_000, content=None, mkdocs=None):
    programme = minimal_programme(
        cover="images/jalan/cover.jpg",
        documentation=[{"stage": 0, "photo": "images/jalan/0.jpg", "caption": "Kondisi awal"}],
    )
    programme["funding"][1]["received"] = received
    return make_site(
        programmes={"jalan-rt03": programme},
        reports={"2025": minimal_report()},
        content={"images/jalan/cover.jpg": jpeg(), "images/jalan/0.jpg": jpeg(colour=(40, 90, 160)), **(content or {})},
        mkdocs=mkdocs,
    )


def cache_files(site) -> dict[str, float]:
    return {
        str(p.relative_to(site.path)): p.stat().st_mtime_ns for p in (site.path / ".cache").rglob("*") if p.is_file()
    }


def test_second_build_reuses_the_cache_and_a_changed_figure_redraws_only_its_card(make_site):
    site = photo_site(make_site)
    site.build_inprocess()
    first = cache_files(site)
    assert any(name.endswith(".webp") for name in first) and any("/cards/" in name for name in first)

    site.build_inprocess()
    assert cache_files(site) == first, "nothing was encoded or drawn again"

    programme = site.path / "data/programmes/jalan-rt03.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("9800000", "12500000"), encoding="utf-8")
    site.build_inprocess()
    changed = {name for name, mtime in cache_files(site).items() if first.get(name) != mtime}
    assert len(changed) == 2 and all("/cards/" in name for name in changed), (
        changed
    )  # the programme's and the site's card


def published_media(site_dir: Path) -> list[Path]:
    return [p for p in site_dir.rglob("*") if p.suffix in (".webp", ".jpg") and p.parent.name != "images"]


def test_serve_links_cached_photos_and_cards_into_its_site_and_a_build_copies_them(make_site):
    """A serve rebuild writes no image data; ``site/`` of ``mkdocs build`` shares nothing with the cache, so a tool
    that changes its files in place cannot change a cache entry."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = photo_site(make_site)
    built = site.build_inprocess()
    cached = [p for p in (site.path / ".cache").rglob("*") if p.is_file()]
    published = published_media(built)
    assert any("/cards/" in p.as_posix() for p in published) and any(p.suffix == ".webp" for p in published)
    assert not [p for p in published if any(os.path.samefile(p, c) for c in cached)], "a build copies"

    served = site.path / "served"
    config = load_config(config_file=str(site.config_file), site_dir=str(served))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    links = published_media(served)
    assert sorted(p.relative_to(served) for p in links) == sorted(p.relative_to(built) for p in published)
    for path in links:
        assert any(os.path.samefile(path, c) for c in cached), f"{path} is a copy"
        assert path.read_bytes() == (built / path.relative_to(served)).read_bytes()


def test_where_no_link_can_be_made_a_copy_replaces_the_old_link_and_leaves_the_cache_alone(tmp_path, monkeypatch):
    from bkm_site.media import cache

    old, new, target = tmp_path / "old.jpg", tmp_path / "new.jpg", tmp_path / "site" / "card.jpg"
    old.write_bytes(b"old card")
    new.write_bytes(b"new card")
    target.parent.mkdir()
    cache.publish(old, target, link=True)
    assert os.path.samefile(target, old)

    def cross_device(source, link):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(cache.os, "link", cross_device)
    cache.publish(new, target, link=True)
    assert target.read_bytes() == b"new card" and not os.path.samefile(target, new)
    assert old.read_bytes() == b"old card", "the copy went into the old cache entry"


def test_a_card_is_drawn_again_when_its_drawing_code_or_font_changes(tmp_path, monkeypatch):
    """The card cache key covers the drawing constants and the fonts, not only the text on the card."""
    from bkm_site.media import cards

    card = cards.Card(name="BKM", title="Jalan", figure="Rp 1", detail="10%", motto="Kita Bisa", share=0.1)
    before = card.file_name
    source = Path(cards.__file__).read_text(encoding="utf-8")
    assert "MARGIN = 72" in source
    changed = tmp_path / "cards.py"
    changed.write_text(source.replace("MARGIN = 72", "MARGIN = 80"), encoding="utf-8")
    monkeypatch.setattr(cards, "__file__", str(changed))
    cards.drawing_key.cache_clear()
    moved = card.file_name
    monkeypatch.setattr(cards, "REGULAR", cards.BOLD)
    cards.drawing_key.cache_clear()
    other_font = card.file_name
    monkeypatch.undo()
    cards.drawing_key.cache_clear()
    assert len({before, moved, other_font}) == 3
    assert card.file_name == before


def test_a_photo_is_encoded_again_when_its_encoding_settings_change(tmp_path, monkeypatch):
    from bkm_site.media import photos

    original = photos.Original(tmp_path / "a.jpg", "0" * 64, 1200, 800)
    variant = photos.Variant(original, 480, "webp")
    before = variant.cache_name
    monkeypatch.setitem(photos.FORMATS, "webp", {**photos.FORMATS["webp"], "quality": 60})
    photos.encoding_key.cache_clear()
    changed = variant.cache_name
    monkeypatch.undo()
    photos.encoding_key.cache_clear()
    assert changed != before and variant.cache_name == before


def test_campaign_card_shows_the_figures_from_the_data(make_site):
    from bkm_site.core.formatting import Formatter
    from bkm_site.core.loading import load_site
    from bkm_site.core.strings import catalogue
    from bkm_site.media.cards import site_cards

    site = photo_site(make_site)
    data = load_yaml(site.path / "data/programmes/jalan-rt03.yml")
    raised = sum(line["received"] for line in data["funding"])
    target = sum(line["planned"] for line in data["funding"])
    loaded = load_site(site.path / "data", site.path / "content", site.path)
    card = site_cards(loaded, catalogue("id"), Formatter("id"))["program-jalan-rt03.jpg"]
    assert card.figure == f"Rp {raised:,} diterima dari target Rp {target:,}".replace(",", ".")
    assert card.share == pytest.approx(raised / target)
    assert card.title == data["title"] and card.name == MINIMAL_BKM["name"]


def test_originals_are_published_only_when_a_page_links_them(make_site):
    site = photo_site(make_site, content={"unduh.md": "# Unduh\n\n[Foto asli](images/jalan/0.jpg)\n"})
    out = site.build_inprocess()
    assert (out / "images/jalan/0.jpg").is_file(), "linked by an editor's page: kept"
    assert not (out / "images/jalan/cover.jpg").exists(), "shown only through its variants: left out"


@pytest.mark.parametrize("broken", [b"bukan foto, hanya teks", jpeg()[:5000]], ids=["not-an-image", "truncated"])
def test_unreadable_photo_stops_the_build_with_a_message(make_site, broken):
    site = photo_site(make_site, content={"images/jalan/cover.jpg": broken})
    run = site.build()
    assert run.returncode != 0
    assert "images/jalan/cover.jpg" in run.output and "tidak dapat dibaca sebagai gambar" in run.output
    assert "Traceback" not in run.output
    assert not (run.site_dir / "index.html").exists()


def test_without_site_url_cards_are_relative_and_there_is_no_qr(make_site):
    out = photo_site(make_site).build_inprocess()
    page = html(out / "program/jalan-rt03")
    meta = page.find("meta", property="og:image")
    if meta is not None:
        assert not meta["content"].startswith("http")
        assert (out / "program/jalan-rt03" / meta["content"]).resolve().is_file()
    assert page.select_one(".bkm-poster") is not None
    assert page.select_one(".bkm-poster svg") is None


# --- worker processes --------------------------------------------------------------


@pytest.fixture
def pools(monkeypatch):
    """The worker pools the media step starts, recorded (same pool otherwise)."""
    from concurrent.futures import ProcessPoolExecutor

    import bkm_site.media

    started = []

    class Recorded(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(kwargs.get("mp_context"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(bkm_site.media, "ProcessPoolExecutor", Recorded)
    return started


def test_a_cached_rebuild_starts_no_worker_and_qr_codes_are_drawn_inline(make_site, pools):
    site = photo_site(make_site, mkdocs={"site_url": "https://bkm.example.org/"})
    site.build_inprocess()
    assert len(pools) == 1, "the first build encodes photos and cards in one pool"

    out = site.build_inprocess()
    assert len(pools) == 1, "everything is cached: no worker process is started"
    qr = html(out / "program/jalan-rt03").select_one(".bkm-poster svg")
    assert qr is not None and qr.find("title").get_text(), "the poster still has its QR code"


@pytest.mark.filterwarnings("error::DeprecationWarning")
def test_a_process_with_threads_never_forks_its_workers(make_site):
    """``mkdocs serve`` runs threads: forking it can deadlock a worker (Python 3.12 and later warn of it, an
    error here); a build in a process with a thread still encodes every photo and draws every card."""
    from bkm_site.media import worker_context

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert worker_context().get_start_method() != "fork"
        out = photo_site(make_site).build_inprocess()
    finally:
        stop.set()
        thread.join()
    assert list((out / "assets/bkm/cards").glob("*.jpg"))
    assert {p.suffix for p in out.rglob("cover-*")} == {".webp", ".jpg"}


PLAIN_BUILD = """
import multiprocessing, sys
import bkm_site.media
from mkdocs.commands.build import build
from mkdocs.config import load_config

class Recorded(bkm_site.media.ProcessPoolExecutor):
    def __init__(self, *args, mp_context=None, **kwargs):
        print(mp_context.get_start_method())
        super().__init__(*args, mp_context=mp_context, **kwargs)

bkm_site.media.ProcessPoolExecutor = Recorded
build(load_config(config_file=sys.argv[1], strict=True))
print(multiprocessing.get_start_method(allow_none=True))
print(multiprocessing.get_all_start_methods()[0])
"""


def test_a_plain_build_starts_its_workers_the_platforms_own_way(make_site):
    """A build runs no thread: its pool starts workers with the platform's default method, and the process's own
    start method stays unset for whoever embeds the build."""
    site = photo_site(make_site)
    run = subprocess.run(
        [sys.executable, "-c", PLAIN_BUILD, str(site.config_file)], capture_output=True, text=True, check=True
    )
    pool, chosen, default = run.stdout.split()
    assert pool == default, run.stdout
    assert chosen == "None", "the build fixed the process's start method"
    assert list((site.site_dir / "assets/bkm/cards").glob("*.jpg"))


def test_media_work_runs_in_spawned_workers(make_site, monkeypatch):
    """macOS and Windows start workers with spawn: every job and its arguments must survive pickling."""
    import functools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import bkm_site.media

    spawn = functools.partial(ProcessPoolExecutor, mp_context=multiprocessing.get_context("spawn"))
    monkeypatch.setattr(bkm_site.media, "ProcessPoolExecutor", spawn)
    out = photo_site(make_site).build_inprocess()
    assert list((out / "assets/bkm/cards").glob("*.jpg"))
    assert {p.suffix for p in out.rglob("cover-*")} == {".webp", ".jpg"}
