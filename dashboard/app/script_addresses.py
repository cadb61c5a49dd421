"""Every script a page loads under an address that names its version, so a reader coming back
asks the server for none of them (compression.py marks such files immutable for a year).

- Dash names a component script by its version (`dcc/dash_core_components.v4_4_1m1732….js`),
  but the scripts these load later (`async-graph.js`, `async-table.js`) are fetched from the
  same folder under fixed names, and Dash can only revalidate those. The page therefore names
  each script's version as a folder instead (`dash/~v4_4_1m1732…/dcc/dash_core_components.js`):
  the later scripts come from that folder too, and each request is handed to Dash as the
  versioned name it knows.
- plotly.js: the app's own bundle (`make plotly`: only the chart types the app draws) is served
  under a name holding its digest, preloaded by the page, and dcc.Graph is told that address
  (assets/chart_bundle.js; Dash's own, `PLOTLY_ADDRESS`, has no version). That fixed address
  still answers, with the same bundle, for pages opened before.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from dash import Dash
from flask import request, send_file

from dashboard.app.compression import YEAR

SUITES = "_dash-component-suites/"
PLOTLY_ADDRESS = SUITES + "plotly/package_data/plotly.min.js"  # as dcc.Graph asks for it
# Dash's name for a file of a version: first part of the name, version, the rest
VERSIONED_NAME = re.compile(r"^(?P<name>[^./]+)\.(?P<version>v[\w-]+m[0-9a-fA-F]+)\.(?P<ext>.+)$")
VERSION_FOLDER = re.compile(r"^~(?P<version>v[\w-]+m[0-9a-fA-F]+)/(?P<path>.+)$")


def as_folder(address: str) -> str:
    """`…/dash/dcc/x.v4m1.min.js` -> `…/dash/~v4m1/dcc/x.min.js`; other addresses as they are."""
    head, _, rest = address.partition(SUITES)
    package, _, path = rest.partition("/")
    folder, _, file = path.rpartition("/")
    named = VERSIONED_NAME.match(file)
    if not rest or not named:
        return address
    inner = f"{folder}/" if folder else ""
    return f"{head}{SUITES}{package}/~{named['version']}/{inner}{named['name']}.{named['ext']}"


def as_name(path: str) -> str | None:
    """The reverse, for the part after the package: `~v4m1/dcc/async-graph.js` ->
    `dcc/async-graph.v4m1.js`; None for a path not in that form."""
    found = VERSION_FOLDER.match(path)
    if not found:
        return None
    folder, _, file = found["path"].rpartition("/")
    name, dot, ext = file.partition(".")
    if not name or not dot or ".." in found["path"].split("/"):
        return None
    inner = f"{folder}/" if folder else ""
    return f"{inner}{name}.{found['version']}.{ext}"


SCRIPT_ADDRESS = re.compile(r'(?P<quote>")(?P<address>/[^"]*' + re.escape(SUITES) + r'[^"]*)"')


def install_script_addresses(app: Dash, bundle: Path) -> None:
    """Register last: the sign-in gate and the path checks run first."""
    prefix = app.config.requests_pathname_prefix
    suites = prefix + SUITES
    chart = chart_address(bundle)
    link = f'<link rel="preload" href="{prefix}{chart}" as="script" data-chart-bundle>'
    app.index_string = app.index_string.replace("{%css%}", "{%css%}\n        " + link)

    index = app.interpolate_index

    def interpolate_index(**kwargs) -> str:
        page = index(**kwargs)
        return SCRIPT_ADDRESS.sub(lambda m: f'"{as_folder(m["address"])}"', page)

    app.interpolate_index = interpolate_index
    serve = app.server.view_functions[
        "/" + SUITES + "<string:package_name>/<path:fingerprinted_path>"
    ]
    if bundle.exists():
        served = {prefix + chart, prefix + PLOTLY_ADDRESS}
    else:
        logging.getLogger(__name__).warning("%s is missing (`make plotly`): full plotly.js", bundle)
        served = set()

    @app.server.before_request
    def versioned_scripts():
        if request.method not in ("GET", "HEAD") or not request.path.startswith(suites):
            return None
        if request.path in served:
            response = send_file(bundle, mimetype="application/javascript", conditional=True)
            if request.path == prefix + chart:
                response.cache_control.max_age = YEAR
            return response
        package, _, path = request.path.removeprefix(suites).partition("/")
        name = as_name(path)
        return None if name is None else serve(package_name=package, fingerprinted_path=name)


def chart_address(bundle: Path) -> str:
    """Where the page loads plotly.js from: the bundle under a name holding its digest, or
    Dash's own address when there is no bundle."""
    if not bundle.exists():
        return PLOTLY_ADDRESS
    digest = hashlib.sha256(bundle.read_bytes()).hexdigest()[:12]
    return f"{SUITES}plotly/package_data/plotly.{digest}.min.js"
