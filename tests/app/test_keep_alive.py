"""Who closes an idle connection first: nginx holds one to the app for less time than the app
keeps it open, so nginx never sends a callback on a connection the app is closing (a POST that
gets no answer is not sent again). Read from the shipped nginx configuration and the worker."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.app.asgi import KEEP_ALIVE, Worker

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx-ocse.conf"


def seconds(setting: str, text: str) -> int:
    found = re.search(rf"^\s*{setting}\s+(\d+)s;", text, re.MULTILINE)
    assert found, f"{setting} is not set in {NGINX.name}"
    return int(found.group(1))


def test_nginx_lets_an_idle_app_connection_go_before_the_app_does():
    upstream = re.search(r"upstream ocse_app \{(.*?)\}", NGINX.read_text(), re.DOTALL)
    assert upstream, "no upstream block"
    assert seconds("keepalive_timeout", upstream.group(1)) < KEEP_ALIVE
    assert Worker.CONFIG_KWARGS["timeout_keep_alive"] == KEEP_ALIVE
    assert KEEP_ALIVE > 5  # longer than a load-test reader's longest pause between requests
