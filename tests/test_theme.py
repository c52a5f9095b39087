"""The theme ships in the package: a site with only mkdocs.yml + data/ gets all of it,
a site's overrides/ wins over any partial, and no page asks another host for anything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, html, minimal_programme, screenshot

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
    """The one script turns the search field into Pagefind's searchbox (and closes the phone's drawer after a jump
    within the page); everything else is HTML and CSS."""
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


# --- the page frame: Material's blocks, no copied partials ---------------------------------

TEMPLATES = REPO / "bkm_site" / "theme" / "templates"
MATERIAL_ORIGINALS = {
    "main.html": "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
    "404.html": "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
}
"""Material templates the theme shadows, with the sha256 of the original they were written against.

None is a copy: main.html (Material's is one ``extends "base.html"``) hands every page
to bkm/main.html, which extends base.html's blocks; 404.html is the site's own
not-found page; partials/search.html puts Pagefind's box where the header includes
Material's search. A new Material release that changes an original fails here, so
whoever upgrades reads the change before the replacement goes stale.
"""


def test_no_material_template_is_shadowed_unrecorded_or_changed():
    import hashlib

    import material

    originals = Path(material.__file__).parent / "templates"
    shadowed = {
        p.relative_to(TEMPLATES).as_posix()
        for p in TEMPLATES.rglob("*.html")
        if (originals / p.relative_to(TEMPLATES)).is_file()
    }
    assert shadowed == set(MATERIAL_ORIGINALS)
    for rel, recorded in MATERIAL_ORIGINALS.items():
        digest = hashlib.sha256((originals / rel).read_bytes()).hexdigest()
        assert digest == recorded, f"Material's {rel} changed: compare it with bkm_site/theme/templates/{rel}"


def test_footer_comes_through_materials_footer_block_with_a_translated_credit(make_site):
    home = html(make_site().build_inprocess())
    band = home.select_one(".bkm-footer-band")
    assert band.find_next_sibling("footer", class_="md-footer")
    assert band.select_one(".bkm-footer__name").get_text() == "BKM Maju Bersama"
    footer_text = " ".join(home.select_one("footer.md-footer").get_text(" ").split())
    assert "Made with" not in footer_text
    credit = " ".join(band.select_one(".bkm-footer__credit").get_text(" ").split())
    assert credit == "Dibuat dengan bkm-site & Material for MkDocs"


def test_a_site_can_turn_the_credit_off(make_site):
    home = html(make_site(mkdocs={"extra": {"generator": False}}).build_inprocess())
    assert home.select_one(".bkm-footer-band .bkm-footer__name")
    assert not home.select_one(".bkm-footer__credit")
    assert "Made with" not in home.select_one("footer.md-footer").get_text()


def own_main(make_site, template: str):
    site = make_site(
        programmes={"paving": minimal_programme()},
        mkdocs={"theme": {"name": "material", "language": "id", "custom_dir": "overrides"}},
    )
    (site.path / "overrides").mkdir()
    (site.path / "overrides" / "main.html").write_text(template, encoding="utf-8")
    return site


def test_own_main_html_extending_bkm_main_keeps_sharing_meta_and_footer(make_site):
    site = own_main(
        make_site,
        '{% extends "bkm/main.html" %}\n{% block extrahead %}<meta name="own" content="ya">{% endblock %}\n',
    )
    out = site.build_inprocess()
    for page in (out, out / "program" / "paving"):
        doc = html(page)
        assert doc.find("meta", attrs={"name": "own"})["content"] == "ya"
        assert doc.find("meta", property="og:title") and doc.find("meta", property="og:image")
        assert doc.select_one(".bkm-footer-band .bkm-footer")


def test_own_main_html_that_drops_the_sharing_meta_stops_the_build(make_site):
    site = own_main(
        make_site,
        '{% extends "base.html" %}\n{% block extrahead %}<meta name="own" content="ya">{% endblock %}\n',
    )
    run = site.build()
    assert run.returncode == 1
    assert "tidak memuat meta berbagi" in run.output and "situs TIDAK dibangun" in run.output
    assert 'Mulai overrides/main.html dengan {% extends "bkm/main.html" %}' in run.output
    assert "Traceback" not in run.output
    rendered = [p for p in run.site_dir.rglob("*.html") if 'data-md-component="header"' in p.read_text("utf-8")]
    assert not rendered, "no page is rendered and written"


@pytest.mark.parametrize("width, shown", [(1280, True), (360, False)])
def test_header_shows_the_motto_beside_the_site_name_on_wide_screens(demo_site, serve_dir, page, width, shown):
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(serve_dir(demo_site), wait_until="networkidle")
    content = page.evaluate(
        "getComputedStyle(document.querySelector('.md-header__topic:first-child'), '::after').content"
    )
    assert content == ('"Kita Peduli Kita Bisa Atasi"' if shown else "none")
    screenshot(page.locator(".md-header"), f"header-{width}")


def test_css_string_keeps_a_motto_from_closing_the_style_element():
    from bkm_site.theme_globals import css_string

    assert css_string('Kita "Bisa" </style>') == '"Kita \\22 Bisa\\22  \\3c /style\\3e "'


# --- one registry of page addresses -----------------------------------------------------------

PAGE_DIRS = ("program", "cara-membantu", "capaian", "transparansi", "mitra", "pjm", "pengaduan", "data-terbuka")


def test_every_generated_page_lives_at_an_address_from_the_registry(demo_site):
    from bkm_site.core import urls
    from bkm_site.core.formatting import Formatter
    from bkm_site.core.loading import load_site
    from bkm_site.core.pages import all_pages
    from bkm_site.core.strings import catalogue

    site = load_site(REPO / "data", REPO / "content", REPO)
    fixed = {urls.HOME, urls.PROGRAMMES, urls.HELP, urls.ACHIEVEMENTS, urls.REPORTS, urls.PARTNERS}
    fixed |= {urls.PLAN, urls.CONTACT, urls.OPENDATA}
    expected = fixed | {urls.programme(s) for s in site.programmes} | {urls.report(s) for s in site.reports}
    specs = [spec.src_uri for spec in all_pages(site, catalogue("id"), Formatter("id"))]
    assert len(specs) == len(set(specs)) and set(specs) == expected
    for uri in expected:
        assert (demo_site / uri.removesuffix(".md").removesuffix("index")).is_dir(), uri


def test_no_page_address_is_written_outside_the_registry():
    literal = re.compile(r"""["'](""" + "|".join(map(re.escape, PAGE_DIRS)) + ")/")
    package = REPO / "bkm_site"
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted([*package.rglob("*.py"), *package.rglob("*.html")])
        if "scaffold" not in path.parts and path.name != "urls.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert not found
