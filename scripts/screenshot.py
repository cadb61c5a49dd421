"""Screenshot a page of a running dashboard: python scripts/screenshot.py URL OUT.png [WxH]."""

import sys

from playwright.sync_api import sync_playwright

from dashboard.exports.images import CHROMIUM_FLAGS as ARGS

url, out = sys.argv[1], sys.argv[2]
width, height = map(int, (sys.argv[3] if len(sys.argv) > 3 else "1280x800").split("x"))
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    page = browser.new_page(viewport={"width": width, "height": height})
    page.on("console", lambda m: print("console:", m.type, m.text) if m.type == "error" else None)
    page.on(
        "request", lambda r: None if r.url.startswith("http://127.0.0.1") else print("EXT", r.url)
    )
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1500)
    page.screenshot(path=out, full_page=len(sys.argv) > 4)
    browser.close()
