"""``mkdocs serve`` rebuilds reuse what did not change, and never show what did change stale.

Each test keeps one plugin instance across builds, as serve does: unchanged data
files are not read again, compiled templates are kept, and the search index is
written after the reload.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_BKM, html, minimal_programme, minimal_report

from bkm_site.core.loading import DataError, LoadCache, load_site


class Serving:
    """One serve session in-process: ``build()`` is one rebuild, with the plugin MkDocs keeps between them."""

    def __init__(self, site):
        self.site = site
        self.plugin = None

    def build(self) -> Path:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.site.config_file))
        if self.plugin is None:
            self.plugin = config.plugins["bkm"]
            self.plugin.on_startup(command="serve", dirty=False)
        assert config.plugins["bkm"] is self.plugin, "MkDocs keeps the plugin instance across rebuilds"
        build(config, serve_url="http://127.0.0.1:8000/")
        return self.site.site_dir

    def indexed(self) -> None:
        if self.plugin.index.thread is not None:
            self.plugin.index.thread.join(timeout=120)

    def close(self) -> None:
        if self.plugin is not None:
            self.plugin.on_shutdown()
            self.plugin.on_startup(command="build", dirty=False)


@pytest.fixture
def serving():
    sessions = []

    def start(site) -> Serving:
        sessions.append(Serving(site))
        return sessions[-1]

    yield start
    for session in sessions:
        session.close()


def write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def text_of(site_dir: Path, page: str) -> str:
    return html(site_dir / page).get_text(" ", strip=True)


# --- the data cache (core) --------------------------------------------------------------


def two_programmes(make_site):
    return make_site(
        programmes={"paving": minimal_programme(), "drainase": minimal_programme(title="Drainase RW 02")},
        reports={"2025": minimal_report()},
    )


def load(site, cache: LoadCache | None):
    return load_site(site.path / "data", site.path / "content", site.path, cache=cache)


def test_an_edit_rereads_one_file_and_gives_what_a_fresh_load_gives(make_site):
    site = two_programmes(make_site)
    cache = LoadCache()
    first = load(site, cache)
    files = cache.read
    assert cache.reused == 0 and files >= 4  # profile, two programmes, one report
    again = load(site, cache)
    assert (cache.read, cache.reused) == (files, files), "nothing changed: every file comes from the cache"
    assert again.programmes == first.programmes and again.reports == first.reports

    write(site.path / "data" / "programmes" / "drainase.yml", minimal_programme(title="Saluran Air RW 02"))
    edited = load(site, cache)
    assert cache.read == files + 1, "only the edited file is read again"
    assert edited.programmes["drainase"].title == "Saluran Air RW 02"
    fresh = load(site, None)
    assert edited.programmes == fresh.programmes and edited.reports == fresh.reports
    assert edited.books.programmes.keys() == fresh.books.programmes.keys()


def jalan(**funding_received) -> dict:
    """A completed programme the 2025 report covers; BLM ``received`` and ``spent`` come from the report's lines
    unless given."""
    blm = {"source": "BLM", "planned": 40_000_000, **funding_received}
    return minimal_programme(
        status="completed",
        start="2025-03-01",
        end="2025-08-31",
        progress=100,
        funding=[blm, {"source": "swadaya", "planned": 3_000_000, "received": 2_500_000, "in_kind": True}],
        updates=[{"date": "2025-08-30", "title": "Jalan selesai", "body": "Serah terima."}],
    )


def year_2025(blm: int = 40_000_000, spent: int = 22_500_000) -> dict:
    return minimal_report(
        income=[
            {"date": "2025-03-04", "source": "BLM", "description": "BLM tahap I", "amount": blm, "programme": "jalan"}
        ],
        expenses=[
            {
                "date": "2025-03-20",
                "category": "material",
                "description": "Paving",
                "amount": spent,
                "programme": "jalan",
            }
        ],
    )


def test_figures_the_ledger_fills_in_follow_an_edited_report(make_site):
    """The ledger writes computed figures onto the programmes: a programme from the cache must not keep old ones."""
    site = make_site(programmes={"jalan": jalan()}, reports={"2025": year_2025()})
    cache = LoadCache()
    before = load(site, cache).programmes["jalan"]
    assert (before.funding[0].received, before.spent) == (40_000_000, 22_500_000 + 2_500_000)
    write(site.path / "data" / "reports" / "2025.yml", year_2025(blm=41_000_000, spent=23_000_000))
    after = load(site, cache).programmes["jalan"]
    assert cache.reused >= 2, "the programme and the profile came from the cache"
    assert (after.funding[0].received, after.spent) == (41_000_000, 23_000_000 + 2_500_000)
    assert after == load(site, None).programmes["jalan"]


def test_a_ledger_rule_broken_by_editing_the_other_file_is_reported_and_fixing_it_clears_it(make_site):
    """The programme file is unchanged (from the cache); the report it must agree with is edited."""
    site = make_site(programmes={"jalan": jalan(received=40_000_000)}, reports={"2025": year_2025()})
    cache = LoadCache()
    load(site, cache)
    write(site.path / "data" / "reports" / "2025.yml", year_2025(blm=45_000_000))
    with pytest.raises(DataError) as err:
        load(site, cache)
    (problem,) = err.value.problems
    assert problem.file == "data/programmes/jalan.yml" and "received" in problem.field
    assert "Rp" in problem.message and "45.000.000" in problem.message
    write(site.path / "data" / "reports" / "2025.yml", year_2025())
    assert load(site, cache).programmes["jalan"].funding[0].received == 40_000_000


def test_a_programme_renamed_away_breaks_the_unchanged_report_that_names_it(make_site):
    site = make_site(programmes={"jalan": jalan(received=40_000_000)}, reports={"2025": year_2025()})
    cache = LoadCache()
    load(site, cache)
    folder = site.path / "data" / "programmes"
    (folder / "jalan.yml").rename(folder / "jalan-rw02.yml")
    with pytest.raises(DataError) as err:
        load(site, cache)
    assert any(p.file == "data/reports/2025.yml" and "jalan" in p.message for p in err.value.problems), (
        err.value.report()
    )
    (folder / "jalan-rw02.yml").rename(folder / "jalan.yml")
    assert set(load(site, cache).programmes) == {"jalan"}


def test_a_photo_added_or_removed_in_the_docs_folder_is_seen_without_editing_the_data(make_site):
    programme = minimal_programme(cover="images/paving.jpg")
    site = make_site(programmes={"paving": programme}, reports={"2025": minimal_report()})
    cache = LoadCache()
    with pytest.raises(DataError) as err:
        load(site, cache)
    assert "images/paving.jpg" in err.value.report()
    photo = site.path / "content" / "images" / "paving.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"")  # the loader checks that it exists; the build also decodes it
    assert load(site, cache).programmes["paving"].cover == "images/paving.jpg"
    photo.unlink()
    with pytest.raises(DataError):
        load(site, cache)


def test_the_privacy_scan_follows_the_bkm_s_own_numbers(make_site):
    """A number is allowed in programme text only while bkm.yml lists it as the BKM's own."""
    number = MINIMAL_BKM["contact"]["whatsapp"]
    site = make_site(programmes={"paving": minimal_programme(summary=f"Hubungi {number} untuk ikut.")})
    cache = LoadCache()
    load(site, cache)
    profile = yaml.safe_load((site.path / "data" / "bkm.yml").read_text(encoding="utf-8"))
    profile["contact"]["whatsapp"] = "+62 811-0000-1111"
    write(site.path / "data" / "bkm.yml", profile)
    with pytest.raises(DataError) as err:
        load(site, cache)
    assert "data/programmes/paving.yml" in err.value.report()


# --- serve's rebuilds through the plugin ------------------------------------------------


def pages(site_dir: Path) -> dict[str, str]:
    return {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}


def fragments(site_dir: Path) -> str:
    """The text of every page in the Pagefind bundle (fragments are gzipped JSON)."""
    return " ".join(
        gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
        for f in (site_dir / "pagefind").rglob("*.pf_fragment")
    )


def test_a_rebuild_from_the_caches_writes_the_pages_a_fresh_build_writes(make_site, serving):
    site = two_programmes(make_site)
    session = serving(site)
    session.build()
    write(site.path / "data" / "programmes" / "drainase.yml", minimal_programme(title="Saluran Air RW 02"))
    rebuilt = pages(session.build())
    assert session.plugin.loaded.reused >= 3 and "Saluran Air RW 02" in text_of(
        site.site_dir, "program/drainase/index.html"
    )
    session.indexed()
    session.close()
    fresh = pages(serving(site).build())
    assert rebuilt.keys() == fresh.keys()
    assert [name for name in fresh if rebuilt[name] != fresh[name]] == []


def test_an_edited_template_shows_on_the_next_rebuild(make_site, serving):
    site = make_site(
        programmes={"paving": minimal_programme()},
        mkdocs={"theme": {"name": "material", "language": "id", "custom_dir": "overrides"}},
    )
    partial = site.path / "overrides" / "bkm" / "partials" / "footer-note.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<p class="catatan">Catatan pertama</p>\n', encoding="utf-8")
    session = serving(site)
    assert "Catatan pertama" in text_of(session.build(), "index.html")
    assert session.plugin.templates.store, "compiled templates are kept for the next rebuild"
    partial.write_text('<p class="catatan">Catatan kedua</p>\n', encoding="utf-8")
    home = text_of(session.build(), "index.html")
    assert "Catatan kedua" in home and "Catatan pertama" not in home


def test_builds_in_one_process_share_compiled_templates_and_each_site_gets_its_own(make_site):
    """Two sites built one after the other in one process: Material's and bkm-site's templates are compiled once,
    and each site's own override of the same partial shows on that site only."""
    built = []
    for note in ("Catatan situs pertama", "Catatan situs kedua"):
        site = make_site(mkdocs={"theme": {"name": "material", "language": "id", "custom_dir": "overrides"}})
        partial = site.path / "overrides" / "bkm" / "partials" / "footer-note.html"
        partial.parent.mkdir(parents=True)
        partial.write_text(f'<p class="catatan">{note}</p>\n', encoding="utf-8")
        built.append(text_of(site.build_inprocess(), "index.html"))
    assert "Catatan situs pertama" in built[0] and "Catatan situs kedua" not in built[0]
    assert "Catatan situs kedua" in built[1] and "Catatan situs pertama" not in built[1]
    from mkdocs.config import load_config

    plugin = load_config(config_file=str(site.config_file)).plugins["bkm"]
    names = {key for _, key in plugin.templates.store}
    assert len(names) > 20, "Material's and bkm-site's templates are kept compiled"


def test_a_report_edit_that_breaks_a_ledger_rule_shows_the_error_page_and_fixing_it_brings_the_site_back(
    make_site, serving
):
    site = make_site(programmes={"jalan": jalan(received=40_000_000)}, reports={"2025": year_2025()})
    session = serving(site)
    assert "Perbaikan Jalan" in text_of(session.build(), "program/jalan/index.html")
    report = site.path / "data" / "reports" / "2025.yml"
    write(report, year_2025(blm=45_000_000))
    broken = html(session.build() / "program" / "jalan" / "index.html")
    assert broken.find(class_="bkm-serve-error") is not None
    text = broken.get_text(" ", strip=True)
    assert "data/programmes/jalan.yml" in text and "45.000.000" in text
    write(report, year_2025())
    back = html(session.build() / "program" / "jalan" / "index.html")
    assert back.find(class_="bkm-serve-error") is None and "Perbaikan Jalan" in back.get_text()


def test_the_search_index_of_a_rebuild_is_written_after_it_with_the_edited_text(make_site, serving, caplog):
    site = make_site(programmes={"paving": minimal_programme()})
    session = serving(site)
    site_dir = session.build()
    assert "Perbaikan Jalan" in fragments(site_dir), "the first build indexes before serving starts"
    write(site.path / "data" / "programmes" / "paving.yml", minimal_programme(title="Pavingisasi Gang Mawar"))
    session.build()
    # Saved again at once: the run still going is stopped, its half-written bundle never lands.
    write(site.path / "data" / "programmes" / "paving.yml", minimal_programme(title="Paving Gang Kenanga"))
    with caplog.at_level("INFO", logger="mkdocs.plugins.bkm_site.rebuilds"):
        session.build()
        session.indexed()
    found = fragments(site_dir)
    assert "Paving Gang Kenanga" in found
    assert "Pavingisasi Gang Mawar" not in found and "Perbaikan Jalan Lingkungan" not in found
    assert json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert "Indeks pencarian diperbarui" in caplog.text
    assert not list(site_dir.parent.glob(".bkm-pagefind-*")), "no bundle left half-written beside the site"


def test_without_a_folder_beside_the_site_the_index_is_written_within_the_rebuild(make_site, serving, monkeypatch):
    from bkm_site import rebuilds

    site = make_site(programmes={"paving": minimal_programme()})
    session = serving(site)
    site_dir = session.build()

    def refuse(**_):
        raise PermissionError("read-only")

    monkeypatch.setattr(rebuilds.tempfile, "mkdtemp", refuse)
    write(site.path / "data" / "programmes" / "paving.yml", minimal_programme(title="Pavingisasi Gang Mawar"))
    session.build()
    assert session.plugin.index.thread is None
    assert "Pavingisasi Gang Mawar" in fragments(site_dir)


# --- pages written again unchanged ------------------------------------------------------


def jpeg(size: tuple[int, int]) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


def reused_site(make_site, **mkdocs):
    return make_site(
        programmes={
            "jalan": jalan(),
            "paving": minimal_programme(title="Paving Gang RT 05", cover="images/paving.jpg"),
            "drainase": minimal_programme(title="Drainase RW 02"),
        },
        reports={"2025": year_2025()},
        content={
            "images/paving.jpg": jpeg((1200, 800)),
            **EDITORS_PAGES,
            "pengurus.md": "---\ntitle: Pengurus BKM\n---\n\n" + PENGURUS,
        },
        mkdocs=mkdocs or None,
    )


PENGURUS = "# Susunan pengurus\n\nKoordinator: Ibu Sari.\n"
EDITORS_PAGES = {
    "tentang.md": "# Tentang kami\n\nJadwal kami ada di [kegiatan](kegiatan.md#jadwal).\n",
    "kegiatan.md": "# Kegiatan warga\n\n## Jadwal\n\nKerja bakti setiap Sabtu pagi.\n",
    "pengurus.md": PENGURUS,
}


def fresh_pages(site, serving) -> dict[str, str]:
    """The pages of a first build, which renders every page."""
    session = serving(site)
    built = pages(session.build())
    assert session.plugin.reuse.reused == 0
    session.indexed()
    session.close()
    return built


def with_a_drainase_line() -> dict:
    """The 2025 report with a line of another campaign: its money changes, its own data file does not."""
    report = year_2025()
    line = {"date": "2025-05-02", "source": "swadaya", "description": "Iuran warga", "amount": 2_000_000}
    report["income"].append({**line, "programme": "drainase"})
    report["closing_balance"] += line["amount"]
    return report


EDITS = {
    "a programme's text": lambda root: write(
        root / "data/programmes/drainase.yml", minimal_programme(title="Saluran Air RW 02")
    ),
    "a report's amount": lambda root: write(root / "data/reports/2025.yml", year_2025(spent=30_000_000)),
    "a line of another campaign": lambda root: write(root / "data/reports/2025.yml", with_a_drainase_line()),
    "the profile": lambda root: write(root / "data/bkm.yml", {**MINIMAL_BKM, "name": "BKM Maju Terus"}),
    "a photo replaced": lambda root: (root / "content/images/paving.jpg").write_bytes(jpeg((900, 900))),
    "an editor's page, and the anchor another page links to": lambda root: (root / "content/kegiatan.md").write_text(
        "# Kegiatan bersama\n\n## Jadwal kerja bakti\n\nSetiap Minggu pagi.\n", encoding="utf-8"
    ),
    "a page another links to, renamed": lambda root: (root / "content/kegiatan.md").rename(root / "content/agenda.md"),
    "a page's title taken out of its front matter": lambda root: (root / "content/pengurus.md").write_text(
        PENGURUS, encoding="utf-8"
    ),
    "a template override": lambda root: (
        (root / "overrides/bkm/partials").mkdir(parents=True)
        or (root / "overrides/bkm/partials/footer-note.html").write_text('<p class="catatan">Catatan baru</p>\n')
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_writes_unchanged_pages_again_and_every_page_as_a_fresh_build_writes_it(make_site, serving, edit):
    site = reused_site(make_site, theme={"name": "material", "language": "id", "custom_dir": "overrides"})
    (site.path / "overrides").mkdir(exist_ok=True)
    session = serving(site)
    before = pages(session.build())
    EDITS[edit](site.path)
    rebuilt = pages(session.build())
    changed = {name for name in rebuilt if rebuilt[name] != before.get(name)}
    assert changed, "the edit shows somewhere"
    session.indexed()
    session.close()
    fresh = fresh_pages(site, serving)
    assert rebuilt.keys() == fresh.keys()
    assert [name for name in fresh if rebuilt[name] != fresh[name]] == [], "no page is stale"


def test_a_rebuild_with_nothing_changed_renders_and_converts_nothing(make_site, serving):
    site = reused_site(make_site)
    session = serving(site)
    before = pages(session.build())
    session.build()
    reuse = session.plugin.reuse
    assert reuse.rendered == 0 and reuse.reused == len(reuse.keys) >= 10, "no page rendered"
    assert session.plugin.conversions.reused == len(reuse.keys), "no Markdown converted"
    assert pages(site.site_dir) == before

    EDITS["a programme's text"](site.path)  # what the reused build kept is reused again
    rebuilt = pages(session.build())
    assert session.plugin.reuse.reused >= 4 and session.plugin.conversions.reused >= 10
    session.indexed()
    session.close()
    assert rebuilt == fresh_pages(site, serving)


def test_a_programme_edit_renders_the_pages_that_show_it_and_reuses_the_rest(make_site, serving):
    site = reused_site(make_site)
    session = serving(site)
    session.build()
    EDITS["a programme's text"](site.path)
    session.build()
    reuse = session.plugin.reuse
    rendered = sorted(set(reuse.keys) - set(reuse.hits))
    assert "program/drainase.md" in rendered and "program/paving.md" not in rendered
    assert reuse.reused >= 4, rendered


def test_nothing_is_reused_when_a_hook_takes_part_in_building_pages(make_site, serving):
    site = reused_site(make_site, hooks=["hook.py"])
    (site.path / "hook.py").write_text(
        "def on_page_context(context, page, config, nav):\n    context['dipanggil'] = True\n    return context\n",
        encoding="utf-8",
    )
    session = serving(site)
    session.build()
    session.build()
    assert session.plugin.reuse.reused == 0 and not session.plugin.reuse.enabled


def test_a_page_whose_conversion_logs_a_warning_logs_it_on_every_rebuild(make_site, serving, caplog):
    site = make_site(content={"tentang.md": "# Tentang kami\n\nLihat [agenda](agenda.md).\n"})
    session = serving(site)
    with caplog.at_level("WARNING", logger="mkdocs"):
        for _ in range(3):
            session.build()
    warned = [r for r in caplog.records if "agenda.md" in r.getMessage()]
    assert len(warned) == 3, [r.getMessage() for r in caplog.records]
    assert session.plugin.conversions.reused >= 3, "the pages without a warning are not converted again"


def test_links_to_anchors_are_checked_against_pages_whose_conversion_is_reused(make_site, serving, caplog):
    """MkDocs checks links to anchors after every page is converted: a page converted again links to the anchors
    of one whose conversion is reused, and the other way round."""
    site = make_site(content=EDITORS_PAGES, mkdocs={"validation": {"anchors": "warn"}})
    session = serving(site)
    session.build()

    def anchor_warnings() -> list[str]:
        with caplog.at_level("WARNING", logger="mkdocs"):
            caplog.clear()
            session.build()
        return [r.getMessage() for r in caplog.records if "#jadwal" in r.getMessage()]

    tentang = site.path / "content" / "tentang.md"
    tentang.write_text(EDITORS_PAGES["tentang.md"] + "\nKami terbuka untuk semua warga.\n", encoding="utf-8")
    assert anchor_warnings() == [], "the anchor is still on the page linked to"
    assert session.plugin.conversions.reused >= 1
    EDITS["an editor's page, and the anchor another page links to"](site.path)
    (warning,) = anchor_warnings()
    assert "tentang.md" in warning


def test_markdown_that_may_read_other_files_is_converted_on_every_rebuild(make_site, serving):
    snippet = "Jadwal ada di papan pengumuman.\n"
    site = make_site(content={"tentang.md": '# Tentang kami\n\n--8<-- "catatan.txt"\n'})
    config = yaml.safe_load(site.config_file.read_text(encoding="utf-8"))
    config["markdown_extensions"] = [{"pymdownx.snippets": {"base_path": [str(site.path / "snippets")]}}]
    write(site.config_file, config)
    (site.path / "snippets").mkdir()
    (site.path / "snippets" / "catatan.txt").write_text(snippet, encoding="utf-8")
    session = serving(site)
    session.build()
    (site.path / "snippets" / "catatan.txt").write_text("Jadwal ada di grup WhatsApp RW.\n", encoding="utf-8")
    assert "grup WhatsApp RW" in text_of(session.build(), "tentang/index.html")
    assert session.plugin.conversions.reused == 0
