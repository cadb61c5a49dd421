"""The brief as PDF: the self-contained HTML printed by headless Debian chromium.

Printing the very HTML file keeps PDF and HTML identical in content. Chromium runs with a
throw-away profile, no network (a proxy that goes nowhere), and its own page header and
footer turned off: the page margin carries the brief's own line and page numbers.
"""

from __future__ import annotations

import os
import signal
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
        # its own process group, ended whole afterwards: no renderer or zygote outlives it
        printer = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        try:
            _, stderr = printer.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ImageError(f"chromium did not print the PDF within {timeout} s") from exc
        finally:
            end_group(printer)
        if not target.exists() or target.stat().st_size == 0:
            tail = stderr.decode("utf-8", "replace")[-500:]
            raise ImageError(f"chromium printed no PDF (exit {printer.returncode}): {tail}")
        return target.read_bytes()


def end_group(process: subprocess.Popen) -> None:
    """Kill whatever is left of the process's group, and reap the process."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # the group is gone already
    process.wait()


def brief_pdf(brief: Brief) -> bytes:
    return html_to_pdf(brief_html(brief))
