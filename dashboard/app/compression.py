"""Fewer bytes to readers on slow links: every text response compressed, fingerprinted files
cached by the browser for a year.

- Pages, callback JSON and the API: brotli (gzip for clients without it) by flask-compress, per
  response, at a light level (they are small and change with every request).
- Scripts, styles and map geometry: compressed once per process at a higher level and kept
  (plotly.js is 4.8 MB raw, 1.27 MB as brotli 6; compressing it costs 0.8 s, so not per request).
- Dash names its component scripts with a version and a timestamp (`.v4_4_1m1732….min.js`); the
  files under assets/ are served under a folder named after a hash of their contents
  (`assets_path`), so the map geometry, which plotly.js fetches by a fixed file name, changes
  address when it changes. Both are marked `immutable`: a repeat visit asks for none of them.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli
from dash import Dash
from flask import Flask, Response, request
from flask_compress import Compress

YEAR = 31_536_000
STATIC_LEVELS = {"br": 6, "gzip": 6}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def assets_path(folder: Path) -> str:
    """`assets/<hash>`: the URL folder of the files under `folder`, named after their bytes."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return f"assets/{digest.hexdigest()[:12]}"


def install_compression(app: Dash) -> None:
    server = app.server
    prefix = app.config.routes_pathname_prefix
    static = (prefix + "_dash-component-suites/", prefix + app.config.assets_url_path + "/")
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br"],
        COMPRESS_BR_LEVEL=4,
        COMPRESS_LEVEL=6,
    )
    # after_request hooks run last-registered first: files are handled before flask-compress
    Compress(server)
    _compress_files(server, static)
    server.session_interface = FilesVaryNotByCookie(server.session_interface, static)


class FilesVaryNotByCookie:
    """The session interface, except that scripts, styles and geometry do not say `Vary:
    Cookie`: they are the same for everyone (a private site refuses them with a 401, never
    caches a 401), and a browser would otherwise fetch them again whenever a cookie changed
    (the CSRF cookie set on a first callback, a sign-in), which defeats the year of caching."""

    def __init__(self, inner, static: tuple[str, ...]) -> None:
        self.inner = inner
        self.static = static

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def save_session(self, app: Flask, session, response: Response) -> None:
        self.inner.save_session(app, session, response)
        if request.path.startswith(self.static) and response.status_code in (200, 304):
            kept = [name for name in response.vary if name.lower() != "cookie"]
            response.headers["Vary"] = ", ".join(kept)  # (HeaderSet.discard misses "Cookie")


def _compress_files(server: Flask, static: tuple[str, ...]) -> None:
    @server.after_request
    def compress_file(response: Response) -> Response:
        if not request.path.startswith(static) or response.status_code != 200:
            return response
        if request.path.startswith(static[1]) or response.cache_control.max_age == YEAR:
            response.cache_control.no_cache = None  # Flask's default for static files
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        algorithm = _accepted(request.headers.get("Accept-Encoding", ""))
        if algorithm is None or not response.mimetype.startswith(TEXT_TYPES):
            return response
        response.direct_passthrough = False
        data = response.get_data()
        response.set_data(_compressed(request.path, algorithm, data))
        response.headers["Content-Encoding"] = algorithm
        response.vary.add("Accept-Encoding")
        return response


def _accepted(header: str) -> str | None:
    offered = {part.split(";")[0].strip() for part in header.lower().split(",")}
    return next((name for name in STATIC_LEVELS if name in offered), None)


_done: dict[tuple[str, str, bytes], bytes] = {}  # a few dozen files, kept for the process


def _compressed(path: str, algorithm: str, data: bytes) -> bytes:
    """The same file is compressed once per process: its address names its version, and the
    digest makes sure a file changed under the same address is compressed again."""
    key = (path, algorithm, hashlib.blake2b(data, digest_size=16).digest())
    if key not in _done:
        if algorithm == "br":
            _done[key] = brotli.compress(data, quality=STATIC_LEVELS["br"])
        else:
            _done[key] = gzip.compress(data, STATIC_LEVELS["gzip"], mtime=0)
    return _done[key]
