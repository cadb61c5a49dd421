"""Publishing NCMEC's 2022 by-country PDF into the shipped data, as an editor does it.

A copy of data/ without `ncmec-bycountry-2022` is built into a store folder and served by
`ocse serve --workers 2` (gunicorn). Then, through the HTTP API with an editor's token:
the preview (`POST /api/v1/publications?dry_run=true`: PDF parsed in its child process,
checked, built into a dry-run store, compared) and the publish, timed from sending the file
until every worker answers `GET /api/v1/version` with the new hash (polled every 50 ms on new
connections, until twenty answers in a row give it). Targets (issue 12): preview under
3 s, publish to live on all workers under 10 s. Median of three: each run rolls back first.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.request import Request, urlopen

from benchmarks.timing import Result
from dashboard import accounts
from dashboard.pipeline.operations import rebuild, rollback
from dashboard.store import data_dir
from dashboard.store.versions import current_hash

PDF = Path(__file__).resolve().parents[2] / "shared/data/raw/ncmec/ncmec-by-country-2022.pdf"
LEFT_OUT = "ncmec-bycountry-2022"
RUNS = 3


def multipart(fields: dict[str, str], file: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + file
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def post(base: str, token: str, dry_run: bool) -> dict:
    about = {
        "publisher": "National Center for Missing & Exploited Children (NCMEC)",
        "title": "2022 CyberTipline Reports by Country",
        "url": "https://www.missingkids.org/content/dam/missingkids/pdfs/2022-reports-by-country.pdf",
        "licence": "NCMEC terms of use",
        "reliability": "primary",
        "id": LEFT_OUT,
    }
    body, boundary = multipart(about, PDF.read_bytes())
    query = "?dry_run=true" if dry_run else ""
    request = Request(
        f"{base}/api/v1/publications{query}",
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    with urlopen(request, timeout=120) as answer:
        return json.loads(answer.read())


def served_everywhere(base: str, wanted: str, in_a_row: int = 20) -> None:
    """Until `in_a_row` answers on new connections all give `wanted`: with two workers taking
    connections at random, both have answered with it but for a chance of 2^-19."""
    streak = 0
    while streak < in_a_row:
        with urlopen(f"{base}/api/v1/version", timeout=10) as answer:
            same = json.loads(answer.read())["content_hash"] == wanted
        streak = streak + 1 if same else 0
        time.sleep(0.05)


def run() -> list[Result]:
    from tests.conftest import serving

    folder = Path(tempfile.mkdtemp(prefix="ocse-bench-publish-"))
    try:
        data, store = folder / "data", folder / "store"
        shutil.copytree(data_dir(), data, ignore=shutil.ignore_patterns(LEFT_OUT))
        rebuild(data, store, "benchmark")
        base_hash = current_hash(store)
        accounts.add_user(store, "bench", "benchmark password", "editor")
        token = accounts.new_token(store, "bench")
        serve = ["dashboard.cli", "serve", "--port", "{port}", "--workers", "2"]
        previews, lives, rows = [], [], 0
        with serving(serve, store, folder / "serve.log", env={"OCSE_DATA": str(data)}) as base:
            for _ in range(RUNS):
                started = time.perf_counter()
                shown = post(base, token, dry_run=True)
                previews.append(time.perf_counter() - started)
                assert shown["ok"], shown["problems"][:3]
                started = time.perf_counter()
                done = post(base, token, dry_run=False)
                served_everywhere(base, done["content_hash"])
                lives.append(time.perf_counter() - started)
                rows = done["rows_added"]
                rollback(data, store, base_hash, "benchmark")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    runs = ", ".join(f"{s:.2f}" for s in lives)
    return [
        Result(
            "preview of the 2022 NCMEC PDF",
            statistics.median(previews),
            3.0,
            "s",
            f"POST /api/v1/publications?dry_run=true on the shipped data without it; runs "
            f"{', '.join(f'{s:.2f}' for s in previews)} s",
        ),
        Result(
            "publish to live on all workers (2022 NCMEC PDF)",
            statistics.median(lives),
            10.0,
            "s",
            f"POST to both gunicorn workers answering the new hash; {rows} rows added; "
            f"runs {runs} s",
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(result)
    sys.exit(0)
