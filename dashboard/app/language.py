"""Which language each request is answered in, and the header's switcher.

The language is, in order: the page's own (the `X-OCSE-Language` header that assets/language.js
adds to every request a page makes), `?lang=` in the URL, the reader's last choice (a cookie),
the browser's Accept-Language, English. A page opened with `?lang=` remembers the choice, and
its address keeps `lang` as the reader moves on (assets/language.js), so a copied link opens
in the same language.
"""

from __future__ import annotations

from dash import Dash, html
from flask import Response, g, request

from dashboard.language import (
    DEFAULT,
    LANGUAGES,
    _,
    current,
    direction,
    native_name,
    reset,
    supported,
    use,
)

PARAMETER = "lang"  # in every page's URL, beside the page's own parameters
HEADER = "X-OCSE-Language"
COOKIE = "ocse_lang"
YEAR = 365 * 24 * 3600


def requested_language() -> str:
    """The language this request asks for (see the module's docstring)."""
    for asked in (
        request.headers.get(HEADER),
        request.args.get(PARAMETER),
        request.cookies.get(COOKIE),
    ):
        if found := supported(asked):
            return found
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT


def install_language(app: Dash) -> None:
    server = app.server

    @server.before_request
    def speak() -> None:
        g.language_token = use(requested_language())

    @server.teardown_request
    def stop_speaking(_exc: BaseException | None) -> None:
        token = g.pop("language_token", None)
        if token is not None:
            reset(token)

    @server.after_request
    def remember(response: Response) -> Response:
        chosen = supported(request.args.get(PARAMETER))
        if chosen and request.method == "GET" and request.cookies.get(COOKIE) != chosen:
            response.set_cookie(
                COOKIE,
                chosen,
                max_age=YEAR,
                samesite="Lax",
                httponly=True,
                secure=request.is_secure,
            )
        return response

    index = app.interpolate_index

    def interpolate_index(**kwargs) -> str:  # the page names its language and direction
        kwargs["title"] = _(kwargs.get("title", ""))
        page = index(**kwargs)
        tag = f'<html lang="{current()}" dir="{direction()}">'
        return page.replace('<html lang="en">', tag, 1)

    app.interpolate_index = interpolate_index


def language_links(names: bool = False) -> list[html.A]:
    """One link per language, named in its own language (shown, or its code shown and the name
    for screen readers); assets/language.js keeps the page's state (its URL parameters) when
    one is followed; without scripts the link opens the page."""
    return [
        html.A(
            native_name(code)
            if names
            else [code.upper(), html.Span(f" {native_name(code)}", className="visually-hidden")],
            href=f"?{PARAMETER}={code}",
            lang=code,
            hrefLang=code,
            className="language-link" + (" current" if code == current() else ""),
            **{"data-language": code, "aria-current": "true" if code == current() else "false"},
        )
        for code in LANGUAGES
    ]


def switcher() -> html.Nav:
    """The languages in the folded menu (narrow screens, or a header whose words do not fit)."""
    return html.Nav(
        language_links(), className="language-switcher", **{"aria-label": _("Language")}
    )


def language_menu() -> html.Details:
    """The languages beside the search box when the header is not folded: the current one's
    code, opening the list (style.css shows one or the other)."""
    return html.Details(
        [
            html.Summary(
                [
                    current().upper(),
                    html.Span(
                        f" {_('Language')}: {native_name(current())}", className="visually-hidden"
                    ),
                ],
                className="language-summary",
            ),
            html.Nav(
                language_links(names=True),
                className="language-list",
                **{"aria-label": _("Language")},
            ),
        ],
        className="language-menu",
    )
