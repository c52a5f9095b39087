"""Material's JavaScript bundle only where a site needs it: the demo's pages work on HTML and CSS
(drawer, navigation tabs, table of contents, back to top, Pagefind search), and a site that turns
on one of Material's scripted features still gets the bundle, with the same pages working."""

from __future__ import annotations

import pytest
import yaml
from conftest import (
    MINIMAL_BKM,
    Site,
    build_on_demo_day,
    copy_site,
    html,
    minimal_programme,
    screenshot,
    shared_build,
)
from mkdocs.config import load_config

from bkm_site.core.strings import catalogue
from bkm_site.theme_setup import needs_material_js

ID = catalogue("id")
PHONE, DESKTOP = 360, 1280
CAMPAIGN, GUIDE = "program/beasiswa-anak-2026/", "panduan/"
TOGGLE = [
    {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Mode gelap"}},
    {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Mode terang"}},
]
MERMAID = {"name": "mermaid", "class": "mermaid"}


def scripts(page) -> list[str]:
    return [s["src"] for s in page.find_all("script", src=True)]


def stylesheets(page) -> list[str]:
    return [link["href"].rsplit("/", 1)[-1] for link in page.find_all("link", rel="stylesheet")]


def material_scripts(page) -> list[str]:
    return [src for src in scripts(page) if "assets/javascripts/" in src]


# --- which sites get the bundle ----------------------------------------------------


def config_of(tmp_path, extra: dict):
    (tmp_path / "docs").mkdir(exist_ok=True)
    theme = {"name": "material", "palette": {"primary": "custom", "accent": "custom"}}
    theme |= extra.pop("theme", {})
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump({"site_name": "BKM", "theme": theme, **extra}), encoding="utf-8")
    return load_config(config_file=str(path))


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"theme": {"features": ["navigation.tabs", "navigation.top", "navigation.sections", "toc.integrate"]}},
        {"theme": {"features": ["navigation.indexes", "navigation.footer", "content.action.edit", "search.suggest"]}},
        {"theme": {"palette": {"scheme": "slate", "primary": "teal"}}},
        {"markdown_extensions": ["admonition", "pymdownx.details", "pymdownx.superfences", "attr_list"]},
        {"extra": {"social": [{"icon": "fontawesome/brands/whatsapp", "link": "https://wa.me/6281200000000"}]}},
    ],
    ids=["nothing", "tabs-top-sections", "more-template-features", "one-palette", "plain-extensions", "social"],
)
def test_sites_that_use_only_html_features_need_no_material_js(tmp_path, extra):
    assert needs_material_js(config_of(tmp_path, extra)) is False


@pytest.mark.parametrize(
    "extra",
    [
        {"theme": {"features": ["navigation.top", "content.code.copy"]}},
        {"theme": {"features": ["navigation.instant"]}},
        {"theme": {"features": ["toc.follow"]}},
        {"theme": {"features": ["header.autohide"]}},
        {"theme": {"features": ["a.feature.material.adds.later"]}},
        {"theme": {"palette": TOGGLE}},
        {"markdown_extensions": [{"pymdownx.tabbed": {"alternate_style": True}}]},
        {"markdown_extensions": [{"pymdownx.superfences": {"custom_fences": [MERMAID]}}]},
        {"extra_javascript": ["js/own.js"]},
        {"extra": {"analytics": {"provider": "google", "property": "G-XXXXXXXXXX"}}},
        {"extra": {"consent": {"title": "Cookie"}}},
    ],
    ids=[
        "code-copy",
        "instant",
        "toc-follow",
        "autohide",
        "unknown-feature",
        "palette-toggle",
        "content-tabs",
        "mermaid",
        "own-script",
        "analytics",
        "consent",
    ],
)
def test_sites_that_use_a_scripted_material_feature_keep_its_javascript(tmp_path, extra):
    assert needs_material_js(config_of(tmp_path, extra)) is True


# --- the pages, built ---------------------------------------------------------------


def test_demo_pages_load_no_material_javascript_and_link_back_to_the_top(demo_site):
    for rel in ("", CAMPAIGN, "transparansi/2025/", GUIDE, "404.html"):
        page = html(demo_site / rel)
        assert material_scripts(page) == [], rel
        assert page.select_one("script#__config") is None, rel
        assert [src.rsplit("/", 1)[-1] for src in scripts(page)] == ["search.js"], rel
        link = page.select_one(".bkm-top a")
        assert link is not None and link.get_text(strip=True) == ID("nav.back_to_top"), rel
        target = page.find(id=link["href"].removeprefix("#"))
        assert target is not None and target.find_previous(["main", "article", "footer"]) is None, rel
        assert page.select_one("head noscript style").string == ".bkm-search{display:none}"
        assert [name.split(".", 1)[0] for name in stylesheets(page)][:2] == ["main", "bkm"], rel
        assert not [name for name in stylesheets(page) if name.startswith("palette.")], rel


@pytest.mark.parametrize(
    "palette, linked",
    [
        ({"primary": "custom", "accent": "custom"}, False),
        ({"primary": "teal", "accent": "custom"}, True),
        ({"scheme": "slate", "primary": "custom", "accent": "custom"}, True),
        ({"primary": "custom"}, True),  # the accent is then Material's indigo
    ],
    ids=["custom", "named-primary", "dark-scheme", "default-accent"],
)
def test_palette_stylesheet_only_for_colours_material_defines(make_site, palette, linked):
    page = html(built(make_site, palette=palette).site_dir / "program" / "paving-rt03")
    assert any(name.startswith("palette.") for name in stylesheets(page)) is linked
    assert stylesheets(page)[0].startswith("main.")


def built(make_site, features=None, palette=None, **bkm_options) -> Site:
    plugin = {"bkm": bkm_options} if bkm_options else "bkm"
    theme = {"name": "material", "language": "id", "features": features or []}
    if palette:
        theme["palette"] = palette
    site = make_site(
        MINIMAL_BKM,
        programmes={"paving-rt03": minimal_programme()},
        mkdocs={"theme": theme, "plugins": [plugin]},
    )
    site.build_inprocess()
    return site


def test_a_scripted_feature_brings_materials_bundle_and_its_own_back_to_top(make_site):
    page = html(built(make_site, ["navigation.top", "content.code.copy"]).site_dir / "program" / "paving-rt03")
    assert len(material_scripts(page)) == 1 and "bundle." in material_scripts(page)[0]
    assert page.select_one("script#__config") is not None
    assert page.select_one(".bkm-top") is None
    assert page.select_one("button.md-top[data-md-component=top]") is not None


@pytest.mark.parametrize(
    "features, option, bundled",
    [(["navigation.top"], True, True), (["navigation.top", "content.code.copy"], False, False)],
    ids=["asked-for", "refused"],
)
def test_the_material_js_option_overrides_the_rule(make_site, features, option, bundled):
    page = html(built(make_site, features, material_js=option).site_dir / "program" / "paving-rt03")
    assert bool(material_scripts(page)) is bundled
    assert (page.select_one(".bkm-top") is None) is bundled


# --- in the browser, with and without the bundle ---------------------------------------


@pytest.fixture(scope="session")
def bundled_demo(request, demo_build):
    """The demo with one scripted feature more (copy buttons on code), so Material's bundle runs on every page.
    Built once per run from a copy of the demo build, whose photo and card cache it reuses."""

    def make(root):
        copy_site(demo_build.root, root)
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert "    - navigation.top\n" in text
        (root / "mkdocs.yml").write_text(
            text.replace("    - navigation.top\n", "    - navigation.top\n    - content.code.copy\n")
        )
        build_on_demo_day(root)

    root, _ = shared_build(request, "bundled-demo", make)
    return root / "site"


@pytest.fixture(params=["without-bundle", "with-bundle"])
def served(request, demo_site, serve_dir):
    site = demo_site if request.param == "without-bundle" else request.getfixturevalue("bundled_demo")
    assert bool(material_scripts(html(site / CAMPAIGN))) is (request.param == "with-bundle")
    return request.param, serve_dir(site)


@pytest.fixture
def watched(browser):
    """A tab that records console errors and uncaught exceptions; the test fails on any."""
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda err: errors.append(str(err)))
    yield tab
    context.close()
    assert not errors, errors


def drawer_open(tab) -> bool:
    return tab.evaluate(
        "document.getElementById('__drawer').checked &&"
        " getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'"
    )


def wait_closed(tab) -> None:
    tab.wait_for_function(
        "!document.getElementById('__drawer').checked &&"
        " getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'hidden'"
    )


def test_drawer_opens_and_closes_on_a_phone(served, watched):
    variant, base = served
    tab = watched
    tab.set_viewport_size({"width": PHONE, "height": 800})
    tab.goto(base + GUIDE, wait_until="load")
    tab.click(".md-header label[for='__drawer']")
    tab.wait_for_function("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'")
    assert drawer_open(tab)
    tab.wait_for_function("!document.querySelector('.md-sidebar--primary').getAnimations({subtree: true}).length")
    screenshot(tab, f"drawer-{variant}-360")  # slid fully open
    tab.click(".md-overlay", position={"x": 340, "y": 400})
    wait_closed(tab)

    # A part of this page, chosen from the drawer's contents, closes the drawer.
    tab.click(".md-header label[for='__drawer']")
    tab.wait_for_function("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'")
    tab.click(".md-sidebar--primary label.md-nav__link[for='__toc']")
    part = tab.locator(".md-sidebar--primary .md-nav--secondary a.md-nav__link").nth(2)
    href = part.get_attribute("href")
    part.click()
    wait_closed(tab)
    assert tab.evaluate("location.hash") == href
    heading = tab.evaluate(f"document.getElementById({href[1:]!r}).getBoundingClientRect().top")
    assert 0 <= heading < 200


def test_tabs_search_and_back_to_top(served, watched, axe):
    variant, base = served
    tab = watched
    tab.set_viewport_size({"width": DESKTOP, "height": 800})
    tab.goto(base, wait_until="load")
    programmes = tab.locator(".md-tabs__link", has_text="Program").first
    programmes.click()
    tab.wait_for_url(base + "program/")
    assert "md-tabs__item--active" in tab.locator(
        ".md-tabs__item", has=tab.locator(".md-tabs__link", has_text="Program")
    ).first.get_attribute("class")

    tab.set_viewport_size({"width": PHONE, "height": 800})
    tab.goto(base + CAMPAIGN, wait_until="load")
    tab.locator(".bkm-search input").focus()
    tab.keyboard.type("sumur")
    results = tab.locator(".bkm-search [role=listbox] [role=option]")
    results.first.wait_for(timeout=15_000)
    assert results.count() > 0
    tab.keyboard.press("Escape")

    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    if variant == "without-bundle":
        tab.click(".bkm-top a")
    else:  # Material shows its button when the reader scrolls back up a little
        tab.mouse.wheel(0, -300)
        tab.locator(".md-top").click()
    tab.wait_for_function("window.scrollY === 0")

    assert not [f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes'][:3]]}" for v in axe(tab)]
    screenshot(tab, f"campaign-{variant}-360", full_page=True)
