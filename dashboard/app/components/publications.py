"""Links to the publications figures were read from: every value on a page leads to one.

The overview's links carry rel="noopener noreferrer", the country profile's rel="noopener"
and the full citation as a tooltip; both are kept as they were.
"""

from __future__ import annotations

from dash import html

from dashboard.app import context
from dashboard.app.lookups import sources_by_id
from dashboard.wording.links import page_href


@context.per_store
def publications() -> dict[str, dict]:
    """The publications by id as plain dicts, for many quick look-ups (read-only)."""
    return sources_by_id().to_dict("index")


def publication_link(
    source_id: str,
    label: str | None = None,
    *,
    rel: str = "noopener",
    cited: bool = False,
    page: str | None = None,
) -> html.A | html.Span:
    """The publication's title (or `label`) linked in a new tab to the page the figure was read
    on (`page`, the row's source_url) or else to the publication, with its full citation as the
    link's tooltip when `cited`; an unknown id is shown as it is."""
    row = publications().get(source_id)
    if row is None:
        return html.Span(source_id)
    tooltip = {"title": row["citation"]} if cited else {}
    return html.A(
        label or row["title"],
        href=page_href(page, row["url"]),
        target="_blank",
        rel=rel,
        className="source-link",
        **tooltip,
    )


def source_link(source_id: str) -> html.Span:
    """'Publisher, Title (reliability, unless primary)', the title linked to the publication;
    unknown ids are shown as they are."""
    row = publications().get(source_id)
    if row is None:
        return html.Span(source_id)
    return html.Span(
        [
            f"{row['publisher']}, ",
            publication_link(source_id, rel="noopener noreferrer"),
            f" ({row['reliability'].replace('_', ' ')})" if row["reliability"] != "primary" else "",
        ]
    )


def sources_block(source_ids: list[str], inline_up_to: int = 3) -> html.Div:
    """Sources linked inline when few; behind a summary naming the publishers when many."""
    links = [source_link(s) for s in source_ids]
    if len(links) <= inline_up_to:
        return html.Div(["Source: ", *[p for link in links for p in (link, "; ")][:-1]])
    known = publications()
    publishers = sorted({known[s]["publisher"] for s in source_ids if s in known})
    return html.Details(
        [
            html.Summary(
                f"Sources: {len(links)} publications ({'; '.join(publishers)})",
                className="about-summary",
            ),
            html.Ul([html.Li(link) for link in links], className="source-list"),
        ]
    )
