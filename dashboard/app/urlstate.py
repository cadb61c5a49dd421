"""A page's whole state lives in its URL query. Bad parameters fall back with a visible notice."""

from __future__ import annotations

from typing import Literal, TypeVar
from urllib.parse import parse_qsl, urlencode

from pydantic import BaseModel, ValidationError

from dashboard.analysis.rates import NORMALISATIONS

M = TypeVar("M", bound=BaseModel)
# The `norm` URL parameter: one of the normalisations the analysis layer knows.
Normalisation = Literal[tuple(NORMALISATIONS)]  # type: ignore[valid-type]


def parse_query(search: str | None) -> dict[str, str]:
    return dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=False))


def to_query(params: dict[str, object], defaults: BaseModel | None = None) -> str:
    """?a=1&b=2 with empty values and values equal to the defaults left out."""
    default = defaults.model_dump() if defaults is not None else {}
    kept = {}
    for key, value in params.items():
        if value in (None, "", []) or default.get(key) == value:
            continue
        kept[key] = ",".join(map(str, value)) if isinstance(value, list | tuple) else value
    return "?" + urlencode(kept) if kept else ""


def parse_state(model: type[M], raw: dict[str, str]) -> tuple[M, list[str]]:
    """Validate field by field, so one bad parameter does not discard the others."""
    notices, accepted = [], {}
    fields = model.model_fields
    for key, value in raw.items():
        if key not in fields:
            notices.append(f"Ignored unknown URL parameter '{key}'.")
            continue
        try:
            model.model_validate({key: value})
            accepted[key] = value
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"]
            notices.append(f"Ignored '{key}={value}' ({reason}); showing the default instead.")
    return model.model_validate(accepted), notices
