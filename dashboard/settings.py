"""Every setting the product reads, in one registry: name, environment variable, default, meaning.

The code reads settings only through `get`; `ocse --help` and the README's settings table are
made from `SETTINGS`, and a test fails when the code, the registry and the README disagree.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str  # as a person would type it; "" when the default is computed
    description: str
    parse: Callable[[str], Any] = str
    default_text: str = ""  # how the README states a computed default

    def documented_default(self) -> str:
        return self.default_text or self.default


SWITCH = {"1": True, "true": True, "yes": True, "on": True}
SWITCH |= {"0": False, "false": False, "no": False, "off": False}


def parse_switch(text: str) -> bool:
    try:
        return SWITCH[text.lower()]
    except KeyError:
        raise ValueError(f"use true or false, not {text!r}") from None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "OCSE_STORE",
        "build/store",
        "The store folder: its versions (each named by its content hash), the pointer to the "
        "one served, the audit log and the users file; relative to the current folder unless "
        "absolute (`make` sets it to the repository's build/store). A path ending in .duckdb "
        "names a single store file instead (read-only use, tests).",
        Path,
    ),
    Setting(
        "data",
        "OCSE_DATA",
        str(REPOSITORY / "data"),
        "The data/ folder the store is built from: one folder per publication.",
        Path,
        default_text="the repository's data/",
    ),
    Setting(
        "frame_ancestors",
        "OCSE_FRAME_ANCESTORS",
        "'self'",
        "Sites allowed to show the dashboard in a frame (CSP frame-ancestors), for example "
        "`https://intranet.example.org`.",
    ),
    Setting(
        "embed_origins",
        "OCSE_EMBED_ORIGINS",
        "'self'",
        "Sites allowed to show a chart's embed view (/embed/..., the chart alone) in a frame: "
        "its CSP frame-ancestors, and X-Frame-Options when only this site may. Space-separated, "
        "for example `https://intranet.example.org https://news.example.org`. Other pages follow "
        "`OCSE_FRAME_ANCESTORS`.",
    ),
    Setting(
        "private",
        "OCSE_PRIVATE",
        "false",
        "`true` makes the whole site private: every page, chart, download and API request needs "
        "a signed-in account (any role, `reader` included) or an API token.",
        parse_switch,
    ),
    Setting(
        "secret_key",
        "OCSE_SECRET_KEY",
        "",
        "The key that signs session cookies; every worker and server must share it. Unset, a "
        "random key is made once into `secret.key` in the store's state folder (mode 0600).",
        default_text="a random key in the state folder",
    ),
    Setting(
        "trusted_proxies",
        "OCSE_TRUSTED_PROXIES",
        "0",
        "How many reverse proxies stand in front of the app. Set it (usually `1`) behind one "
        "that terminates HTTPS, so that cookies are marked Secure and sign-in throttling sees "
        "the client's address rather than the proxy's (read from X-Forwarded-For and "
        "X-Forwarded-Proto).",
        int,
    ),
    Setting(
        "chromium",
        "OCSE_CHROMIUM",
        "",
        "The Chromium used for chart images and PDF briefs.",
        default_text="Debian's /usr/bin/chromium",
    ),
    Setting(
        "upload_limit_mb",
        "OCSE_UPLOAD_LIMIT_MB",
        "50",
        "The largest file, in MB, that `ocse ingest`, `ocse validate FILE` and uploads accept; "
        "a larger one is refused before it is read. An Excel workbook may unpack to twice this.",
        float,
    ),
    Setting(
        "pdf_time_limit_s",
        "OCSE_PDF_TIME_LIMIT_S",
        "60",
        "Seconds a PDF may take to read (it is read in a separate process) before it is "
        "stopped and refused.",
        float,
    ),
    Setting(
        "pdf_memory_limit_mb",
        "OCSE_PDF_MEMORY_LIMIT_MB",
        "1024",
        "Memory, in MB, the process reading a PDF may use before it is stopped and refused.",
        float,
    ),
    Setting(
        "brief_slots",
        "OCSE_BRIEF_SLOTS",
        "2",
        "How many briefs the site makes at once, across all its workers (each runs a browser "
        "for its charts and PDF); another request waits in line for a slot.",
        int,
    ),
    Setting(
        "brief_wait_s",
        "OCSE_BRIEF_WAIT_S",
        "20",
        "Seconds a brief request waits in line for a slot before the reader is told the site "
        "is busy and to try again.",
        float,
    ),
    Setting(
        "shared_answers_mb",
        "OCSE_SHARED_ANSWERS_MB",
        "16",
        "Memory, in MB, each worker keeps for chart and page answers readers share (the same "
        "request, language and store version gets the same answer); 0 keeps none.",
        float,
    ),
    Setting(
        "shared_answer_files_mb",
        "OCSE_SHARED_ANSWER_FILES_MB",
        "256",
        "Disk, in MB, for those shared answers as files in the store's state folder "
        "(`answers/`), so every worker and server on it computes each once; 0 keeps none on "
        "disk. Those of a version no longer served are removed ten minutes after the last "
        "was kept.",
        float,
    ),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str) -> Any:
    """The setting's value: its environment variable if set and not empty, else the default."""
    setting = BY_NAME[name]
    raw = os.environ.get(setting.env, "").strip() or setting.default
    try:
        return setting.parse(raw) if raw else None
    except ValueError as exc:
        raise ValueError(f"{setting.env}: {exc}") from None


# read by the C library (glibc) as each server process starts, unless the environment names them
SERVER_MALLOC = {
    # two arenas rather than eight per core: each thread a worker runs requests on otherwise
    # gets an arena of its own and keeps what it freed (1M store: workers 812-866 -> 669-791 MiB)
    "MALLOC_ARENA_MAX": "2",
    # a block of 128 KiB or more (a column a request copies) is mapped on its own and given
    # back when freed; by default the threshold rises with each such block freed, so later
    # ones come from the heap and stay (1M store: the larger worker 788-792 -> 740-743 MiB)
    "MALLOC_MMAP_THRESHOLD_": "131072",
}


def for_server_processes() -> None:
    """The C library's memory settings for the server's processes (SERVER_MALLOC), each unless
    the environment names it (benchmarks/memory.py)."""
    for name, value in SERVER_MALLOC.items():
        os.environ.setdefault(name, value)


def as_set() -> str:
    """Every setting as the environment sets it (unparsed, the session key left out): what
    makes one server answer differently from another on the same code and store."""
    return "\n".join(
        f"{s.env}={os.environ.get(s.env, '')}" for s in SETTINGS if s.name != "secret_key"
    )


def help_text() -> str:
    """The settings as `ocse --help` lists them."""
    lines = ["Settings (environment variables):"]
    for setting in SETTINGS:
        lines.append(f"  {setting.env} (default: {setting.documented_default() or 'none'})")
        lines.append(f"      {setting.description}")
    return "\n\n".join(lines)


def markdown_table() -> str:
    """The README's settings table."""
    rows = ["| variable | default | what it sets |", "|---|---|---|"]
    for setting in SETTINGS:
        default = setting.default_text or (f"`{setting.default}`" if setting.default else "none")
        rows.append(f"| `{setting.env}` | {default} | {setting.description} |")
    return "\n".join(rows)
