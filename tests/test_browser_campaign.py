"""Home, programme index and a campaign page in real Chromium, on a phone and a desktop."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import screenshot

PAGES = {"home": "", "programmes": "program/", "campaign": "program/beasiswa-anak-2026/"}
DONATE = {
    "home": ".bkm-hero__actions .bkm-button--donate",
    "programmes": None,
    "campaign": ".bkm-fundbox .bkm-button--donate",
}


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_shows_donate_and_stays_local(demo_site, serve_dir, page, name, width):
    base = serve_dir(demo_site)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base + PAGES[name], wait_until="networkidle")
    # load the lazy photos too, so their hosts are checked and the screenshot shows them
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.images].every(img => img.complete)")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} at {width}px overflows by {overflow}px"
    if DONATE[name]:
        assert page.locator(DONATE[name]).is_visible()
    else:
        assert page.locator(".bkm-card").first.is_visible()
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, f"requests to {hosts - {'127.0.0.1'}}"
    screenshot(page, f"{name}-{width}", full_page=True)


def test_status_filter_works_without_javascript(demo_site, serve_dir, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    tab = context.new_page()
    tab.goto(serve_dir(demo_site) + "program/")
    total = tab.locator(".bkm-card").count()
    tab.click('label[for="bkm-status-completed"]')
    visible = tab.locator(".bkm-card:visible")
    assert 0 < visible.count() < total
    for i in range(visible.count()):
        assert "bkm-card--completed" in visible.nth(i).get_attribute("class")
    context.close()
