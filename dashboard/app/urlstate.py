"""A page's whole state lives in its URL query, described once by a pydantic model.

`PageState` derives everything else from that model: reading the URL, reading the controls,
checking both against the store, saying each fallback aloud, the callback inputs, and keeping
the URL in step with the controls. A bad parameter or a forged control value falls back to the
default with a visible notice, never an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Literal, TypeVar
from urllib.parse import parse_qsl, urlencode

from dash import Dash, Input, Output, State
from pydantic import BaseModel, ValidationError

from dashboard.analysis.rates import NORMALISATIONS
from dashboard.app.shared_answers import shared
from dashboard.language import _

M = TypeVar("M", bound=BaseModel)
# The `norm` URL parameter: one of the normalisations the analysis layer knows.
Normalisation = Literal[tuple(NORMALISATIONS)]  # type: ignore[valid-type]
EMPTY = (None, "", [])
SITE_WIDE = {"lang"}  # parameters every page takes, read before the page's own (app/language.py)


def parse_query(search: str | None) -> dict[str, str]:
    return dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=False))


def to_query(params: dict[str, object], defaults: BaseModel | None = None) -> str:
    """?a=1&b=2 with empty values and values equal to the defaults left out; whole numbers
    without '.0'."""
    default = defaults.model_dump() if defaults is not None else {}
    kept = {}
    for key, value in params.items():
        if value in EMPTY or default.get(key) == value:
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        kept[key] = ",".join(map(str, value)) if isinstance(value, list | tuple) else value
    return "?" + urlencode(kept) if kept else ""


def parse_state(
    model: type[M], raw: dict[str, object], from_controls: bool = False
) -> tuple[M, list[str]]:
    """Validate field by field, so one bad parameter does not discard the others; the notices
    speak of URL parameters, or of values when `raw` comes from the controls."""
    notices, accepted = [], {}
    fields = model.model_fields
    for key, value in raw.items():
        if key in SITE_WIDE:
            continue
        if key not in fields:
            unknown = (
                _("Ignored unknown value '{key}'.")
                if from_controls
                else _("Ignored unknown URL parameter '{key}'.")
            )
            notices.append(unknown.format(key=key))
            continue
        try:
            model.model_validate({key: value})
            accepted[key] = value
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"]  # pydantic's own words (English)
            notices.append(
                _("Ignored '{key}={value}' ({reason}); showing the default instead.").format(
                    key=key, value=value, reason=reason
                )
            )
    return model.model_validate(accepted), notices


def no_check(state: M, *extra: object) -> tuple[M, list[str]]:
    return state, []


class PageState(Generic[M]):
    """The state of one page: `model`'s fields, each behind a control with the id
    `<prefix>-<field>` (underscores as dashes) and the property "value", unless `controls`
    names another; `check` applies what only the store knows, given the values of `extra`
    (dash States, such as the country a profile shows)."""

    def __init__(
        self,
        model: type[M],
        prefix: str,
        check: Callable[..., tuple[M, list[str]]] = no_check,
        controls: dict[str, tuple[str, str]] | None = None,
        extra: Sequence[State] = (),
    ):
        self.model = model
        self.check = check
        self.controls = {
            field: (f"{prefix}-{field.replace('_', '-')}", "value") for field in model.model_fields
        } | (controls or {})
        self.extra = list(extra)

    def inputs(self, *fields: str) -> list[Input]:
        """The controls as callback inputs, in the model's field order (or `fields`')."""
        return [Input(*self.controls[field]) for field in fields or self.controls]

    def from_query(self, query: dict[str, str], *extra: object) -> tuple[M, list[str]]:
        """The state a URL asks for, checked, with a notice for each fallback."""
        state, notices = parse_state(self.model, query)
        state, more = self.check(state, *extra)
        return state, notices + more

    def from_controls(
        self, values: Sequence[object], *extra: object, fields: Sequence[str] = ()
    ) -> tuple[M, list[str]]:
        """The state the controls (in `inputs(*fields)` order) show, checked; an empty control
        means the default."""
        names = fields or list(self.controls)
        raw = {name: value for name, value in zip(names, values, strict=True) if value not in EMPTY}
        state, notices = parse_state(self.model, raw, from_controls=True)
        state, more = self.check(state, *extra)
        return state, notices + more

    def query(self, state: M) -> str:
        return to_query(state.model_dump(), self.model())

    def register_url_sync(self, app: Dash) -> None:
        """Keep the address bar in step with the controls, so a copied link opens this view."""
        count = len(self.controls)

        @app.callback(
            Output("url", "search", allow_duplicate=True),
            *self.inputs(),
            *self.extra,
            # also as the page opens (drawn with the layout): the address then names the view
            # as the controls show it, fallbacks applied and defaults left out
            prevent_initial_call="initial_duplicate",
        )
        @shared  # the address follows from the controls and the store alone
        def sync_url(*values):
            state, _notices = self.from_controls(values[:count], *values[count:])
            return self.query(state)
