"""The brief as an editable Word document: real headings, tables, captions and links.

Headings use Word's "Title", "Heading 1" and "Heading 2" styles (so the navigation pane and a
table of contents work); tables are Word tables with a repeating header row; captions use the
"Caption" style with SEQ fields, as Word's own Insert Caption does; charts are pictures with
alt text. Nothing is a picture of a page.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from dashboard.exports.brief import (
    PRODUCT,
    Brief,
    Figure,
    Heading,
    Paragraph,
    Table,
    refs_text,
)
from dashboard.language import N_, _, date_text, speaking

TEXT_WIDTH = Cm(17.0)  # A4 less 2 cm margins
# a caption's label as shown; Word's SEQ field keeps the English name as its identifier
LABELS = {"Table": N_("Table"), "Figure": N_("Figure")}
GREY = RGBColor(0x55, 0x55, 0x55)


def _field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    """A Word field (SEQ, PAGE) with its current result, so it reads right before updating."""

    def run(*children) -> None:
        element = OxmlElement("w:r")
        element.extend(children)
        paragraph._p.append(element)

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    result = OxmlElement("w:t")
    result.text = shown
    run(char("begin"))
    run(code)
    run(char("separate"))
    run(result)
    run(char("end"))


def _caption(document, label: str, number: int, text: str) -> DocxParagraph:
    paragraph = document.add_paragraph(style="Caption")
    paragraph.add_run(f"{_(LABELS[label])} ")
    _field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
    paragraph.add_run(f". {text}")
    return paragraph


def _hyperlink(paragraph: DocxParagraph, url: str, text: str) -> None:
    relation = paragraph.part.relate_to(
        url,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0B5394")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([style, colour, underline])
    run.append(properties)
    content = OxmlElement("w:t")
    content.text = text
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    link.append(run)
    paragraph._p.append(link)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _widths(table: Table) -> list[int]:
    """At least 1.5 cm a column; the rest in proportion to the longest text (up to 40)."""
    weights = [
        min(max([len(title) // 2, *(len(row[i]) for row in table.rows)]), 40)
        for i, title in enumerate(table.columns)
    ]
    floor = Cm(1.5)
    spare = TEXT_WIDTH - floor * len(weights)
    return [int(floor + spare * w / sum(weights)) for w in weights]


def _table(document, table: Table, number: int) -> None:
    _caption(document, "Table", number, table.caption).paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, title in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    _repeat_header(grid.rows[0])
    empty = (_("No published value."), *[""] * (len(table.columns) - 1))
    for values in table.rows or [empty]:
        cells = grid.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    grid.autofit = False
    widths = _widths(table)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads; Word reads the cells'
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    document.add_paragraph()


def _figure(document, figure: Figure, number: int) -> None:
    document.add_picture(io.BytesIO(figure.png), width=TEXT_WIDTH)
    picture = document.paragraphs[-1]
    picture.paragraph_format.keep_with_next = True
    for properties in picture._p.xpath(".//wp:docPr"):
        properties.set("descr", figure.alt)
        properties.set("title", figure.caption[:120])
    _caption(document, "Figure", number, figure.caption + refs_text(figure.refs))


def _note(document, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.font.size = Pt(8.5)
    run.font.color.rgb = GREY


def _footer(document, brief: Brief) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    run = paragraph.add_run(
        _("{title} · {date} · store {hash} · page ").format(
            title=brief.title[:70], date=date_text(brief.generated), hash=brief.content_hash[:12]
        )
    )
    run.font.size = Pt(7.5)
    _field(paragraph, "PAGE", "1")


def brief_docx(brief: Brief) -> bytes:
    """The Word document, its own words in the language the brief was written in."""
    with speaking(brief.language):
        return _document(brief)


def _document(brief: Brief) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    document.styles["Normal"].font.size = Pt(10)
    properties = document.core_properties
    properties.title, properties.subject = brief.title, brief.subtitle
    properties.author, properties.keywords = PRODUCT, f"content hash {brief.content_hash}"
    properties.comments = _("Generated {date} by the {product}.").format(
        date=date_text(brief.generated), product=_(PRODUCT)
    )
    properties.language = brief.language
    document.add_heading(brief.title, level=0)
    document.add_paragraph(brief.subtitle, style="Subtitle")
    _note(document, brief.stamp())
    figures = tables = 0
    for part in brief.sections:
        document.add_heading(part.heading, level=1)
        for block in part.blocks:
            if isinstance(block, Heading):
                document.add_heading(block.text, level=2)
            elif isinstance(block, Table):
                tables += 1
                _table(document, block, tables)
            elif isinstance(block, Figure):
                figures += 1
                _figure(document, block, figures)
            elif isinstance(block, Paragraph) and block.kind == "note":
                _note(document, block.text + refs_text(block.refs))
            elif isinstance(block, Paragraph):
                document.add_paragraph(block.text + refs_text(block.refs))
    document.add_heading(_("Caveats"), level=1)
    for about, items in brief.caveats:
        document.add_heading(about, level=2)
        for item in items:
            document.add_paragraph(item, style="List Bullet")
    document.add_heading(_("Data gaps"), level=1)
    for line in brief.gaps:
        document.add_paragraph(line, style="List Bullet")
    document.add_heading(_("Sources"), level=1)
    for citation in brief.citations:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.8)
        paragraph.paragraph_format.first_line_indent = Cm(-0.8)
        text = citation.text
        if citation.url and citation.url in text:
            text = text.replace(citation.url, "").rstrip()
        paragraph.add_run(f"[{citation.number}]\t{text} ")
        if citation.url.startswith("http"):
            _hyperlink(paragraph, citation.url, citation.url)
    _footer(document, brief)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
