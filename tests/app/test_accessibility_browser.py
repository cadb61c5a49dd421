"""Every page on a 1280 px desktop and a 390 px phone: nothing wider than the screen, one h1,
one main landmark, a language, its own title, and no serious or critical axe-core finding
(WCAG 2.0-2.2 A and AA); the phone's menu and the map and compare pages from the keyboard.

One server, one browser, one tab per screen size (plotly.js and the rest load once); phone
screenshots of every page go to screenshots/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest

from dashboard.app.pages import all_pages
from dashboard.app.pages.sources.state import TABS
from dashboard.app.shell import PRODUCT
from tests.app.conftest import SCREENSHOTS
from tests.conftest import REPO

pytestmark = pytest.mark.browser

AXE = sorted((REPO / "build" / "axe").glob("axe-*.min.js"))  # `make axe`
SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
PAGES = {  # every page a reader can open, and the title it must have
    "/": "Overview",
    "/map": "Map",
    "/country/PHL": "Philippines (PHL)",
    "/compare": "Compare countries and regions",
    "/emerging": "Emerging threats",
    "/modus-operandi": "Modus operandi",
    "/factors": "External factors",
    "/gaps": "Data gaps",
    **{f"/sources?tab={tab}": f"Data & sources – {tab.capitalize()}" for tab in TABS},
}
# Ready: the title set from the heading, nothing loading, every chart drawn.
READY = """(title) => document.title.startsWith(title + ' – ')
    && !document.querySelector('[data-dash-is-loading="true"], ._dash-loading')
    && Array.from(document.querySelectorAll('.dash-graph'))
        .every((graph) => graph.querySelector('.main-svg'))"""
AXE_FINDINGS = """async () => {
    const result = await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
    return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
        .map((v) => `${v.impact} ${v.id}: ${v.help} at `
            + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
}"""
STRUCTURE = """() => [document.documentElement.lang, document.querySelectorAll('h1').length,
    document.querySelectorAll('main, [role=main]').length]"""
FOCUSED = """() => { const e = document.activeElement;
    return {id: e.id, tag: e.tagName, type: e.type || '', role: e.getAttribute('role'),
            text: e.innerText || '', href: e.getAttribute('href'),
            labelledby: e.getAttribute('aria-labelledby'),
            inTable: !!e.closest('.dash-table-container')}; }"""


@pytest.fixture(scope="module")
def screens(browser, server):
    """A tab per screen size, each with axe-core loaded into every page it opens."""
    if not AXE:
        pytest.fail("axe-core is missing: run `make axe`")
    tabs = {}
    for name, (width, height) in SCREENS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        context.add_init_script(path=str(AXE[-1]))
        tabs[name] = context.new_page()
        tabs[name].set_default_timeout(60_000)
    yield server, tabs
    for tab in tabs.values():
        tab.context.close()


def open_page(tab, url: str, title: str):
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_function(READY, arg=title)
    return tab


def slug(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "overview"


def test_every_page_a_reader_can_open_is_checked():
    readers = {p.path for p in all_pages() if p.needs is None and not p.prefix}
    checked = {path.split("?")[0] for path in PAGES}
    assert readers <= checked
    assert any(path.startswith("/country/") for path in PAGES)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", PAGES, ids=slug)
def test_page_fits_the_screen_and_axe_finds_nothing_serious(screens, path, screen):
    base, tabs = screens
    tab = open_page(tabs[screen], base + path, PAGES[path])
    if screen == "phone":
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"phone-{slug(path)}.png"))
    wide, screen_width = tab.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert wide <= screen_width, f"{path} is {wide} px wide on a {screen_width} px screen"
    assert tab.evaluate(STRUCTURE) == ["en", 1, 1]  # language, one h1, one main landmark
    assert tab.title() == f"{PAGES[path]} – {PRODUCT}"
    findings = tab.evaluate(AXE_FINDINGS)
    assert findings == [], "\n".join(findings)


def tab_until(tab, wanted, limit: int = 40, key: str = "Tab") -> dict:
    """Press `key` until the focused element satisfies `wanted`; fail after `limit` presses."""
    for _ in range(limit):
        tab.keyboard.press(key)
        focused = tab.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"{limit} presses of {key} never reached it; last: {focused}")


def test_the_phone_menu_works_from_the_keyboard(screens):
    base, tabs = screens
    tab = open_page(tabs["phone"], base + "/map", "Map")
    assert not tab.is_visible("#nav-compare")  # folded away
    tab_until(tab, lambda f: f["id"] == "menu-button", limit=6)
    tab.keyboard.press("Enter")
    assert tab.get_attribute("#menu-button", "aria-expanded") == "true"
    assert tab.is_visible("#nav-compare")
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "phone-menu-open.png"))
    assert tab.evaluate(AXE_FINDINGS) == []  # the open menu's contrast too
    tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUSED)["id"] == "nav-home"
    tab.keyboard.press("Escape")
    assert tab.evaluate(FOCUSED)["id"] == "menu-button"
    assert not tab.is_visible("#nav-compare")
    tab.keyboard.press("Enter")
    tab_until(tab, lambda f: f["id"] == "nav-compare", limit=5)
    tab.keyboard.press("Enter")
    tab.wait_for_function(READY, arg="Compare countries and regions")
    assert tab.url.endswith("/compare") and not tab.is_visible("#nav-map")


def test_the_map_from_the_keyboard_alone(screens):
    base, tabs = screens
    tab = open_page(tabs["desktop"], base + "/map", "Map")
    tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUSED)["text"] == "Skip to content"
    tab.keyboard.press("Enter")
    assert tab.evaluate(FOCUSED)["id"] == "content"
    tab_until(tab, lambda f: f["id"] == "map-indicator", limit=3)

    thumb = tab_until(tab, lambda f: f["role"] == "slider")
    assert thumb["labelledby"] == "map-year-label"
    first = int(tab.get_attribute("[role=slider]", "aria-valuemin"))
    tab.keyboard.press("Home")
    tab.wait_for_function("(y) => location.search.includes('year=' + y)", arg=first)
    assert int(tab.get_attribute("[role=slider]", "aria-valuenow")) == first
    tab.keyboard.press("ArrowRight")  # to the next year with data (assets/accessibility.js)
    tab.wait_for_function("(y) => location.search.includes('year=' + y)", arg=first + 1)
    assert tab.evaluate(FOCUSED)["role"] == "slider"  # the handle keeps the focus
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_function("(y) => location.search.includes('year=' + y)", arg=first)

    tab.focus("#map-play")
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.querySelector('#map-play').innerText.includes('Pause')")
    tab.keyboard.press("Space")
    tab.wait_for_function("() => document.querySelector('#map-play').innerText.includes('Play')")

    tab_until(tab, lambda f: f["role"] == "tab" and f["text"] == "Chart")
    tab.keyboard.press("ArrowRight")  # to the Table tab, which opens
    assert tab.evaluate(FOCUSED)["text"] == "Table"
    country = tab_until(tab, lambda f: f["inTable"] and (f["href"] or "").startswith("/country/"))
    tab_until(tab, lambda f: not f["inTable"], limit=40)  # the table lets the focus go
    tab_until(tab, lambda f: f["href"] == country["href"], limit=40, key="Shift+Tab")
    tab.keyboard.press("Enter")
    tab.wait_for_url(base + country["href"])
    assert country["text"] in tab.inner_text("#country-title")


def test_compare_from_the_keyboard_alone(screens):
    base, tabs = screens
    tab = open_page(tabs["desktop"], base + "/compare", "Compare countries and regions")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")  # skip to the content
    for control in ("compare-indicator", "compare-entities", "compare-norm", "compare-base"):
        tab_until(tab, lambda f, control=control: f["id"] == control, limit=8)
    tab.focus("#compare-norm")
    tab.keyboard.press("ArrowDown")  # opens the list
    tab.wait_for_selector("[role=listbox]:visible")
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Enter")  # picks the option
    tab.wait_for_function("() => location.search.includes('norm=')")

    tab.focus("#compare-base")
    tab_until(tab, lambda f: f["type"] == "radio", limit=4)  # the scale: Linear or Log
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function("() => location.search.includes('scale=log')")

    tab_until(tab, lambda f: f["role"] == "tab" and f["text"] == "Chart")
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate(FOCUSED)["text"] == "Table"
    tab.wait_for_selector("#compare-table-data td")
    tab_until(tab, lambda f: not f["inTable"] and f["text"] != "Table", limit=40)


# German, whose words run longest: every page at both sizes fits, names its language, passes
# axe-core, and leaves a screenshot (screenshots/de-*.png) for a person to look at.
GERMAN = [p for p in PAGES if "?tab=" not in p] + [
    "/sources?tab=indicators",
    "/sources?tab=coverage",
]
READY_ANY = """() => document.title.includes(' – ')
    && !document.querySelector('[data-dash-is-loading="true"], ._dash-loading')
    && Array.from(document.querySelectorAll('.dash-graph'))
        .every((graph) => graph.querySelector('.main-svg'))"""
HEADER_FITS = """() => { const bar = document.querySelector('.header-bar');
    return bar.scrollWidth <= bar.clientWidth + 1; }"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", GERMAN, ids=slug)
def test_in_german_every_page_fits_and_axe_finds_nothing_serious(screens, path, screen):
    from dashboard.language import _, speaking

    base, tabs = screens
    tab = tabs[screen]
    tab.goto(base + path + ("&" if "?" in path else "?") + "lang=de", wait_until="networkidle")
    try:
        tab.wait_for_function(READY_ANY)
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"de-{screen}-{slug(path)}.png"))
        wide, screen_width = tab.evaluate(
            "() => [document.scrollingElement.scrollWidth, innerWidth]"
        )
        assert wide <= screen_width, f"{path} is {wide} px wide on a {screen_width} px screen"
        assert tab.evaluate(HEADER_FITS), "the header's words run past its edge"
        assert tab.evaluate(STRUCTURE) == ["de", 1, 1]
        with speaking("de"):
            assert tab.title().endswith(" – " + _(PRODUCT))
        findings = tab.evaluate(AXE_FINDINGS)
        assert findings == [], "\n".join(findings)
    finally:
        tab.context.clear_cookies()  # the next page is read in English again
