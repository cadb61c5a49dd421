"""The load test's recorded callbacks (benchmarks/load/payloads) still fit the app: each one,
replayed in-process, gets the status the browser got. Stale payloads turn a load run into a
count of 400s; this fails first and names the file to re-record (`make load-payloads`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PAYLOADS = Path(__file__).resolve().parents[2] / "benchmarks" / "load" / "payloads"
RECORDED = [
    pytest.param(path.name, index, request, id=f"{path.stem}-{index}")
    for path in sorted(PAYLOADS.glob("*.json"))
    for index, request in enumerate(json.loads(path.read_text()))
]


@pytest.fixture(scope="module")
def client(shipped_store):
    from dashboard.app import create_app

    app = create_app(shipped_store)
    test_client = app.server.test_client()
    test_client.get("/")  # Dash's one-time set-up completes the callback map
    return test_client


def test_every_page_is_recorded():
    assert {p.stem for p in PAYLOADS.glob("*.json")} >= {
        "overview",
        "map",
        "country-PHL",
        "compare",
        "gaps",
        "emerging",
        "factors",
        "modus-operandi",
        "sources",
    }


@pytest.mark.parametrize(("file", "index", "request_"), RECORDED)
def test_recorded_callback_gets_its_recorded_status(client, file, index, request_):
    response = client.post(
        "/_dash-update-component", data=request_["body"], headers=request_["headers"]
    )
    assert response.status_code == request_["status"], (
        f"{file} #{index} ({request_['output']}): {response.status_code}, recorded "
        f"{request_['status']}; re-record with `make load-payloads`"
    )
