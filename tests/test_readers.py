"""The demo as readers meet it: axe-core and the Nu HTML Checker on every page type, the keyboard
(skip link, closed drawer, focus ring), a 360 px phone (tables, numbers kept on one line) and the
first screen of the home and a campaign page."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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
    screenshot,
)

PAGES = {
    "home": "",
    "programmes": "program/",
    "ongoing": "program/beasiswa-anak-2026/",
    "completed": "program/bedah-rumah-2024/",
    "planned": "program/pelatihan-pemasaran-digital/",
    "achievements": "capaian/",
    "transparency": "transparansi/",
    "report": "transparansi/2025/",
    "partners": "mitra/",
    "plan": "pjm/",
    "help": "cara-membantu/",
    "contact": "pengaduan/",
    "opendata": "data-terbuka/",
    "editor": "tentang/",
    "guide": "panduan/",
    "404": "404.html",
}
PHONE, DESKTOP = 360, 1280
CATALOGUE = load_yaml(REPO / "bkm_site" / "core" / "i18n" / "id.yml")
FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"


@pytest.fixture(scope="module")
def tabs(browser):
    """One browser tab per screen width, reused by every test of this module (fast)."""
    opened = {}

    def tab(width: int):
        if width not in opened:
            context = browser.new_context(viewport={"width": width, "height": 800})
            opened[width] = (context, context.new_page())
        return opened[width][1]

    yield tab
    for context, _ in opened.values():
        context.close()


def visit(tab, url: str):
    tab.goto(url, wait_until="load")
    return tab


# --- axe-core and the Nu HTML Checker --------------------------------------------


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violation(tabs, demo_url, axe, name, width):
    tab = visit(tabs(width), demo_url + PAGES[name])
    found = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:5]]}" for v in axe(tab)]
    assert not found, f"{name} at {width}px:\n" + "\n".join(found)


JAVA_QUICK = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")
"""One short run: the JVM's quick compiler alone (half the CPU of both), no GC threads; the quick compiler's
larger stack frames need a larger stack for the checker's deep parse."""


def test_nu_checker_finds_no_error(demo_site, vnu_jar):
    """One java run over every HTML file; only Material's own autocomplete="off" on its toggles is left."""
    files = sorted(str(p) for p in demo_site.rglob("*.html"))
    proc = subprocess.run(
        ["java", *JAVA_QUICK, "-jar", str(vnu_jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = next(out for out in (proc.stderr, proc.stdout) if out.strip().startswith("{"))
    errors = [m for m in json.loads(report)["messages"] if m["type"] == "error"]
    material = [m for m in errors if m["message"].startswith("Attribute “autocomplete”") and is_material_input(m)]
    left = [
        f"{Path(unquote(urlsplit(m['url']).path)).relative_to(demo_site)}: {m['message']}"
        for m in errors
        if m not in material
    ]
    assert not left, "\n".join(left[:30])
    assert len(files) >= len(PAGES)


def is_material_input(message: dict) -> bool:
    extract = message.get("extract", "")
    return 'class="md-toggle"' in extract or 'class="md-search__input"' in extract


def test_code_blocks_take_keyboard_focus(demo_site):
    blocks = html(demo_site / "panduan").select("pre > code")
    assert blocks
    assert all(code.get("tabindex") == "0" for code in blocks)


# --- keyboard -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, money",
    [
        ("home", "#bkm-hero", ".bkm-hero__ask"),
        ("ongoing", ".md-content", ".bkm-fundbox"),
        ("report", ".md-content", ".bkm-balance"),
        ("editor", ".md-content", "h1"),
    ],
)
def test_skip_link_goes_to_the_start_of_the_content(tabs, demo_url, name, content, money):
    tab = visit(tabs(DESKTOP), demo_url + PAGES[name])
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent.trim()") == CATALOGUE["a11y.skip"]
    tab.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")  # shown once focused
    target = tab.evaluate("document.activeElement.hash")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    landed = tab.evaluate(
        """([target, content, selector, money]) => {
            const root = document.querySelector(content);
            const shown = el => el.checkVisibility({visibilityProperty: true});
            const first = [...root.querySelectorAll(selector)].find(shown);
            const follows = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
            const start = document.querySelector(target), box = document.querySelector(money);
            return {
                isFirst: document.activeElement === first,
                focused: document.activeElement.outerHTML.slice(0, 120),
                beforeMoney: start.contains(box) || follows(start, box),
            };
        }""",
        [target, content, FOCUSABLE, money],
    )
    assert landed["isFirst"], f"after the skip link, focus went to {landed['focused']}"
    assert landed["beforeMoney"], f"{target} is after {money}"


def record_focus(tab) -> None:
    tab.evaluate(
        """() => {
            window.__focused = [];
            document.addEventListener('focusin', event => {
                const el = event.target, style = getComputedStyle(el);
                window.__focused.push({
                    html: el.outerHTML.slice(0, 100),
                    inDrawer: !!el.closest('.md-sidebar--primary'),
                    outline: style.outlineStyle,
                    width: parseFloat(style.outlineWidth),
                });
            });
        }"""
    )


def press_tab_through(tab) -> list[dict]:
    stops = tab.evaluate(f"document.querySelectorAll({FOCUSABLE!r}).length")
    for _ in range(stops + 2):
        tab.keyboard.press("Tab")
    return tab.evaluate("window.__focused")


def test_closed_drawer_is_out_of_the_tab_order_on_a_phone(tabs, demo_url):
    tab = visit(tabs(PHONE), demo_url + PAGES["ongoing"])
    record_focus(tab)
    focused = press_tab_through(tab)
    assert len(focused) > 10
    assert not [f["html"] for f in focused if f["inDrawer"]]
    tab.click(".md-header label[for='__drawer']")
    tab.wait_for_function("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'")
    assert tab.locator(".md-sidebar--primary .md-nav__link").first.is_visible()


@pytest.mark.parametrize("name, width", [("ongoing", DESKTOP), ("home", PHONE)])
def test_every_tab_stop_shows_a_focus_ring(tabs, demo_url, name, width):
    tab = visit(tabs(width), demo_url + PAGES[name])
    record_focus(tab)
    focused = press_tab_through(tab)
    assert len(focused) > 10
    weak = [
        f"{f['html']}: {f['outline']} {f['width']}px"
        for f in focused
        if f["outline"] == "none" or not 2 <= f["width"] <= 3
    ]
    assert not weak, "\n".join(weak)


# --- phone -------------------------------------------------------------------------------

BROKEN_NUMBERS = r"""(accounts) => {
    const amount = String.raw`[−-]?Rp\s?\d[\d.,]*(?:\s?(?:rb|jt|M|T|K|B)\b)?`;
    const phone = String.raw`(?:\+62|\(0\d{2,3}\)|\b0\d{2,3})[\d\s-]{6,}\d`;
    const escaped = accounts.map(a => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp([...escaped, amount, phone].join('|'), 'g');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = [], broken = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('script, style, svg')) continue;
        for (const match of node.data.matchAll(pattern)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].trimEnd().length);
            const lines = range.getClientRects().length;
            if (lines === 0) continue;  // not shown (print-only poster, closed drawer)
            seen.push(match[0]);
            if (lines !== 1) broken.push(`${match[0]} on ${lines} lines`);
        }
    }
    return {seen, broken};
}"""


@pytest.mark.parametrize("name", ["home", "ongoing", "report"])
def test_no_amount_or_number_is_broken_across_lines(tabs, demo_url, name):
    bkm = load_yaml(REPO / "data" / "bkm.yml")
    tab = visit(tabs(PHONE), demo_url + PAGES[name])
    result = tab.evaluate(BROKEN_NUMBERS, [bkm["donation"]["account_number"]])
    assert any(s.startswith("Rp") for s in result["seen"])
    assert any(bkm["contact"]["whatsapp"] in s for s in result["seen"])  # the footer's WhatsApp
    if name == "ongoing":
        assert bkm["donation"]["account_number"] in result["seen"]
    assert not result["broken"], result["broken"]


@pytest.mark.parametrize("name", ["ongoing", "report"])
def test_money_tables_read_without_sideways_scrolling(tabs, demo_url, name):
    tab = visit(tabs(PHONE), demo_url + PAGES[name])
    tables = tab.evaluate(
        """() => [...document.querySelectorAll('.md-content table')].map(table => {
            let wide = table.getBoundingClientRect().right > innerWidth + 1;
            for (let el = table; el && !el.classList.contains('md-content'); el = el.parentElement) {
                const scrolls = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
                wide = wide || (scrolls && el.scrollWidth > el.clientWidth + 1);
            }
            return {wide, text: table.innerText.slice(0, 60)};
        })"""
    )
    assert tables
    assert not [t["text"] for t in tables if t["wide"]]
    if name == "report":
        rows = tab.evaluate(
            """() => [...document.querySelectorAll('.bkm-report__lines tbody tr')].map(tr => {
                const [date, amount] = [tr.cells[0], tr.cells[tr.cells.length - 1]].map(c => c.getBoundingClientRect());
                return {text: tr.innerText, sameLine: Math.abs(date.top - amount.top) < 4 || date.height === 0,
                        shown: amount.right <= innerWidth};
            })"""
        )
        assert len(rows) > 10
        assert all(r["sameLine"] and r["shown"] for r in rows), [r["text"] for r in rows if not r["sameLine"]]


# --- first screen ------------------------------------------------------------------------


def bottom(tab, selector: str) -> float:
    box = tab.locator(selector).first.bounding_box()
    assert box, f"{selector} is not shown"
    return box["y"] + box["height"]


UNCOVERED = """selector => {
    const el = document.querySelector(selector), box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return el.contains(top) || top.contains(el);
}"""


def test_home_first_screen_says_who_what_is_needed_and_the_audit(tabs, demo_url):
    tab = visit(tabs(PHONE), demo_url + PAGES["home"])
    screenshot(tab, "home-360-first-screen")
    assert CATALOGUE["home.what_is"] in tab.locator(".bkm-hero").inner_text()
    for selector in (".bkm-hero__what", "[data-bkm=ask]", "[data-bkm=ask] .bkm-button--donate", "[data-bkm=audit]"):
        assert bottom(tab, selector) <= 800, f"{selector} is below the first screen"
        assert tab.evaluate(UNCOVERED, selector), f"{selector} is covered"

    ask = tab.locator("[data-bkm=ask]")
    slug = ask.locator("a").first.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    programme = demo_programmes()[slug]
    assert programme.get("featured") and programme["status"] != "completed"
    remaining = sum(f["planned"] for f in programme["funding"]) - sum(
        f.get("received", 0) for f in programme["funding"]
    )
    assert f"Rp {remaining:,}".replace(",", ".") in ask.inner_text()
    assert ask.locator(".bkm-button--donate").get_attribute("href").endswith(f"{slug}/#bantu")

    audited = [r for r in demo_reports().values() if r.get("audit")]
    newest = max(audited, key=lambda r: str(r["period"]))
    assert newest["audit"]["opinion"] in tab.locator("[data-bkm=audit]").inner_text()


def test_campaign_first_screen_shows_the_money_and_a_donate_bar_stays_in_reach(tabs, demo_url):
    tab = visit(tabs(PHONE), demo_url + PAGES["ongoing"])
    screenshot(tab, "campaign-360-first-screen")
    for selector in (
        ".bkm-fundbox .bkm-progress__raised",
        ".bkm-fundbox__remaining",
        ".bkm-fundbox .bkm-button--donate",
    ):
        assert bottom(tab, selector) <= 800, f"{selector} is below the first screen"
        assert tab.evaluate(UNCOVERED, selector), f"{selector} is covered"
    bar = tab.locator("[data-bkm=donate-bar]")
    for fraction in (0.3, 0.6):
        tab.evaluate(f"window.scrollTo(0, document.documentElement.scrollHeight * {fraction})")
        box = bar.locator(".bkm-button--donate").bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 800, f"donate bar out of reach at {fraction:.0%}"
    tab.emulate_media(media="print")
    assert not bar.is_visible()
    tab.emulate_media(media="screen")
    desktop = visit(tabs(DESKTOP), demo_url + PAGES["ongoing"])
    assert not desktop.locator("[data-bkm=donate-bar]").is_visible()


def test_completed_campaign_has_no_donate_bar(demo_site):
    assert not html(demo_site / PAGES["completed"]).select("[data-bkm=donate-bar]")
    assert html(demo_site / PAGES["planned"]).select("[data-bkm=donate-bar]")


def test_english_home_says_what_a_bkm_is(make_site):
    english = load_yaml(REPO / "bkm_site" / "core" / "i18n" / "en.yml")
    report = minimal_report(audit={"auditor": "KAP A", "date": date(2026, 2, 1), "opinion": "Unqualified"})
    site = make_site(
        MINIMAL_BKM,
        programmes={"paving": minimal_programme(featured=True)},
        reports={"2025": report},
        mkdocs={"theme": {"name": "material", "language": "en"}},
    )
    hero = html(site.build_inprocess()).select_one(".bkm-hero")
    assert english["home.what_is"] in hero.get_text(" ", strip=True)
    assert "Rp 2,700,000" in hero.select_one("[data-bkm=ask]").get_text(" ", strip=True)
    assert "Unqualified" in hero.select_one("[data-bkm=audit]").get_text()


# --- links -------------------------------------------------------------------------------


def test_more_about_the_bkm_opens_its_story(demo_site):
    bkm = load_yaml(REPO / "data" / "bkm.yml")
    words = CATALOGUE["home.more_about"].format(name=bkm["name"])
    link = html(demo_site).find("a", string=words)
    assert link, f"no link {words!r} on the home page"
    path, _, anchor = link["href"].partition("#")
    target = html(demo_site / path)
    heading = target.find(id=anchor).find_next(["h1", "h2"])
    assert heading.get_text(strip=True).rstrip("¶") == CATALOGUE["contact.about"].format(name=bkm["name"])


def test_every_link_within_the_site_lands_on_its_anchor(demo_site):
    """A link to ``page/#part`` must find ``id="part"`` there, or it silently opens the page's top."""
    prefix = urlsplit(demo_site_url()).path
    ids: dict[Path, set[str]] = {}
    missing = []
    for file in sorted(demo_site.rglob("*.html")):
        page_url = "/" + file.relative_to(demo_site).as_posix()
        for a in html(file).select("a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:", "tel:", "javascript:", "data:")) or "#" not in href:
                continue
            path, _, anchor = urljoin(
                page_url, href.replace(prefix, "/", 1) if href.startswith(prefix) else href
            ).partition("#")
            target = demo_site / path.lstrip("/")
            target = target / "index.html" if target.is_dir() else target
            if not anchor or not target.is_file():
                continue
            if target not in ids:
                ids[target] = {el["id"] for el in html(target).select("[id]")}
            if unquote(anchor) not in ids[target]:
                missing.append(f"{page_url}: {href}")
    assert not missing, "\n".join(missing[:20])


def test_funding_amounts_keep_their_labels_on_a_phone(demo_site):
    """The funding table stacks at 360 px: each amount names its column itself."""
    cells = html(demo_site / PAGES["ongoing"]).select("#bkm-dana td.bkm-num")
    assert cells and {c.get("data-column") for c in cells} == {CATALOGUE["money.target"], CATALOGUE["money.received"]}


def test_amounts_are_kept_together_in_text(demo_site):
    text = html(demo_site / PAGES["ongoing"])
    spans = [s.get_text() for s in text.select(".bkm-nowrap")]
    assert any(re.fullmatch(r"Rp \d{1,3}(\.\d{3})+", s) for s in spans)
    assert not text.select("title .bkm-nowrap, svg .bkm-nowrap, pre .bkm-nowrap")
