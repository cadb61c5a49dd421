"""An NCMEC PDF parsed in a child process with a time and a memory limit.

pdfminer can run for minutes, or take gigabytes, on a crafted or damaged PDF. The child sets its
own limits (address space, CPU seconds) before parsing and sends the NcmecTable back pickled;
the parent also stops it after the wall-clock limit. Whatever happens, the caller gets a table,
with a `pdf_limit` problem when a limit was hit. Starting the child costs about a second.

Run as `python -m dashboard.ingest.pdf_process PATH MEMORY_BYTES CPU_SECONDS` (by `parse_limited`).
"""

from __future__ import annotations

import hashlib
import math
import pickle
import resource
import signal
import subprocess
import sys
from pathlib import Path

from dashboard import settings
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.ncmec_pdf import NcmecTable, parse_ncmec_pdf, table_rows
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.raw import RawTable

KEEP_PARSED = 32
PARSED: dict[str, NcmecTable] = {}  # clean parses by the SHA-256 of the PDF's bytes
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding `dashboard`
OUT_OF_MEMORY = 3  # the child's exit code when parsing ran out of its memory


def _limits_text(seconds: float, memory_mb: float) -> str:
    return f"{seconds:g} s / {memory_mb:,.0f} MB"


def _refused(path: Path, message: str, reason: Reason = Reason.PDF_LIMIT) -> NcmecTable:
    return NcmecTable(problems=[Problem(str(path), None, "", reason, message)])


def parse_limited(
    path: Path, seconds: float | None = None, memory_mb: float | None = None
) -> NcmecTable:
    """`parse_ncmec_pdf` in a child process, stopped after `seconds` (OCSE_PDF_TIME_LIMIT_S) or
    when it needs more than `memory_mb` (OCSE_PDF_MEMORY_LIMIT_MB). A PDF read cleanly is kept
    by the digest of its bytes, so a publish parses it once, not for the preview, the check
    and each build."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest in PARSED:
        return PARSED[digest]
    table = _parse_in_child(path, seconds, memory_mb)
    if not table.problems:
        if len(PARSED) >= KEEP_PARSED:
            PARSED.pop(next(iter(PARSED)))
        PARSED[digest] = table
    return table


def _parse_in_child(path: Path, seconds: float | None, memory_mb: float | None) -> NcmecTable:
    seconds = settings.get("pdf_time_limit_s") if seconds is None else seconds
    memory_mb = settings.get("pdf_memory_limit_mb") if memory_mb is None else memory_mb
    limits = _limits_text(seconds, memory_mb)
    command = [
        sys.executable,
        "-m",
        "dashboard.ingest.pdf_process",
        str(path.absolute()),
        str(int(memory_mb * 1024 * 1024)),
        str(max(1, math.ceil(seconds))),
    ]
    try:
        done = subprocess.run(
            command, cwd=PACKAGE_ROOT, capture_output=True, timeout=seconds, check=False
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        return _refused(path, f"the PDF could not be read within {limits}: it took too long")
    if done.returncode == 0:
        try:
            table = pickle.loads(done.stdout)
        except Exception as exc:  # noqa: BLE001 - a garbled answer is a failed read
            return _refused(path, f"the PDF reader's answer was garbled ({exc})", Reason.UNREADABLE)
        if isinstance(table, NcmecTable):
            return table
    if done.returncode == OUT_OF_MEMORY:
        return _refused(path, f"the PDF could not be read within {limits}: it needed more memory")
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return _refused(path, f"the PDF could not be read within {limits}: it took too long")
    last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
    return _refused(path, f"the PDF reader failed ({last[:200]})", Reason.UNREADABLE)


def read_limited(path: Path, layout: TableLayout | None = None) -> RawTable:
    """`read_ncmec_pdf`, with the parsing done by `parse_limited`."""
    return table_rows(parse_limited(path), path, layout)


def _child(path: str, memory_bytes: int, cpu_seconds: int) -> int:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    try:
        answer = pickle.dumps(parse_ncmec_pdf(Path(path)))
    except MemoryError:
        return OUT_OF_MEMORY
    sys.stdout.buffer.write(answer)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
