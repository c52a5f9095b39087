"""The theme ships in the package: a site with only mkdocs.yml + data/ gets all of it,
a site's overrides/ wins over any partial, and no page asks another host for anything."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, html, minimal_programme

CSS = REPO / "bkm_site" / "theme" / "templates" / "assets" / "bkm" / "bkm.css"


def test_site_without_templates_gets_the_full_theme(make_site):
    site = make_site(programmes={"paving": minimal_programme()})
    assert not (site.path / "overrides").exists()
    out = site.build_inprocess()
    home = html(out)
    assert home.select_one('link[href$="assets/bkm/bkm.css"]')
    assert (out / "assets" / "bkm" / "bkm.css").is_file()
    assert " ".join(home.select_one(".bkm-hero__motto").get_text().split()) == "Kita Peduli Kita Bisa Atasi"
    footer = home.select_one(".bkm-footer")
    for shown in (
        "BKM Maju Bersama",
        "Kelurahan Sukamaju, Kecamatan Cibeunying Kidul",
        "Jl. Melati No. 5",
        "Kita Peduli Kita Bisa Atasi",
        "bkm@example.org",
    ):
        assert shown in footer.get_text(" "), shown
    assert footer.select_one('a[href="https://wa.me/6281234567890"]')
    assert html(out / "program").select_one(".bkm-card")
    assert html(out / "program" / "paving").select_one(".bkm-fundbox")
    assert html(out / "cara-membantu").select_one("#bantu")


def test_pages_load_nothing_from_other_hosts(demo_site):
    for page in ("", "program", "program/beasiswa-anak-2026", "cara-membantu", "tentang"):
        doc = html(demo_site / page)
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("source", "srcset"), ("iframe", "src")):
            for node in doc.find_all(tag):
                value = node.get(attr) or ""
                if tag == "link" and node.get("rel") == ["canonical"]:
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{page}: <{tag} {attr}={value}>"
        assert "fonts.googleapis" not in str(doc) and "fonts.gstatic" not in str(doc)


def test_site_override_wins_over_the_package_partial(make_site):
    site = make_site(mkdocs={"theme": {"name": "material", "language": "id", "custom_dir": "overrides"}})
    partial = site.path / "overrides" / "bkm" / "partials" / "footer-note.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<p class="own-note">Buka setiap Sabtu</p>\n', encoding="utf-8")
    home = html(site.build_inprocess())
    assert home.select_one(".bkm-footer .own-note").get_text() == "Buka setiap Sabtu"
    assert home.select_one(".bkm-hero")  # the rest of the package theme is still there


def test_demo_shows_its_override(demo_site):
    assert "Sekretariat buka Selasa dan Kamis" in html(demo_site).select_one(".bkm-footer").get_text()


def test_palette_is_warm_and_custom_properties_are_defined():
    css = CSS.read_text(encoding="utf-8")
    for prop in ("--md-primary-fg-color:", "--md-default-bg-color:", "--md-typeset-color:", "--md-footer-bg-color:"):
        assert prop in css
    assert "@import" not in css and "url(http" not in css


def test_theme_has_no_javascript_but_the_search_loader():
    """The one script turns the search field into Pagefind's searchbox; everything else is HTML and CSS."""
    templates = REPO / "bkm_site" / "theme" / "templates"
    for path in templates.rglob("*.html"):
        if path.relative_to(templates).as_posix() != "partials/search.html":
            assert "<script" not in path.read_text(encoding="utf-8"), path
    scripts = list(templates.rglob("*.js"))
    assert [p.relative_to(templates).as_posix() for p in scripts] == ["assets/bkm/search.js"]
    assert scripts[0].stat().st_size < 2_000


def test_generated_pages_have_unique_ids(demo_site):
    for page in ("", "program", "program/beasiswa-anak-2026", "program/paving-rt03-rw05", "cara-membantu"):
        ids = [node["id"] for node in html(demo_site / page).select("[id]")]
        assert len(ids) == len(set(ids)), f"{page}: {sorted({i for i in ids if ids.count(i) > 1})}"


@pytest.mark.parametrize(
    ("theme", "lang", "home"),
    [
        ({"name": "material"}, "id", "Beranda"),  # Material's own default is English; bkm-site's is Indonesian
        ({"name": "material", "language": "en"}, "en", "Home"),
        ({"name": "material", "language": "id"}, "id", "Beranda"),
    ],
    ids=["unset", "en", "id"],
)
def test_site_language_defaults_to_indonesian(make_site, theme, lang, home):
    out = make_site(mkdocs={"theme": theme}).build_inprocess()
    page = html(out)
    assert page.html["lang"] == lang
    assert home in [a.get_text(strip=True) for a in page.select(".md-nav__link")]


@pytest.mark.parametrize(
    ("base", "lang"),
    [("theme:\n  name: material\n  language: en\n", "en"), ("theme:\n  name: material\n", "id")],
    ids=["inherited-en", "inherited-unset"],
)
def test_language_written_in_an_inherited_file_counts(make_site, base, lang):
    """mkdocs.yml may INHERIT its theme from another file: the language is read as MkDocs reads it."""
    site = make_site(
        mkdocs="INHERIT: base.yml\nsite_name: BKM Maju Bersama\ndocs_dir: content\nplugins: [search, bkm]\n"
    )
    (site.path / "base.yml").write_text(base, encoding="utf-8")
    assert html(site.build_inprocess()).html["lang"] == lang


def test_language_from_the_environment(make_site, monkeypatch):
    monkeypatch.setenv("BKM_LANGUAGE", "en")
    site = make_site(
        mkdocs="site_name: BKM Maju Bersama\ndocs_dir: content\n"
        "theme:\n  name: material\n  language: !ENV [BKM_LANGUAGE, id]\nplugins: [search, bkm]\n"
    )
    assert html(site.build_inprocess()).html["lang"] == "en"


def test_unsupported_language_is_a_plain_error(make_site):
    run = make_site(mkdocs={"theme": {"name": "material", "language": "fr"}}).build()
    assert run.returncode != 0 and "Traceback" not in run.output
    assert "bahasa Indonesia (id) dan Inggris (en), bukan 'fr'" in run.output
