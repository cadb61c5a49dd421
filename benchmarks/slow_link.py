"""/map over a slow mobile link: bytes moved, time to the first map shape, a callback's round
trip, on a first and a repeat visit, each beside a floor measured in the same run.

Targets (the issue): a first visit moves at most 2 MiB and a repeat visit at most 200 KiB; the
first map shape appears in under 8 s on a first visit and under 2 s on a repeat one. Timings
move with the machine's load, so each also holds as a ratio to its floor: the map at most 4x an
empty page's load, a callback at most 3x a trivial callback's round trip.

How: `ocse serve --workers 2` on loopback; headless Chromium with the link throttled through
the DevTools protocol (`Network.emulateNetworkConditions`: 1.6 Mbit/s down, 750 kbit/s up,
150 ms latency, which Chromium adds to every request). Each run is a new browser context (an
empty cache), which visits /map twice: first, then again in a new tab, as a reader who comes
back (the cache kept, scripts not asked for again when the server marked them immutable).
"Bytes" are what crossed the link: the sum of Chromium's encodedDataLength (headers and
compressed bodies) for every request of the visit. "First map shape" is the page's
`performance.now()` when the first `path.choroplethlocation` is attached (as `page_load`).
"Callback" is a control change once the map is drawn (the linear/log scale): from the click
until the last `/_dash-update-component` response it caused has ended.

Floors, in the same context and link: "empty page" is the sign-in page (a few kB of plain
HTML and one stylesheet, no script) to its load event; "trivial callback" is the page router's
callback for an address that is no page (a short "not found" layout), timed by the browser
as a fetch. Three runs, medians.

The chart bundle was measured before it was chosen (2026-12-02; raw / brotli 6): plotly.js
as plotly.py ships it, 4.8 MB / 1.27 MB; npm's plotly.js-geo-dist-min 4.1.1, 1.40 MB / 424 KB,
but no bar or heatmap (which /, /gaps and /modus-operandi draw); plotly.js-cartesian-dist-min,
1.50 MB / 450 KB, but no map; the app's own (scatter, bar, heatmap, choropleth, scattergeo,
calendars; `make plotly`), 1.52 MB / 470 KB. With the full plotly.js compressed, a first visit
to /map moved 1.9 MiB and its first shape came after 14.3 s on this link (load average 6);
1.27 MB alone is 6.3 s at 1.6 Mbit/s, so the 8 s target needed the smaller bundle.

The run of 2026-12-02 was taken with the shared machine's load average at 15.7 (uptime; several
test suites and servers of other work on 2 cores). On that machine, at load average 6.7 and with
no throttling at all, /map's first shape came after 8.8 s on a first visit and 7.9 s on a
repeat one (1.5 s on 2026-11-24, load about 1): the time is the browser's and the server's CPU,
not the link, and the empty page (a few kB, no script) does not scale with it. The repeat visit
moved 517 KiB until scripts stopped saying `Vary: Cookie` (a cookie set on the first visit
made Chromium fetch them again); 48 KiB since.

The repeat visit, taken apart on 2026-12-02 (quiet machine, a timeline of one visit): the page
arrives at about 0.19 s; its scripts come from the cache, but parsing and running them (React,
Dash, the Mantine components) ends at about 0.9 s (DOMContentLoaded); the layout and the
callback list take one round trip (0.25 s); drawing the page, the map's callback (one round
trip, 16 KB) and plotly drawing 177 countries take the rest. Three changes that day:
- no request goes back to the server for a script (async chunks and plotly.js named by their
  version): 54 KiB to 42 KiB, one or two round trips fewer;
- the page comes drawn with the layout (one round trip fewer): measured A/B the same hour,
  four runs each, alternating, median 2.38 s against 2.63 s without it;
- running the cached plotly.js as soon as the page starts was tried and measured slower
  (one timeline each: 2.37 s against 2.23 s): it takes the main thread while the layout is
  being drawn, so it is not done.
- the address bar is put in step with the controls as the page opens (so a copied link names
  the view as shown): A/B later that day, four runs each, median 2.96 s with it and 2.78 s
  without; kept, as a report writer's link matters more than 0.2 s.
The table's figures were taken at the end of that day, with the machine slower than in the
morning (the empty page 0.50 s against 0.42 s, DOMContentLoaded 1.06 s against 0.9 s).
What is left is the browser's own CPU on a shared two-core machine: the empty page's floor was
0.42-0.49 s in these runs, and the target's ratio (4x) is about 1.8 s. Those runs, 2.33-3.03 s
with the layout asked for early (app/__init__.py `early_requests`), were on an AMD EPYC
machine; on an Intel Xeon one later that day the same visit took 1.17-1.25 s (3.0x the 0.41 s
empty page), first visits 6.96-7.05 s: the table's rows.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.callbacks import CHROMIUM, CHROMIUM_ARGS, serve, shipped_store
from benchmarks.page_load import SHAPES, WATCH
from benchmarks.timing import Result

RUNS = 3
KBIT = 1000 / 8  # bytes per second in one kbit/s
LINK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1600 * KBIT,
    "uploadThroughput": 750 * KBIT,
}
MIB, KIB = 1024**2, 1024
TRIVIAL = """async () => {
  const csrf = (document.cookie.match(/(?:^|; )_csrf_token=([^;]*)/) || [])[1];
  const body = JSON.stringify({
    output: "..page.children...site-footer-text.children..",
    outputs: [{id: "page", property: "children"}, {id: "site-footer-text", property: "children"}],
    inputs: [{id: "url", property: "pathname", value: "/no-such-page"}],
    changedPropIds: ["url.pathname"],
    state: [
      {id: "url", property: "search", value: ""},
      {id: "page-opened", property: "data", value: null},
    ],
  });
  const headers = {"Content-Type": "application/json"};
  if (csrf) { headers["X-CSRFToken"] = decodeURIComponent(csrf); }
  const start = performance.now();
  const response = await fetch("/_dash-update-component", {method: "POST", headers, body});
  await response.text();
  return {ms: performance.now() - start, status: response.status};
}"""
LAST_CALLBACK = """(since) => Math.max(0, ...performance.getEntriesByType('resource')
  .filter(e => e.name.includes('_dash-update-component') && e.startTime >= since)
  .map(e => e.responseEnd))"""


class Wire:
    """Bytes over the link for one tab, from the DevTools protocol's own accounting."""

    def __init__(self, context, page) -> None:
        self.session = context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.session.send("Network.emulateNetworkConditions", LINK)
        self.bytes = 0
        self.requests = 0
        self.session.on("Network.loadingFinished", self._finished)

    def _finished(self, event: dict) -> None:
        self.bytes += event.get("encodedDataLength", 0)
        self.requests += 1


def open_map(context, url: str) -> dict[str, float]:
    """One visit to /map in a new tab of `context`: bytes, first shape, one callback."""
    page = context.new_page()
    page.set_default_timeout(120_000)
    wire = Wire(context, page)
    page.add_init_script(WATCH)
    page.goto(url + "/map")
    page.wait_for_selector(SHAPES, state="attached")
    shape = page.evaluate("window.__ocseShape")
    page.wait_for_load_state("networkidle")
    moved, requests = wire.bytes, wire.requests
    since = page.evaluate("performance.now()")
    page.locator("#map-scale input[type=radio]:not(:checked) + label").first.click()
    page.wait_for_function(f"({LAST_CALLBACK})({since}) > 0")
    page.wait_for_load_state("networkidle")
    callback = page.evaluate(f"({LAST_CALLBACK})({since})") - since
    page.close()
    return {"bytes": moved, "requests": requests, "shape": shape, "callback": callback}


def floors(context, url: str) -> dict[str, float]:
    page = context.new_page()
    page.set_default_timeout(120_000)
    Wire(context, page)
    start = time.perf_counter()
    page.goto(url + "/signin", wait_until="load")
    empty = (time.perf_counter() - start) * 1000
    trivial = [page.evaluate(TRIVIAL) for _ in range(3)]
    if any(t["status"] != 200 for t in trivial):
        raise RuntimeError(f"the trivial callback failed: {json.dumps(trivial)}")
    page.close()
    return {"empty": empty, "trivial": statistics.median(t["ms"] for t in trivial)}


def measure(base: str, runs: int = RUNS) -> dict[str, list[dict[str, float]]]:
    from playwright.sync_api import sync_playwright

    found: dict[str, list[dict[str, float]]] = {"first": [], "repeat": [], "floor": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                try:
                    found["floor"].append(floors(context, base))
                    found["first"].append(open_map(context, base))
                    found["repeat"].append(open_map(context, base))
                finally:
                    context.close()
        finally:
            browser.close()
    return found


def rows(found: dict[str, list[dict[str, float]]]) -> list[Result]:
    def median(visit: str, key: str) -> float:
        return statistics.median(run[key] for run in found[visit])

    empty, trivial = median("floor", "empty") / 1000, median("floor", "trivial")
    link = "1.6 Mbit/s down, 750 kbit/s up, 150 ms latency"
    results = []
    for visit, byte_target, shape_target, unit, scale in [
        ("first", 2 * MIB, 8.0, "MiB", MIB),
        ("repeat", 200 * KIB, 2.0, "KiB", KIB),
    ]:
        moved = median(visit, "bytes")
        requests = int(median(visit, "requests"))
        shape = median(visit, "shape") / 1000
        callback = median(visit, "callback")
        each = ", ".join(f"{run['bytes'] / scale:.1f}" for run in found[visit])
        results += [
            Result(
                f"slow link: /map {visit} visit, bytes",
                moved / scale,
                byte_target / scale,
                unit,
                f"{requests} requests; runs {each} {unit}; {link}; gunicorn -w 2, Chromium",
            ),
            Result(
                f"slow link: /map {visit} visit, first map shape",
                shape,
                shape_target,
                "s",
                f"{shape / empty:.1f}x the empty page's {empty:.2f} s (ratio target 4x); runs "
                + ", ".join(f"{run['shape'] / 1000:.2f}" for run in found[visit])
                + " s",
            ),
            Result(
                f"slow link: /map {visit} visit, callback round trip",
                callback / trivial,
                3.0,
                "x",
                f"{callback:.0f} ms (scale change, click to last response) over the trivial "
                f"callback's {trivial:.0f} ms",
            ),
        ]
    results.append(
        Result(
            "slow link: floors (empty page; trivial callback)",
            empty,
            float("inf"),
            "s",
            f"sign-in page to load event {empty:.2f} s; trivial callback {trivial:.0f} ms "
            f"(router, unknown address); same run and link",
        )
    )
    return results


def run(runs: int = RUNS) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="ocse-bench-slowlink-") as folder:
        with serve(shipped_store(Path(folder))) as served:
            return rows(measure(served.base, runs))


if __name__ == "__main__":
    for result in run():
        print(result)
