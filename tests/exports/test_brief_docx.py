"""The Word brief: real headings, a key-figures table equal to the store, numbered sources."""

from __future__ import annotations

import io
import re

import docx

from dashboard.analysis.series import indicator_series
from dashboard.exports.brief import render


def _document(data: bytes):
    return docx.Document(io.BytesIO(data))


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_headings_are_word_headings(phl_docx):
    document = _document(phl_docx)
    styles = {p.text: p.style.name for p in document.paragraphs if p.style.name != "Normal"}
    assert styles["Philippines: online child sexual exploitation in published statistics"] == (
        "Title"
    )
    for heading in ("Key figures", "In words", "Charts", "Caveats", "Data gaps", "Sources"):
        assert styles[heading] == "Heading 1", heading
    assert styles["Against its region and the world"] == "Heading 2"
    assert styles["CyberTipline reports by country (NCMEC)"] == "Heading 2"  # caveat group


def test_key_figures_equal_the_store(phl_docx, shipped_store):
    table = _document(phl_docx).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["Indicator", "Year", "Value"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    reports = rows["CyberTipline reports by country (NCMEC)"]
    store = indicator_series(shipped_store.observations, "cybertipline_reports", ["PHL"])
    value = store.loc[store["year"] == 2023, "value"].iloc[0]
    assert reports[1] == "2023"
    assert reports[2] == f"{value:,.0f} reports" == "2,740,905 reports"
    assert reports[3] == "+6.4% on 2022"
    assert reports[4] == "2nd of 243 countries"
    referrals = rows["CyberTipline referrals by country (2024) (NCMEC)"]
    assert referrals[2].startswith("1,364,464 reports") and "series break" in referrals[2]


def test_every_reference_has_a_numbered_source(phl_docx, phl_brief):
    document = _document(phl_docx)
    text = _text(document) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Sources")
    listed = [p for p in paragraphs[start + 1 :] if re.match(r"\[\d+\]", p)]
    assert len(listed) == len(phl_brief.citations) >= 5
    assert listed[0].startswith("[1]\tNational Center for Missing & Exploited Children")
    assert "https://www.missingkids.org/cybertiplinedata" in listed[0]
    used = {int(n) for group in re.findall(r"\[([\d, ]+)\]", text) for n in group.split(",")}
    assert used == set(range(1, len(listed) + 1))


def test_figures_captions_stamp_and_sentences(phl_docx, phl_brief, shipped_store):
    document = _document(phl_docx)
    assert len(document.inline_shapes) == len(phl_brief.figures()) >= 3
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Figure 1. CyberTipline reports by country, 2023" in captions[2]
    assert captions[0] == "Table 1. Key figures"
    text = _text(document)
    assert shipped_store.content_hash in text
    assert "Generated June 30, 2025" in text
    assert "NCMEC received 2,740,905 CyberTipline reports geolocated to the Philippines" in text
    assert "not prevalence" in text
    assert document.core_properties.keywords == f"content hash {shipped_store.content_hash}"


def test_theme_brief_docx(ncmec_brief, shipped_store):
    document = _document(render(ncmec_brief, "docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Key figures", "In words", "Charts", "Caveats", "Data gaps", "Sources"]
    key = {
        (r.cells[0].text, r.cells[1].text): [c.text for c in r.cells]
        for r in document.tables[0].rows[1:]
    }
    world_2025 = key[("CyberTipline reports, world", "2025")]
    assert world_2025[2] == "21,351,493 (unverified transcription)"
    assert world_2025[3].startswith("+4.1% on 2024 (series break in 2024")
    world_2023 = key[("CyberTipline reports, world", "2023")]
    world_2024 = key[("CyberTipline reports, world", "2024")]
    world = indicator_series(shipped_store.observations, "cybertipline_reports", ["WLD"])
    assert world_2023[2] == f"{world.set_index('year').loc[2023, 'value']:,.0f}" == "36,210,368"
    assert world_2023[3] == "+12.9% on 2022 (last comparable change)"
    assert world_2024[3].startswith("Series break in 2024")
    top = document.tables[1]
    assert [c.text for c in top.rows[1].cells][:2] == ["1", "India (IND)"]
    assert len(document.inline_shapes) == 5
