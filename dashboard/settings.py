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


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "OCSE_STORE",
        "build/ocse.duckdb",
        "The store file the app serves and `ocse build` writes, relative to the current folder "
        "unless absolute (`make` sets it to the repository's build/ocse.duckdb).",
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
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str) -> Any:
    """The setting's value: its environment variable if set and not empty, else the default."""
    setting = BY_NAME[name]
    raw = os.environ.get(setting.env, "").strip() or setting.default
    return setting.parse(raw) if raw else None


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
