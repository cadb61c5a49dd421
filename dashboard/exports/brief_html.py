"""The brief as one self-contained HTML file: inline CSS, images as data: URLs, no request.

The same file is printed to PDF (brief_pdf.py), so its print CSS sets the A4 page, keeps a
figure with its caption, and puts the subject, hash and page number in the page margin.
"""

from __future__ import annotations

import base64
import html
import re

from dashboard.exports.brief import (
    PRODUCT,
    Brief,
    Figure,
    Heading,
    Paragraph,
    Section,
    Table,
    refs_text,
)
from dashboard.language import _, date_text, speaking

STYLE = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d1d1d;
  max-width: 760px; margin: 2rem auto; padding: 0 1rem; font-size: 10.5pt; line-height: 1.45; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 .3rem; color: #0b3a5b; }
h2 { font-size: 14pt; margin: 1.6rem 0 .5rem; color: #0b3a5b;
  border-bottom: 1px solid #c9d6e2; padding-bottom: .15rem; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1.1rem 0 .4rem; break-after: avoid; }
.subtitle { font-size: 11.5pt; color: #333; margin: 0 0 .4rem; }
.stamp, .note { font-size: 8.5pt; color: #555; }
.stamp { border-left: 3px solid #c9d6e2; padding-left: .6rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .6rem; font-size: 9pt; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; caption-side: top; }
th, td { border: 1px solid #c9d6e2; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
tr { break-inside: avoid; }
figure { margin: .6rem 0 1rem; break-inside: avoid; }
figure img { width: 100%; height: auto; display: block; border: 1px solid #e3e3e3; }
figcaption { font-size: 9pt; color: #333; margin-top: .3rem; }
.label { font-weight: 600; }
ul { padding-left: 1.2rem; } li { margin: .15rem 0; }
ol.sources { padding-left: 2rem; font-size: 9pt; } ol.sources li { overflow-wrap: anywhere; }
a { color: #0b5394; }
table.keep { break-inside: avoid; }
@page { size: A4; margin: 16mm 16mm 18mm 16mm;
  @bottom-left { content: "__MARGIN__"; font: 7.5pt "DejaVu Sans", Arial, sans-serif;
    color: #666; }
  @bottom-right { content: __PAGE_OF__;
    font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #666; } }
@media print { body { max-width: none; margin: 0; padding: 0; } a { color: inherit; } }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _linked(text: str) -> str:
    """Escape a citation and make its URLs clickable links (no request until clicked)."""
    parts = re.split(r"(https?://\S+)", text)
    return "".join(
        f'<a href="{_e(p.rstrip(".,;)"))}">{_e(p)}</a>' if p.startswith("http") else _e(p)
        for p in parts
    )


KEEP_ROWS = 12  # a table this short is kept on one page with its caption


class _Numbers:
    """Figure and table numbers in document order, the same in every rendering."""

    def __init__(self) -> None:
        self.figure = 0
        self.table = 0


def _table(table: Table, numbers: _Numbers) -> str:
    numbers.table += 1
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in table.columns)
    body = (
        "".join(
            "<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
        )
        or f'<tr><td colspan="{len(table.columns)}">{_e(_("No published value."))}</td></tr>'
    )
    keep = ' class="keep"' if len(table.rows) <= KEEP_ROWS else ""
    return (
        f'<table id="{_e(table.key)}"{keep}><caption><span class="label">'
        f"{_e(_('Table {number}.').format(number=numbers.table))}"
        f"</span> {_e(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _figure(figure: Figure, numbers: _Numbers) -> str:
    numbers.figure += 1
    data = base64.b64encode(figure.png).decode("ascii")
    return (
        f'<figure id="figure-{_e(figure.key)}"><img alt="{_e(figure.alt)}" '
        f'width="{figure.width}" height="{figure.height}" src="data:image/png;base64,{data}">'
        f'<figcaption><span class="label">'
        f"{_e(_('Figure {number}.').format(number=numbers.figure))}</span> "
        f"{_e(figure.caption)}{_e(refs_text(figure.refs))}</figcaption></figure>"
    )


def _block(block, numbers: _Numbers) -> str:
    if isinstance(block, Heading):
        return f"<h3>{_e(block.text)}</h3>"
    if isinstance(block, Table):
        return _table(block, numbers)
    if isinstance(block, Figure):
        return _figure(block, numbers)
    if isinstance(block, Paragraph):
        css = ' class="note"' if block.kind == "note" else ""
        return f"<p{css}>{_e(block.text)}{_e(refs_text(block.refs))}</p>"
    raise TypeError(f"unknown block {block!r}")


def _section(section: Section, numbers: _Numbers) -> str:
    inner = "\n".join(_block(b, numbers) for b in section.blocks)
    return f"<section><h2>{_e(section.heading)}</h2>\n{inner}</section>"


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def page_of() -> str:
    """The CSS `content` of the page-number margin box: 'Page 2 of 5' as the reader says it."""
    words = _("Page {page} of {pages}")
    parts = re.split(r"(\{page\}|\{pages\})", words)
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    return " ".join(counters[p] if p in counters else f'"{_css_string(p)}"' for p in parts if p)


def brief_html(brief: Brief) -> str:
    """The HTML file, its own words in the language the brief was written in."""
    with speaking(brief.language):
        return _page(brief)


def _page(brief: Brief) -> str:
    numbers = _Numbers()
    sections = "\n".join(_section(s, numbers) for s in brief.sections)
    caveats = "".join(
        f"<h3>{_e(about)}</h3><ul>{''.join(f'<li>{_e(c)}</li>' for c in items)}</ul>"
        for about, items in brief.caveats
    )
    gaps = "".join(f"<li>{_e(line)}</li>" for line in brief.gaps)
    sources = "".join(
        f'<li value="{c.number}" id="source-{c.number}">{_linked(c.text)}</li>'
        for c in brief.citations
    )
    margin = _css_string(
        _("{title} · {date} · store {hash}").format(
            title=brief.title[:70], date=date_text(brief.generated), hash=brief.content_hash[:12]
        )
    )
    style = STYLE.replace("__MARGIN__", margin).replace("__PAGE_OF__", page_of())
    language = _e(brief.language)
    no_caveats = f"<p>{_e(_('No caveats recorded.'))}</p>"
    return f"""<!DOCTYPE html>
<html lang="{language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{_e(PRODUCT)}">
<meta name="ocse-content-hash" content="{_e(brief.content_hash)}">
<title>{_e(brief.title)}</title>
<style>{style}</style></head>
<body>
<header><h1>{_e(brief.title)}</h1><p class="subtitle">{_e(brief.subtitle)}</p>
<p class="stamp" id="stamp">{_e(brief.stamp())}</p></header>
<main>
{sections}
<section id="caveats"><h2>{_e(_("Caveats"))}</h2>{caveats or no_caveats}</section>
<section id="gaps"><h2>{_e(_("Data gaps"))}</h2><ul>{gaps}</ul></section>
<section id="sources"><h2>{_e(_("Sources"))}</h2><ol class="sources">{sources}</ol></section>
</main>
</body></html>
"""
