"""Photos from phones, and `bkm-site check` agreeing with the build.

An iPhone's HEIC is published like a JPEG (resized, upright, without EXIF); a
photo the build cannot read is refused by `bkm-site check` and by the build
alike, in the site's language, at the data line that names it. Every bad-input
case of the suite gets the same exit status and the same problems from both, and
what only MkDocs' strict build finds in the editors' pages (links, pictures, the
nav) fails check as it fails the build.
"""

from __future__ import annotations

import io
import logging
import subprocess
import sys

import pytest
from conftest import minimal_programme, minimal_report
from PIL import Image
from pillow_heif import register_heif_opener

register_heif_opener()

GPS = 0x8825
ORIENTATION = 0x0112


def heic(size=(1600, 1200), orientation=6) -> bytes:
    """A phone photo: sideways pixels, EXIF saying to turn it, and a GPS position."""
    im = Image.new("RGB", size, (30, 120, 200))
    im.paste((250, 200, 20), (0, 0, size[0] // 2, size[1] // 10))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[GPS] = {1: "S", 2: (6.0, 54.0, 0.0)}
    out = io.BytesIO()
    im.save(out, format="HEIF", exif=exif.tobytes())
    return out.getvalue()


def heic_site(make_site, cover: bytes, language="id"):
    return make_site(
        programmes={"jalan": minimal_programme(cover="images/jalan/sampul.heic")},
        reports={"2025": minimal_report()},
        content={"images/jalan/sampul.heic": cover},
        mkdocs={"theme": {"name": "material", "language": language}},
    )


def test_heic_from_an_iphone_is_published_resized_upright_and_without_exif(make_site):
    out = heic_site(make_site, heic()).build_inprocess()
    variants = sorted((out / "assets/bkm/photos").glob("sampul-*"))
    assert {p.suffix for p in variants} == {".jpg", ".webp"}
    for path in variants:
        with Image.open(path) as im:
            assert im.width in (480, 960) and im.height > im.width, (path.name, im.size)  # turned upright
            assert not im.getexif(), path.name
            assert "exif" not in im.info, path.name
    assert not list(out.rglob("*.heic")), "the camera original is not published"


def test_heif_support_is_loaded_only_when_a_photo_needs_it(tmp_path):
    """A fresh process (a build, a photo worker) opens a JPEG without HEIF's library, and a HEIC all the same."""
    (tmp_path / "a.heic").write_bytes(heic(size=(64, 48)))
    Image.new("RGB", (40, 30)).save(tmp_path / "b.jpg")
    script = (
        "import sys; from pathlib import Path; from bkm_site.media.photos import open_photo\n"
        "jpeg = open_photo(Path(sys.argv[1], 'b.jpg')).size; before = 'pillow_heif' in sys.modules\n"
        "print(jpeg, before, open_photo(Path(sys.argv[1], 'a.heic')).size, 'pillow_heif' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True)
    assert run.stdout.split("\n")[0] == "(40, 30) False (48, 64) True"  # the HEIC turned upright


def run_check(site, capsys) -> tuple[int, str]:
    from bkm_site.cli import main

    capsys.readouterr()
    status = main(["check", str(site.path)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def run_build(site) -> tuple[int, str]:
    """The build in this process, as `mkdocs build --strict` runs it: exit status and the error it stops with."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    logger = logging.getLogger("mkdocs")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logger.addHandler(handler)
    try:
        build(load_config(config_file=str(site.config_file), strict=True))
        return 0, ""
    except (Abort, MkDocsException) as error:
        return 1, "\n".join([*records, str(error)])
    finally:
        logger.removeHandler(handler)


def test_check_decodes_photos_but_encodes_and_draws_nothing(make_site, capsys):
    """`check` is for finding mistakes fast: the work only a published site needs (variants, cards) is left out."""
    site = heic_site(make_site, heic())
    status, output = run_check(site, capsys)
    assert status == 0, output
    cache = site.path / ".cache" / "bkm-site"
    assert not [p for p in cache.rglob("*") if p.is_file()], "nothing encoded or drawn"
    assert not site.site_dir.exists()
    out = site.build_inprocess()
    assert len(list((out / "assets/bkm/photos").glob("sampul-*"))) == 4
    assert list((cache / "cards").glob("*.jpg"))


def test_check_reads_and_validates_each_data_file_once(make_site, capsys, monkeypatch):
    """`check` validates the data, then runs the strict build, which loads the data again: unchanged files come
    from the first load, and the build that follows in the same process still reads them itself."""
    from bkm_site.core.loading import load

    site = heic_site(make_site, heic())
    reads: list[str] = []
    original = load.read_yaml

    def counted(path, rel, *args, **kwargs):
        reads.append(rel)
        return original(path, rel, *args, **kwargs)

    monkeypatch.setattr(load, "read_yaml", counted)
    status, output = run_check(site, capsys)
    assert status == 0, output
    assert reads and len(reads) == len(set(reads)), sorted(reads)
    reads.clear()
    assert run_build(site) == (0, "")
    assert sorted(reads) == sorted(set(reads)) and "data/programmes/jalan.yml" in reads
    assert len(list((site.site_dir / "assets/bkm/photos").glob("sampul-*"))) == 4, "the build publishes the photos"


BROKEN = {"not-a-photo": b"bukan foto, hanya teks", "cut-short": heic()[:600]}


@pytest.mark.parametrize("name", BROKEN)
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_photo_the_build_cannot_read_is_refused_by_check_and_build_at_its_line(make_site, capsys, name, language):
    site = heic_site(make_site, BROKEN[name], language)
    expected = {
        "id": "data/programmes/jalan.yml, baris 32, karakter 8\n"
        "  cover: Foto content/images/jalan/sampul.heic tidak dapat dibaca sebagai gambar (JPEG, PNG, WebP atau "
        "HEIC): berkasnya rusak, terpotong saat diunggah, atau bukan foto.\n"
        "  → Unggah ulang fotonya langsung dari HP atau kamera (HEIC dari iPhone boleh), atau simpan ulang sebagai "
        "JPEG.",
        "en": "data/programmes/jalan.yml, line 32, character 8\n"
        "  cover: The photo content/images/jalan/sampul.heic cannot be read as a picture (JPEG, PNG, WebP or "
        "HEIC): the file is damaged, was cut short while uploading, or is not a photo.\n"
        "  → Upload the photo again straight from the phone or camera (an iPhone's HEIC is fine), or save it "
        "again as JPEG.",
    }[language]
    for status, output in (run_check(site, capsys), run_build(site)):
        assert status == 1, output
        assert expected in output, output
        assert "Traceback" not in output and "/tmp" not in output and "cannot identify" not in output, output
    assert not site.site_dir.exists() or not any(site.site_dir.rglob("*.html"))


def corpus():
    from test_editor_mistakes import EXACT
    from test_validation import CASES

    cases = [(c.id, c.files, "id") for c in CASES] + [(c.id, c.files, c.language) for c in EXACT]
    cases += [(f"photo-{name}", None, "id") for name in BROKEN]
    return cases


@pytest.mark.slow
def test_check_and_build_give_the_same_verdict_on_every_bad_input(make_site, capsys):
    """Every bad-input case of the suite: the same exit status, the same list of problems, nothing written."""
    from test_validation import make

    class Files:
        def __init__(self, files):
            self.files = files

    seen = 0
    for case_id, files, language in corpus():
        if files is None:
            site = heic_site(make_site, BROKEN[case_id.removeprefix("photo-")], language)
        else:
            site = make(make_site, Files(files))
            if language != "id":
                config = site.config_file.read_text(encoding="utf-8").replace("language: id", f"language: {language}")
                site.config_file.write_text(config, encoding="utf-8")
        check_status, check_output = run_check(site, capsys)
        build_status, build_output = run_build(site)
        assert check_status == build_status == 1, (case_id, check_output, build_output)
        report = check_output.strip()
        assert report and report in build_output, (case_id, check_output, build_output)
        assert not site.site_dir.exists() or not any(site.site_dir.rglob("*.html")), case_id
        seen += 1
    assert seen == len(corpus()) >= 110


# --- what only MkDocs' strict build finds: check runs that build too --------------------------------

PAGE = "# Tentang kami\n\nKami BKM kelurahan.\n\n"
ONLY_MKDOCS = {
    "broken-link-in-a-page": (
        {"content": {"tentang.md": PAGE + "Lihat [laporan lama](laporan-lama.md) kami.\n"}},
        "content/tentang.md, baris 5, karakter 22\n"
        '  Tautan "laporan-lama.md" menunjuk ke halaman atau berkas yang tidak ada di folder halaman (content/).\n'
        "  → Perbaiki alamatnya (dihitung dari letak halaman ini; huruf besar-kecil berpengaruh), atau buat "
        "halamannya di content/laporan-lama.md.",
    ),
    "missing-picture-in-a-page": (
        {"content": {"tentang.md": PAGE + "![Rapat warga](images/rapat.jpg)\n"}},
        "content/tentang.md, baris 5, karakter 16\n"
        '  Gambar "images/rapat.jpg" tidak ada di folder halaman (content/).\n'
        "  → Unggah gambarnya ke content/images/rapat.jpg, atau perbaiki nama/lokasinya (dihitung dari letak "
        "halaman ini; huruf besar-kecil berpengaruh).",
    ),
    "nav-names-no-page": (
        {"content": {"tentang.md": PAGE}, "mkdocs": {"nav": ["tentang.md", {"Sejarah": "sejarah.md"}]}},
        'mkdocs.yml, baris 10, karakter 12\n  Menu (nav) di mkdocs.yml menyebut "sejarah.md", tetapi halaman itu tidak '
        "ada di folder halaman (content/).\n  → Buat halamannya di content/sejarah.md, atau perbaiki atau hapus baris "
        "itu di nav.",
    ),
    "link-to-a-missing-section": (
        {
            "content": {"tentang.md": PAGE + "Baca [sejarahnya](#sejarah).\n"},
            "mkdocs": {"validation": {"anchors": "warn"}},
        },
        "content/tentang.md, baris 5, karakter 19\n"
        '  Tautan "#sejarah" menunjuk ke bagian #sejarah, yang tidak ada di halaman tujuannya.\n'
        "  → Alamat #... dibentuk dari judul bagian (huruf kecil, spasi menjadi -): periksa judul yang dituju.",
    ),
    "broken-link-en": (
        {
            "content": {"about.md": "# About us\n\nSee our [old report](old-report.md).\n"},
            "mkdocs": {"theme": {"name": "material", "language": "en"}},
        },
        "content/about.md, line 3, character 22\n"
        '  The link "old-report.md" points to a page or file that is not in the pages folder (content/).\n'
        "  → Correct the address (counted from where this page is; capital and small letters count), or create "
        "the page content/old-report.md.",
    ),
}


def mkdocs_only_site(make_site, name):
    extra, _ = ONLY_MKDOCS[name]
    config = {"site_name": "BKM Maju Bersama", "docs_dir": "content", "theme": {"name": "material", "language": "id"}}
    config |= {"plugins": ["bkm"], **extra.get("mkdocs", {})}
    return make_site(
        programmes={"jalan": minimal_programme()},
        reports={"2025": minimal_report()},
        content=extra["content"],
        mkdocs=config,
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", ONLY_MKDOCS)
def test_check_refuses_what_only_the_strict_build_finds(make_site, capsys, name):
    """A broken link, a missing picture, a nav entry without its page: check says so, located, in the site's
    language, where it said "ready" before; the build fails on the same warnings; check writes no site/."""
    site = mkdocs_only_site(make_site, name)
    check_status, check_output = run_check(site, capsys)
    assert not site.site_dir.exists(), "check leaves site/ alone"
    build_status, build_output = run_build(site)
    assert check_status == build_status == 1, (check_output, build_output)
    assert ONLY_MKDOCS[name][1] in check_output, check_output
    warnings = [line for line in build_output.splitlines() if line.startswith(("Doc file", "A reference"))]
    assert len(warnings) == check_output.count("\n  → ") >= 1, (check_output, build_output)
    assert "Traceback" not in check_output and "Doc file" not in check_output and "/tmp" not in check_output
