"""The shape of a callback request (`POST /_dash-update-component`), checked before Dash reads it.

Dash trusts the body: `null`, a list, an unknown output, too few inputs or a 100,000-deep list
each end in a traceback. Here the body must be what Dash's renderer sends for one of the app's
callbacks: a JSON object (no NaN or Infinity, nesting at most MAX_DEPTH deep) whose `output`
names a registered callback, whose `outputs`, `inputs` and `state` list that callback's
components and properties in order (`{id, property, value}`; a list of them for an ALL
wildcard), and whose `changedPropIds` name some of those inputs. Anything else is a
`ClientError` (400). The values themselves are the pages' to check (`PageState`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

from dash._utils import stringify_id

from dashboard.app.errors import ClientError

MAX_DEPTH = 24  # a body's own nesting is 4; clickData adds about 5
MAX_ITEMS = 500  # components matched by one ALL wildcard
MAX_ID_TEXT = 200  # a wildcard's value in a pattern-matching id
WILDCARDS = ("MATCH", "ALL", "ALLSMALLER")
KEYS = {"output", "outputs", "inputs", "state", "changedPropIds", "parsedChangedPropsIds"}


def parse_body(raw: bytes) -> object:
    """JSON without NaN, Infinity or numbers too large for a float; no deeper than MAX_DEPTH."""

    def refuse_constant(name: str) -> None:
        raise ValueError(name)

    def finite(text: str) -> float:
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(text)
        return number

    try:
        body = json.loads(raw, parse_constant=refuse_constant, parse_float=finite)
    except RecursionError:
        raise ClientError(f"The request is nested more than {MAX_DEPTH} levels deep.") from None
    except (ValueError, UnicodeDecodeError):
        raise ClientError("The request is not valid JSON (NaN and Infinity are refused).") from None
    if depth(body) > MAX_DEPTH:
        raise ClientError(f"The request is nested more than {MAX_DEPTH} levels deep.")
    return body


def depth(value: object) -> int:
    """How deeply lists and objects nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                break
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def declared_id(id_text: str) -> str | dict:
    """A callback's component id as `callback_map` keeps it: a plain id, or a JSON pattern
    whose wildcards read ["MATCH"], ["ALL"] or ["ALLSMALLER"]."""
    return json.loads(id_text) if id_text.startswith("{") else id_text


def wildcard(value: object) -> str | None:
    if isinstance(value, list) and len(value) == 1 and value[0] in WILDCARDS:
        return value[0]
    return None


def many(pattern: str | dict) -> bool:
    """Whether the renderer sends a list of components for this id (an ALL wildcard)."""
    return isinstance(pattern, dict) and any(
        wildcard(v) in ("ALL", "ALLSMALLER") for v in pattern.values()
    )


def plain_id_value(value: object) -> bool:
    if isinstance(value, bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str) and len(value) <= MAX_ID_TEXT


def check_id(sent: object, pattern: str | dict, matched: dict[str, object]) -> None:
    if isinstance(pattern, str):
        if sent != pattern:
            raise ClientError("A component in the request is not one this callback uses.")
        return
    if not isinstance(sent, dict) or set(sent) != set(pattern):
        raise ClientError("A component in the request is not one this callback uses.")
    for key, want in pattern.items():
        got, kind = sent[key], wildcard(want)
        if kind is None and got != want or kind is not None and not plain_id_value(got):
            raise ClientError("A component in the request is not one this callback uses.")
        if kind == "MATCH" and matched.setdefault(key, got) != got:
            raise ClientError("The request's MATCH wildcards disagree.")


def check_one(sent: object, spec: dict, matched: dict[str, object], has_value: bool) -> None:
    """One `{id, property[, value]}` against the callback's component and property."""
    allowed = {"id", "property", "value"} if has_value else {"id", "property"}
    if not isinstance(sent, dict) or "id" not in sent or not set(sent) <= allowed:
        raise ClientError("A component in the request is not {id, property, value}.")
    prop = sent.get("property")
    if not isinstance(prop, str) or prop.split("@")[0] != spec["property"].split("@")[0]:
        raise ClientError("A property in the request is not one this callback uses.")
    check_id(sent["id"], spec["pattern"], matched)


def check_list(
    name: str, sent: object, specs: list[dict], matched: dict[str, object], has_value: bool
) -> Iterator[dict]:
    """`sent` lists one entry per spec, in order; yields every component sent."""
    if not isinstance(sent, list) or len(sent) != len(specs):
        raise ClientError(f"The request's {name} do not match the callback's.")
    for entry, spec in zip(sent, specs, strict=True):
        if many(spec["pattern"]):
            if not isinstance(entry, list) or len(entry) > MAX_ITEMS:
                raise ClientError(f"The request's {name} do not match the callback's.")
            for item in entry:
                check_one(item, spec, matched, has_value)
                yield item
        else:
            check_one(entry, spec, matched, has_value)
            yield entry


def specs(entries: list[dict]) -> list[dict]:
    return [{"pattern": declared_id(e["id"]), "property": e["property"]} for e in entries]


def output_specs(callback: dict) -> list[dict]:
    outputs = callback["output"]
    listed = outputs if isinstance(outputs, list) else [outputs]
    return [
        {"pattern": declared_id(o.component_id_str()), "property": o.component_property}
        for o in listed
    ]


def check_callback_body(body: object, callback_map: dict[str, dict]) -> None:
    """Raise ClientError unless `body` is a request for one of `callback_map`'s callbacks."""
    if not isinstance(body, dict):
        raise ClientError("The request is not a JSON object.")
    if not set(body) <= KEYS:
        raise ClientError("The request has fields a callback request does not.")
    output = body.get("output")
    callback = callback_map.get(output) if isinstance(output, str) else None
    if callback is None or "callback" not in callback:  # clientside ones run in the browser
        raise ClientError("The request's output is not a known callback.")
    matched: dict[str, object] = {}
    declared_outputs = output_specs(callback)
    outputs = body.get("outputs")
    if output.startswith(".."):  # several outputs: the renderer sends a list
        list(check_list("outputs", outputs, declared_outputs, matched, has_value=False))
    elif many(declared_outputs[0]["pattern"]):
        list(check_list("outputs", [outputs], declared_outputs, matched, has_value=False))
    else:
        check_one(outputs, declared_outputs[0], matched, has_value=False)
    sent = list(check_list("inputs", body.get("inputs"), specs(callback["inputs"]), matched, True))
    state = body.get("state", [])
    list(check_list("state", state, specs(callback["state"]), matched, has_value=True))
    names = {f"{stringify_id(i['id'])}.{i['property']}" for i in sent}
    changed = body.get("changedPropIds", [])
    named = isinstance(changed, list) and all(isinstance(c, str) and c in names for c in changed)
    if not named:
        raise ClientError("The request's changedPropIds are not among its inputs.")
    if not isinstance(body.get("parsedChangedPropsIds", []), list):
        raise ClientError("The request's parsedChangedPropsIds are not a list.")
