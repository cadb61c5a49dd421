"""Answers readers share (app/shared_answers.py): the same request in the same language on the
same store version is answered once per worker; a language, a store version or an editor gets
its own answer; nothing a guard refuses is ever handed out."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from dashboard.app import context, create_app
from dashboard.app.shared_answers import Answers

PAYLOADS = Path(__file__).resolve().parents[2] / "benchmarks" / "load" / "payloads"
MAP = next(  # the map's figure as a browser asks for it on opening /map
    row
    for row in json.loads((PAYLOADS / "map.json").read_text())
    if row["step"] == "open" and row["output"].startswith("map-graph.figure")
)


def post(client, row=MAP, **headers):
    return client.post(
        "/_dash-update-component", data=row["body"], headers={**row["headers"], **headers}
    )


@pytest.fixture
def app(shipped_store):
    return create_app(shipped_store)


def answers_of(app) -> Answers:
    return app.server.extensions["ocse_shared_answers"]


def test_the_second_reader_gets_the_first_readers_answer(app):
    first, second = app.server.test_client(), app.server.test_client()
    answer = post(first)
    assert answer.status_code == 200
    kept = answers_of(app)
    assert (kept.hits, len(kept)) == (0, 1)
    again = post(second)
    assert again.status_code == 200
    assert again.get_data() == answer.get_data()
    assert kept.hits == 1


def test_a_kept_answer_is_kept_compressed_for_each_way_a_browser_accepts(app):
    client = app.server.test_client()
    fresh = post(client, **{"Accept-Encoding": "br"})
    kept = post(client, **{"Accept-Encoding": "br"})
    assert answers_of(app).hits == 1
    gzip = post(client, **{"Accept-Encoding": "gzip"})
    assert gzip.headers["Content-Encoding"] == "gzip"
    assert answers_of(app).hits == 1
    assert fresh.headers["Content-Encoding"] == kept.headers["Content-Encoding"] == "br"
    assert fresh.get_data() == kept.get_data()
    assert kept.headers["Content-Security-Policy"] == fresh.headers["Content-Security-Policy"]


def test_each_language_gets_its_own_answer(app):
    client = app.server.test_client()
    english = post(client).get_data(as_text=True)
    german = post(client, **{"X-OCSE-Language": "de"}).get_data(as_text=True)
    assert answers_of(app).hits == 0
    # the hover of the Philippines' 2024 figure, written as each language writes numbers
    assert "2,740,905" in english and "2,740,905" not in german
    assert "2.740.905" in german


def test_a_new_store_version_is_answered_afresh(app, shipped_store):
    client = app.server.test_client()
    post(client)
    context.use_store(dataclasses.replace(shipped_store, content_hash="f" * 64))
    try:
        post(client)
        assert answers_of(app).hits == 0
        assert len(answers_of(app)) == 2
    finally:
        context.use_store(shipped_store)


def test_an_unmarked_callback_is_never_kept(app):
    client = app.server.test_client()
    body = {  # the site search: free text, not marked shared
        "output": "..site-search-results.children...site-search-results.hidden..",
        "outputs": [
            {"id": "site-search-results", "property": "children"},
            {"id": "site-search-results", "property": "hidden"},
        ],
        "inputs": [{"id": "site-search", "property": "value", "value": "ghana"}],
        "changedPropIds": ["site-search.value"],
    }
    for _ in range(2):
        assert client.post("/_dash-update-component", json=body).status_code == 200
    assert len(answers_of(app)) == 0


def test_the_setting_0_keeps_none(shipped_store, monkeypatch):
    monkeypatch.setenv("OCSE_SHARED_ANSWERS_MB", "0")
    app = create_app(shipped_store)
    client = app.server.test_client()
    assert post(client).get_data() == post(client).get_data()
    assert len(answers_of(app)) == 0


def test_the_least_recently_used_answer_goes_first():
    answers = Answers(limit=10)
    answers.put(("a",), b"aaaa")
    answers.put(("b",), b"bbbb")
    assert answers.get(("a",)) == (b"aaaa", None)  # a is now the most recent
    answers.put(("c",), b"cccc", "br")  # 12 bytes: b goes
    assert answers.get(("b",)) is None
    assert answers.get(("a",)) == (b"aaaa", None) and answers.get(("c",)) == (b"cccc", "br")
    answers.put(("d",), b"d" * 11)  # larger than the whole budget: not kept
    assert answers.get(("d",)) is None and answers.size == 8


def test_the_address_kept_in_step_with_the_controls_is_shared(app):
    address = next(  # the address bar's query as the map's controls first show it
        row
        for row in json.loads((PAYLOADS / "map.json").read_text())
        if row["step"] == "norm" and row["output"].startswith("url.search")
    )
    first = post(app.server.test_client(), address)
    again = post(app.server.test_client(), address)
    assert first.status_code == again.status_code == 200
    assert "norm=" in json.dumps(again.get_json())
    assert again.get_data() == first.get_data() and answers_of(app).hits == 1
