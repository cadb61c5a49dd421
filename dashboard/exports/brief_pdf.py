"""The brief as PDF: the self-contained HTML printed by headless Debian chromium.

Printing the very HTML file keeps PDF and HTML identical in content. Chromium runs with a
throw-away profile, no network (a proxy that goes nowhere), and its own page header and
footer turned off: the page margin carries the brief's own line and page numbers.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from dashboard.exports.brief import Brief
from dashboard.exports.brief_html import brief_html
from dashboard.exports.images import CHROMIUM_FLAGS, ImageError, chromium_path

TIMEOUT = 60


def html_to_pdf(html: str, timeout: int = TIMEOUT) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ocse-brief-") as folder:
        work = Path(folder)
        source, target = work / "brief.html", work / "brief.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            chromium_path(),
            "--headless",
            *CHROMIUM_FLAGS,
            "--disable-extensions",
            "--no-default-browser-check",
            "--proxy-server=127.0.0.1:9",
            f"--user-data-dir={work / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ImageError(f"chromium did not print the PDF within {timeout} s") from exc
        if not target.exists() or target.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace")[-500:]
            raise ImageError(f"chromium printed no PDF (exit {done.returncode}): {tail}")
        return target.read_bytes()


def brief_pdf(brief: Brief) -> bytes:
    return html_to_pdf(brief_html(brief))
