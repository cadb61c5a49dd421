"""Every request a client can forge gets a 2xx or a 4xx with a short message: never a 500, never
a traceback. Every server callback of the app is fuzzed with values no control would send, and
callback bodies of the wrong shape are refused before Dash reads them; the page still works
afterwards."""

from __future__ import annotations

import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app.callback_requests import (
    many,
    output_specs,
    specs,
    wildcard,
)

UPDATE = "/_dash-update-component"
CARDS = ["map", "country", "overview-reports", "overview-focus", "gaps-map", "mo-iwf"]
MARKUP = '<script>alert(1)</script><img src=x onerror="alert(2)">'
TEXTS = [
    "x" * 10_000,
    MARKUP,
    "../../../../etc/passwd",
    "a\r\nSet-Cookie: x=1",
    '=HYPERLINK("http://x")',
    "2021",
    "cybertipline_reports",
    "nope",
    "²²²²",
    "",
]
FORGED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(TEXTS),
    st.lists(st.integers() | st.text(max_size=5) | st.none(), max_size=4),
    st.dictionaries(st.text(max_size=6), st.integers() | st.text(max_size=6), max_size=3),
    st.sampled_from(
        [
            {"points": [{"customdata": ["GHA"], "location": "GHA"}]},
            {"points": [{"customdata": "x", "location": 5}]},
            {"points": "x"},
            {"key": "?indicator=nope&year=1800"},
            {"key": 5, "filename": "../../etc/passwd"},
            {"records": [{"a": '=HYPERLINK("http://x")'}], "columns": ["a"], "header": ["x\n=1"]},
            {"2021": "2021", "x": ""},
            [None, None],
        ]
    ),
)
# what a pattern-matching id's wildcard may be set to: known cards, unknown ones, junk
WILDCARD_VALUES = st.sampled_from([*CARDS, "bogus", "../x", MARKUP, 5, True])


@pytest.fixture(scope="module")
def app(shipped_store):
    from dashboard.app import create_app

    built = create_app(shipped_store)
    built.server.test_client().get("/")  # Dash's one-time set-up completes the callback map
    return built


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def server_callbacks(app) -> list[str]:
    return sorted(key for key, callback in app.callback_map.items() if "callback" in callback)


def concrete(pattern: str | dict, fill: object) -> str | dict:
    if isinstance(pattern, str):
        return pattern
    return {k: fill if wildcard(v) else v for k, v in pattern.items()}


def entry(spec: dict, fill: object, value: object = None, with_value: bool = True):
    """What the renderer sends for one component (a list of them for an ALL wildcard)."""

    def one(filled: object) -> dict:
        sent = {"id": concrete(spec["pattern"], filled), "property": spec["property"]}
        return {**sent, "value": value} if with_value else sent

    if many(spec["pattern"]):
        return [one(fmt) for fmt in ("docx", "html", "pdf", "zip")]
    return one(fill)


def prop_id(sent: dict) -> str:
    name = sent["id"]
    if isinstance(name, dict):
        name = json.dumps(name, sort_keys=True, separators=(",", ":"))
    return f"{name}.{sent['property']}"


def callback_body(app, key: str, values: list, fill: object) -> dict:
    """A request of the renderer's shape for callback `key`, its inputs then states set to
    `values`."""
    callback = app.callback_map[key]
    inputs, state = specs(callback["inputs"]), specs(callback["state"])
    outputs = [entry(s, fill, with_value=False) for s in output_specs(callback)]
    sent_inputs = [entry(s, fill, v) for s, v in zip(inputs, values, strict=False)]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": sent_inputs,
        "state": [entry(s, fill, v) for s, v in zip(state, values[len(inputs) :], strict=True)],
        "changedPropIds": [prop_id(i) for i in sent_inputs if isinstance(i, dict)],
    }


def assert_answered(response) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code < 500, (response.status_code, body[:300])
    assert "Traceback" not in body


def map_request(app, **values) -> dict:
    defaults = {"indicator": "cybertipline_reports", "year": 2021, "norm": "raw", "scale": "log"}
    key = next(k for k in app.callback_map if k.startswith("..map-graph.figure"))
    return callback_body(app, key, list({**defaults, **values}.values()), "map")


def assert_the_map_still_works(app, client) -> None:
    response = client.post(UPDATE, json=map_request(app))
    assert response.status_code == 200
    figure = response.get_json()["response"]["map-graph"]["figure"]
    assert figure["layout"]["title"]["text"].startswith("CyberTipline reports by country, 2021")


@settings(
    max_examples=160,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_callback_answers_forged_values_without_a_500(app, client, data):
    key = data.draw(st.sampled_from(server_callbacks(app)), label="callback")
    callback = app.callback_map[key]
    count = len(callback["inputs"]) + len(callback["state"])
    values = data.draw(st.lists(FORGED, min_size=count, max_size=count), label="values")
    fill = data.draw(WILDCARD_VALUES, label="wildcard")
    assert_answered(client.post(UPDATE, json=callback_body(app, key, values, fill)))


def test_every_callback_takes_null_everywhere(app, client):
    for key in server_callbacks(app):
        count = len(app.callback_map[key]["inputs"]) + len(app.callback_map[key]["state"])
        assert_answered(client.post(UPDATE, json=callback_body(app, key, [None] * count, "map")))
    assert_the_map_still_works(app, client)


def broken_bodies(app) -> dict[str, bytes]:
    good = map_request(app)
    too_few = {**good, "inputs": good["inputs"][:2]}
    unknown = {**good, "output": "no-such-component.children"}
    renamed = {**good, "inputs": [{**good["inputs"][0], "id": "other"}, *good["inputs"][1:]]}
    clientside = {**good, "output": '{"card":["MATCH"],"type":"png-btn"}.title'}
    extra = {**good, "evil": 1}
    changed = {**good, "changedPropIds": ["{not json.value"]}
    deep = b"[" * 100_000 + b"]" * 100_000
    return {
        "null": b"null",
        "list": b"[]",
        "empty object": b"{}",
        "invalid JSON": b'{"output": ',
        "NaN": json.dumps(good).replace("2021", "NaN").encode(),
        "Infinity": json.dumps(good).replace("2021", "-Infinity").encode(),
        "1e999": json.dumps(good).replace("2021", "1e999").encode(),
        "huge integer": json.dumps(good).replace("2021", "9" * 5000).encode(),
        "unknown output": json.dumps(unknown).encode(),
        "too few inputs": json.dumps(too_few).encode(),
        "another component": json.dumps(renamed).encode(),
        "clientside callback": json.dumps(clientside).encode(),
        "extra field": json.dumps(extra).encode(),
        "changedPropIds not an input": json.dumps(changed).encode(),
        "100k-deep nesting": deep,
        "deep value": json.dumps(
            map_request(app, year=[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]])
        ).encode(),
        "not UTF-8": b'{"output": "\xff"}',
    }


def test_broken_bodies_are_refused_with_a_short_400(app, client, caplog):
    for name, raw in broken_bodies(app).items():
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="dashboard.app"):
            response = client.post(UPDATE, data=raw, content_type="application/json")
        body = response.get_data(as_text=True)
        assert response.status_code == 400, (name, response.status_code, body[:300])
        assert len(body) < 120 and "Traceback" not in body, (name, body[:300])
        assert len(caplog.records) == 1 and caplog.records[0].exc_info is None, name
    text = client.post(UPDATE, data=b"x", content_type="text/plain")
    assert text.status_code == 400
    assert_the_map_still_works(app, client)


def test_a_non_string_url_is_refused(app, client):
    key = next(k for k in app.callback_map if k.startswith("..page.children"))
    for pathname, search in [(5, None), ("/map", ["x"]), ({"a": 1}, "")]:
        response = client.post(UPDATE, json=callback_body(app, key, [pathname, search, None], None))
        assert response.status_code == 400


def test_a_server_bug_is_a_500_with_its_traceback_in_the_log_only(app, client, caplog, monkeypatch):
    from dashboard.app.pages.map import callbacks

    def broken(state):
        raise KeyError("a bug of ours")

    monkeypatch.setattr(callbacks, "map_view", broken)
    app.server.extensions["ocse_shared_answers"].clear()  # the map as drawn before the bug
    with caplog.at_level(logging.ERROR, logger="dashboard.app"):
        response = client.post(UPDATE, json=map_request(app))
    assert response.status_code == 500
    assert response.get_data(as_text=True).strip() == "Internal server error."
    assert any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/dash/../../../../etc/passwd",
        "/_dash-component-suites/dash/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/_dash-component-suites/dash/./deps/../../../etc/passwd",
        "/_dash-component-suites/dash//etc/passwd",
        "/_dash-component-suites/dash/not-registered.js",
        "/_dash-component-suites/no_such_package/x.js",
        "/assets/../../../etc/passwd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/geo/..%2f..%2fsecurity.py",
        "/assets/geo\\..\\..\\security.py",
        "/assets//etc/passwd",
    ],
)
def test_paths_out_of_the_served_folders_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)
    assert "root:" not in response.get_data(as_text=True)


def test_the_app_files_are_still_served(client):
    index = client.get("/map").get_data(as_text=True)
    stylesheet = index.split('<link rel="stylesheet" href="')[1].split("?")[0]
    assert client.get(stylesheet).status_code == 200
    assert client.get("/assets/style.css").status_code == 404  # not the page in its place
    script = index.split('src="')[1].split('"')[0]  # the first of Dash's scripts
    assert script.startswith("/_dash-component-suites/")
    assert client.get(script).status_code == 200
