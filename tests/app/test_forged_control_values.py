"""A value no control would send (another type, out of range, junk) falls back to a default
through the page's state: the callback answers, never with a 500."""

from __future__ import annotations

import pytest

# pages whose callbacks read their controls through `PageState`
PREFIXES = ["emerging-", "mo-", "factors-", "gaps-"]
FORGED = [None, "", 5, -1.5, True, ["x"], {"a": 1}, "bogus", "²²²²", "1e9"]


@pytest.fixture(scope="module")
def app(shipped_store):
    from dashboard.app import create_app

    return create_app(shipped_store)


def page_callbacks(app, prefix: str) -> list[tuple[str, dict]]:
    """Callbacks that read only the page's own components."""
    return [
        (key, callback)
        for key, callback in app.callback_map.items()
        if all(
            isinstance(i["id"], str) and i["id"].startswith(prefix)
            for i in callback["inputs"] + callback["state"]
        )
    ]


def request(key: str, callback: dict, value: object) -> dict:
    """What the browser would post with every input and state of `callback` set to `value`."""
    outputs = callback["output"]
    listed = outputs if isinstance(outputs, list) else [outputs]
    spec = [{"id": o.component_id, "property": o.component_property} for o in listed]
    return {
        "output": key,
        "outputs": spec if isinstance(outputs, list) else spec[0],
        "inputs": [{**i, "value": value} for i in callback["inputs"]],
        "state": [{**s, "value": value} for s in callback["state"]],
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in callback["inputs"]],
    }


@pytest.mark.parametrize("prefix", PREFIXES)
def test_forged_control_values_fall_back(app, prefix):
    client = app.server.test_client()
    callbacks = page_callbacks(app, prefix)
    assert callbacks, f"no callbacks read {prefix}* controls"
    failures = []
    for key, callback in callbacks:
        for value in FORGED:
            response = client.post("/_dash-update-component", json=request(key, callback, value))
            if response.status_code not in (200, 204):
                failures.append(f"{key} with {value!r}: {response.status_code}")
    assert not failures, "\n".join(failures)
