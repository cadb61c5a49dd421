"""Static chart images for briefs: kaleido with Debian chromium, local map geometry, A4 sizing.

One kaleido server per process (started on first use, ~2 s; then ~0.3 s a figure), driving
the system chromium: never a downloaded browser. Maps read the topojson served by the app
from a file:// URL, so nothing is fetched and a map is never silently blank. Every image
goes through `print_style`, so all of them share width, fonts and the source line inside.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
import warnings
from pathlib import Path

import plotly.graph_objects as go

from dashboard import settings
from dashboard.charts.geometry import GEO_DIR
from dashboard.charts.style import FONT, SOURCE_NOTE

WIDTH = 700  # CSS px: at 17 cm on A4 a 13 px label prints at about 8.5 pt
SCALE = 2.5  # pixels per CSS px in the PNG (about 260 dpi at that width)
TITLE_CHARS = 72  # a longer title is broken onto two lines
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
log = logging.getLogger("dashboard.exports")
RENDER_TIMEOUT = 120  # seconds one chart image may take
STOP_TIMEOUT = 30  # seconds the chart browser may take to close
_lock = threading.Lock()


class ImageError(RuntimeError):
    """Images cannot be rendered here: the message says what to install."""


# Headless Debian chromium on a machine with no internet: no background traffic, no sandbox (root).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """`OCSE_CHROMIUM` if set, else Debian's chromium."""
    configured = settings.get("chromium")
    candidates = [configured] if configured else list(CHROMIUM_CANDIDATES)
    candidates.append(shutil.which("chromium") or "")
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise ImageError("no chromium found: install Debian's chromium (`make chromium`)")


def topojson_url() -> str:
    if not (GEO_DIR / "world_110m.json").exists():
        raise ImageError(f"no map geometry in {GEO_DIR}: run `make geo`")
    return GEO_DIR.resolve().as_uri() + "/"


def _server() -> None:
    import kaleido

    if threading.excepthook is not _quiet_browser_thread:
        _quiet_browser_thread.default = threading.excepthook
        threading.excepthook = _quiet_browser_thread
    kaleido.start_sync_server(path=chromium_path(), mathjax=False, silence_warnings=True)


def _quiet_browser_thread(args) -> None:
    """kaleido's browser thread dies with a traceback when chromium cannot start; `render`
    says so in one line (an ImageError), and the log gets this one."""
    from kaleido._sync_server import GlobalKaleidoServer

    if args.thread is getattr(GlobalKaleidoServer(), "_thread", None):
        log.warning("the chart browser stopped: %s", str(args.exc_value).splitlines()[0][:200])
    else:
        _quiet_browser_thread.default(args)


def warm_up() -> None:
    """Start the kaleido browser in the background (it renders nothing until asked)."""
    with _lock:
        try:
            _server()
        except ImageError:
            pass  # said again, with the reason, when an image is asked for


def print_style(figure: go.Figure, height: int, width: int = WIDTH) -> go.Figure:
    """The same fonts, size and source-line style for every image in a brief."""
    styled = go.Figure(figure)
    styled.update_layout(
        width=width,
        height=height,
        font={"family": FONT, "size": 13, "color": "#222"},
        title_font={"size": 16},
        paper_bgcolor="white",
    )
    title = str(styled.layout.title.text or "")
    if len(title) > TITLE_CHARS and "<br>" not in title:
        cut = title.rfind(" ", 0, TITLE_CHARS)
        # two lines, placed by their bottom edge (plotly misplaces a multi-line top anchor)
        styled.update_layout(
            title_text=title[:cut] + "<br>" + title[cut + 1 :],
            title_y=1 - 30 / height,
            title_yanchor="bottom",
            margin_t=(styled.layout.margin.t or 100) + 22,
        )
    margin = styled.layout.margin
    left, right = margin.l if margin.l is not None else 80, margin.r if margin.r is not None else 80
    top, bottom = (
        margin.t if margin.t is not None else 100,
        margin.b if margin.b is not None else 80,
    )
    plot_width, plot_height = max(width - left - right, 1), max(height - top - bottom, 1)
    for annotation in styled.layout.annotations:
        if annotation.name == SOURCE_NOTE:
            # at the image's bottom-left corner, whatever the plot's margins
            annotation.update(
                font={"size": 11, "color": "#444"},
                xref="paper",
                yref="paper",
                x=-(left - 10) / plot_width,
                y=-(bottom - 6) / plot_height,
                xanchor="left",
                yanchor="bottom",
                align="left",
            )
    return styled


def render(figure: go.Figure, height: int, fmt: str = "png", width: int = WIDTH) -> bytes:
    """PNG (at SCALE) or SVG bytes of a figure laid out at `width` x `height` CSS px."""
    import kaleido

    styled = print_style(figure, height, width)
    uses_geo = any(t.type in ("choropleth", "scattergeo") for t in styled.data)
    topojson = topojson_url() if uses_geo else None
    options = {"format": fmt, "width": width, "height": height, "scale": SCALE}
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            _server()
            return _answered(lambda: kaleido.calc_fig_sync(styled, opts=options, topojson=topojson))
        except ImageError:
            raise
        except Exception as exc:  # kaleido wraps browser failures in many types
            raise ImageError(f"could not render a chart image: {exc}") from exc


def _answered(call):
    """`call()`'s result, or an ImageError once kaleido's browser thread has died (a browser
    that could not start: a full disk, a broken chromium) or RENDER_TIMEOUT has passed; kaleido
    itself would wait for ever. The server is then closed, so the next image starts afresh."""
    from kaleido._sync_server import GlobalKaleidoServer

    answer: dict = {}

    def work():
        try:
            answer["image"] = call()
        except Exception as exc:  # handed to the caller below
            answer["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    deadline = time.monotonic() + RENDER_TIMEOUT
    server = GlobalKaleidoServer()
    while worker.is_alive():
        worker.join(0.2)
        browser = getattr(server, "_thread", None)
        stopped = browser is not None and not browser.is_alive()
        if worker.is_alive() and (stopped or time.monotonic() > deadline):
            if stopped:  # a live one would be waited for
                server.close(silence_warnings=True)
            why = "stopped" if stopped else f"did not answer within {RENDER_TIMEOUT} s"
            raise ImageError(f"the chart browser (chromium) {why}: is the disk full?")
    if "error" in answer:
        raise answer["error"]
    return answer["image"]


def stop() -> None:
    """Close the kaleido browser (the CLI does at exit; a server keeps it). Kaleido closes it by
    queueing an end behind the tasks it has and waiting for its thread; a browser stuck on an
    image that never came (`_answered` gave up on it) would never take that end, and the CLI or
    the server would wait for ever. So it is waited for STOP_TIMEOUT, then left to end with the
    process (its thread is a daemon), and the log says so."""
    from kaleido._sync_server import GlobalKaleidoServer

    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = GlobalKaleidoServer()
        if not server.is_running():
            return
        closing = threading.Thread(
            target=server.close, kwargs={"silence_warnings": True}, daemon=True
        )
        closing.start()
        closing.join(STOP_TIMEOUT)
        if closing.is_alive():
            log.warning(
                "the chart browser did not close within %s s: left to end with the process",
                STOP_TIMEOUT,
            )
