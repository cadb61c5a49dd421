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
from dash.fingerprint import build_fingerprint, cache_regex, check_fingerprint
from flask import request, send_file

from dashboard.app.compression import YEAR

SUITES = "_dash-component-suites/"
PLOTLY_ADDRESS = SUITES + "plotly/package_data/plotly.min.js"  # as dcc.Graph asks for it


def as_folder(address: str) -> str:
    """`…/dash/dcc/x.v4m1.min.js` -> `…/dash/~v4m1/dcc/x.min.js`; other addresses as they are
    (Dash's own `check_fingerprint` decides what is a version)."""
    head, _, rest = address.partition(SUITES)
    package, _, path = rest.partition("/")
    plain, versioned = check_fingerprint(path)
    if not rest or not versioned:
        return address
    version = path.rpartition("/")[2].split(".")[1]
    return f"{head}{SUITES}{package}/~{version}/{plain}"


def as_name(path: str) -> str | None:
    """The reverse, for the part after the package: `~v4m1/dcc/async-graph.js` ->
    `dcc/async-graph.v4m1.js` (Dash's `build_fingerprint`); None for a path not in that form."""
    version, _, inner = path.removeprefix("~").partition("/")
    if not path.startswith("~") or not cache_regex.match(version) or "." not in inner:
        return None
    if ".." in inner.split("/"):
        return None
    number, _, stamp = version[1:].rpartition("m")
    return build_fingerprint(inner, number, stamp)


SCRIPT_ADDRESS = re.compile(r'"(?P<address>/[^"]*' + re.escape(SUITES) + r'[^"]*)"')


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
    rule = "<string:package_name>/<path:fingerprinted_path>"  # Dash's own route for them
    serve = app.server.view_functions[app.config.routes_pathname_prefix + SUITES + rule]
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
