"""Publishing in a real browser against `ocse serve --workers 2`: an editor previews and publishes
NCMEC's 2022 PDF into a store built without it, a reader in another browser sees the figure
with no restart, an admin rolls it back; a reader never reaches the Publish page; a bad file
shows its problems and changes nothing; a publish killed half-way leaves the earlier version
serving."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from dashboard import accounts
from dashboard.pipeline.operations import rebuild
from dashboard.store.versions import current_hash
from tests.app.auth.conftest import PASSWORD
from tests.app.conftest import Visit
from tests.conftest import REPO, SHARED, serving
from tests.pipeline.test_changes import small_data

pytestmark = pytest.mark.browser
WIDER_THAN_THE_SCREEN = """() => Array.from(document.querySelectorAll('#page *'))
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
    .filter((e) => { for (let n = e.parentElement; n && n.id !== 'page'; n = n.parentElement) {
        if (getComputedStyle(n).overflowX !== 'visible') { return false; } } return true; })
    .slice(0, 3).map((e) => `${e.tagName}.${e.className}#${e.id}`)"""
PDF_2022 = SHARED / "data" / "raw" / "ncmec" / "ncmec-by-country-2022.pdf"


def tree_digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.name in {"write.lock"} or "drafts" in path.parts:
                continue
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A store built from a small data/ without NCMEC's 2022 table, an editor, an admin and a
    reader, served by gunicorn with two workers."""
    folder = tmp_path_factory.mktemp("publish")
    data, store = small_data(folder), folder / "store"
    rebuild(data, store, "test")
    for name, role in [("eddie", "editor"), ("ada", "admin"), ("rita", "reader")]:
        accounts.add_user(store, name, PASSWORD, role)
    serve = ["dashboard.cli", "serve", "--port", "{port}", "--workers", "2"]
    env = {"OCSE_DATA": str(data)}
    with serving(serve, store, folder / "serve.log", env=env) as base:
        yield base, data, store


def sign_in(browser, base: str, name: str) -> Visit:
    visit = Visit(browser, base)
    page = visit.page
    page.goto(base + "/signin", wait_until="networkidle")
    page.fill("#signin-name", name)
    page.fill("#signin-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#account .account-name")
    return visit


def philippines_on_map(visit: Visit) -> str:
    """The map's hover text for the Philippines in 2022 ('' when it has no value)."""
    page = visit.open("/map?year=2022&indicator=cybertipline_reports")
    page.wait_for_selector("#map-graph .js-plotly-plot", state="attached")
    texts = page.evaluate(
        "() => document.querySelector('#map-graph .js-plotly-plot').data"
        ".flatMap(trace => trace.hovertext || [])"
    )
    return next((t for t in texts if t and "<b>Philippines</b> (2022)" in t), "")


def test_an_editor_publishes_a_reader_sees_it_an_admin_rolls_it_back(browser, site):
    base, data, store = site
    before = current_hash(store)
    reader = Visit(browser, base)
    assert "2,576,182" not in philippines_on_map(reader)

    editor = sign_in(browser, base, "eddie")
    page = editor.open("/publish")
    page.set_input_files("#publish-file", str(PDF_2022))
    page.click("#publish-preview-button")
    page.wait_for_selector("#publish-checks")
    checks = page.inner_text("#publish-checks")
    assert "32,059,029" in checks and "the check passed" in checks
    assert "ncmec-bycountry-2022 would add" in page.inner_text("#page")
    assert current_hash(store) == before  # the preview changed nothing
    editor.screenshot("publish-preview")

    page.click("#publish-commit-button")
    page.wait_for_selector(".publish-outcome")
    assert "Published ncmec-bycountry-2022" in page.inner_text(".publish-outcome")
    published = current_hash(store)
    assert published != before

    # the reader's other browser, same session, no restart: the next interaction shows it
    deadline = time.monotonic() + 10
    while "2,576,182" not in philippines_on_map(reader):
        assert time.monotonic() < deadline, "the new figure did not reach the reader"
    assert published[:12] in reader.page.inner_text("#site-footer-text")

    # the CLI rebuild from data/ reproduces what is served
    built = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "build"],
        env={**os.environ, "OCSE_STORE": str(store.parent / "rebuilt"), "OCSE_DATA": str(data)},
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert f"content hash {published}" in built.stdout, built.stderr

    admin = sign_in(browser, base, "ada")
    page = admin.open("/sources?tab=history")
    page.wait_for_selector("#history-table")
    assert "publish" in page.inner_text("#history-table") and "eddie" in page.inner_text(
        "#history-table"
    )
    page.click(f"#rollback-{before[:12]}")
    page.wait_for_selector(".publish-outcome")
    assert current_hash(store) == before
    deadline = time.monotonic() + 10
    while "2,576,182" in philippines_on_map(reader):
        assert time.monotonic() < deadline, "the rollback did not reach the reader"
    for visit in (reader, editor, admin):
        visit.context.close()


def test_a_reader_neither_sees_nor_reaches_publishing(browser, site):
    base, _, _ = site
    reader = sign_in(browser, base, "rita")
    page = reader.open("/")
    assert page.locator("a[href='/publish']").count() == 0
    response = page.goto(base + "/publish")
    assert response.status == 403
    for route in ("/publish/preview", "/publish/commit", "/publish/rollback"):
        answer = reader.context.request.post(base + route, form={"draft": "x"})
        assert answer.status in (400, 403), (route, answer.status)  # CSRF or role: never done
    reader.context.close()
    with pytest.raises(HTTPError) as refused:
        urlopen(Request(base + "/publish/preview", data=b"", method="POST"), timeout=10)
    assert refused.value.code in (400, 401)


BAD_FILES = {
    "unknown country": (b"country,year,value\nNarnia,2023,5\n", "unknown_country"),
    "not a table": (bytes(range(256)) * 4, "unsupported_type"),
    "truncated PDF": (PDF_2022.read_bytes()[:40_000], "truncated"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_shows_its_problems_and_changes_nothing(browser, site, tmp_path, case):
    base, data, store = site
    content, expected = BAD_FILES[case]
    before = tree_digest(data, store / "versions"), current_hash(store)
    upload = tmp_path / "upload.bin"
    upload.write_bytes(content)
    editor = sign_in(browser, base, "eddie")
    page = editor.open("/publish")
    page.set_input_files("#publish-file", str(upload))
    for name, value in [
        ("publisher", "Example Ministry"),
        ("title", "Example table"),
        ("url", "https://example.org/table"),
        ("licence", "CC BY 4.0"),
        ("indicator", "cybertipline_reports"),
        ("unit", "reports"),
    ]:
        page.fill(f"#publish-{name}", value)
    page.select_option("#publish-reliability", "primary")
    page.click("#publish-preview-button")
    page.wait_for_selector("#publish-problems")
    assert "Not publishable" in page.inner_text("#page")
    assert expected in page.inner_text("#publish-problems") or expected in page.inner_text("#page")
    assert page.locator("#publish-commit-button").is_disabled()
    assert (tree_digest(data, store / "versions"), current_hash(store)) == before
    editor.context.close()


def test_kill_9_during_a_publish_leaves_the_earlier_version_serving(site, tmp_path):
    """Killed at the last moment before the new version would be served: the new version and
    the publication's folder are written, the pointer not yet moved."""
    base, data, store = site
    before, files = current_hash(store), tree_digest(data)
    ready = tmp_path / "about-to-point"
    script = (
        "import sys, time; from pathlib import Path;"
        "import dashboard.pipeline.changes as changes;"
        "changes.point_to = lambda *a, **k: (Path(sys.argv[4]).write_text('x'), time.sleep(600));"
        "from dashboard.pipeline.publish import ingest_file;"
        "ingest_file(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), who='test')"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(PDF_2022), str(store), str(data), str(ready)], cwd=REPO
    )
    deadline = time.monotonic() + 180
    while not ready.exists():
        assert child.poll() is None, "the publish ended before it would point to the new version"
        assert time.monotonic() < deadline, "the publish never reached the new version"
        time.sleep(0.1)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert current_hash(store) == before
    version = json.loads(urlopen(base + "/api/v1/version", timeout=10).read())
    assert version["content_hash"] == before
    page_text = urlopen(base + "/_dash-layout", timeout=10).status
    assert page_text == 200
    # the next writer undoes anything half-done: data/ is as it was
    from dashboard.pipeline.changes import recover
    from dashboard.store.lock import writer

    with writer(store, "test", "recover"):
        recover(data, store)
    assert tree_digest(data) == files


def test_the_publish_page_and_its_preview_pass_axe(browser, site):
    """The editors' page, empty and with a preview open, at desktop and phone sizes: no serious
    or critical axe-core finding, nothing wider than the screen."""
    from tests.app.test_accessibility_browser import AXE, AXE_FINDINGS

    base = site[0]
    for width, height in [(1280, 800), (390, 844)]:
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        context.add_init_script(path=str(AXE[-1]))
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(base + "/signin", wait_until="networkidle")
        page.fill("#signin-name", "eddie")
        page.fill("#signin-password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("#account .account-name")
        page.goto(base + "/publish", wait_until="networkidle")
        page.wait_for_selector("#publish-file", state="attached")
        assert page.evaluate(AXE_FINDINGS) == [], f"empty form at {width} px"
        page.set_input_files("#publish-file", str(PDF_2022))
        page.click("#publish-preview-button")
        page.wait_for_selector("#publish-checks, #publish-problems")
        assert page.evaluate(AXE_FINDINGS) == [], f"preview at {width} px"
        wide = page.evaluate("() => document.scrollingElement.scrollWidth")
        widest = page.evaluate(WIDER_THAN_THE_SCREEN)
        assert wide <= width, f"/publish is {wide} px wide on a {width} px screen: {widest}"
        context.close()
